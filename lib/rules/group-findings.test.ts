import { describe, expect, it } from 'vitest'
import { APPLICATION_KEYS, APPLICATIONS_TOTAL_COLUMN } from '@/lib/format/shared-parts'
import { getAt, setAt } from '@/lib/report/values'
import { fixture } from '@/test/fixtures'
import { deriveTotals } from './derive'
import { evaluateRules, type RuleResult } from './evaluate'
import { failingCounts, findingValuesText, groupFindings } from './group-findings'

const T = APPLICATIONS_TOTAL_COLUMN

/** The 2021 fixture with one cell of table 三 changed by `delta`, totals derived as the editor does. */
function withChangedCell(row: string, column: string, delta: number) {
  const { report, format } = fixture('zhangdian-gov-2021')
  const path = ['applications', row, column]
  setAt(report.sections, path, (getAt(report.sections, path) as number) + delta)
  deriveTotals(format, report.sections)
  return { format, results: evaluateRules(format, report) }
}

/** The balance rules of table 三 (what one wrong cell there fails). */
const balance = (id: string) => id.startsWith('A3.') || id.startsWith('A4.')
const balanceFindings = (findings: ReturnType<typeof groupFindings>) =>
  findings.filter((f) => f.status === 'fail' && f.ruleIds.some(balance))

describe('groupFindings', () => {
  it('keeps the keys of narrative findings when a finding appears above them', () => {
    const { format } = fixture('zhangdian-gov-2021')
    const at = (paragraph: number): RuleResult => ({
      ruleId: 'L1',
      severity: 'warning',
      status: 'fail',
      message: '乱码',
      cells: [],
      focus: 'overview',
      expected: null,
      actual: null,
      narrative: { section: 'overview', paragraph },
    })
    const tableError: RuleResult = {
      ruleId: 'A3.natural',
      severity: 'error',
      status: 'fail',
      message: '勾稽关系',
      cells: ['applications.granted.natural'],
      focus: 'applications.granted.natural',
      expected: 1,
      actual: 2,
    }
    const narrative = [at(8), at(9), at(9)]
    const keys = (results: RuleResult[]) => groupFindings(format, results).map((f) => f.key)
    expect(keys(narrative)).toEqual(['L1@overview.8.0', 'L1@overview.9.0', 'L1@overview.9.1'])
    expect(keys([tableError, ...narrative])).toEqual(['A3.natural', ...keys(narrative)])
  })

  it('passes a clean report with no finding', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const results = evaluateRules(format, report)
    expect(results.filter((r) => r.status === 'fail' && balance(r.ruleId))).toEqual([])
    expect(balanceFindings(groupFindings(format, results))).toEqual([])
  })

  it('shows one wrong cell of table 三 as one finding naming the columns, with each one’s values', () => {
    const { format, results } = withChangedCell('granted', 'natural', 1)
    const failing = results.filter((r) => r.status === 'fail' && balance(r.ruleId))
    // The evaluator's per-rule view is unchanged: the column's balance and the 总计 column's
    // (and, as this fixture carries nothing forward, their bound on （七）总计).
    const ids = ['A3.natural', `A3.${T}`, 'A4.resultsTotal.natural', `A4.resultsTotal.${T}`]
    expect(failing.map((r) => r.ruleId).sort()).toEqual([...ids].sort())
    const findings = balanceFindings(groupFindings(format, results))
    expect(findings).toHaveLength(1)
    const [f] = findings
    expect(f.ruleIds).toEqual(ids)
    expect(f.results).toHaveLength(4)
    expect(f.severity).toBe('error')
    // Each cell once, though both rules name the row cells of their own column.
    expect(new Set(f.cells).size).toBe(f.cells.length)
    expect(f.cells).toContain('applications.carriedForward.natural')
    expect(f.cells).toContain(`applications.carriedForward.${T}`)
    const natural = failing.find((r) => r.ruleId === 'A3.natural') as RuleResult
    const text = findingValuesText(f)
    expect(text).toContain(`自然人 应为 ${natural.expected}，现为 ${natural.actual}`)
    expect(text).toContain('总计 应为')
    expect(text).toContain('另：本年度办理结果总计不能超过本年新收与上年结转之和（自然人 应不超过')
    const all = groupFindings(format, results)
    // Counted once: the badges and the lists count findings, not rules.
    expect(failingCounts(all).error).toBe(
      results.filter((r) => r.status === 'fail' && r.severity === 'error').length - 3,
    )
  })

  it('joins the A4 bound of the same imbalance to the A3 finding, after “另：”', () => {
    // A large 结转 breaks A3 and A4 (结转 ≤ 新收 + 上年结转) of the column and of 总计.
    const { format, results } = withChangedCell(APPLICATION_KEYS.carriedForward, 'natural', 10_000)
    const failing = results.filter((r) => r.status === 'fail' && balance(r.ruleId)).map((r) => r.ruleId)
    expect(failing).toEqual(
      expect.arrayContaining(['A3.natural', `A3.${T}`, `A4.${APPLICATION_KEYS.carriedForward}.natural`]),
    )
    const findings = balanceFindings(groupFindings(format, results))
    expect(findings).toHaveLength(1)
    expect(findings[0].ruleIds).toHaveLength(failing.length)
    const text = findingValuesText(findings[0])
    expect(text).toMatch(/^自然人 应为 \d+，现为 \d+；总计 应为 \d+，现为 \d+。另：结转下年度继续办理不能超过/)
    expect(text).toMatch(/自然人 应不超过 \d+，现为 \d+/)
  })

  it('keeps different rules apart, and a failing rule apart from a not yet assessable one', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    setAt(report.sections, ['applications', 'newReceived', 'natural'], null)
    setAt(report.sections, ['applications', 'carriedForward', 'commercial'], -3)
    const results = evaluateRules(format, report)
    const findings = groupFindings(format, results)
    const pending = findings.filter((f) => f.status === 'na')
    const failing = findings.filter((f) => f.status === 'fail')
    // The blank makes A3 of its column (and of 总计) not assessable: one pending finding.
    expect(pending.filter((f) => f.ruleIds.some((id) => id.startsWith('A3.')))).toHaveLength(1)
    expect(failing.every((f) => f.results.every((r) => r.status === 'fail'))).toBe(true)
    // T1 (a negative count) and the blank warning stay findings of their own.
    expect(failing.filter((f) => f.ruleIds.includes('T1'))[0]?.ruleIds).toEqual(['T1'])
    expect(findings.flatMap((f) => f.ruleIds).sort()).toEqual(
      results
        .filter((r) => r.status !== 'pass')
        .map((r) => r.ruleId)
        .sort(),
    )
  })

  it('names no column for a finding of one rule', () => {
    const { format, results } = withChangedCell('granted', 'natural', 0)
    const single: RuleResult = { ...results[0], status: 'fail', expected: 20, actual: 26 }
    const [f] = groupFindings(format, [single])
    expect(f.parts[0].where).toBe('')
    expect(findingValuesText(f)).toBe('应为 20，现为 26')
  })
})
