import { describe, expect, it } from 'vitest'
import { blanksWhereStarted, sectionStatuses } from '@/lib/editor/section-status'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { checkCompleteness } from '@/lib/report/completeness'
import { emptyReport } from '@/lib/report/interchange'
import { evaluateRules, findingsOf } from '@/lib/rules/evaluate'
import { groupFindings } from '@/lib/rules/group-findings'
import { completeFixture } from '@/test/complete-report'
import { fixture } from '@/test/fixtures'
import { narrativeFindings } from './findings'
import { comparable, compareNarratives, ParagraphIndex, siblingRepeats } from './similarity'
import { narrativeTexts } from './texts'

const agency = { name: '测试局', type: 'department' as const, level: 'county' as const }

describe('narrative findings of the real fixtures', () => {
  it('张店区 2021: the OCR debris of section 一, one warning per paragraph, with quote and place', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const l1 = findingsOf(evaluateRules(format, report)).filter((r) => r.ruleId === 'L1')
    expect(l1.map((r) => r.narrative)).toEqual(
      [8, 9, 10, 11, 13, 14, 15].map((paragraph) => ({ section: 'overview', paragraph })),
    )
    expect(l1[0]).toMatchObject({ severity: 'warning', status: 'fail', cells: ['overview'] })
    expect(l1[0].quote).toContain('ENELRTRESRURESEE')
    // Each paragraph is its own finding for the officer.
    expect(groupFindings(format, l1)).toHaveLength(7)
  })
  it('淄川区 2020: the [bookmark: _GoBack] of section 一, and nothing else left over', () => {
    const { report, format } = fixture('zichuan-gov-2020')
    const found = findingsOf(evaluateRules(format, report)).filter((r) => /^L[1-7]$/.test(r.ruleId))
    expect(found).toEqual([expect.objectContaining({ ruleId: 'L2', narrative: { section: 'overview', paragraph: 7 } })])
  })
  it('the 2022 reports have no leftover, placeholder, year or heading finding', () => {
    for (const name of ['zhangdian-jgsw-2022', 'zhangdian-office-2022'] as const) {
      const { report, format } = fixture(name)
      expect(findingsOf(evaluateRules(format, report)).filter((r) => /^L[1-7]$|^L9$/.test(r.ruleId))).toEqual([])
    }
  })
})

describe('a new report', () => {
  it('opens as 待填写: no narrative finding, and the blank tables (L7) wait until started', () => {
    const report = emptyReport(GOV_2021, 2025, agency)
    const results = blanksWhereStarted(GOV_2021, report.sections, evaluateRules(GOV_2021, report))
    expect(results.filter((r) => r.ruleId.startsWith('L') && r.status === 'fail')).toEqual([])
    expect(sectionStatuses(GOV_2021, report.sections, results).map((s) => s.state)).toEqual(
      GOV_2021.sections.map(() => 'empty'),
    )
  })
  it('asked to complete, a wholly blank table 三 is an error (like a missing section)', () => {
    const report = emptyReport(GOV_2021, 2025, agency)
    const completeness = checkCompleteness(GOV_2021, report)
    expect(completeness.errors.filter((r) => r.ruleId === 'L7').map((r) => r.actual)).toEqual([
      `${GOV_2021.sections[2].heading}：全部空白`,
      `${GOV_2021.sections[3].heading}：全部空白`,
    ])
  })
})

describe('copied from last year (L10, L11)', () => {
  it('a report that repeats last year’s text with new numbers: 100 % repeated, a warning that needs explaining', () => {
    const { format, report } = completeFixture('zhangdian-gov-2021')
    const previous = { ...structuredClone(report), year: 2020 }
    const next = { ...structuredClone(report), year: 2021 }
    next.sections.overview = (next.sections.overview as string).replace(/\d/g, '3')
    const results = evaluateRules(format, { ...next, previous })
    const share = results.find((r) => r.ruleId === 'L10')
    expect(share).toMatchObject({ status: 'fail', severity: 'warning', actual: '与上年重复 100%' })
    const per = results.filter((r) => r.ruleId === 'L11')
    expect(per.length).toBeGreaterThan(10)
    expect(per.every((r) => r.severity === 'info' && r.narrative && r.quote)).toBe(true)
    const completeness = checkCompleteness(format, { ...next, previous })
    expect(completeness.unexplained.map((r) => r.ruleId)).toContain('L10')
    expect(
      checkCompleteness(format, {
        ...next,
        previous,
        explanations: { ...next.explanations, L10: '沿用上年度制度表述' },
      }).unexplained.map((r) => r.ruleId),
    ).not.toContain('L10')
  })
  it('a rewritten report passes, and the share is given as the pass result’s value', () => {
    const { format, report } = fixture('zhangdian-office-2022')
    const previous = fixture('zhangdian-gov-2021').report
    const share = evaluateRules(format, { ...report, previous }).find((r) => r.ruleId === 'L10')
    expect(share).toMatchObject({ status: 'pass', actual: '与上年重复 0%' })
  })
  it('without last year’s report nothing is compared', () => {
    const { format, report } = fixture('zhangdian-office-2022')
    expect(narrativeFindings(report, { format }).filter((r) => r.ruleId === 'L10' || r.ruleId === 'L11')).toEqual([])
  })
})

describe('sibling agencies (L12)', () => {
  it('a paragraph copied from another agency’s report of the year names that report', () => {
    const { format, report } = fixture('zhangdian-office-2022')
    const other = fixture('zhangdian-jgsw-2022').report
    const borrowed = (other.sections.problemsImprovements as string).split('\n')[0]
    report.sections.problemsImprovements = `${report.sections.problemsImprovements}\n${borrowed}`
    const [mine] = siblingRepeats([
      { name: 'office.json', paragraphs: comparable(narrativeTexts(format, report)) },
      { name: 'jgsw.json', paragraphs: comparable([{ section: 'problemsImprovements', heading: '', text: borrowed }]) },
    ])
    const found = narrativeFindings(report, { format, siblings: mine }).filter((r) => r.ruleId === 'L12')
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'info',
        narrative: { section: 'problemsImprovements', paragraph: 3 },
        actual: expect.stringContaining('与 jgsw.json'),
      }),
    ])
  })
})

describe('siblingRepeats (prefix filtering)', () => {
  it('finds exactly what comparing every pair finds, and names how many others repeat a paragraph', () => {
    const names = ['zhangdian-office-2022', 'zhangdian-jgsw-2022', 'zhangdian-gov-2021', 'zichuan-gov-2020'] as const
    const reports: { name: string; paragraphs: ReturnType<typeof comparable> }[] = names.map((n) => {
      const { format, report } = fixture(n)
      return { name: n, paragraphs: comparable(narrativeTexts(format, report)) }
    })
    // Copies with small edits (a changed figure, a dropped character) so near-identical pairs exist.
    const base = reports[0].paragraphs
    reports.push({
      name: 'copy-a',
      paragraphs: comparable(base.map((p) => ({ section: p.section, heading: '', text: `${p.quote}。` }))),
    })
    reports.push({
      name: 'copy-b',
      paragraphs: comparable(
        base.map((p) => ({ section: p.section, heading: '', text: p.quote.replace(/\d/, '9').slice(1) })),
      ),
    })
    const fast = siblingRepeats(reports)
    reports.forEach((r, i) => {
      // Paragraphs are compared by identity: the copies' numbering restarts in every text.
      const counts = new Map<object, number>()
      reports.forEach((o, j) => {
        if (i === j) return
        for (const m of compareNarratives(r.paragraphs, new ParagraphIndex(o.paragraphs)).matches) {
          counts.set(m.paragraph, (counts.get(m.paragraph) ?? 0) + 1)
        }
      })
      expect(new Set(fast[i].map((m) => m.paragraph))).toEqual(new Set(counts.keys()))
      for (const m of fast[i]) expect(m.alsoIn + 1).toBe(counts.get(m.paragraph))
    })
    expect(fast[4].length).toBeGreaterThan(0)
  })
})
