/**
 * A worker's counts in its first seconds under load, in memory (decision 0990): the server's
 * warm-up, then 4,000 saves of one cell on 400 reports (200 reports in two workers) chosen in
 * turn, each report's first save counted by a fresh tracker. Prints per 200 saves the main
 * thread's CPU per save (/proc schedstat, Linux) and the save trace's split (full and incremental
 * evaluations, text findings, statements; wall times).
 *   NIANBAO_SAVE_TRACE=1 ROUNDS=400 npx tsx --conditions=react-server scripts/first-counts.ts
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatFor } from '@/lib/format/index'
import { formatCells } from '@/lib/format/cells'
import { derivedCells } from '@/lib/rules/derive'
import type { ReportData } from '@/lib/report/schema'
import type { LeafValue } from '@/lib/report/patch'
import { getAt } from '@/lib/report/values'
import { applyChanges } from '@/lib/services/report-patch'
import { countsTracker } from '@/lib/services/report-counts'
import { warmSavePipeline } from '@/lib/services/save-warmup'
import { saveTrace } from '@/lib/services/save-trace'
const stored = readFileSync(path.join(__dirname, '..', 'fixtures', 'zhangdian-gov-2021.json'), 'utf8')
const base = JSON.parse(stored) as ReportData
const format = formatFor(base.formatVersion)!
const derived = derivedCells(format)
const typed = formatCells(format).filter((c) => c.valueType === 'count' && !derived.has(c.path))
const changesFor = (r: ReportData, i: number) => {
  const cell = typed[(i * 7) % typed.length]
  return [{ path: `sections.${cell.path}`, base: getAt(r.sections, cell.segments) as LeafValue, value: i % 50 }]
}
const w = warmSavePipeline(Number(process.env.ROUNDS ?? 400))
console.log(`warm-up ${w.ms.toFixed(0)} ms`)
if (!saveTrace) throw new Error('run with NIANBAO_SAVE_TRACE=1')
const tr = saveTrace
const reset = () =>
  Object.assign(tr, {
    calls: 0,
    full: 0,
    incremental: 0,
    rulesRun: 0,
    fullMs: 0,
    incrementalMs: 0,
    textMs: 0,
    statementsMs: 0,
    trackerMs: 0,
    textRuns: 0,
    trackers: 0,
  })
// each report in 2 "workers": a tracker per report made when the report is first seen; reports first seen spread over the first calls
const reps = Array.from({ length: 400 }, () => ({
  r: JSON.parse(stored) as ReportData,
  track: null as null | ReturnType<typeof countsTracker>,
}))
reset()
const W = 200
const cpu = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
let c0 = cpu()
for (let i = 0; i < 4000; i++) {
  // report chosen at random: the first calls meet many reports for the first time
  const h = reps[(i * 7919) % 400]
  applyChanges(format, h.r, changesFor(h.r, i), h.track !== null)
  h.track ??= countsTracker(format.version)
  h.track(h.r, null)
  if ((i + 1) % W === 0) {
    const c1 = cpu()
    console.log(
      `${i + 1 - W}-${i + 1}: cpu ${((c1 - c0) / W).toFixed(3)} ms/call, tracker ${(tr.trackerMs / W).toFixed(3)} ms/call, full ${tr.full} ${(tr.fullMs / Math.max(1, tr.full)).toFixed(3)} ms each, incr ${tr.incremental} ${(tr.incrementalMs / Math.max(1, tr.incremental)).toFixed(3)} ms each, text ${(tr.textMs / W).toFixed(3)}, stmt ${(tr.statementsMs / W).toFixed(3)}, rules/incr ${((tr.rulesRun - tr.full * format.rules.length) / Math.max(1, tr.incremental)).toFixed(1)}`,
    )
    reset()
    c0 = cpu()
  }
}
