/**
 * A diagnostic of the save's counts (issue 10, decision 0990): with NIANBAO_SAVE_TRACE=1 each
 * server process prints, every 5 s, how many counts trackers it made, how many evaluations were
 * full (a tracker's first) or incremental, how many rules ran, and the time spent in the
 * evaluator, the text findings and the statements. Off unless asked: then nothing is counted and
 * no timer runs.
 */
import 'server-only'
import type { EvaluatorTrace } from '@/lib/rules/evaluate'

export interface SaveTrace extends EvaluatorTrace {
  trackers: number
  calls: number
  fullMs: number
  incrementalMs: number
  textRuns: number
  textMs: number
  statementsMs: number
  trackerMs: number
}

const empty = (): SaveTrace => ({
  trackers: 0,
  calls: 0,
  full: 0,
  incremental: 0,
  rulesRun: 0,
  fullMs: 0,
  incrementalMs: 0,
  textRuns: 0,
  textMs: 0,
  statementsMs: 0,
  trackerMs: 0,
})

/** The counters, or null when the trace is off (the callers then measure nothing). */
export const saveTrace: SaveTrace | null = process.env.NIANBAO_SAVE_TRACE === '1' ? empty() : null

if (saveTrace) {
  const round = (n: number) => Math.round(n * 10) / 10
  setInterval(() => {
    if (saveTrace.calls === 0 && saveTrace.trackers === 0) return
    const line: Record<string, number> = { pid: process.pid, t: Date.now() }
    for (const [k, v] of Object.entries(saveTrace)) line[k] = round(v)
    console.log(`save-trace ${JSON.stringify(line)}`)
    Object.assign(saveTrace, empty())
  }, 5000).unref()
}
