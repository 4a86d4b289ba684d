/**
 * The timeline of `nianbao validate` on threads, on stderr when NIANBAO_VALIDATE_TRACE is set
 * (decision 0731; for profiling, never in normal output): each thread's phases with their start
 * and end on one clock (ms since the process started) and the CPU the thread itself spent in each
 * (Linux /proc/thread-self; elsewhere the process's). A thread's CPU hardly depends on the
 * machine's load, its wall time does: the per-phase CPU of each thread tells which one the others
 * wait for even on a busy machine.
 */
import { readdirSync, readFileSync } from 'node:fs'

export interface Span {
  thread: string
  what: string
  /** Epoch ms. */
  start: number
  end: number
  /** CPU ms of the thread in the span. */
  cpu: number
  /** Minor page faults of the whole process in the span (every thread's: a rough share). */
  faults?: number
}

export const tracing = (): boolean => Boolean(process.env.NIANBAO_VALIDATE_TRACE)

/** Epoch ms, comparable across threads (each thread has its own timeOrigin). */
export const epochMs = (): number => performance.timeOrigin + performance.now()

/** CPU (user + system, ms) of the calling thread so far: 10 ms ticks of Linux, else the process's. */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
}

/** A span that starts now; `end()` closes it. */
export function startSpan(thread: string, what: string): { end: () => Span } {
  const start = epochMs()
  const cpu = threadCpuMs()
  const faults = process.resourceUsage().minorPageFault
  return {
    end: () => ({
      thread,
      what,
      start,
      end: epochMs(),
      cpu: threadCpuMs() - cpu,
      faults: process.resourceUsage().minorPageFault - faults,
    }),
  }
}

const spans: Span[] = []

/** Records spans (of this thread or sent by a worker) for the timeline. */
export function record(...list: Span[]): void {
  if (tracing()) spans.push(...list)
}

/** Runs fn as a span of this thread when tracing. */
export function traced<T>(thread: string, what: string, fn: () => T): T {
  if (!tracing()) return fn()
  const span = startSpan(thread, what)
  try {
    return fn()
  } finally {
    spans.push(span.end())
  }
}

/**
 * The timeline so far, one line a span in the order they started, then each thread's CPU in
 * spans and the CPU bound of the critical path (per barrier phase, the busiest thread's CPU).
 */
export function timeline(): string {
  const origin = performance.timeOrigin
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  const lines = sorted.map(
    (s) =>
      `validate: timeline ${s.thread.padEnd(6)} ${s.what.padEnd(28)} ${String(Math.round(s.start - origin)).padStart(6)} → ${String(Math.round(s.end - origin)).padStart(6)} ms, wall ${String(Math.round(s.end - s.start)).padStart(5)} ms, CPU ${String(Math.round(s.cpu)).padStart(5)} ms${s.faults === undefined ? '' : `, faults ${String(s.faults).padStart(6)}`}`,
  )
  const byThread = new Map<string, number>()
  for (const s of spans) byThread.set(s.thread, (byThread.get(s.thread) ?? 0) + s.cpu)
  lines.push(
    `validate: timeline CPU in spans by thread: ${[...byThread].map(([t, ms]) => `${t} ${Math.round(ms)} ms`).join(', ')}`,
  )
  lines.push(`validate: timeline CPU by OS thread (ms): ${osThreads()}`)
  lines.push(`validate: timeline critical path CPU ${Math.round(criticalPathCpu(spans))} ms`)
  // Every page first touched costs a fault, and on our virtual machines a fault's cost varies with
  // the host: the count says how much of a call's CPU follows the host rather than the code.
  lines.push(`validate: timeline page faults ${process.resourceUsage().minorPageFault} (the process, from its start)`)
  return `${lines.join('\n')}\n`
}

/**
 * The CPU along the critical path, as if every thread had a core of its own: between two of the
 * main thread's waits, the busier of the main thread and the busiest worker (a worker's spans that
 * ended by the wait's end); the main thread's work after the last wait. A worker that started
 * after the main thread's start span waited for it, so that span counts on the worker's side too.
 */
export function criticalPathCpu(list: Span[]): number {
  const main = list.filter((s) => s.thread === 'main').sort((a, b) => a.start - b.start)
  const workers = list.filter((s) => s.thread !== 'main').sort((a, b) => a.start - b.start)
  const boot = main.find((s) => s.what.startsWith('start'))
  let total = 0
  let mainCpu = 0
  let first = true
  const used = new Set<Span>()
  for (const s of main) {
    if (!s.what.startsWith('wait')) {
      mainCpu += s.cpu
      continue
    }
    const byWorker = new Map<string, number>()
    for (const w of workers) {
      if (used.has(w) || w.end > s.end) continue
      used.add(w)
      let cpu = w.cpu
      if (first && boot && w.what.startsWith('start') && w.start >= boot.end) cpu += boot.cpu
      byWorker.set(w.thread, (byWorker.get(w.thread) ?? 0) + cpu)
    }
    total += Math.max(mainCpu, ...byWorker.values())
    mainCpu = 0
    first = false
  }
  return total + mainCpu
}

/** Every OS thread of the process with its name and CPU so far (V8's helpers, libuv's pool, …). */
function osThreads(): string {
  try {
    const byName = new Map<string, number[]>()
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
      byName.set(name, [...(byName.get(name) ?? []), ms])
    }
    return [...byName].map(([name, list]) => `${name} ${list.sort((a, b) => b - a).join('+')}`).join(', ')
  } catch {
    return '?'
  }
}

/** Writes the timeline to stderr when tracing. */
export function writeTimeline(): void {
  if (tracing() && spans.length) process.stderr.write(timeline())
}
