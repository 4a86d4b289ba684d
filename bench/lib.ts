/** Shared pieces of the benchmarks: timing, the result line, and "prerequisites missing". */

export interface BenchResult {
  name: string
  value: number
  unit: string
}

/** A benchmark module: bench/run.ts imports it and calls run(). */
export interface BenchModule {
  run: () => Promise<BenchResult[]> | BenchResult[]
}

/**
 * Thrown by a benchmark that cannot run here (no built app, no browser). The runner skips the
 * module with the message instead of failing.
 */
export class PrerequisiteMissing extends Error {
  override name = 'PrerequisiteMissing'
}

export function isPrerequisiteMissing(error: unknown): boolean {
  return (
    error instanceof PrerequisiteMissing ||
    (error instanceof Error && (error.name === 'PrerequisiteMissing' || /prerequisite/i.test(error.message)))
  )
}

export const formatResult = (r: BenchResult) =>
  `${r.name}: ${r.value < 10 ? r.value.toFixed(2) : r.value < 1000 ? r.value.toFixed(1) : Math.round(r.value)} ${r.unit}`

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * Median time of one call in µs. Calls are timed in batches (a single call is below the
 * timer's resolution); warm-up first so the JIT has settled.
 */
export function measureMicros(fn: () => unknown, { warmupMs = 300, samples = 51, batchMs = 10 } = {}): number {
  let sink: unknown
  const warmEnd = performance.now() + warmupMs
  let calls = 0
  while (performance.now() < warmEnd) {
    sink = fn()
    calls++
  }
  const perCallMs = warmupMs / Math.max(calls, 1)
  const batch = Math.max(1, Math.round(batchMs / perCallMs))
  const times: number[] = []
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < batch; i++) sink = fn()
    times.push(Number(process.hrtime.bigint() - start) / 1000 / batch)
  }
  if (sink === Symbol.for('never')) console.log(sink) // keeps the calls from being optimised away
  return median(times)
}
