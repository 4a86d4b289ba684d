/** Shared pieces of the benchmarks: timing, the result line, and "prerequisites missing". */
import { readFileSync } from 'node:fs'

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

/** The machine's CPU time so far (every core, in ms), from /proc/stat; null where there is none. */
export interface MachineCpu {
  /** Time the cores ran anything: user, nice, system, interrupts. */
  busyMs: number
  /** Time the hypervisor gave this machine's cores to another machine. */
  stealMs: number
}

/** The kernel's clock ticks (USER_HZ): 100 on Linux whatever the kernel's own HZ. */
const TICK_MS = 10

export function machineCpu(): MachineCpu | null {
  try {
    return machineCpuOf(readFileSync('/proc/stat', 'utf8'))
  } catch {
    return null
  }
}

/** The machine's CPU time in the text of /proc/stat; null when it has no aggregate `cpu` line. */
export function machineCpuOf(stat: string): MachineCpu | null {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user).
  const fields = /^cpu\s+(.*)$/m.exec(stat)?.[1].trim().split(/\s+/).map(Number)
  if (!fields || fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null
  const [user, nice, system, , , irq, softirq, steal] = fields
  return { busyMs: (user + nice + system + irq + softirq) * TICK_MS, stealMs: steal * TICK_MS }
}

/**
 * What the rest of the machine did while a measured child ran: the cores' busy time beyond the
 * child's own CPU time, and the time stolen by the hypervisor, both as cores (ms per ms of wall).
 * A wall time is read beside these: a figure taken while others ran is not the code's.
 */
export function othersDuring(before: MachineCpu, after: MachineCpu, childCpuMs: number, wallMs: number) {
  return {
    otherCores: Math.max(0, after.busyMs - before.busyMs - childCpuMs) / wallMs,
    stolenCores: (after.stealMs - before.stealMs) / wallMs,
  }
}
