import { describe, expect, it } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { checkCompleteness } from '@/lib/report/completeness'
import { emptySections } from '@/lib/report/interchange'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { fixture } from '@/test/fixtures'
import { evaluateRules } from '@/lib/rules/evaluate'
import { blanksWhereStarted, SECTION_STATE_LABELS, sectionStatuses } from './section-status'

const F = FORMATS['2021']
const agency = { type: 'government', level: 'county' }

function check(sections: Record<string, unknown>) {
  const results = blanksWhereStarted(F, sections, evaluateRules(F, { sections, agency }))
  return { results, statuses: sectionStatuses(F, sections, results) }
}

describe('a new, empty report', () => {
  it('has every section 待填写 and no failing finding, only checks waiting for values', () => {
    const raw = evaluateRules(F, { sections: emptySections(F), agency })
    // The evaluator itself does see the blanks (the completeness check relies on it).
    expect(raw.some((r) => r.status === 'fail' && r.severity === 'error')).toBe(true)
    const { results, statuses } = check(emptySections(F))
    expect(results.filter((r) => r.status === 'fail')).toEqual([])
    expect(results.filter((r) => r.status === 'na').map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['D1', 'T5', 'D4']),
    )
    expect(statuses.every((s) => s.state === 'empty' && s.openFindings === 0)).toBe(true)
    expect(SECTION_STATE_LABELS.empty).toBe('待填写')
  })

  it('counts blanks as findings once a section is started, and only in that section', () => {
    const sections = emptySections(F)
    setAt(sections, ['applications', 'newReceived', 'natural'], 3)
    const { results, statuses } = check(sections)
    const t5 = results.find((r) => r.ruleId === 'T5')
    expect(t5?.status).toBe('fail')
    expect(t5?.cells.every((c) => c.startsWith('applications.'))).toBe(true)
    expect(t5?.actual).toBe(`${t5?.cells.length}处空白`)
    // The narratives nobody wrote are still waiting, not errors.
    expect(results.find((r) => r.ruleId === 'D1')?.status).toBe('na')
    expect(statuses.find((s) => s.key === 'applications')?.state).toBe('inProgress')
    expect(statuses.filter((s) => s.key !== 'applications').every((s) => s.state === 'empty')).toBe(true)
  })

  it('leaves the blanks to the completeness check, which still refuses them', () => {
    const sections = emptySections(F)
    const overview = F.sections[0].key
    sections[overview] = '本年度'
    setAt(sections, ['applications', 'newReceived', 'natural'], 3)
    // An erased narrative is blank again: D1 waits in the editor…
    expect(check(sections).results.find((r) => r.ruleId === 'D1')?.status).toBe('na')
    // …and asking to complete names every blank and D1's missing sections.
    const completeness = checkCompleteness(F, {
      formatVersion: F.version,
      year: 2025,
      agency: { name: '测试', type: 'government', level: 'county' },
      sections,
    } as never)
    expect(completeness.complete).toBe(false)
    expect(completeness.errors.map((r) => r.ruleId)).toContain('D1')
    expect(completeness.blank.length).toBeGreaterThan(100)
  })

  it('counts one wrong cell of table 三 once in its section, as the findings panel does', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const at = ['applications', 'granted', 'natural']
    setAt(report.sections, at, (getAt(report.sections, at) as number) + 1)
    deriveTotals(format, report.sections)
    const results = evaluateRules(format, report)
    expect(results.filter((r) => r.status === 'fail' && r.ruleId.startsWith('A')).length).toBeGreaterThan(1)
    const status = sectionStatuses(format, report.sections, results).find((s) => s.key === 'applications')
    expect(status).toMatchObject({ state: 'hasErrors', errors: 1, openFindings: 1 })
  })
})
