import { describe, expect, it } from 'vitest'
import { rowsUnder } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { MatrixTableDef } from '@/lib/format/types'
import { outcomeShares, progressSeries, shortLabel, yearTotals } from './board-charts'
import { outcomeSvg, progressSvg, yearsSvg } from './render'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']
const deadlines = [
  { label: '部门', date: '2026-01-31' },
  { label: '人民政府', date: '2026-03-31' },
]

describe('progressSeries', () => {
  const series = progressSeries(
    2025,
    [
      { submitted: '2026-01-10', approved: '2026-01-20', published: '2026-01-25' },
      { submitted: '2026-01-20', approved: null, published: null },
      // Imported and approved without a submit event: submitted on the day it was approved.
      { submitted: null, approved: '2026-02-02', published: null },
    ],
    5,
    deadlines,
    '2026-02-15',
  )
  const at = (day: string) => series.days.indexOf(day)
  it('runs from 1 January to the last deadline, day by day', () => {
    expect(series.days[0]).toBe('2026-01-01')
    expect(series.days.at(-1)).toBe('2026-03-31')
    expect(series.days).toHaveLength(31 + 28 + 31)
  })
  it('counts cumulatively by the end of each day', () => {
    expect(series.submitted[at('2026-01-09')]).toBe(0)
    expect(series.submitted[at('2026-01-10')]).toBe(1)
    expect(series.submitted[at('2026-01-20')]).toBe(2)
    expect(series.submitted[at('2026-02-02')]).toBe(3)
    expect(series.approved[at('2026-02-02')]).toBe(2)
    expect(series.published.at(-1)).toBe(1)
    expect(series.total).toBe(5)
  })
  it('runs on past the deadline to today, and starts at an earlier milestone', () => {
    const late = progressSeries(
      2025,
      [{ submitted: '2025-12-30', approved: null, published: null }],
      1,
      deadlines,
      '2026-05-03',
    )
    expect(late.days[0]).toBe('2025-12-30')
    expect(late.days.at(-1)).toBe('2026-05-03')
    expect(late.submitted[0]).toBe(1)
  })
})

describe('outcomeShares', () => {
  it('gives one share per outcome of 三、本年度办理结果 with the format labels, each group summed over its rows', () => {
    const table = F21.sections.find((s) => s.key === 'applications')
    if (table?.kind !== 'table') throw new Error('no table 三')
    const denied = rowsUnder(table.table as MatrixTableDef, 'denied')
    const values: Record<string, number> = {
      'applications.granted.total': 10,
      'applications.partiallyGranted.total': 4,
      [`applications.${denied[0]}.total`]: 2,
      [`applications.${denied[1]}.total`]: 3,
      'applications.otherOther.total': 1,
      'applications.resultsTotal.total': 20,
      'applications.granted.natural': 99,
    }
    const shares = outcomeShares(F21, (p) => values[p] ?? null)
    expect(shares.map((s) => s.label)).toEqual([
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
    ])
    expect(shares.map((s) => s.value)).toEqual([10, 4, 5, 0, 0, 1])
    expect(shares.map((s) => s.short)).toEqual(['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理'])
  })
  it('reads 2019 （六）其他处理 as one row under the same key', () => {
    const shares = outcomeShares(F19, (p) => (p === 'applications.otherDisposal.total' ? 7 : null))
    expect(shares.find((s) => s.key === 'otherDisposal')?.value).toBe(7)
  })
})

describe('yearTotals', () => {
  it('sums each year’s 总计 column over its reports; a year without reports is null, not 0; non-counts are not added', () => {
    const t = yearTotals(
      F21,
      [2023, 2024, 2025],
      [
        { year: 2024, applications: { newReceived: { total: 5 }, carriedForward: { total: 1 } } },
        { year: 2024, applications: { newReceived: { total: 7 }, carriedForward: { total: '2件' } } },
        { year: 2025, applications: { newReceived: { total: 3 } } },
      ],
    )
    expect(t.rows.map((r) => r.short)).toEqual(['本年新收', '上年结转', '总计', '结转下年度继续办理'])
    expect(t.years.map((y) => y.values.newReceived)).toEqual([null, 12, 3])
    expect(t.years[1].values.carriedForward).toBe(1)
    expect(t.years[2].values.carriedOver).toBeNull()
    expect(t.years.map((y) => y.reports)).toEqual([0, 2, 1])
  })
  it('shortens labels by their enumerator and explanation only', () => {
    expect(shortLabel('一、本年新收政府信息公开申请数量')).toBe('本年新收')
    expect(shortLabel('3.其他')).toBe('其他')
  })
})

describe('render', () => {
  it('draws SVG with the labels as text and the deadline marked', () => {
    const series = progressSeries(
      2025,
      [{ submitted: '2026-01-10', approved: null, published: null }],
      2,
      deadlines,
      '2026-01-15',
    )
    const svg = progressSvg(series)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toMatch(/viewBox="0 0 720 360"/)
    expect(svg).toContain('>已提交</text>')
    expect(svg).toContain('人民政府截止 3月31日')
    // Filed late, into the year after: the days name their year.
    const late = progressSeries(
      2025,
      [{ submitted: '2027-02-01', approved: null, published: null }],
      1,
      deadlines,
      '2027-02-01',
    )
    expect(progressSvg(late)).toContain('2026年1月1日')
    const pie = outcomeSvg([{ key: 'granted', label: '（一）予以公开', short: '予以公开', value: 3 }], '办理结果')
    expect(pie).toContain('予以公开')
    const bars = yearsSvg(yearTotals(F21, [2025], [{ year: 2025, applications: { newReceived: { total: 3 } } }]))
    expect(bars).toContain('2025年')
  })
})
