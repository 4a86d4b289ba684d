/**
 * The per-key work of decision 0920 in Node, old way against new, alternated (A B A B …): what
 * the editor does on a "7" and a Backspace in table 三's first entered cell, on the fixture report.
 * - sync: ValuesStore.sync over every subscribed cell (~table 三) against only the changed paths;
 * - apply: applyValues' copy of every table and every total against valueChanges' O(changed);
 * - marks: FindingsStore.publish building every mark against only the changed results' cells;
 * - groups: the findings list's StableFindings.take with and without the same-results shortcut.
 * Prints µs per key for each; not a test, not judged (`npx tsx scripts/keystroke-pure-ab.ts`).
 */
import { valueChanges } from '@/lib/editor/apply-values'
import { FindingsStore } from '@/lib/editor/findings-store'
import { blanksWhereStarted, sectionStatuses } from '@/lib/editor/section-status'
import { findingSignature, StableFindings } from '@/lib/editor/stable-findings'
import { ValuesStore } from '@/lib/editor/values-store'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { incrementalEvaluator } from '@/lib/rules/evaluate'
import { groupFindings } from '@/lib/rules/group-findings'
import { rawFixture } from '@/test/fixtures'

const KEYS = 400
const ROUNDS = 5
const PATH = 'applications.granted.natural'
const blankRules = new Set(GOV_2021.rules.filter((r) => r.kind === 'filled').map((r) => r.id))

/** The typed values, as the editor's applyValues sets them (old or new way). */
function typing(newWay: boolean) {
  const sections = structuredClone(rawFixture('zhangdian-gov-2021').sections) as Record<string, unknown>
  deriveTotals(GOV_2021, sections)
  const base = getAt(sections, PATH.split('.')) as number
  const store = new ValuesStore(() => sections)
  for (const [row, columns] of Object.entries(sections.applications as Record<string, Record<string, unknown>>))
    for (const column of Object.keys(columns)) store.subscribe(`applications.${row}.${column}`, () => {})
  const run = incrementalEvaluator(GOV_2021)
  const first = blanksWhereStarted(GOV_2021, sections, run({ sections, agency: { type: 'government' } }))
  const findings = new FindingsStore(first, sectionStatuses(GOV_2021, sections, first), blankRules)
  const stable = new StableFindings()
  stable.take(groupFindings(GOV_2021, first))
  const t = { sync: 0, apply: 0, marks: 0, groups: 0 }
  for (let k = 0; k < KEYS; k++) {
    const value = k % 2 ? base : base * 10 + 7
    let t0 = performance.now()
    const changes = valueChanges(GOV_2021, sections, { [PATH]: value }, !newWay)
    t.apply += performance.now() - t0
    for (const [p, v] of changes) setAt(sections, p.split('.'), v)
    t0 = performance.now()
    store.sync(sections, newWay ? changes.map(([p]) => p) : undefined)
    t.sync += performance.now() - t0
    const results = blanksWhereStarted(GOV_2021, sections, run({ sections, agency: { type: 'government' } }))
    const statuses = sectionStatuses(GOV_2021, sections, results)
    // The old publish: every mark built and compared (new objects, as if every result changed).
    const given = newWay ? results : results.map((r) => ({ ...r }))
    t0 = performance.now()
    findings.publish(given, statuses)
    t.marks += performance.now() - t0
    const grouped = groupFindings(GOV_2021, results)
    t0 = performance.now()
    if (newWay) stable.take(grouped)
    else for (const f of grouped) findingSignature(f)
    t.groups += performance.now() - t0
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v * 1000) / KEYS]))
}

for (let round = 0; round < ROUNDS; round++) {
  for (const newWay of round % 2 ? [true, false] : [false, true]) {
    const r = typing(newWay)
    console.log(
      `${newWay ? 'new' : 'old'}  ${Object.entries(r)
        .map(([k, v]) => `${k} ${v.toFixed(1)} µs`)
        .join('  ')}`,
    )
  }
}
