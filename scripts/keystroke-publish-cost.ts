/**
 * The editor's own JavaScript per keystroke outside React (decision 0520), in Node on the bench's
 * report (zhangdian-gov-2021) and typing (a wrong digit in 予以公开·自然人, then Backspace): what
 * applyValues and publish() run, step by step, in µs per key.
 * `npx tsx --conditions=react-server scripts/keystroke-publish-cost.ts`
 */
import { blanksWhereStarted, sectionStatuses } from '@/lib/editor/section-status'
import { cellFindings } from '@/lib/editor/findings-store'
import { StableFindings } from '@/lib/editor/stable-findings'
import { DeferredNarrative } from '@/lib/editor/narrative-deferred'
import { copyData, getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { incrementalEvaluator } from '@/lib/rules/evaluate'
import { groupFindings } from '@/lib/rules/group-findings'
import { fixture } from '@/test/fixtures'
import { measureMicros } from '../bench/lib'

const { report, format } = fixture('zhangdian-gov-2021')
const previous = fixture('zhangdian-office-2022').report
const PATH = 'applications.granted.natural'
const segments = PATH.split('.')
const original = getAt(report.sections, segments) as number
const blankRules = new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id))

const evaluate = incrementalEvaluator(format)
const stable = new StableFindings()
// As in the editor: the text findings computed once, then kept while no text changes.
const narrative = new DeferredNarrative(format, { previous }, report.year)
let sections = report.sections as Record<string, unknown>
let key = 0

/** The working copy and derived totals of applyValues. */
function apply(value: number) {
  const next: Record<string, unknown> = { ...sections }
  for (const [k, v] of Object.entries(sections)) if (v && typeof v === 'object') next[k] = copyData(v)
  setAt(next, segments, value)
  deriveTotals(format, next)
  return next
}
const input = (s: Record<string, unknown>) => ({
  sections: s,
  agency: report.agency,
  stated: report.stated,
  preamble: report.preamble,
  previous,
  year: report.year,
  narrative: narrative.get({ sections: s, preamble: report.preamble }),
})

const steps: [string, () => unknown][] = [
  ['DeferredNarrative.get (the key of what texts read)', () => narrative.get({ sections, preamble: report.preamble })],
  ['applyValues (copy, set, derive)', () => apply(key++ % 2 ? original : original * 10 + 7)],
  [
    'incremental rules',
    () => {
      sections = apply(key++ % 2 ? original : original * 10 + 7)
      return evaluate(input(sections))
    },
  ],
]
for (const [name, fn] of steps) console.log(`${measureMicros(fn).toFixed(1).padStart(8)} µs  ${name}`)

// The rest on fixed results (the failing and the passing state alternately).
const wrong = apply(original * 10 + 7)
const right = apply(original)
const states = [wrong, right].map((s) => ({ sections: s, results: evaluate(input(s)) }))
const rest: [string, (s: (typeof states)[number]) => unknown][] = [
  ['blanksWhereStarted', (s) => blanksWhereStarted(format, s.sections, s.results)],
  ['sectionStatuses', (s) => sectionStatuses(format, s.sections, s.results)],
  ['cellFindings', (s) => cellFindings(s.results, blankRules)],
  ['groupFindings', (s) => groupFindings(format, s.results)],
  ['groupFindings + StableFindings.take', (s) => stable.take(groupFindings(format, s.results))],
]
for (const [name, fn] of rest) {
  let i = 0
  console.log(
    `${measureMicros(() => fn(states[i++ % 2]))
      .toFixed(1)
      .padStart(8)} µs  ${name}`,
  )
}
console.log(
  `results: ${states[0].results.length} (failing ${states[0].results.filter((r) => r.status === 'fail').length})`,
)
