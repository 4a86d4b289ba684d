import { describe, expect, it } from 'vitest'
import { cellByPath, rowsUnder } from '@/lib/format/cells'
import { FORMATS, type MatrixTableDef, sectionDef } from '@/lib/format/index'
import { fixtureText } from '@/test/services'
import { buildIndex, indexCsv, type PublishedRow } from './index-table'

const ORIGIN = 'https://nianbao.example.gov.cn'
const GOV = { code: 'zhangdian', name: '张店区人民政府' }

function row(over: Partial<PublishedRow> & { content: string }): PublishedRow {
  const parsed = JSON.parse(over.content)
  return {
    agencyCode: 'zhangdian',
    agencyName: '张店区人民政府',
    kind: 'report',
    scope: 'self',
    year: parsed.year,
    formatVersion: parsed.formatVersion,
    versionNumber: 1,
    // 2022-03-30 23:30 UTC is 2022-03-31 in China.
    publishedAt: new Date('2022-03-30T23:30:00Z'),
    correctionNote: null,
    withdrawnAt: null,
    withdrawnReason: null,
    ...over,
  }
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF inside quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let field = ''
  let fields: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      fields.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      fields.push(field)
      rows.push(fields)
      fields = []
      field = ''
      i++
    } else field += ch
  }
  return rows
}

const gov2021 = fixtureText('zhangdian-gov-2021.json')
const sections2021 = JSON.parse(gov2021).sections

describe('the open-data index', () => {
  it('reads every total from the published tables, labelled by the format definition', () => {
    const index = buildIndex(GOV, 2021, [row({ content: gov2021 })], ORIGIN)
    const [entry] = index.reports
    const a = sections2021.applications
    expect(entry.totals['applications.newReceived.total']).toBe(a.newReceived.total)
    expect(entry.totals['applications.carriedOver.total']).toBe(a.carriedOver.total)
    expect(entry.totals['applications.resultsTotal.total']).toBe(a.resultsTotal.total)
    expect(entry.totals['applications.carriedForward.total']).toBe(a.carriedForward.total)
    // A row group is the sum of its rows' totals.
    const table = (sectionDef(FORMATS['2021'], 'applications') as { table: MatrixTableDef }).table
    const denied = rowsUnder(table, 'denied').reduce((s, k) => s + a[k].total, 0)
    expect(entry.totals['applications.denied.total']).toBe(denied)
    expect(entry.totals['reviewLitigation.review.total']).toBe(sections2021.reviewLitigation.review.total)
    expect(entry.totals['reviewLitigation.litigationDirect.corrected']).toBe(
      sections2021.reviewLitigation.litigationDirect.corrected,
    )
    expect(entry.totals['proactiveDisclosure.art20_6.penalty.decisions']).toBe(
      sections2021.proactiveDisclosure.art20_6.penalty.decisions,
    )
    // An amount stays the text stored, exactly.
    expect(entry.totals['proactiveDisclosure.art20_8.adminFees.feeAmount']).toBe(
      sections2021.proactiveDisclosure.art20_8.adminFees.feeAmount,
    )
    const label = (key: string) => index.measures.find((m) => m.key === key)?.label
    const newReceived = cellByPath(FORMATS['2021'], 'applications.newReceived.total')
    expect(label('applications.newReceived.total')).toBe(`${newReceived?.rowLabel}·${newReceived?.columnLabel}`)
    expect(label('reviewLitigation.litigationDirect.total')).toBe(
      cellByPath(FORMATS['2021'], 'reviewLitigation.litigationDirect.total')?.label,
    )
    expect(entry).toMatchObject({
      version: 1,
      publishedOn: '2022-03-31',
      withdrawn: null,
      url: `${ORIGIN}/gk/zhangdian/2021/zhangdian`,
      versionUrl: `${ORIGIN}/gk/zhangdian/2021/zhangdian/v1`,
      jsonUrl: `${ORIGIN}/gk/zhangdian/2021/zhangdian/v1/report.json`,
    })
    expect(index.columnUrl).toBe(`${ORIGIN}/gk/zhangdian`)
  })

  it('lists a withdrawn version with its mark, date and reason, and without its figures or report JSON', () => {
    const index = buildIndex(
      GOV,
      2021,
      [
        row({
          content: gov2021,
          versionNumber: 2,
          withdrawnAt: new Date('2022-05-01T02:00:00Z'),
          withdrawnReason: '含有不应公开的内容',
        }),
      ],
      ORIGIN,
    )
    const [entry] = index.reports
    expect(entry.withdrawn).toEqual({ at: '2022-05-01T02:00:00.000Z', on: '2022-05-01', reason: '含有不应公开的内容' })
    expect(entry.jsonUrl).toBeNull()
    expect(Object.values(entry.totals).every((v) => v === null)).toBe(true)
    expect(entry.url).toBe(`${ORIGIN}/gk/zhangdian/2021/zhangdian`)
    const csv = readCsv(indexCsv(index).slice(1))
    const header = csv[0]
    expect(csv[1][header.indexOf('状态')]).toBe('已撤回')
    expect(csv[1][header.indexOf('撤回日期')]).toBe('2022-05-01')
    expect(csv[1][header.indexOf('版本')]).toBe('2')
  })

  it('writes CSV with a byte-order mark, CRLF lines, RFC 4180 quoting and a Chinese header', () => {
    const note = '更正表三“予以公开”数量,原为12件\n现为13件'
    const index = buildIndex(
      GOV,
      2021,
      [
        row({
          content: gov2021,
          agencyCode: 'zhangdian-jyj',
          agencyName: '张店区教育局',
          correctionNote: note,
          versionNumber: 2,
        }),
        row({ content: gov2021 }),
      ],
      ORIGIN,
    )
    const text = indexCsv(index)
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text).toContain('"更正表三“予以公开”数量,原为12件\n现为13件"')
    const rows = readCsv(text.slice(1))
    expect(rows).toHaveLength(3)
    const header = rows[0]
    expect(header.slice(0, 3)).toEqual(['机关代码', '机关名称', '报告类别'])
    expect(header).toContain(`表三·${cellByPath(FORMATS['2021'], 'applications.newReceived.total')?.label}`)
    expect(rows.every((r) => r.length === header.length)).toBe(true)
    // The government's own report first, then the agencies by code.
    expect(rows[1][0]).toBe('zhangdian')
    expect(rows[2][0]).toBe('zhangdian-jyj')
    expect(rows[2][header.indexOf('更正说明')]).toBe(note)
    const at = (key: string) => header.indexOf(`表三·${index.measures.find((m) => m.key === key)?.label}`)
    expect(rows[1][at('applications.newReceived.total')]).toBe(String(sections2021.applications.newReceived.total))
  })

  it('quotes text a spreadsheet would run, but keeps negative counts as numbers', () => {
    const gov2019 = fixtureText('zichuan-gov-2020.json')
    const content = JSON.parse(gov2019)
    content.sections.proactiveDisclosure.art20_5.licensing.yearChange = -3
    const index = buildIndex(
      { code: 'zichuan', name: '淄川区人民政府' },
      2020,
      [row({ content: JSON.stringify(content), agencyCode: 'zichuan', agencyName: '=淄川区人民政府' })],
      ORIGIN,
    )
    const rows = readCsv(indexCsv(index).slice(1))
    const header = rows[0]
    expect(rows[1][1]).toBe("'=淄川区人民政府")
    const change = header.findIndex((h) => h.includes('行政许可') && h.includes('本年增/减'))
    expect(change).toBeGreaterThan(0)
    expect(rows[1][change]).toBe('-3')
  })

  it('gives a year of two formats the columns of both, blank where a format has no such cell', () => {
    const gov2019 = fixtureText('zichuan-gov-2020.json')
    const content2019 = JSON.parse(gov2019)
    content2019.year = 2021
    const index = buildIndex(
      GOV,
      2021,
      [
        row({ content: gov2021 }),
        row({ content: JSON.stringify(content2019), agencyCode: 'zichuan-x', formatVersion: '2019' }),
      ],
      ORIGIN,
    )
    const [r2021, r2019] = index.reports
    expect(r2019.formatBasis).toBe(FORMATS['2019'].basis)
    expect(r2019.totals['proactiveDisclosure.art20_9.centralProcurement.procurementProjects']).toBe(
      content2019.sections.proactiveDisclosure.art20_9.centralProcurement.procurementProjects,
    )
    expect(r2021.totals['proactiveDisclosure.art20_9.centralProcurement.procurementProjects']).toBeNull()
    expect(r2019.totals['proactiveDisclosure.art20_1.regulations.issued']).toBeNull()
    expect(r2019.totals['applications.newReceived.total']).toBe(content2019.sections.applications.newReceived.total)
    // 三 and 四 first (shared by the formats), then 二.
    const tables = index.measures.map((m) => m.table)
    expect(tables.indexOf('二')).toBeGreaterThan(tables.lastIndexOf('四'))
  })

  it('leaves a blank cell blank: a group with a blank row has no sum', () => {
    const content = JSON.parse(gov2021)
    content.sections.applications.deniedStateSecret.total = null
    const index = buildIndex(GOV, 2021, [row({ content: JSON.stringify(content) })], ORIGIN)
    expect(index.reports[0].totals['applications.denied.total']).toBeNull()
    expect(index.reports[0].totals['applications.granted.total']).toBe(content.sections.applications.granted.total)
  })
})
