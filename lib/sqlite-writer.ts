/**
 * The SQLite writer thread (docs/decisions/0640-sqlite-writer-thread.md).
 *
 * libsql runs every statement synchronously on the thread that calls it, COMMIT's fsync
 * included (synchronous=FULL: several milliseconds, far more on a busy disk). On the main thread
 * that stopped the server process's whole event loop for every save: public readers and other
 * saves waited for each fsync. Here a worker thread with its own connection to the same file
 * runs the saves' writes; the main thread only posts the statements and awaits the answer, so
 * it serves other requests meanwhile. A save is answered only after its COMMIT returned: as
 * durable as before.
 *
 * Group commit: writes that arrive while the thread is busy (with the previous group's fsync)
 * run together in one transaction, one COMMIT and one fsync, each inside its own SAVEPOINT so a
 * failing write is undone alone and the others still commit. The thread takes the write lock
 * with BEGIN IMMEDIATE, retried every millisecond while another process holds it (SQLite's own
 * busy handler sleeps up to 100 ms between tries), for at most SQLITE_BUSY_TIMEOUT_MS.
 *
 * The thread's code is plain CommonJS evaluated from a string: it needs no build step and runs
 * the same under Next, tsx and vitest.
 */
import 'server-only'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

export type WriterValue = string | number | null

export interface WriterStatement {
  sql: string
  args: WriterValue[]
}

/**
 * `write` first; when it changed a row, `after` in order, else `otherwise`'s rows are the answer.
 * All of it or nothing, committed before the answer.
 */
export interface ConditionalWrite {
  write: WriterStatement
  after: WriterStatement[]
  otherwise: WriterStatement
}

export type ConditionalOutcome = { written: true } | { written: false; rows: Record<string, unknown>[] }

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

interface Reply {
  id: number
  value?: unknown
  error?: { message: string; code?: string; rawCode?: number }
}

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.libsql)
const db = new Database(workerData.path)
db.prepare('PRAGMA busy_timeout = 0').all()
db.exec('PRAGMA synchronous = FULL')
// With a checkpointer thread (lib/sqlite-checkpointer.ts) a commit here only finishes the little
// it has not copied yet, when the WAL is long.
if (workerData.autocheckpoint !== null) db.prepare('PRAGMA wal_autocheckpoint = ' + workerData.autocheckpoint).all()
const statements = new Map()
const prepared = (sql) => {
  let statement = statements.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    if (statements.size >= 200) statements.delete(statements.keys().next().value)
    statements.set(sql, statement)
  }
  return statement
}
const run = (s) => prepared(s.sql).run(s.args)
const rows = (s) => prepared(s.sql).all(s.args)
const isBusy = (e) => e && (e.code === 'SQLITE_BUSY' || e.rawCode === 5 || /database is locked/i.test(String(e.message)))
const pause = new Int32Array(new SharedArrayBuffer(4))
const { performance } = require('node:perf_hooks')
/** What the groups cost since the last answer: sent with it, for the stall monitor. */
let stats = { commits: 0, commitMs: 0, commitMax: 0, groupMs: 0, groupMax: 0, lockWaitMax: 0 }

function begin() {
  const deadline = Date.now() + workerData.busyTimeoutMs
  const waiting = performance.now()
  for (;;) {
    try {
      db.exec('BEGIN IMMEDIATE')
      const ms = performance.now() - waiting
      if (ms > stats.lockWaitMax) stats.lockWaitMax = ms
      return
    } catch (e) {
      if (!isBusy(e) || Date.now() >= deadline) throw e
      Atomics.wait(pause, 0, 0, 1)
    }
  }
}

const failure = (e) => ({ message: String((e && e.message) || e), code: e && e.code, rawCode: e && e.rawCode })

function conditional(w) {
  // A plain write (a session's last-seen time): its count of changed rows.
  if (w.otherwise === undefined) return run(w.write).changes
  if (run(w.write).changes === 0) return { written: false, rows: rows(w.otherwise) }
  for (const s of w.after) run(s)
  return { written: true }
}

// One transaction for the group. A write that fails is rolled back to its savepoint; when SQLite
// rolled back the whole transaction itself (SQLITE_FULL, an I/O error), the writes before it are
// lost too and run again in a new transaction without the failed one.
function group(writes) {
  const replies = []
  let rest = writes
  while (rest.length) {
    const done = []
    let failedAt = -1
    try {
      begin()
    } catch (e) {
      for (const w of rest) replies.push({ id: w.id, error: failure(e) })
      return replies
    }
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i]
      try {
        db.exec('SAVEPOINT w')
        const value = conditional(w)
        db.exec('RELEASE w')
        done.push({ id: w.id, value })
      } catch (e) {
        if (db.inTransaction) {
          try {
            db.exec('ROLLBACK TO w')
            db.exec('RELEASE w')
          } catch {}
        }
        replies.push({ id: w.id, error: failure(e) })
        if (!db.inTransaction) {
          failedAt = i
          break
        }
      }
    }
    if (failedAt >= 0) {
      rest = rest.filter((w, i) => i !== failedAt && !replies.some((r) => r.id === w.id))
      continue
    }
    try {
      const committing = performance.now()
      db.exec('COMMIT')
      // COMMIT's wall time: the WAL's fsync, and a checkpoint when this commit started one.
      stats.commits++
      const ms = performance.now() - committing
      stats.commitMs += ms
      if (ms > stats.commitMax) stats.commitMax = ms
      replies.push(...done)
    } catch (e) {
      try {
        if (db.inTransaction) db.exec('ROLLBACK')
      } catch {}
      for (const d of done) replies.push({ id: d.id, error: failure(e) })
    }
    rest = []
  }
  return replies
}

let queue = []
let scheduled = false
let closing = false

function flush() {
  scheduled = false
  const flushing = performance.now()
  const batch = queue
  queue = []
  const replies = []
  const writes = []
  for (const m of batch) {
    if (m.exec !== undefined) {
      // Settings of this connection (the disk-full test's max_page_count), in order of arrival.
      replies.push(...group(writes.splice(0)))
      try {
        replies.push({ id: m.id, value: rows({ sql: m.exec, args: [] }) })
      } catch (e) {
        replies.push({ id: m.id, error: failure(e) })
      }
    } else writes.push(m)
  }
  replies.push(...group(writes))
  const ms = performance.now() - flushing
  stats.groupMs += ms
  if (ms > stats.groupMax) stats.groupMax = ms
  parentPort.postMessage({ replies, stats })
  stats = { commits: 0, commitMs: 0, commitMax: 0, groupMs: 0, groupMax: 0, lockWaitMax: 0 }
  if (closing && queue.length === 0) {
    db.close()
    parentPort.close()
  }
}

parentPort.on('message', (m) => {
  if (m.close) {
    closing = true
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
    return
  }
  queue.push(m)
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
})
`

/** The file a `file:` URL names (as @libsql/client reads it), or null for an in-memory database. */
export function sqliteFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null
  let rest = url.slice('file:'.length)
  const query = rest.indexOf('?')
  if (query >= 0) {
    if (/(^|&)mode=memory(&|$)/.test(rest.slice(query + 1))) return null
    rest = rest.slice(0, query)
  }
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/^localhost/i, '')
  const file = decodeURIComponent(rest)
  if (file === '' || file === ':memory:') return null
  return file
}

interface WriterStats {
  commits: number
  commitMs: number
  commitMax: number
  groupMs: number
  groupMax: number
  lockWaitMax: number
}

/**
 * The counters scripts/stall-monitor.mjs prints each second (present only when it runs): the
 * writer's COMMITs (count, summed and longest wall time: the fsync, or a checkpoint it started),
 * and its groups' wall time from the first statement to the answer.
 */
function countWriterStats(stats: WriterStats) {
  const counters = (globalThis as Record<symbol, Record<string, number> | undefined>)[
    Symbol.for('nianbao.stall-counters')
  ]
  if (!counters) return
  counters.writerCommits = (counters.writerCommits ?? 0) + stats.commits
  counters.writerCommitMs = (counters.writerCommitMs ?? 0) + stats.commitMs
  counters.writerCommitMax = Math.max(counters.writerCommitMax ?? 0, stats.commitMax)
  counters.writerGroupMax = Math.max(counters.writerGroupMax ?? 0, stats.groupMax)
  counters.writerLockWaitMax = Math.max(counters.writerLockWaitMax ?? 0, stats.lockWaitMax)
}

/** libsql as this module finds it (its checkout's node_modules), else from the working directory. */
export function libsqlPath(): string {
  const from: string[] = []
  try {
    from.push(import.meta.url)
  } catch {
    // import.meta.url is not a file: URL inside some bundles; the working directory is next.
  }
  from.push(path.join(process.cwd(), 'package.json'))
  for (const base of from) {
    try {
      return createRequire(base).resolve('libsql')
    } catch {
      // not found from there
    }
  }
  return 'libsql'
}

export class SqliteWriter {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  /** How many writes each group committed together, for the bench's figures. */
  readonly groups = { count: 0, writes: 0 }
  /** The thread failed before it ever answered (libsql not loadable there): write elsewhere. */
  broken = false

  /**
   * `autocheckpoint`: the WAL pages after which this thread's commit checkpoints (null: SQLite's
   * 1,000); raised when a checkpointer thread (lib/sqlite-checkpointer.ts) does that work.
   */
  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    private readonly autocheckpoint: number | null = null,
  ) {}

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        libsql: libsqlPath(),
        path: this.file,
        busyTimeoutMs: this.busyTimeoutMs,
        autocheckpoint: this.autocheckpoint,
      },
    })
    // Only an awaited write keeps the process alive (a script ends when its work is done).
    worker.unref()
    worker.on('message', ({ replies, stats }: { replies: Reply[]; stats: WriterStats }) => {
      countWriterStats(stats)
      let writes = 0
      for (const reply of replies) {
        const waiting = this.pending.get(reply.id)
        if (!waiting) continue
        this.pending.delete(reply.id)
        writes++
        if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error))
        else waiting.resolve(reply.value)
      }
      this.groups.count++
      this.groups.writes += writes
      // A closing thread stays held until it ends (close() awaits its exit).
      if (this.pending.size === 0 && this.worker === worker) worker.unref()
    })
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id)
        waiting.reject(error)
      }
    }
    worker.on('error', (error) => {
      if (this.groups.count === 0) this.broken = true
      lost(error)
    })
    worker.on('exit', () => lost(new Error('the SQLite writer thread ended')))
    this.worker = worker
    return worker
  }

  private ask<T>(message: object): Promise<T> {
    const worker = this.started()
    const id = this.nextId++
    if (this.pending.size === 0) worker.ref()
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ id, ...message })
    })
  }

  /** Runs the write in the writer thread; resolves once it is committed. */
  write(write: ConditionalWrite): Promise<ConditionalOutcome> {
    return this.ask<ConditionalOutcome>(write)
  }

  /**
   * One plain write (no answer but its count of changed rows) in the writer's next group, so that
   * the main thread never waits for the write lock nor an fsync (a session's last-seen time).
   */
  run(statement: WriterStatement): Promise<number> {
    return this.ask<number>({ write: statement, after: [] })
  }

  /** One statement on the writer's own connection, outside any transaction (a PRAGMA). */
  exec(statement: string): Promise<Record<string, unknown>[]> {
    return this.ask<Record<string, unknown>[]>({ exec: statement })
  }

  /** Ends the thread after the writes it has (their answers still come), closing its connection. */
  async close(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    this.worker = null
    worker.ref()
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage({ close: true })
    await exited
  }
}
