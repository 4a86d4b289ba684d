import type { ChildNode, Element, Text } from 'domhandler'
import { parseDocument } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { chinaDateTime } from '@/lib/china-time'
import type { ListedReport } from '@/lib/services/report-lists'
import { type NotStarted, REPORT_TABLE_HEADERS, reportRowsHtml, reportTableHtml } from './report-rows-html'

// DOM node types: 1 an element, 3 text.
const isTag = (n: ChildNode): n is Element => n.nodeType === 1
const isText = (n: ChildNode): n is Text => n.nodeType === 3

const report = (over: Partial<ListedReport> = {}): ListedReport => ({
  id: 'r1',
  kind: 'report',
  scope: 'self',
  agencyId: 'a1',
  agencyCode: 'zd',
  agencyName: '张店区人民政府办公室',
  agencyType: 'department',
  agencyLevel: 'county',
  year: 2025,
  formatVersion: '2021',
  status: 'draft',
  statusLabel: '草稿',
  version: 3,
  edition: 1,
  updatedAt: '2026-01-31T09:05:09.000Z',
  errorCount: 2,
  warningCount: 1,
  blankCount: 0,
  openComments: 0,
  deadline: '2026-01-31',
  deadlineStatus: { kind: 'open', daysLeft: 40, label: '还剩40天' },
  finished: false,
  submittedAt: null,
  ...over,
})

/** The <tr> elements of the rows, parsed as a browser's parser reads a <tbody>'s content. */
function rows(html: string): Element[] {
  const doc = parseDocument(`<table><tbody>${html}</tbody></table>`)
  const out: Element[] = []
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isTag(n)) continue
      if (n.name === 'tr') out.push(n)
      else walk(n.children)
    }
  }
  walk(doc.children)
  return out
}

const cells = (tr: Element) => tr.children.filter(isTag).filter((n) => n.name === 'td')

function textOf(node: ChildNode): string {
  if (isText(node)) return node.data
  if (!isTag(node)) return ''
  if (node.name === 'br') return '\n'
  return node.children.map(textOf).join('')
}

function elements(node: ChildNode, name: string): Element[] {
  if (!isTag(node)) return []
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => elements(c, name))]
}

describe('reportRowsHtml', () => {
  it('writes one row of the list’s 11 columns per report, as the list showed it', () => {
    const [tr, ...rest] = rows(reportRowsHtml([report()]))
    expect(rest).toHaveLength(0)
    expect(tr.attribs).toEqual({ 'data-report': 'r1', 'data-agency': '张店区人民政府办公室' })
    const td = cells(tr)
    expect(td).toHaveLength(REPORT_TABLE_HEADERS.length)
    expect(td.map((c) => textOf(c))).toEqual([
      '2025',
      '张店区人民政府办公室 政府部门及其他机关 · 县级',
      '2021年版',
      '草稿',
      '2',
      '1',
      '0',
      '0',
      '2026-01-31\n还剩40天',
      chinaDateTime('2026-01-31T09:05:09.000Z'),
      'Word（草稿） 网页 预览',
    ])
    expect(td.map((c) => c.attribs.class ?? '')).toEqual([
      'year',
      'agency',
      'when',
      '',
      'num bad',
      'num',
      'num',
      'num',
      'when',
      'when',
      'downloads',
    ])
    expect(td[2].attribs.title).toBe('国办公开办函〔2021〕30号')
    expect(elements(td[1], 'a').map((a) => a.attribs.href)).toEqual(['/reports/r1'])
    expect(elements(td[10], 'a').map((a) => [a.attribs.href, a.attribs.title])).toEqual([
      ['/api/reports/r1/docx', '未经审核，带“草稿”标记'],
      ['/api/reports/r1/html', undefined],
      ['/reports/r1/preview', undefined],
    ])
    const [deadline] = elements(td[8], 'small')
    expect(deadline.attribs).toEqual({ class: 'deadline-open', 'data-deadline': 'open' })
  })

  it('marks what needs attention: overdue, open comments, a submission, a roll-up, a finished version', () => {
    const [tr] = rows(
      reportRowsHtml([
        report({
          kind: 'report',
          scope: 'region',
          status: 'submitted',
          statusLabel: '已提交',
          errorCount: 0,
          openComments: 3,
          deadlineStatus: { kind: 'overdue', daysOver: 2, label: '已逾期2天' },
          submittedAt: '2026-02-01T01:00:00.000Z',
          finished: true,
        }),
      ]),
    )
    expect(tr.attribs.class).toBe('overdue')
    const td = cells(tr)
    expect(textOf(td[1])).toBe('张店区人民政府办公室 全区 政府部门及其他机关 · 县级')
    expect(textOf(td[3])).toBe(`已提交\n提交于 ${chinaDateTime('2026-02-01T01:00:00.000Z')}`)
    expect(elements(td[3], 'span')[0].attribs.class).toBe('status status-submitted')
    expect(td[4].attribs.class).toBe('num')
    expect(td[7].attribs.class).toBe('num bad')
    expect(textOf(td[8])).toBe('2026-01-31\n⚠ 已逾期2天')
    expect(elements(td[10], 'a')[0].attribs.title).toBeUndefined()
    expect(textOf(td[10])).toBe('Word 网页 预览')
  })

  it('writes an agency without its report as a row of its own', () => {
    const notStarted: NotStarted = {
      notStarted: true,
      agencyId: 'a2',
      agencyName: '张店区教育局',
      agencyType: 'department',
      agencyLevel: null,
      year: 2025,
      deadline: '2026-01-31',
      deadlineStatus: { kind: 'dueSoon', daysLeft: 3, label: '还剩3天' },
    }
    const [tr] = rows(reportRowsHtml([notStarted]))
    expect(tr.attribs).toEqual({ 'data-agency': '张店区教育局' })
    const td = cells(tr)
    expect(td).toHaveLength(REPORT_TABLE_HEADERS.length)
    expect(td.map((c) => textOf(c))).toEqual([
      '2025',
      '张店区教育局 政府部门及其他机关',
      '',
      '未新建',
      '',
      '',
      '',
      '',
      '2026-01-31\n还剩3天',
      '',
      '',
    ])
    expect(elements(tr, 'a')).toHaveLength(0)
  })

  it('writes names and ids as text, never as markup', () => {
    const name = `<img src=x onerror="alert(1)">&'局"`
    const [tr] = rows(reportRowsHtml([report({ id: 'r"1><b>', agencyName: name })]))
    expect(tr.attribs['data-agency']).toBe(name)
    expect(tr.attribs['data-report']).toBe('r"1><b>')
    const td = cells(tr)
    expect(td).toHaveLength(REPORT_TABLE_HEADERS.length)
    expect(elements(tr, 'img')).toHaveLength(0)
    expect(elements(tr, 'b')).toHaveLength(0)
    expect(textOf(elements(td[1], 'a')[0])).toBe(name)
    expect(elements(td[1], 'a')[0].attribs.href).toBe('/reports/r"1><b>')
  })

  it('writes nothing for no rows', () => {
    expect(reportRowsHtml([])).toBe('')
  })

  it('marks the row labels’ columns alike in the header and every row, so a phone can keep them in view', () => {
    const html = reportTableHtml([report(), report({ id: 'r2', agencyName: '淄博市' })], 'list')
    const doc = parseDocument(html)
    const table = elements(doc.children[0], 'table')[0]
    expect(table.attribs).toEqual({ class: 'list-table report-list', 'data-testid': 'list' })
    const heads = elements(table, 'th')
    expect(heads.map((h) => textOf(h))).toEqual([...REPORT_TABLE_HEADERS])
    const classes = (els: Element[]) => els.map((e) => e.attribs.class ?? '')
    const labelled = (els: Element[]) => classes(els).map((c) => (/\b(year|agency)\b/.exec(c) ?? [''])[0])
    expect(labelled(heads)).toEqual(['year', 'agency', '', '', '', '', '', '', '', '', ''])
    for (const tr of elements(table, 'tr').slice(1)) expect(labelled(cells(tr))).toEqual(labelled(heads))
  })
})
