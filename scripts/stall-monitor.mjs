/**
 * Where a server process's time went, second by second (docs/decisions/0700-mixed-load-stalls.md).
 * With NIANBAO_STALL_LOG=DIR every server process (the cluster primary and each worker) appends
 * one JSON line a second to DIR/stalls-<pid>.jsonl: the event loop's delay (max, p99, mean, from
 * perf_hooks.monitorEventLoopDelay) and the garbage collector's pauses ('gc' performance
 * entries). The load test reads the files and prints them beside its latency timeline
 * (scripts/loadtest.ts --timeline), so a slow slice of saves can be put down to its cause.
 * Off (no timer, no observer) when the variable is unset.
 */
import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { constants, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks'
import { getHeapSpaceStatistics } from 'node:v8'

export function startStallMonitor(role) {
  const dir = process.env.NIANBAO_STALL_LOG
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `stalls-${process.pid}.jsonl`)
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  let gc = { count: 0, ms: 0, max: 0, major: 0, minor: 0, minorMs: 0 }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++
      gc.ms += entry.duration
      if (entry.duration > gc.max) gc.max = entry.duration
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major += entry.duration
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        gc.minor++
        gc.minorMs += entry.duration
      }
    }
  }).observe({ entryTypes: ['gc'] })
  const round = (x) => Math.round(x * 10) / 10
  const mb = (bytes) => round(bytes / 2 ** 20)
  const timer = setInterval(() => {
    // The young generation's capacity (V8 starts it small and grows it as objects survive) and
    // the old generation's use: how the early heap grows (decision 0870).
    let newMb = 0
    let oldMb = 0
    for (const space of getHeapSpaceStatistics()) {
      if (space.space_name === 'new_space') newMb = mb(space.space_size)
      else if (space.space_name !== 'new_large_object_space') oldMb += space.space_used_size
    }
    const line = {
      t: Date.now(),
      pid: process.pid,
      // The process's start (ms since the epoch): V8's --trace-gc times count from about here.
      origin: Math.round(performance.timeOrigin),
      role,
      loopMax: round(loop.max / 1e6),
      loopP99: round(loop.percentile(99) / 1e6),
      loopMean: round(loop.mean / 1e6),
      gcCount: gc.count,
      gcMs: round(gc.ms),
      gcMax: round(gc.max),
      // Mark-compact apart: the pauses a larger young generation cannot avoid (decision 0690).
      gcMajor: round(gc.major),
      // Scavenges (young-generation collections) apart, with their time.
      gcMinor: gc.minor,
      gcMinorMs: round(gc.minorMs),
      heapMb: round(process.memoryUsage().heapUsed / 2 ** 20),
      newMb,
      oldMb: mb(oldMb),
    }
    loop.reset()
    gc = { count: 0, ms: 0, max: 0, major: 0, minor: 0, minorMs: 0 }
    appendFileSync(file, `${JSON.stringify(line)}\n`)
    forcedGc(role)
    survivorSampling(role).catch((e) => console.log(`diag: survivor sampling failed: ${e}`))
  }, 1000)
  timer.unref()
}

/**
 * A diagnostic only (decision 0880), never for production: with NIANBAO_DIAG_GC_FILE=PATH and
 * `--expose-gc` in NIANBAO_WORKER_V8_FLAGS, a worker runs one full GC in the second after PATH is
 * touched (its modification time changed), and says so on its standard output. It answers
 * "are the first seconds' scavenges expensive because of the old generation's garbage?": touch
 * the file when the load test's warm-up starts and compare the slices with a run without.
 */
let gcFileSeen
function forcedGc(role) {
  const trigger = process.env.NIANBAO_DIAG_GC_FILE
  if (!trigger || role === 'primary' || typeof globalThis.gc !== 'function') return
  let mtime = 0
  try {
    mtime = statSync(trigger).mtimeMs
  } catch {
    // not there yet: its creation is a touch
  }
  if (gcFileSeen === undefined) gcFileSeen = mtime
  if (mtime === gcFileSeen) return
  gcFileSeen = mtime
  const started = performance.now()
  globalThis.gc()
  console.log(
    `diag: forced full GC in ${process.pid}: ${Math.round(performance.now() - started)} ms at ${new Date().toISOString()}`,
  )
}

/**
 * A diagnostic only (decision 0930), never for production: with NIANBAO_DIAG_HEAP_FILE=PATH a
 * worker, in the second after PATH is touched, starts V8's sampling heap profiler keeping only
 * the objects that survive a scavenge (includeObjectsCollectedByMinorGC false: what a young
 * object that died young cost is dropped; what was promoted, or is still alive, stays), and after
 * NIANBAO_DIAG_HEAP_SECONDS (10) writes PATH.<pid>.heapprofile. scripts/survivors-summary.ts
 * names the code that allocated those bytes. Off unless the variable is set.
 */
let heapFileSeen
let sampling = false
async function survivorSampling(role) {
  const trigger = process.env.NIANBAO_DIAG_HEAP_FILE
  if (!trigger || role === 'primary' || sampling) return
  let mtime = 0
  try {
    mtime = statSync(trigger).mtimeMs
  } catch {
    // not there yet: its creation is a touch
  }
  if (heapFileSeen === undefined) heapFileSeen = mtime
  if (mtime === heapFileSeen) return
  heapFileSeen = mtime
  sampling = true
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: Number(process.env.NIANBAO_DIAG_HEAP_INTERVAL ?? 4096),
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  })
  const from = new Date().toISOString()
  await new Promise((r) => setTimeout(r, Number(process.env.NIANBAO_DIAG_HEAP_SECONDS ?? 10) * 1000))
  const { profile } = await session.post('HeapProfiler.stopSampling')
  const to = new Date().toISOString()
  writeFileSync(`${trigger}.${process.pid}.heapprofile`, JSON.stringify({ from, to, ...profile }))
  session.disconnect()
  console.log(`diag: survivors sampled in ${process.pid} from ${from} to ${to}`)
  sampling = false
}
