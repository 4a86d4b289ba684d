import { describe, expect, it } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { fixture } from '@/test/fixtures'
import { compareParentToChildren } from './parent-check'
import { drillDown, type RollupSource, rollUp, rollupCells, withTotals } from './sum'

const F = FORMATS['2021']
const base = fixture('zhangdian-gov-2021').report.sections as Record<string, any>
const TOTAL = 'applications.newReceived.total'
const amountCell = rollupCells(F).find((c) => c.valueType === 'decimal')!

function source(name: string, change: (s: Record<string, any>) => void): RollupSource {
  const sections = structuredClone(base)
  change(sections)
  return { agencyId: name, agencyCode: name, agencyName: name, reportId: `r-${name}`, basis: '第1版', sections }
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
    expect(compareParentToChildren(F, parent, { ...children, excluded: [] })).toEqual([])
    parent.applications.newReceived.total = 16
    const findings = compareParentToChildren(F, parent, children)
    expect(findings.map((f) => f.rule)).toEqual(['G2', 'G1'])
    expect(findings[1]).toMatchObject({ path: TOTAL, parent: 16, children: 15, severity: 'error' })
    expect(findings[0].agencies).toEqual([{ agencyName: '丙', reason: '未创建年报' }])
  })
})
