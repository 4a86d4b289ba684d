import { describe, expect, test } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { exportModel } from '@/lib/export/model'
import { diffReports } from '@/lib/workflow/diff'
import { setAt } from '@/lib/report/values'
import { fixture } from '@/test/fixtures'
import { applicationSentence } from './application-sentence'
import { applyFix } from './apply-fix'
import { statementFindings } from './findings'
import {
  BLANK_LINK_TEXT,
  linkableCells,
  linkedCells,
  linkPieces,
  resolveLinks,
  unknownLinks,
  withLinksResolved,
} from './links'

const F = FORMATS['2021']
const { report } = fixture('zhangdian-gov-2021')

describe('resolveLinks: the one substitution every view uses', () => {
  test('a cell, a row group by column, a share; the heading marker is left alone', () => {
    const text =
      '{{h:0}}予以公开{{applications.granted.total}}件，不予公开{{applications.denied.total}}件，占{{share:applications.denied.total/applications.resultsTotal.total}}。'
    expect(resolveLinks(F, report.sections, text)).toBe('{{h:0}}予以公开61件，不予公开12件，占11.43%。')
  })

  test('a blank cell prints as not filled, never as 0; an unknown token prints as written', () => {
    const sections = structuredClone(report.sections)
    setAt(sections, ['applications', 'granted', 'total'], null)
    expect(resolveLinks(F, sections, '{{applications.granted.total}}')).toBe(BLANK_LINK_TEXT)
    expect(resolveLinks(F, sections, '{{applications.nothing.total}}')).toBe('{{applications.nothing.total}}')
    expect(resolveLinks(F, sections, '{{applications.results.total}}')).toBe('{{applications.results.total}}')
  })

  test('amounts print as stored', () => {
    const sections = structuredClone(report.sections)
    setAt(sections, ['otherMatters', 'infoProcessingFee', 'amountCollectedYuan'], '12.50')
    expect(resolveLinks(F, sections, '收取{{otherMatters.infoProcessingFee.amountCollectedYuan}}元')).toBe(
      '收取12.50元',
    )
  })

  test('pieces for the editor chips, and the cells a text follows', () => {
    const text = '共{{applications.newReceived.total}}件，{{x.y}}'
    expect(linkPieces(F, report.sections, text)).toEqual([
      { text: '共' },
      { text: '105', link: 'applications.newReceived.total' },
      { text: '件，' },
      { text: '{{x.y}}', link: 'x.y', unknown: true },
    ])
    expect(linkedCells(F, '{{share:applications.denied.total/applications.resultsTotal.total}}')).toHaveLength(9)
  })

  test('unknown tokens with their line', () => {
    expect(unknownLinks(F, '第一段\n{{h:2}}（一）标题\n数{{applications.grant.total}}件')).toEqual([
      { token: '{{applications.grant.total}}', line: 3, lineText: '数{{applications.grant.total}}件' },
    ])
  })

  test('the insert list: every cell, and table 三’s groups ahead of their rows', () => {
    const list = linkableCells(F)
    const paths = list.map((c) => c.path)
    expect(paths).toContain('applications.granted.total')
    expect(paths.indexOf('applications.denied.total')).toBe(paths.indexOf('applications.deniedStateSecret.total') - 1)
    expect(list.find((c) => c.path === 'applications.denied.total')?.label).toBe('（三）不予公开·总计')
    expect(paths).not.toContain('applications.results.total')
  })
})

describe('every renderer prints the number', () => {
  test('the export model (docx, html, pdf via docx, the phone page) and the preamble', () => {
    const r = structuredClone(report)
    r.sections.overview = '本年度予以公开{{applications.granted.total}}件。'
    r.preamble = '共收到{{applications.newReceived.total}}件。'
    const model = exportModel(r)
    const json = JSON.stringify(model.sections[0].blocks)
    expect(json).toContain('本年度予以公开61件。')
    expect(json).not.toContain('{{')
    expect(JSON.stringify(model.preamble)).toContain('共收到105件。')
  })

  test('the versions comparison compares the printed text: a cell change shows in the paragraph', () => {
    const a = structuredClone(report)
    a.sections.overview = '予以公开{{applications.granted.total}}件。'
    const b = structuredClone(a)
    setAt(b.sections, ['applications', 'granted', 'total'], 62)
    const diff = diffReports(a, b, F)
    const rows = diff.narratives.flatMap((n) => n.rows)
    expect(JSON.stringify(rows)).toContain('予以公开61件。')
    expect(JSON.stringify(rows)).toContain('予以公开62件。')
  })

  test('withLinksResolved leaves a report without links as it is', () => {
    expect(withLinksResolved(F, report)).toBe(report)
  })
})

describe('生成依申请公开情况表述', () => {
  test('the standard sentence with linked numbers and shares; outcomes of none left out', () => {
    const text = applicationSentence(F, 2021, report.sections)!
    expect(text).toContain(
      '{{applications.granted.total}}件，占{{share:applications.granted.total/applications.resultsTotal.total}}',
    )
    expect(text).toContain('{{applications.denied.total}}件')
    expect(text).not.toContain('其他处理')
    expect(resolveLinks(F, report.sections, text)).toBe(
      '2021年，本机关共新收政府信息公开申请105件，上年结转政府信息公开申请0件。本年度共办理答复105件，其中予以公开61件，占58.10%；部分公开3件，占2.86%；不予公开12件，占11.43%；无法提供20件，占19.05%；不予处理9件，占8.57%。结转下年度继续办理0件。',
    )
  })

  test('a report whose numbers are all linked has no narrative findings, whatever the cells', () => {
    const r = structuredClone(report)
    r.sections.overview = applicationSentence(F, 2021, r.sections)!
    expect(statementFindings(r, { format: F })).toEqual([])
    setAt(r.sections, ['applications', 'granted', 'total'], 70)
    expect(statementFindings(r, { format: F })).toEqual([])
  })

  test('the 2019 format: （六）其他处理 is one row', () => {
    const z = fixture('zichuan-gov-2020').report
    const text = applicationSentence(FORMATS['2019'], 2020, z.sections)!
    expect(resolveLinks(FORMATS['2019'], z.sections, text)).toContain('予以公开24件，占77.42%')
  })
})

describe('applyFix', () => {
  test('replaces the number within its sentence only', () => {
    const text = '第一段。\n收到申请33件，其中予以公开33件。'
    expect(applyFix(text, { paragraph: 2, quote: '收到申请33件，其中予以公开33件。' }, '33件', '105件')).toBe(
      '第一段。\n收到申请105件，其中予以公开33件。',
    )
    expect(applyFix(text, { paragraph: 3, quote: 'x' }, '33件', '1件')).toBeNull()
  })
})
