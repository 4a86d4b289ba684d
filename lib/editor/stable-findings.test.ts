import { describe, expect, it } from 'vitest'
import { fixture } from '@/test/fixtures'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { groupFindings } from '@/lib/rules/group-findings'
import { StableFindings } from './stable-findings'

describe('StableFindings', () => {
  it('keeps each finding that shows the same as the same object; a new or changed one is new', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const sections = structuredClone(report.sections) as Record<string, unknown>
    const findingsOf = () =>
      groupFindings(format, evaluateRules(format, { sections, agency: report.agency, narrative: [] }))
    const stable = new StableFindings()
    const first = stable.take(findingsOf())
    // The same results grouped again: every finding is the object of last time.
    const again = stable.take(findingsOf())
    expect(again).toHaveLength(first.length)
    for (const [i, f] of again.entries()) expect(f).toBe(first[i])
    // A wrong digit in table 三: the balance findings appear, the others stay the same objects.
    const path = 'applications.granted.natural'.split('.')
    setAt(sections, path, (getAt(sections, path) as number) + 7)
    deriveTotals(format, sections)
    const wrong = stable.take(findingsOf())
    const byKey = new Map(again.map((f) => [f.key, f]))
    const fresh = wrong.filter((f) => byKey.get(f.key) !== f)
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.some((f) => f.status === 'fail' && f.severity === 'error')).toBe(true)
    // Those about other cells were not made again.
    expect(wrong.length - fresh.length).toBeGreaterThan(0)
  })

  it('keeps a finding whose results are the same objects without computing its signature', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const results = evaluateRules(format, { sections: report.sections, agency: report.agency, narrative: [] })
    const stable = new StableFindings()
    const first = stable.take(groupFindings(format, results))
    expect(first.length).toBeGreaterThan(0)
    // The same result objects: each finding is kept even if a field it shows were to differ
    // (here made to), because only changed results can change what it shows.
    const regrouped = groupFindings(format, results).map((f) => ({ ...f, message: `${f.message}!` }))
    const kept = stable.take(regrouped)
    for (const [i, f] of kept.entries()) expect(f).toBe(first[i])
    // New result objects saying the same: compared by signature, still kept.
    const copies = results.map((r) => ({ ...r }))
    for (const [i, f] of stable.take(groupFindings(format, copies)).entries()) expect(f).toBe(first[i])
  })
})
