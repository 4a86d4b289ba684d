import { describe, expect, it } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { fixture } from '@/test/fixtures'
import { checkCompleteness } from './completeness'
import { emptyReport } from './interchange'
import { carriedCells, narrativesEmpty, originsAfter, prefillFromPrevious, prefillNarratives } from './origins'
import { diffReports, mergeChanges } from './patch'
import { reportSchema } from './schema'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']
const COLUMNS = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other']

describe('carried cells come from the cross-year rules', () => {
  it('2021: 上年结转 per column; 2019 also 上一年项目数量 (last year’s items plus 本年增/减)', () => {
    expect(carriedCells(F21).map((c) => c.path)).toEqual(
      [...COLUMNS, 'total'].map((c) => `applications.carriedOver.${c}`),
    )
    expect(carriedCells(F21)[0].from).toEqual(['applications.carriedForward.natural'])
    const q2 = carriedCells(F19).find((c) => c.path === 'proactiveDisclosure.art20_5.licensing.priorYearItems')
    expect(q2?.from).toEqual([
      'proactiveDisclosure.art20_5.licensing.priorYearItems',
      'proactiveDisclosure.art20_5.licensing.yearChange',
    ])
  })
})

describe('prefillFromPrevious', () => {
  it('fills 上年结转 from last year’s 结转 (also from the 2019 format), marks the typed cells, derives the total', () => {
    const previous = fixture('zichuan-gov-2020').report // 结转: 自然人 1
    const report = emptyReport(F21, 2021, previous.agency)
    prefillFromPrevious(F21, report, previous)
    const carried = (report.sections.applications as any).carriedOver
    expect(carried).toEqual({
      natural: 1,
      commercial: 0,
      research: 0,
      publicInterest: 0,
      legalService: 0,
      other: 0,
      total: 1,
    })
    expect(report.origins).toEqual(Object.fromEntries(COLUMNS.map((c) => [`applications.carriedOver.${c}`, 'carried'])))
    // Nothing else is filled.
    expect((report.sections.applications as any).newReceived.natural).toBeNull()
    expect(reportSchema(F21, 'draft').safeParse(report).success).toBe(true)
  })

  it('leaves a cell blank where last year’s is blank', () => {
    const previous = fixture('zhangdian-gov-2021').report
    ;(previous.sections.applications as any).carriedForward.research = null
    const report = prefillFromPrevious(F21, emptyReport(F21, 2022, previous.agency), previous)
    expect((report.sections.applications as any).carriedOver.research).toBeNull()
    expect(report.origins?.['applications.carriedOver.research']).toBeUndefined()
  })
})

describe('origins in the schema and after a save', () => {
  it('refuses a mark on a path that is not a cell, and a mark of another kind', () => {
    const report = fixture('zhangdian-gov-2021').report
    expect(
      reportSchema(F21, 'draft').safeParse({ ...report, origins: { 'applications.nope.natural': 'carried' } }).success,
    ).toBe(false)
    expect(
      reportSchema(F21, 'draft').safeParse({ ...report, origins: { 'applications.carriedOver.natural': 'typed' } })
        .success,
    ).toBe(false)
  })

  it('keeps the marks of unchanged values only', () => {
    const stored = fixture('zhangdian-gov-2021').report
    const next = structuredClone(stored.sections) as any
    next.applications.carriedOver.natural = 3
    const origins = {
      'applications.carriedOver.natural': 'carried',
      'applications.carriedOver.other': 'carried',
    } as const
    expect(originsAfter(stored, { sections: next }, origins)).toEqual({
      origins: { 'applications.carriedOver.other': 'carried' },
    })
    expect(originsAfter(stored, { sections: next }, { 'applications.carriedOver.natural': 'carried' })).toEqual({})
  })
})

describe('completeness and the marks', () => {
  it('a carried value does not hold a report back; a prefilled one does until its mark goes', () => {
    const report = fixture('zhangdian-gov-2021').report
    const carried = checkCompleteness(F21, { ...report, origins: { 'applications.carriedOver.natural': 'carried' } })
    expect(carried.unconfirmed).toEqual([])
    const prefilled = checkCompleteness(F21, {
      ...report,
      origins: { 'applications.carriedOver.natural': 'carried', 'applications.granted.natural': 'prefilled' },
    })
    expect(prefilled.unconfirmed).toEqual(['applications.granted.natural'])
    expect(prefilled.complete).toBe(false)
  })
})

describe('沿用上年度正文: narratives marked prefilled', () => {
  it('copies last year’s narratives by key across the format change, marks them, and nothing else', () => {
    const last = fixture('zichuan-gov-2020').report
    last.preamble = '本报告根据条例编制。'
    const report = emptyReport(F21, 2021, { name: '测试区人民政府', type: 'government' })
    expect(narrativesEmpty(F21, report)).toBe(true)
    const { copied } = prefillNarratives(F21, report, last)
    expect(copied).toEqual(expect.arrayContaining(['preamble', 'overview', 'problemsImprovements']))
    expect(report.preamble).toBe('本报告根据条例编制。')
    expect(report.sections.overview).toBe(last.sections.overview)
    expect(Object.keys(report.origins ?? {}).sort()).toEqual([...copied].sort())
    expect(narrativesEmpty(F21, report)).toBe(false)
    // The schema takes narrative keys; completeness lists them as unconfirmed.
    expect(reportSchema(F21, 'draft').safeParse(report).success).toBe(true)
    expect(checkCompleteness(F21, report).unconfirmed.sort()).toEqual([...copied].sort())
  })

  it('a removed mark is sent as origins.<key> → null; an edit of the narrative drops its mark on merge', () => {
    const last = fixture('zhangdian-gov-2021').report
    const base = prefillNarratives(F21, emptyReport(F21, 2022, { name: '甲', type: 'government' }), last).report
    const next = structuredClone(base)
    delete next.origins?.overview
    expect(diffReports(F21, base, next)).toEqual([{ path: 'origins.overview', base: 'prefilled', value: null }])

    const stored = structuredClone(base)
    const first = String(stored.sections.problemsImprovements).split('\n')[0]
    const merged = mergeChanges(F21, stored, [
      { path: 'sections.problemsImprovements#1', base: first, value: `${first}（改）` },
    ])
    expect(merged.ok).toBe(true)
    expect(stored.origins?.problemsImprovements).toBeUndefined()
    expect(stored.origins?.overview).toBe('prefilled')
  })

  it('a whole-report save keeps a preamble mark while the preamble is unchanged', () => {
    const stored = { ...fixture('zhangdian-gov-2021').report, preamble: '旧' }
    const origins = { preamble: 'prefilled' } as const
    expect(originsAfter(stored, { sections: stored.sections, preamble: '旧' }, origins)).toEqual({ origins })
    expect(originsAfter(stored, { sections: stored.sections, preamble: '新' }, origins)).toEqual({})
  })
})
