/**
 * The SQLite checkpointer thread (docs/decisions/0700-mixed-load-stalls.md).
 *
 * In WAL mode SQLite copies the log back into the database file (a checkpoint: the pages written,
 * then an fsync of the file) inside the COMMIT that takes the WAL past wal_autocheckpoint pages
 * (1,000 by default). A save writes about a dozen pages (its 34 kB of JSON and its audit event), so
 * under 100 autosaves a second every second commit or so paid for a checkpoint: on the event
 * loop's connection that stopped every request of the process, on the writer thread every save
 * queued behind it. Here a worker thread with its own connection runs a PASSIVE checkpoint every
 * CHECKPOINT_INTERVAL_MS, beside the requests, never holding the write lock (a passive checkpoint
 * copies what no reader still needs and waits for nobody). The committing connections' own
 * autocheckpoint is raised to BACKSTOP_AUTOCHECKPOINT pages: a commit there only finishes the
 * little the last passive checkpoint left, so the WAL still starts over from its beginning, and
 * does all of it if this thread fell behind. Durability is the same: a checkpoint copies what is
 * already committed in the WAL.
 */
import 'server-only'
import { Worker } from 'node:worker_threads'
import { libsqlPath } from '@/lib/sqlite-writer'

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { performance } = require('node:perf_hooks')
const Database = require(workerData.libsql)
const db = new Database(workerData.path)
db.prepare('PRAGMA busy_timeout = 0').all()
db.exec('PRAGMA synchronous = FULL')
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
const timer = setInterval(() => {
  const started = performance.now()
  let frames = 0
  try {
    const row = checkpoint.get()
    frames = row ? Number(row.log) : 0
  } catch {
    // Another process's checkpointer is running (SQLITE_BUSY): its turn.
    return
  }
  parentPort.postMessage({ ms: performance.now() - started, frames })
}, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m.close) {
    clearInterval(timer)
    db.close()
    parentPort.close()
  }
})
`

/** How often the checkpointer thread copies the WAL into the database. */
export const CHECKPOINT_INTERVAL_MS = 500

/** WAL pages after which a committing connection checkpoints itself (SQLite's default is 1,000). */
export const BACKSTOP_AUTOCHECKPOINT = 10_000

/** For scripts/stall-monitor.mjs (present only when it runs): the checkpoints of each second. */
function countCheckpoint(ms: number, frames: number) {
  const counters = (globalThis as Record<symbol, Record<string, number> | undefined>)[
    Symbol.for('nianbao.stall-counters')
  ]
  if (!counters) return
  counters.checkpoints = (counters.checkpoints ?? 0) + 1
  counters.checkpointMs = (counters.checkpointMs ?? 0) + ms
  counters.checkpointMax = Math.max(counters.checkpointMax ?? 0, ms)
  counters.walFrames = Math.max(counters.walFrames ?? 0, frames)
}

export class SqliteCheckpointer {
  private worker: Worker | null = null

  constructor(private readonly file: string) {}

  /** Starts the thread (once). It never keeps a process alive by itself. */
  start(): void {
    if (this.worker) return
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { libsql: libsqlPath(), path: this.file, intervalMs: CHECKPOINT_INTERVAL_MS },
    })
    worker.unref()
    worker.on('message', ({ ms, frames }: { ms: number; frames: number }) => countCheckpoint(ms, frames))
    // A failing thread leaves the checkpoints to the commits' backstop.
    worker.on('error', (error) => console.error('SQLite checkpointer thread:', error))
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null
    })
    this.worker = worker
  }

  /** Ends the thread, closing its connection. */
  async close(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    this.worker = null
    // Unref'd while it runs: held until its connection is closed.
    worker.ref()
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage({ close: true })
    await ended
  }
}
