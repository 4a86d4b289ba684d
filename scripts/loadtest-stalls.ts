/**
 * `npm run loadtest -- --stalls`: where the slow saves come from (docs/decisions/0690-pg-save-stalls.md).
 * The server processes write their event-loop delay and GC pauses once a second
 * (scripts/stall-monitor.mjs, NIANBAO_STALL_LOG); on PostgreSQL this samples pg_stat_activity
 * every 50 ms (what the app's active backends wait on: a lock, the WAL flush, a client read, CPU)
 * and reads the WAL written and the checkpoints taken over the measured time. printStalls() lays
 * all of it beside the saves' latency, 5 s at a time.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

/** One second of one server process (scripts/stall-monitor.mjs, NIANBAO_STALL_LOG). */
export interface StallLine {
  /** ms since the epoch; the line covers the second before it. */
  t: number
  pid: number
  role: string
  loopMax: number
  loopP99: number
  gcCount: number
  gcMs: number
  gcMax: number
  gcMajor?: number
  gcMinor?: number
  gcMinorMs?: number
  heapMb?: number
  /** The young generation's capacity, MB (new_space). */
  newMb?: number
  /** The old generation's use (every space but the young ones), MB. */
  oldMb?: number
}

interface DbSample {
  t: number
  /** The app's backends running a statement. */
  active: number
  /** What each of them waited on ('CPU' when on no wait event). */
  waits: string[]
  /** Autovacuum workers running (on any table of the cluster). */
  autovacuum: number
}

interface WalStats {
  walBytes: number
  walSyncs: number
  walSyncMs: number
  checkpointsTimed: number
  checkpointsRequested: number
  checkpointWriteMs: number
  checkpointSyncMs: number
  buffersBackendFsync: number
  /** pg_stat_database.xact_commit: every transaction, the read-only ones (each autocommit SELECT) included. */
  commits: number
  /** Rows of "Report" updated: one per acknowledged save (a save is one writing transaction, decision 0790). */
  reportUpdates: number
  /** Autovacuum runs on "Report" and on its TOAST table (the content's chunks: every save deletes and writes them). */
  reportAutovacuums: number
  toastAutovacuums: number
}

async function walStats(client: pg.Client): Promise<WalStats> {
  const { rows } = await client.query(
    `SELECT w.wal_bytes::float8 AS wal_bytes, w.wal_sync::float8 AS wal_syncs, w.wal_sync_time AS wal_sync_ms,
       b.checkpoints_timed::float8 AS ct, b.checkpoints_req::float8 AS cr, b.checkpoint_write_time AS cw,
       b.checkpoint_sync_time AS cs, b.buffers_backend_fsync::float8 AS bf,
       (SELECT xact_commit::float8 FROM pg_stat_database WHERE datname = current_database()) AS commits,
       (SELECT autovacuum_count::float8 FROM pg_stat_all_tables WHERE relid = '"Report"'::regclass) AS rav,
       (SELECT n_tup_upd::float8 FROM pg_stat_all_tables WHERE relid = '"Report"'::regclass) AS rup,
       (SELECT autovacuum_count::float8 FROM pg_stat_all_tables
         WHERE relid = (SELECT reltoastrelid FROM pg_class WHERE oid = '"Report"'::regclass)) AS tav
     FROM pg_stat_wal w, pg_stat_bgwriter b`,
  )
  const r = rows[0]
  return {
    walBytes: r.wal_bytes,
    walSyncs: r.wal_syncs,
    walSyncMs: r.wal_sync_ms,
    checkpointsTimed: r.ct,
    checkpointsRequested: r.cr,
    checkpointWriteMs: r.cw,
    checkpointSyncMs: r.cs,
    buffersBackendFsync: r.bf,
    commits: r.commits,
    reportUpdates: r.rup ?? 0,
    reportAutovacuums: r.rav ?? 0,
    toastAutovacuums: r.tav ?? 0,
  }
}

export interface DbSampler {
  stop(): Promise<{ samples: DbSample[]; before: WalStats; after: WalStats }>
}

/** Samples the database of `url` until stop(): its active backends' wait events, and WAL/checkpoint counters. */
export async function startDbSampler(url: string): Promise<DbSampler> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const before = await walStats(client)
  const samples: DbSample[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query(
        `SELECT backend_type, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND ((datname = current_database() AND state = 'active'
           AND backend_type = 'client backend') OR backend_type = 'autovacuum worker')`,
      )
      const backends = rows.filter((r) => r.backend_type === 'client backend')
      samples.push({
        t: Date.now(),
        active: backends.length,
        waits: backends.map((r) => r.wait as string),
        autovacuum: rows.length - backends.length,
      })
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      const after = await walStats(client)
      await client.end()
      return { samples, before, after }
    },
  }
}

/**
 * The disk's flush latency beside the load: a child process writes 8 KB and fdatasyncs it every
 * 20 ms in `dir` (on the database's file system), one "time ms" line each. A commit waits for such
 * a flush (PostgreSQL's WAL, SQLite's synchronous=FULL): a slow one stalls every save behind it.
 */
export function startFsyncProbe(dir: string): { stop(): Array<{ t: number; ms: number }> } {
  const file = path.join(dir, `fsync-probe-${process.pid}`)
  const code = `const fs=require('fs');const fd=fs.openSync(${JSON.stringify(file)},'w');const b=Buffer.alloc(8192,1);
setInterval(()=>{const a=performance.now();fs.writeSync(fd,b,0,b.length,0);fs.fdatasyncSync(fd);
process.stdout.write(Date.now()+' '+(performance.now()-a).toFixed(2)+'\\n')},20)`
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] })
  const flushes: Array<{ t: number; ms: number }> = []
  let rest = ''
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n')
    rest = lines.pop() ?? ''
    for (const l of lines) {
      const [t, ms] = l.split(' ').map(Number)
      if (Number.isFinite(t) && Number.isFinite(ms)) flushes.push({ t, ms })
    }
  })
  return {
    stop() {
      child.kill()
      rmSync(file, { force: true })
      return flushes
    },
  }
}

const top = (counts: Map<string, number>, n: number, total: number) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${((100 * v) / Math.max(1, total)).toFixed(0)} %`)
    .join(', ')

/**
 * Prints, for each 5 s of the measured time, the saves' p50/p99 beside the server processes'
 * longest event-loop delay and GC pauses, and the database's active backends and their waits;
 * then totals: GC, WAL per save, checkpoints, fsync time per WAL flush.
 */
export function printStalls(opts: {
  probe: StallLine[]
  flushes: Array<{ t: number; ms: number }>
  db: Awaited<ReturnType<DbSampler['stop']>> | null
  measureFrom: number
  seconds: number
  saves: { at: number; ms: number; ok: boolean }[]
  savesAcknowledged: number
  percentile: (xs: number[], p: number) => number
}) {
  const { probe, flushes, db, measureFrom, seconds, saves, percentile } = opts
  const end = measureFrom + seconds * 1000
  console.log(
    'loadtest-stalls: per 5 s — saves p50/p99 | server: longest event-loop delay, GC ms (longest pause) | db: active backends, waits',
  )
  for (let from = 0; from < seconds * 1000; from += 5000) {
    const a = measureFrom + from
    const b = a + 5000
    const slice = saves.filter((x) => x.ok && x.at >= from && x.at < from + 5000).map((x) => x.ms)
    // A probe line covers the second before its time.
    const lines = probe.filter((l) => l.t > a && l.t <= b)
    const eld = Math.max(0, ...lines.map((l) => l.loopMax))
    const gcMs = lines.reduce((s, l) => s + l.gcMs, 0)
    const gcMax = Math.max(0, ...lines.map((l) => l.gcMax))
    const major = lines.reduce((s, l) => s + (l.gcMajor ?? 0), 0)
    const scavenges = lines.reduce((s, l) => s + (l.gcMinor ?? 0), 0)
    const scavengeMs = lines.reduce((s, l) => s + (l.gcMinorMs ?? 0), 0)
    const heapText = heapGrowth(lines, scavenges, scavengeMs)
    const f = flushes.filter((x) => x.t >= a && x.t < b).map((x) => x.ms)
    const fsyncText = f.length
      ? ` | disk flush p50 ${percentile(f, 50).toFixed(1)} max ${Math.max(...f).toFixed(0)} ms`
      : ''
    let dbText = ''
    if (db) {
      const ss = db.samples.filter((s) => s.t >= a && s.t < b)
      const waits = new Map<string, number>()
      let n = 0
      for (const s of ss)
        for (const w of s.waits) {
          waits.set(w, (waits.get(w) ?? 0) + 1)
          n++
        }
      const activeMean = ss.length ? n / ss.length : 0
      const activeMax = Math.max(0, ...ss.map((s) => s.active))
      const vacuuming = ss.filter((s) => s.autovacuum > 0).length
      dbText = ` | db active mean ${activeMean.toFixed(1)} max ${activeMax}: ${top(waits, 3, n)}${vacuuming ? `; autovacuum ${((100 * vacuuming) / ss.length).toFixed(0)} % of the time` : ''}`
    }
    console.log(
      `  ${from / 1000}–${from / 1000 + 5} s: ${slice.length} saves, p50 ${percentile(slice, 50).toFixed(1)} p99 ${percentile(slice, 99).toFixed(1)} ms | eld max ${eld.toFixed(0)} ms, gc ${gcMs.toFixed(0)} ms (longest ${gcMax.toFixed(0)}, mark-compact ${major.toFixed(0)})${heapText}${fsyncText}${dbText}`,
    )
  }
  const measured = probe.filter((l) => l.t > measureFrom && l.t <= end)
  const pids = new Set(measured.map((l) => l.pid))
  const gcTotal = measured.reduce((s, l) => s + l.gcMs, 0)
  const gcCount = measured.reduce((s, l) => s + l.gcCount, 0)
  const majorTotal = measured.reduce((s, l) => s + (l.gcMajor ?? 0), 0)
  const eldP99s = measured.map((l) => l.loopP99)
  console.log(
    `loadtest-server-gc: ${gcCount} pauses, ${gcTotal.toFixed(0)} ms in ${pids.size} processes over ${seconds} s (${((100 * gcTotal) / Math.max(1, pids.size * seconds * 1000)).toFixed(1)} % of each process's time), longest ${Math.max(0, ...measured.map((l) => l.gcMax)).toFixed(1)} ms, mark-compact ${majorTotal.toFixed(0)} ms; heap ${Math.max(0, ...measured.map((l) => l.heapMb ?? 0)).toFixed(0)} MB at most`,
  )
  console.log(
    `loadtest-server-event-loop-delay: median of the seconds' p99 ${percentile(eldP99s, 50).toFixed(1)} ms, longest ${Math.max(0, ...measured.map((l) => l.loopMax)).toFixed(0)} ms`,
  )
  const f = flushes.filter((x) => x.t >= measureFrom && x.t < end).map((x) => x.ms)
  if (f.length)
    console.log(
      `loadtest-disk-flush: 8 KB write + fdatasync every 20 ms beside the load: p50 ${percentile(f, 50).toFixed(1)} ms, p99 ${percentile(f, 99).toFixed(1)} ms, longest ${Math.max(...f).toFixed(0)} ms, ${f.filter((x) => x > 50).length} of ${f.length} over 50 ms`,
    )
  if (db) {
    const { before, after, samples } = db
    const d = (k: keyof WalStats) => after[k] - before[k]
    const waits = new Map<string, number>()
    let n = 0
    for (const s of samples.filter((x) => x.t >= measureFrom && x.t < end))
      for (const w of s.waits) {
        waits.set(w, (waits.get(w) ?? 0) + 1)
        n++
      }
    const m = samples.filter((x) => x.t >= measureFrom && x.t < end).length
    console.log(`loadtest-db-waits: ${(n / Math.max(1, m)).toFixed(2)} backends active on average; ${top(waits, 6, n)}`)
    console.log(
      `loadtest-db-wal: ${(d('walBytes') / Math.max(1, opts.savesAcknowledged) / 1024).toFixed(1)} KB per save, ${d('walSyncs')} WAL flushes for ${d('reportUpdates')} report updates (${d('commits')} transactions in all, read-only statements included; ${d('walSyncs') ? (d('walSyncMs') / d('walSyncs')).toFixed(2) : '–'} ms each, track_wal_io_timing), checkpoints ${d('checkpointsTimed')} timed + ${d('checkpointsRequested')} requested (write ${d('checkpointWriteMs').toFixed(0)} ms, sync ${d('checkpointSyncMs').toFixed(0)} ms), backend fsyncs ${d('buffersBackendFsync')}, autovacuum of "Report" ${d('reportAutovacuums')} and of its TOAST ${d('toastAutovacuums')}`,
    )
  }
}

/**
 * The heap in a slice, per worker: scavenges and their ms, the young generation's capacity at the
 * slice's end (MB, each process), the old generation's growth over the slice (MB, all processes).
 */
function heapGrowth(lines: StallLine[], scavenges: number, scavengeMs: number) {
  if (!lines.some((l) => l.newMb !== undefined)) return ''
  const byPid = new Map<number, StallLine[]>()
  for (const l of lines) byPid.set(l.pid, [...(byPid.get(l.pid) ?? []), l])
  const young: number[] = []
  let oldFirst = 0
  let oldLast = 0
  for (const ls of byPid.values()) {
    ls.sort((a, b) => a.t - b.t)
    young.push(ls[ls.length - 1].newMb ?? 0)
    oldFirst += ls[0].oldMb ?? 0
    oldLast += ls[ls.length - 1].oldMb ?? 0
  }
  return `, ${scavenges} scavenges ${scavengeMs.toFixed(0)} ms, young ${young.map((y) => y.toFixed(0)).join('/')} MB, old ${oldFirst.toFixed(0)}→${oldLast.toFixed(0)} MB`
}
