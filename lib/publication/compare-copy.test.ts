import { describe, expect, it } from 'vitest'
import { buildHtml } from '@/lib/export/html'
import { cellByPath } from '@/lib/format/cells'
import { readDocument } from '@/lib/import/read'
import type { ReportData } from '@/lib/report/schema'
import { deriveTotals } from '@/lib/rules/derive'
import { completeFixture } from '@/test/complete-report'
import { compareCopy, looksLikeReport, normalisedText } from './compare-copy'

const CELL = 'applications.newReceived.natural'
const MARK = 987_654

/** A complete approved report with one distinctive number, its totals computed as the editor does. */
function approvedReport(): { report: ReportData; format: ReturnType<typeof completeFixture>['format'] } {
  const { format, report } = completeFixture('zhangdian-gov-2021')
  ;(report.sections.applications as any).newReceived.natural = MARK
  deriveTotals(format, report.sections)
  return { format, report }
}

const read = (html: string, fileName = 'portal.html') =>
  readDocument({ bytes: new TextEncoder().encode(html), fileName })

describe('the portal copy against the approved version', () => {
  it('finds the exported HTML of the approved version 一致', async () => {
    const { format, report } = approvedReport()
    const result = compareCopy(format, report, report.agency.name, await read(buildHtml(report)))
    expect(result.cells).toEqual([])
    expect(result.paragraphs).toEqual([])
    expect(result.agency).toBeNull()
    expect(result.year).toBeNull()
    expect(result.same).toBe(true)
    expect(result.checked.cells).toBeGreaterThan(100)
    expect(result.checked.paragraphs).toBeGreaterThan(3)
  })

  it('reports exactly the one number changed on the portal, with its label', async () => {
    const { format, report } = approvedReport()
    const html = buildHtml(report)
    const printed = MARK.toLocaleString('en-US')
    const at = html.includes(`>${printed}<`) ? `>${printed}<` : `>${MARK}<`
    expect(html.split(at)).toHaveLength(2)
    const changed = html.replace(at, at.replace(/4</, '5<'))
    const result = compareCopy(format, report, report.agency.name, await read(changed))
    expect(result.same).toBe(false)
    expect(result.cells).toHaveLength(1)
    expect(result.cells[0]).toMatchObject({ path: CELL, label: cellByPath(format, CELL)?.label })
    expect(result.cells[0].approved.replace(/,/g, '')).toBe(String(MARK))
    expect(result.cells[0].portal.replace(/,/g, '')).toBe(String(MARK + 1))
    expect(result.paragraphs).toEqual([])
  })

  it('lists a changed paragraph and a missing one, and ignores whitespace and punctuation width', async () => {
    const { format, report } = approvedReport()
    const portal = structuredClone(report)
    const first = (report.preamble ?? '').split('\n')[0]
    expect(first.length).toBeGreaterThan(10)
    // Full-width commas as half-width, spaces added: the same paragraph.
    portal.preamble = (report.preamble ?? '').replace(first, ` ${first.replace(/，/g, ', ')} `)
    const key = Object.keys(portal.sections).find(
      (k) => typeof portal.sections[k] === 'string' && (portal.sections[k] as string).includes('\n'),
    )
    const sectionKey = key ?? ''
    const paragraphs = (portal.sections[sectionKey] as string).split('\n')
    portal.sections[sectionKey] = [`${paragraphs[0]}另有改动。`, ...paragraphs.slice(1, -1)].join('\n')
    const result = compareCopy(format, report, report.agency.name, await read(buildHtml(portal)))
    expect(result.cells).toEqual([])
    const kinds = result.paragraphs.map((p) => p.kind).sort()
    expect(kinds).toEqual(['changed', 'missing'])
    expect(result.paragraphs.find((p) => p.kind === 'changed')?.portal).toContain('另有改动')
  })

  it('names a copy of another agency or year', async () => {
    const { format, report } = approvedReport()
    const other = {
      ...structuredClone(report),
      year: report.year - 1,
      agency: { ...report.agency, name: '某某县人民政府' },
    }
    const result = compareCopy(format, report, report.agency.name, await read(buildHtml(other)))
    expect(result.same).toBe(false)
    expect(result.agency).toMatchObject({ approved: report.agency.name, portal: '某某县人民政府' })
    expect(result.year).toEqual({ approved: report.year, portal: report.year - 1 })
  })

  it('takes a page of text without a table or a section heading for no report', async () => {
    expect(looksLikeReport(await read('<html><body><p>今日新闻：天气晴。</p></body></html>'))).toBe(false)
    const { report } = approvedReport()
    expect(looksLikeReport(await read(buildHtml(report)))).toBe(true)
  })

  it('normalises full-width forms, curly quotes and all whitespace', () => {
    expect(normalisedText(' 共受理１２件（含“转办”）， 办结 ')).toBe(normalisedText('共受理12件(含"转办"),办结'))
    expect(normalisedText('{{h:1}}一、总体情况')).toBe('一、总体情况')
  })
})
