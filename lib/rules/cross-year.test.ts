/**
 * The cross-year rules (X1, P1, P2, Q2, Q5, R3, X4) on seed reports paired with a "last year"
 * built from seed reports: each passes when the years agree, fails at the cells of both years
 * when they do not, and does not apply without a previous report or across an unmappable format.
 */
import { describe, expect, it } from 'vitest'
import { formatCells, leafColumns } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { MatrixTableDef, RuleDef } from '@/lib/format/types'
import type { ReportData } from '@/lib/report/schema'
import { getAt, setAt } from '@/lib/report/values'
import { fixture } from '@/test/fixtures'
import { evaluateRules, type RuleResult } from './evaluate'
import { mapPrevious } from './previous'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']

const CROSS_YEAR = new Set<RuleDef['kind']>(['continuity', 'jump', 'reference'])

const set = (r: ReportData, path: string, value: unknown) => setAt(r.sections, path.split('.'), value)
const get = (r: ReportData, path: string) => getAt(r.sections, path.split('.'))
const byId = (results: RuleResult[], id: string) => {
  const r = results.find((x) => x.ruleId === id)
  if (!r) throw new Error(`no result ${id}`)
  return r
}

/** This year: the 2022 office report; last year: the same numbers moved back a year and made continuous. */
function pair2021() {
  const current = fixture('zhangdian-office-2022').report
  const previous = fixture('zhangdian-gov-2021').report
  previous.year = current.year - 1
  for (const c of leafColumns((F21.sections[2] as { table: MatrixTableDef }).table.columns)) {
    set(previous, `applications.carriedForward.${c.key}`, get(current, `applications.carriedOver.${c.key}`))
  }
  // 行政规范性文件: 47 last year + 6 issued − 2 repealed = 51.
  set(current, 'proactiveDisclosure.art20_1.normativeDocuments.inForce', 51)
  return { current, previous }
}

describe('cross-year rules without a previous report', () => {
  it('do not apply: every one passes and names no cell', () => {
    const { report } = fixture('zhangdian-gov-2021')
    const cross = F21.rules.filter((r) => CROSS_YEAR.has(r.kind)).map((r) => r.id)
    expect(cross.length).toBeGreaterThan(10)
    const results = evaluateRules(F21, report)
    for (const id of cross) expect(byId(results, id)).toMatchObject({ status: 'pass', cells: [] })
  })

  it('are declared after the existing rules of both formats, in the X, P, Q, R families', () => {
    for (const format of [F21, F19]) {
      // The narrative rules (issue 14) come after them: they read text, not cells.
      const kinds = format.rules.filter((r) => r.kind !== 'narrative').map((r) => CROSS_YEAR.has(r.kind))
      expect(kinds.indexOf(true)).toBe(kinds.lastIndexOf(false) + 1)
      for (const r of format.rules.filter((x) => CROSS_YEAR.has(x.kind))) {
        expect(['X', 'P', 'Q', 'R']).toContain(r.family)
        expect(format.ruleFamilies.map((f) => f.id)).toContain(r.family)
      }
    }
  })
})

describe('X1: 上年结转 = last year 结转下年度继续办理, per column', () => {
  it('passes when every column agrees, fails at both years’ cells when one does not', () => {
    const { current, previous } = pair2021()
    let results = evaluateRules(F21, { ...current, previous })
    for (const r of results.filter((x) => x.ruleId.startsWith('X1.'))) expect(r.status).toBe('pass')

    set(previous, 'applications.carriedForward.natural', 15)
    set(previous, 'applications.carriedForward.total', 15)
    results = evaluateRules(F21, { ...current, previous })
    const natural = byId(results, 'X1.natural')
    expect(natural).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: ['applications.carriedOver.natural'],
      previousCells: ['applications.carriedForward.natural'],
      focus: 'applications.carriedOver.natural',
      expected: 15,
      actual: 0,
    })
    expect(natural.message).toContain('自然人')
    expect(natural.message).toContain('15')
    expect(byId(results, 'X1.total').status).toBe('fail')
    expect(byId(results, 'X1.commercial').status).toBe('pass')
  })

  it('holds across the 2020 → 2021 format change', () => {
    const current = fixture('zhangdian-gov-2021').report
    const previous = fixture('zichuan-gov-2020').report // 结转 1 自然人
    let results = evaluateRules(F21, { ...current, previous })
    expect(byId(results, 'X1.natural')).toMatchObject({ status: 'fail', expected: 1, actual: 0 })
    set(current, 'applications.carriedOver.natural', 1)
    results = evaluateRules(F21, { ...current, previous })
    expect(byId(results, 'X1.natural').status).toBe('pass')
  })

  it('is not assessable while a cell of either year is blank', () => {
    const { current, previous } = pair2021()
    set(previous, 'applications.carriedForward.research', null)
    expect(byId(evaluateRules(F21, { ...current, previous }), 'X1.research').status).toBe('na')
  })
})

describe('P1 and P2: 现行有效 follows from last year’s, per row of table 二', () => {
  const at = (row: string, col: string) => `proactiveDisclosure.art20_1.${row}.${col}`

  it('P1 passes when 上年现行有效 + 制发 − 废止 = 现行有效, and shows the arithmetic when not', () => {
    const { current, previous } = pair2021()
    expect(byId(evaluateRules(F21, { ...current, previous }), 'P1.normativeDocuments').status).toBe('pass')

    set(current, at('normativeDocuments', 'inForce'), 17) // as published: 47 + 6 − 2 = 51, not 17
    const p1 = byId(evaluateRules(F21, { ...current, previous }), 'P1.normativeDocuments')
    expect(p1).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: [
        at('normativeDocuments', 'inForce'),
        at('normativeDocuments', 'issued'),
        at('normativeDocuments', 'repealed'),
      ],
      previousCells: [at('normativeDocuments', 'inForce')],
      focus: at('normativeDocuments', 'inForce'),
      expected: 51,
      actual: 17,
    })
    expect(p1.message).toContain('现行有效件数 17')
    expect(p1.message).toContain('上年度现行有效件数 47 + 本年制发件数 6 − 本年废止件数 2 = 51')
  })

  it('P2 fails when more were repealed than were in force or issued', () => {
    const { current, previous } = pair2021()
    set(current, at('normativeDocuments', 'repealed'), 60)
    const p2 = byId(evaluateRules(F21, { ...current, previous }), 'P2.normativeDocuments')
    expect(p2).toMatchObject({ status: 'fail', expected: '≤ 53', actual: 60 })
  })

  it('do not apply when last year used the 2019 format (its table 二 does not map)', () => {
    const current = fixture('zhangdian-gov-2021').report
    const previous = fixture('zichuan-gov-2020').report
    const results = evaluateRules(F21, { ...current, previous })
    for (const id of ['P1.regulations', 'P1.normativeDocuments', 'P2.normativeDocuments']) {
      expect(byId(results, id)).toMatchObject({ status: 'pass', cells: [] })
    }
  })
})

describe('2019 format: Q2 and Q5', () => {
  const at = (block: string, row: string, col: string) => `proactiveDisclosure.${block}.${row}.${col}`

  function pair2019() {
    const current = fixture('zichuan-gov-2020').report
    const previous = fixture('zichuan-gov-2020').report
    previous.year = 2019
    set(previous, at('art20_5', 'licensing', 'priorYearItems'), 100)
    set(previous, at('art20_5', 'licensing', 'yearChange'), -8)
    set(current, at('art20_5', 'licensing', 'priorYearItems'), 92)
    return { current, previous }
  }

  it('Q2: 上一年项目数量 = last year’s 上一年项目数量 + 本年增/减', () => {
    const { current, previous } = pair2019()
    expect(byId(evaluateRules(F19, { ...current, previous }), 'Q2.licensing').status).toBe('pass')
    set(current, at('art20_5', 'licensing', 'priorYearItems'), 100)
    const q2 = byId(evaluateRules(F19, { ...current, previous }), 'Q2.licensing')
    expect(q2).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: [at('art20_5', 'licensing', 'priorYearItems')],
      previousCells: [at('art20_5', 'licensing', 'priorYearItems'), at('art20_5', 'licensing', 'yearChange')],
      expected: 92,
      actual: 100,
    })
    expect(q2.message).toContain('上年度本年增/减 -8')
  })

  it('Q5: 对外公开总数量 below last year’s is an info finding', () => {
    const { current, previous } = pair2019()
    const path = at('art20_1', 'normativeDocuments', 'totalPublished')
    expect(byId(evaluateRules(F19, { ...current, previous }), 'Q5.normativeDocuments').status).toBe('pass')
    set(previous, path, 40)
    expect(byId(evaluateRules(F19, { ...current, previous }), 'Q5.normativeDocuments')).toMatchObject({
      status: 'fail',
      severity: 'info',
      cells: [path],
      previousCells: [path],
      expected: '≥ 40',
      actual: 25,
    })
  })
})

describe('R3: last year’s 尚未审结, for reference', () => {
  it('lists last year’s pending cases beside this year’s table 四', () => {
    const current = fixture('zhangdian-office-2022').report
    const previous = fixture('zhangdian-gov-2021').report // 行政复议 尚未审结 1
    const r3 = byId(evaluateRules(F21, { ...current, previous }), 'R3')
    expect(r3).toMatchObject({
      status: 'fail',
      severity: 'info',
      previousCells: ['reviewLitigation.review.pending'],
    })
    expect(r3.cells).toContain('reviewLitigation.review.total')
    expect(r3.actual).toContain('行政复议·尚未审结 1')
    set(previous, 'reviewLitigation.review.pending', 0)
    expect(byId(evaluateRules(F21, { ...current, previous }), 'R3').status).toBe('pass')
  })
})

describe('X4: a jump of more than 5× or under 0.2× of a last-year value of at least 10', () => {
  const penalty = 'proactiveDisclosure.art20_6.penalty.decisions'
  const licensing = 'proactiveDisclosure.art20_5.licensing.decisions'

  it('flags rises and falls at the cells of both years, and nothing below the threshold', () => {
    const { current, previous } = pair2021()
    for (const cell of formatCells(F21)) {
      if (cell.sectionKey !== 'otherMatters') set(previous, cell.path, get(current, cell.path))
    }
    expect(byId(evaluateRules(F21, { ...current, previous }), 'X4').status).toBe('pass')
    set(previous, penalty, 10)
    set(current, penalty, 51)
    set(previous, licensing, 100)
    set(current, licensing, 19)
    set(previous, 'applications.granted.natural', 9) // below 10: not a jump whatever this year says
    set(current, 'applications.granted.natural', 200)
    const x4 = byId(evaluateRules(F21, { ...current, previous }), 'X4')
    expect(x4).toMatchObject({ status: 'fail', severity: 'info' })
    expect(x4.cells).toEqual([licensing, penalty])
    expect(x4.previousCells).toEqual([licensing, penalty])
    expect(x4.actual).toContain('100→19')
    expect(x4.actual).toContain('10→51')

    set(current, penalty, 50) // exactly 5×: not more than
    set(current, licensing, 20) // exactly 0.2×: not under
    expect(byId(evaluateRules(F21, { ...current, previous }), 'X4').status).toBe('pass')
  })

  it('leaves out derived totals and signed values', () => {
    const x4 = F21.rules.find((r) => r.id === 'X4') as Extract<RuleDef, { kind: 'jump' }>
    expect(x4.cells).not.toContain('applications.natural.total')
    expect(x4.cells).not.toContain('applications.resultsTotal.natural')
    expect(x4.cells).not.toContain('reviewLitigation.review.total')
    expect(x4.cells).toContain('applications.granted.natural')
    const x4of19 = F19.rules.find((r) => r.id === 'X4') as Extract<RuleDef, { kind: 'jump' }>
    expect(x4of19.cells.some((p) => p.endsWith('.yearChange'))).toBe(false)
  })
})

describe('last year mapped to this year’s format (spec/format.md §3.4)', () => {
  it('2021 → 2019: （六）其他处理 is the sum of its three rows; table 二 does not map', () => {
    const previous = fixture('zhangdian-gov-2021').report
    set(previous, 'applications.otherNoCorrection.natural', 2)
    set(previous, 'applications.otherFeeUnpaid.natural', 1)
    set(previous, 'applications.otherOther.natural', 4)
    const mapped = mapPrevious(F19, previous) as Record<string, any>
    expect(mapped.applications.otherDisposal.natural).toBe(7)
    expect(mapped.applications.granted).toEqual((previous.sections.applications as any).granted)
    expect(mapped.proactiveDisclosure).toBeUndefined()
  })

  it('2019 → 2021: the three rows of （六） have no counterpart; tables 三 and 四 keep their cells', () => {
    const previous = fixture('zichuan-gov-2020').report
    const mapped = mapPrevious(F21, previous) as Record<string, any>
    expect(mapped.applications.otherOther).toBeUndefined()
    expect(mapped.applications.carriedForward.natural).toBe(1)
    expect(mapped.reviewLitigation).toEqual(previous.sections.reviewLitigation)
  })
})
