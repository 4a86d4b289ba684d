import { describe, expect, it } from 'vitest'
import { formatCells, narrativePath } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { fixture } from '@/test/fixtures'
import { getAt, setAt } from './values'
import { emptyReport } from './interchange'
import {
  countParagraphs,
  issuesByPath,
  MAX_NARRATIVE_CHARS,
  MAX_NARRATIVE_PARAGRAPHS,
  type ReportData,
  reportSchema,
} from './schema'
import { MAX_COUNT } from './parse-cell-input'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']
const cells = formatCells(F21)
const firstCount = cells.find((c) => c.valueType === 'count' && c.sectionKey !== cells[0].sectionKey)!
// The first cell of table 三 (the brief's sections.applications.newReceived.natural).
const applicationsCell = cells.find((c) => {
  const section = F21.sections.find((s) => s.key === c.sectionKey)
  return section?.kind === 'table' && section.table.kind === 'matrix'
})!
const feeCell = cells.find((c) => c.valueType === 'decimal')!

/** A real report with every cell filled (facts are the ones the fixtures leave blank). */
function complete(): ReportData {
  const { report } = fixture('zhangdian-gov-2021')
  for (const c of cells)
    if (getAt(report.sections, c.segments) === null)
      setAt(report.sections, c.segments, c.valueType === 'count' ? 0 : '0')
  return report
}

function issues(report: unknown, mode: 'draft' | 'final', format = F21) {
  const parsed = reportSchema(format, mode).safeParse(report)
  return parsed.success ? {} : issuesByPath(parsed.error)
}

const withCell = (path: string[], value: unknown) => {
  const report = complete()
  setAt(report.sections, path, value)
  return report
}

describe('reportSchema', () => {
  it('accepts a complete real report in both modes', () => {
    expect(issues(complete(), 'draft')).toEqual({})
    expect(issues(complete(), 'final')).toEqual({})
  })

  it('accepts the 2019 fixture as a draft (its 信息处理费 facts are blank)', () => {
    expect(issues(fixture('zichuan-gov-2020').report, 'draft', F19)).toEqual({})
  })

  it('draft accepts a blank report: every cell null', () => {
    const report = emptyReport(F21, 2024, { name: '某某县人民政府', type: 'government' })
    expect(issues(report, 'draft')).toEqual({})
  })

  it('final rejects a blank cell at its full path', () => {
    const found = issues(withCell(applicationsCell.segments, null), 'final')
    expect(found).toEqual({ [`sections.${applicationsCell.path}`]: '此项不能为空' })
    expect(`sections.${applicationsCell.path}`.split('.')).toHaveLength(4)
  })

  it('final rejects every blank of an empty report, cell by cell', () => {
    const report = emptyReport(F21, 2024, { name: '某某县人民政府', type: 'government' })
    const found = issues(report, 'final')
    for (const c of cells) expect(found[`sections.${c.path}`], c.path).toBe('此项不能为空')
  })

  it('final rejects an empty narrative with the section heading in the message', () => {
    const overview = F21.sections[0]
    const report = complete()
    report.sections[narrativePath(overview)!] = '   '
    expect(issues(report, 'final')).toEqual({ [`sections.${overview.key}`]: `${overview.heading}不能为空` })
    expect(issues(report, 'draft')).toEqual({})
  })

  it.each([
    ['a negative count', -1, '不能为负数'],
    ['a fractional count', 1.5, '应为整数'],
    ['a count above 999999999', MAX_COUNT + 1, `数值过大，最大为${MAX_COUNT}`],
    ['a string in a count cell', '12', '请填写数字'],
    ['letters in a count cell', 'abc', '请填写数字'],
  ])('rejects %s in both modes with a Chinese message', (_what, value, message) => {
    for (const mode of ['draft', 'final'] as const) {
      expect(issues(withCell(firstCount.segments, value), mode)).toEqual({ [`sections.${firstCount.path}`]: message })
    }
  })

  it('accepts the largest count', () => {
    expect(issues(withCell(firstCount.segments, MAX_COUNT), 'final')).toEqual({})
  })

  it.each(['19318.93442', '0', '0.000001', '123456789012.5'])('accepts the fee %s', (value) => {
    expect(issues(withCell(feeCell.segments, value), 'final')).toEqual({})
  })

  it.each([
    ['seven decimal places', '1.1234567'],
    ['a negative amount', '-1'],
    ['a number instead of a decimal string', 1.5],
    ['letters', '十万'],
    ['an empty string', ''],
  ])('rejects a fee with %s', (_what, value) => {
    const found = issues(withCell(feeCell.segments, value), 'draft')
    expect(Object.keys(found)).toEqual([`sections.${feeCell.path}`])
    expect(found[`sections.${feeCell.path}`]).toMatch(/最多6位小数|请填写数字/)
  })

  it('rejects a narrative over the length limit, naming the section', () => {
    const overview = F21.sections[0]
    const report = complete()
    report.sections[overview.key] = '政'.repeat(MAX_NARRATIVE_CHARS + 1)
    const found = issues(report, 'draft')
    expect(Object.keys(found)).toEqual([`sections.${overview.key}`])
    expect(found[`sections.${overview.key}`]).toContain(`${overview.heading}过长`)
    report.sections[overview.key] = '政'.repeat(MAX_NARRATIVE_CHARS)
    expect(issues(report, 'draft')).toEqual({})
  })

  it('rejects a narrative of more paragraphs than the cap, naming the section, within the length limit', () => {
    const overview = F21.sections[0]
    const report = complete()
    report.sections[overview.key] = '政\n'.repeat(MAX_NARRATIVE_PARAGRAPHS + 1)
    const found = issues(report, 'draft')
    expect(Object.keys(found)).toEqual([`sections.${overview.key}`])
    expect(found[`sections.${overview.key}`]).toContain(`${overview.heading}段落过多`)
    // Blank lines between paragraphs are not paragraphs.
    report.sections[overview.key] = '政\n \n\r\n'.repeat(MAX_NARRATIVE_PARAGRAPHS)
    expect(issues(report, 'draft')).toEqual({})
  })

  it('counts paragraphs as the non-blank lines', () => {
    expect(countParagraphs('')).toBe(0)
    expect(countParagraphs('甲')).toBe(1)
    expect(countParagraphs('甲\n\n乙\r\n　\n丙\n')).toBe(3)
  })

  it('rejects a report of the other format version', () => {
    const found = issues(complete(), 'draft', F19)
    expect(found.formatVersion).toBeDefined()
  })

  it('rejects a bad agency type with a Chinese message', () => {
    const report = complete()
    ;(report.agency as { type: string }).type = 'company'
    expect(issues(report, 'draft')).toEqual({ 'agency.type': '请选择机关类型' })
  })
})
