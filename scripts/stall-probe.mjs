/**
 * Where a server process stalls (docs/decisions/0690-pg-save-stalls.md): with NIANBAO_STALL_PROBE=FILE
 * each server process appends one JSON line a second to FILE, with its pid, the time (ms since the
 * epoch), the event loop's longest and 99th percentile delay over that second, its garbage
 * collections (count, total and longest pause, mark-compact ms apart) and its heap in use. The load
 * test (--stalls) lays these beside its latency timeline. Off unless the variable is set: the
 * histogram's timer and the GC observer cost a little on every tick.
 */
import { appendFileSync } from 'node:fs'
import { constants, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks'

export function startStallProbe(file) {
  if (!file) return
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  let gc = { count: 0, ms: 0, maxMs: 0, majorMs: 0 }
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++
      gc.ms += entry.duration
      if (entry.duration > gc.maxMs) gc.maxMs = entry.duration
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorMs += entry.duration
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  const timer = setInterval(() => {
    const line = {
      pid: process.pid,
      t: Math.round(performance.timeOrigin + performance.now()),
      eldMaxMs: +(delay.max / 1e6).toFixed(1),
      eldP99Ms: +(delay.percentile(99) / 1e6).toFixed(1),
      gcCount: gc.count,
      gcMs: +gc.ms.toFixed(1),
      gcMaxMs: +gc.maxMs.toFixed(1),
      gcMajorMs: +gc.majorMs.toFixed(1),
      heapMb: +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1),
    }
    delay.reset()
    gc = { count: 0, ms: 0, maxMs: 0, majorMs: 0 }
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`)
    } catch {
      // the probe's file is gone: nothing to report to
    }
  }, 1000)
  timer.unref()
}
