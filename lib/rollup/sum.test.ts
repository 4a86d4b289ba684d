import { describe, expect, it } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { fixture, fixturesOf } from '@/test/fixtures'
import { ROLLUP_PATHS } from './format-map'
import { compareParentToChildren } from './parent-check'
import { cellsOf, drillDown, type RollupSource, rollUp, rollupCells, withTotals } from './sum'

const F = FORMATS['2021']
const base = fixture('zhangdian-gov-2021').report.sections as Record<string, any>
const TOTAL = 'applications.newReceived.total'
const amountCell = rollupCells(F).find((c) => c.valueType === 'decimal')!

function source(name: string, change: (s: Record<string, any>) => void): RollupSource {
  const sections = structuredClone(base)
  change(sections)
  return {
    agencyId: name,
    agencyCode: name,
    agencyName: name,
    reportId: `r-${name}`,
    basis: '第1版',
    formatVersion: '2021',
    cells: cellsOf(sections),
  }
}

const setAmount = (s: Record<string, any>, value: unknown) => {
  let node = s
  for (const k of amountCell.segments.slice(0, -1)) node = node[k]
  node[amountCell.segments.at(-1)!] = value
}

describe('rollUp', () => {
  it('sums every cell of tables 二、三、四 and drills down to each agency', () => {
    const a = source('甲', (s) => (s.applications.newReceived.total = 105))
    const b = source('乙', (s) => (s.applications.newReceived.total = 7))
    const c = source('丙', (s) => (s.applications.newReceived.total = null))
    const result = rollUp(F, [a, b, c])
    expect(result.totals[TOTAL]).toBe(112)
    expect(result.paths.every((p) => /^(proactiveDisclosure|applications|reviewLitigation)\./.test(p))).toBe(true)
    expect(result.paths.length).toBe(rollupCells(F).length)
    const drill = drillDown(F, result, TOTAL)!
    expect(drill.rows.map((r) => [r.agencyName, r.value, r.note])).toEqual([
      ['甲', 105, ''],
      ['乙', 7, ''],
      ['丙', null, '未填'],
    ])
    expect(drill.label).toContain('总计')
    // Every format's table cells have one place in the database's cut.
    expect(new Set(ROLLUP_PATHS).size).toBe(ROLLUP_PATHS.length)
    for (const cell of rollupCells(F)) expect(ROLLUP_PATHS).toContain(cell.path)
  })

  it('adds amounts exactly and keeps blank apart from zero', () => {
    const result = rollUp(F, [
      source('甲', (s) => setAmount(s, '0.1')),
      source('乙', (s) => setAmount(s, '0.2')),
      source('丙', (s) => setAmount(s, '12345678901.000001')),
    ])
    expect(result.totals[amountCell.path]).toBe('12345678901.300001')
    const blank = rollUp(F, [source('甲', (s) => setAmount(s, null)), source('乙', (s) => setAmount(s, null))])
    expect(blank.totals[amountCell.path]).toBeNull()
  })

  it('names a value that is not one of its type and does not add it', () => {
    const result = rollUp(F, [
      source('甲', (s) => (s.applications.newReceived.total = '12件')),
      source('乙', (s) => (s.applications.newReceived.total = 3)),
    ])
    expect(result.totals[TOTAL]).toBe(3)
    expect(drillDown(F, result, TOTAL)!.rows[0].note).toBe('数值有误，未计入')
  })

  it('writes the totals into a report’s sections, narratives untouched', () => {
    const result = rollUp(F, [source('甲', () => {}), source('乙', () => {})])
    const out = withTotals(F, { overview: '全区概况', applications: {} }, result)
    expect(out.overview).toBe('全区概况')
    expect((out.applications as any).newReceived.total).toBe(base.applications.newReceived.total * 2)
  })
})

describe('parent = Σ children', () => {
  it('G1 names each cell where the 全区 figure differs from the sum; G2 the agencies left out', () => {
    const children = rollUp(
      F,
      [
        source('甲', (s) => (s.applications.newReceived.total = 10)),
        source('乙', (s) => (s.applications.newReceived.total = 5)),
      ],
      [{ agencyId: '丙', agencyName: '丙', reason: '未创建年报' }],
    )
    const parent = withTotals(F, {}, children) as Record<string, any>
    expect(compareParentToChildren(F, cellsOf(parent), { ...children, excluded: [] })).toEqual([])
    parent.applications.newReceived.total = 16
    const findings = compareParentToChildren(F, cellsOf(parent), children)
    expect(findings.map((f) => f.rule)).toEqual(['G2', 'G1'])
    expect(findings[1]).toMatchObject({ path: TOTAL, parent: 16, children: 15, severity: 'error' })
    expect(findings[0].agencies).toEqual([{ agencyName: '丙', reason: '未创建年报' }])
  })
})

describe('a report of the other format (format.md §3.4, decision 0410)', () => {
  const F19 = FORMATS['2019']
  const base19 = fixture(fixturesOf('2019')[0]).report.sections as Record<string, any>
  function source19(name: string, change: (s: Record<string, any>) => void): RollupSource {
    const sections = structuredClone(base19)
    change(sections)
    return { ...source(name, () => {}), formatVersion: '2019', cells: cellsOf(sections) }
  }
  const other = (row: string, column = 'natural') => `applications.${row}.${column}`
  const table2 = rollupCells(F).filter((c) => c.sectionKey === 'proactiveDisclosure')

  it('2019 in a 2021 roll-up: 表三、表四 mapped, （六）其他处理 into 3.其他, 表二 left out for that agency only', () => {
    const a = source('甲', (s) => {
      s.applications.otherNoCorrection.natural = 1
      s.applications.otherFeeUnpaid.natural = 1
      s.applications.otherOther.natural = 2
    })
    const b = source19('乙', (s) => (s.applications.otherDisposal.natural = 3))
    const result = rollUp(F, [a, b])
    expect(result.totals[TOTAL]).toBe(base.applications.newReceived.total + base19.applications.newReceived.total)
    expect(result.totals['reviewLitigation.review.total']).toBe(
      base.reviewLitigation.review.total + base19.reviewLitigation.review.total,
    )
    // The one 2019 row goes to 3.其他; the two rows 2019 has not are blank for it, not 0.
    expect(result.totals[other('otherOther')]).toBe(5)
    expect(result.values[other('otherNoCorrection')]).toEqual([1, null])
    expect(result.totals[other('otherNoCorrection')]).toBe(1)
    // 表二: the 2021 agency alone.
    for (const cell of table2) expect(result.values[cell.path][1]).toBeNull()
    const licensing = 'proactiveDisclosure.art20_5.licensing.decisions'
    expect(result.totals[licensing]).toBe(base.proactiveDisclosure.art20_5.licensing.decisions)
    expect(result.mapped).toEqual([
      {
        agencyId: '乙',
        agencyName: '乙',
        formatVersion: '2019',
        unmapped: ['proactiveDisclosure'],
        reason: expect.stringContaining('按2019年格式折算'),
      },
    ])
    expect(result.mapped?.[0].reason).toMatch(/主动公开政府信息情况栏目不同，不能折算，未计入/)
    const note = (path: string) => drillDown(F, result, path)?.rows[1].note
    expect(note(TOTAL)).toBe('按2019年格式折算')
    expect(drillDown(F, result, TOTAL)?.rows[0].note).toBe('')
    expect(note(other('otherOther'))).toMatch(/^按2019年格式折算：（六）其他处理（一行）计入3\.其他/)
    expect(note(other('otherNoCorrection'))).toContain('2019年格式无此行')
    expect(note(licensing)).toContain('不能折算，未计入')
    // Parent = Σ children names the agency whose 表二 was left out.
    const findings = compareParentToChildren(F, cellsOf(withTotals(F, {}, result)), result)
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'G2', agencies: [{ agencyName: '乙', reason: result.mapped?.[0].reason }] }),
    ])
  })

  it('2021 in a 2019 roll-up: the three 其他处理 rows add exactly into the one row', () => {
    const result = rollUp(F19, [
      source19('甲', (s) => (s.applications.otherDisposal.natural = 1)),
      source('乙', (s) => {
        s.applications.otherNoCorrection.natural = 2
        s.applications.otherFeeUnpaid.natural = 3
        s.applications.otherOther.natural = 4
      }),
    ])
    expect(result.totals[other('otherDisposal')]).toBe(10)
    expect(drillDown(F19, result, other('otherDisposal'))?.rows[1]).toMatchObject({ value: 9 })
    expect(drillDown(F19, result, other('otherDisposal'))?.rows[1].note).toMatch(/^按2021年格式折算：.*之和$/)
    expect(result.mapped?.[0].unmapped).toEqual(['proactiveDisclosure'])
  })
})
