/**
 * Where SQLite makes autosaves wait beside readers (decision 0700), without Next and HTTP: two
 * processes (as NIANBAO_WORKERS=2) each write a load-test-sized report row (34 kB of JSON, with
 * its audit event) SAVES_PER_S / 2 times a second at a fixed rate, and read a row for a public
 * reader READS_PER_S / 2 times a second, on one database file, for SECONDS. Three ways to write:
 *
 *   main        on the event loop's own connection (the default since decision 0700): COMMIT's
 *               fsync, a checkpoint and the wait for the other process's lock hold the event loop
 *   main+checkpoint  the same, the WAL checkpointed by the checkpointer thread (decision 0700)
 *   writer      on the writer thread (decision 0640), checkpoints inside its commits
 *   checkpoint  on the writer thread, the WAL checkpointed by the checkpointer thread (0700)
 *
 * Prints, per way and process: the writes' latency (posted → committed), the event loop's delay
 * (monitorEventLoopDelay) and the reads' latency, the main thread's CPU per write, and the
 * longest COMMIT / checkpoint the threads timed. Run back to back, so the machine is the same.
 *
 *   npx tsx --conditions=react-server bench/sqlite-stalls.ts [--seconds 10] [--ways main,writer,checkpoint]
 */
import { fork } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import Database from 'libsql'
import { BACKSTOP_AUTOCHECKPOINT, SqliteCheckpointer } from '@/lib/sqlite-checkpointer'
import { SqliteWriter } from '@/lib/sqlite-writer'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
const SECONDS = Number(arg('seconds', '10'))
const SAVES_PER_S = Number(arg('saves', '100'))
const READS_PER_S = Number(arg('reads', '200'))
const ROWS = 100
const WAYS = arg('ways', 'main,main+checkpoint,writer,checkpoint').split(',') as Way[]
type Way = 'main' | 'main+checkpoint' | 'writer' | 'checkpoint'

const CONTENT = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'zhangdian-gov-2021.json'), 'utf8')

interface Figures {
  pid: number
  writes: number
  writeP50: number
  writeP99: number
  writeMax: number
  readP99: number
  readMax: number
  loopP99: number
  loopMax: number
  cpuPerWriteMs: number
  processCpuPerWriteMs: number
  commitMax: number
  groupMax: number
  lockWaitMax: number
  checkpointMax: number
  checkpoints: number
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

/** CPU of this process's main thread (user + system), ms. */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

function prepare(file: string) {
  const db = new Database(file)
  db.prepare('PRAGMA journal_mode = WAL').all()
  db.exec('CREATE TABLE r (id TEXT PRIMARY KEY, version INTEGER NOT NULL, content TEXT NOT NULL)')
  db.exec('CREATE TABLE e (id INTEGER PRIMARY KEY, r TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO r VALUES (?, 0, ?)')
  db.exec('BEGIN')
  for (let i = 0; i < ROWS; i++) insert.run([`r${i}`, CONTENT])
  db.exec('COMMIT')
  db.close()
}

/** One process's share of the load, one way; its figures. */
async function play(file: string, way: Way, part: number): Promise<Figures> {
  const db = new Database(file)
  db.prepare('PRAGMA busy_timeout = 5000').all()
  db.exec('PRAGMA synchronous = FULL')
  const checkpoints = way === 'checkpoint' || way === 'main+checkpoint'
  if (checkpoints) db.prepare(`PRAGMA wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT}`).all()
  const writer =
    way === 'writer' || way === 'checkpoint'
      ? new SqliteWriter(file, 5000, checkpoints ? BACKSTOP_AUTOCHECKPOINT : null)
      : null
  const checkpointer = new SqliteCheckpointer(file)
  if (checkpoints) checkpointer.start()
  const counters: Record<string, number> = {}
  ;(globalThis as Record<symbol, unknown>)[Symbol.for('nianbao.stall-counters')] = counters
  const read = db.prepare('SELECT content FROM r WHERE id = ?')
  const update = 'UPDATE r SET version = version + 1, content = ? WHERE id = ?'
  const event = 'INSERT INTO e (r, at, data) VALUES (?, ?, ?)'
  const writeMs: number[] = []
  const readMs: number[] = []
  let commitMax = 0
  const pending: Promise<void>[] = []
  const save = (n: number) => {
    const id = `r${(n * 2 + part) % ROWS}`
    const content = CONTENT.replace('"version"', `"version${n}"`)
    const started = performance.now()
    if (!writer) {
      db.exec('BEGIN IMMEDIATE')
      db.prepare(update).run([content, id])
      db.prepare(event).run([id, new Date().toISOString(), '{"cells":1}'])
      const committing = performance.now()
      db.exec('COMMIT')
      commitMax = Math.max(commitMax, performance.now() - committing)
      writeMs.push(performance.now() - started)
      return
    }
    pending.push(
      writer
        .write({
          write: { sql: update, args: [content, id] },
          after: [{ sql: event, args: [id, new Date().toISOString(), '{"cells":1}'] }],
          otherwise: { sql: 'SELECT version FROM r WHERE id = ?', args: [id] },
        })
        .then(() => {
          writeMs.push(performance.now() - started)
        }),
    )
  }
  // Started before the clock: a thread's start (a second or more on a busy machine) is not a save's wait.
  if (writer) {
    await writer.run({ sql: 'UPDATE r SET version = version WHERE id = ?', args: ['r0'] })
    for (const key of Object.keys(counters)) counters[key] = 0
  }
  const loop = monitorEventLoopDelay({ resolution: 2 })
  loop.enable()
  const cpuBefore = mainThreadCpuMs()
  const processBefore = process.cpuUsage()
  const start = performance.now()
  const end = start + SECONDS * 1000
  const saveEvery = 2000 / SAVES_PER_S
  const readEvery = 2000 / READS_PER_S
  let saves = 0
  let reads = 0
  // Open loops: each save and read leaves when due, whatever the ones before it did.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      while (start + saves * saveEvery <= now && now < end) save(saves++)
      while (start + reads * readEvery <= now && now < end) {
        const t = performance.now()
        read.get([`r${reads++ % ROWS}`])
        readMs.push(performance.now() - t)
      }
      if (now >= end) resolve()
      else setTimeout(tick, 1)
    }
    tick()
  })
  await Promise.all(pending)
  const cpu = mainThreadCpuMs() - cpuBefore
  const all = process.cpuUsage(processBefore)
  loop.disable()
  await writer?.close()
  await checkpointer.close()
  db.close()
  return {
    pid: process.pid,
    writes: writeMs.length,
    writeP50: percentile(writeMs, 50),
    writeP99: percentile(writeMs, 99),
    writeMax: Math.max(...writeMs),
    readP99: percentile(readMs, 99),
    readMax: Math.max(...readMs),
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    cpuPerWriteMs: cpu / writeMs.length,
    // Every thread of the process: the writer's and the checkpointer's too.
    processCpuPerWriteMs: (all.user + all.system) / 1000 / writeMs.length,
    commitMax: Math.max(commitMax, counters.writerCommitMax ?? 0),
    groupMax: counters.writerGroupMax ?? 0,
    lockWaitMax: counters.writerLockWaitMax ?? 0,
    checkpointMax: counters.checkpointMax ?? 0,
    checkpoints: counters.checkpoints ?? 0,
  }
}

async function main() {
  if (process.env.SQLITE_STALLS_CHILD) {
    const { file, way } = JSON.parse(process.env.SQLITE_STALLS_CHILD) as { file: string; way: Way }
    process.send?.(await play(file, way, 1))
    return
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.log(
    `sqlite-stalls: 2 processes, ${SAVES_PER_S} saves/s and ${READS_PER_S} reads/s in all, ${SECONDS} s a way; load ${load}`,
  )
  for (const way of WAYS) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sqlite-stalls-'))
    const file = path.join(dir, 'bench.db')
    prepare(file)
    const child = fork(__filename, process.argv.slice(2), {
      env: { ...process.env, SQLITE_STALLS_CHILD: JSON.stringify({ file, way }) },
      execArgv: process.execArgv,
    })
    const theirs = new Promise<Figures>((resolve) => child.once('message', (m) => resolve(m as Figures)))
    const [ours, other] = await Promise.all([play(file, way, 0), theirs])
    rmSync(dir, { recursive: true, force: true })
    for (const f of [ours, other]) {
      const r = (x: number) => x.toFixed(1)
      console.log(
        `  ${way.padEnd(15)} pid ${f.pid}: ${f.writes} writes p50 ${r(f.writeP50)} p99 ${r(f.writeP99)} max ${r(f.writeMax)} ms | event loop delay p99 ${r(f.loopP99)} max ${r(f.loopMax)} ms | reads p99 ${r(f.readP99)} max ${r(f.readMax)} ms | CPU ${f.cpuPerWriteMs.toFixed(2)} ms/write on the main thread, ${f.processCpuPerWriteMs.toFixed(2)} in all | commit max ${r(f.commitMax)} ms, group max ${r(f.groupMax)} ms, lock wait max ${r(f.lockWaitMax)} ms, ${f.checkpoints} checkpoints (max ${r(f.checkpointMax)} ms)`,
      )
    }
  }
  console.log(`  load at the end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
}

void main()
