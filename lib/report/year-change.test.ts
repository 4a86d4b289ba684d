import { describe, expect, it } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { evaluateRules } from '@/lib/rules/evaluate'
import { fixture } from '@/test/fixtures'
import { setAt } from './values'
import { changeOf } from './year-change'

describe('changeOf (对照上年)', () => {
  it('shows the difference, signed', () => {
    expect(changeOf(12, 24)).toEqual({ text: '+12', jump: false })
    expect(changeOf(12, 9)).toEqual({ text: '−3', jump: false })
    expect(changeOf(7, 7)).toEqual({ text: '0', jump: false })
    expect(changeOf('1.5', '2.25')).toEqual({ text: '+0.75', jump: false })
  })

  it('shows the factor of a jump from a last-year value of at least 10, as X4 finds it', () => {
    expect(changeOf(10, 52)).toEqual({ text: '×5.2', jump: true })
    expect(changeOf(40, 2)).toEqual({ text: '×0.05', jump: true })
    expect(changeOf(10, 50)).toEqual({ text: '+40', jump: false })
    // A small last-year value: no jump, however large the change.
    expect(changeOf(9, 900)).toEqual({ text: '+891', jump: false })
  })

  it('is nothing when either year is blank or not a number', () => {
    expect(changeOf(null, 3)).toBeNull()
    expect(changeOf(3, '')).toBeNull()
    expect(changeOf('万元', 3)).toBeNull()
  })

  it('agrees with X4 on the same pair of years', () => {
    const { report } = fixture('zhangdian-gov-2021')
    const F21 = FORMATS['2021']
    const now = structuredClone(report)
    const path = 'applications.newReceived.natural'
    const was = Number(path.split('.').reduce<any>((n, k) => n[k], report.sections))
    setAt(now.sections, path.split('.'), was * 6)
    const x4 = evaluateRules(F21, { ...now, previous: report }).find((r) => r.ruleId === 'X4')
    expect(was).toBeGreaterThanOrEqual(10)
    expect(x4?.status).toBe('fail')
    expect(x4?.cells).toContain(path)
    expect(changeOf(was, was * 6)?.jump).toBe(true)
  })
})
