/**
 * The variants real reports print, built from the format's own labels: （六）其他处理 as one row in
 * a 2021 table, a 法人或其他组织小计 column, table 四 printed one block per group, blank and dash
 * cells, padded and full-width numbers.
 */
import { describe, expect, it } from 'vitest'
import { dataRows, groupRows } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef, MatrixTableDef, SingleRowTableDef } from '@/lib/format/types'
import { getAt } from '@/lib/report/values'
import { readDocument } from './read'

const format = formatFor('2021') as FormatDef
const section = (key: string) => format.sections.find((s) => s.key === key) as { heading: string; table: unknown }
const matrix = section('applications').table as MatrixTableDef
const single = section('reviewLitigation').table as SingleRowTableDef

function page(tableThree: string, tableFour: string): string {
  const [one, two, three, four, five, six] = format.sections.map((s) => s.heading)
  return `<html><head><title>x</title><script>var gklist = {"a": 1}</script></head><body>
  <div class="nav">首页 &gt; 年报</div>
  <div class="article"><h1>某某市某某局2024年政府信息公开工作年度报告</h1>
  <p>本报告依据《条例》编制。</p><p>${one}</p><p>总体情况正文。</p>
  <p>${two}</p><table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
  <tr><td>规章</td><td>/</td><td>—</td><td>&nbsp;</td></tr>
  <tr><td>行政规范性文件</td><td>１２</td><td>&nbsp;&nbsp;0</td><td>1,024</td></tr>
  <tr><td>行政许可</td><td colspan="3">3,120</td></tr><tr><td>行政处罚</td><td colspan="3">5</td></tr>
  <tr><td>行政强制</td><td colspan="3">0</td></tr><tr><td>行政事业性收费</td><td colspan="3">1.5</td></tr></table>
  <p>${three}</p>${tableThree}<p>${four}</p>${tableFour}
  <p>${five}</p><p>问题与改进。</p><p>${six}</p><p>无。</p><p>某某市某某局</p><p>2025年1月20日</p></div>
  <div class="footer">版权所有</div></body></html>`
}

/** Table 三 with （六）其他处理 as one row and a 小计 column after the legal-entity columns. */
function tableThree(): string {
  const other = groupRows(matrix.rows).find((g) => g.key === 'otherDisposal')
  const otherKeys = new Set(dataRows(other?.children ?? []).map((r) => r.key))
  const rows: string[] = []
  let n = 0
  for (const r of dataRows(matrix.rows)) {
    if (otherKeys.has(r.key)) {
      if (r.key !== dataRows(other?.children ?? [])[0].key) continue
      rows.push(
        `<tr><td>${other?.label}</td><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>3</td></tr>`,
      )
      continue
    }
    n++
    const v = [n, 1, 0, 0, 0, 0]
    // The printed 小计 of the legal-entity columns and the 总计, one of them wrong on purpose.
    const subtotal = r.key === 'granted' ? 5 : 1
    rows.push(`<tr><td>${r.label}</td>${[...v, subtotal, n + 1].map((x) => `<td>${x}</td>`).join('')}</tr>`)
  }
  return `<table><tr><td rowspan="3">（本列数据的勾稽关系）</td><td colspan="8">申请人情况</td></tr>
  <tr><td rowspan="2">自然人</td><td colspan="6">法人或其他组织</td><td rowspan="2">总计</td></tr>
  <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>小计</td></tr>${rows.join('')}</table>`
}

/** Table 四 printed as three blocks, each its own caption, header and values. */
function tableFourByGroup(): string {
  return single.groups
    .map(
      (g, i) =>
        `<p>${g.label}</p><table><tr>${single.results.map((r) => `<td>${r.label}</td>`).join('')}</tr><tr>${single.results
          .map((_, j) => `<td>${j === 4 ? i + 1 : j === i ? 1 : 0}</td>`)
          .join('')}</tr></table>`,
    )
    .join('')
}

describe('variants of the published tables', () => {
  it('reads （六） as one row into 3.其他, a 小计 column into stated, per-group table 四, dashes and blanks', async () => {
    const result = await readDocument({
      bytes: Buffer.from(page(tableThree(), tableFourByGroup())),
      fileName: 'v.html',
    })
    const at = (p: string) => getAt(result.report.sections, p.split('.'))
    const { cells, printed, notes } = result.recognition
    expect(result.report.agency.name).toBe('某某市某某局')
    // Table 二: dashes are printed blanks, &nbsp; is blank, full-width and grouped digits read.
    expect(cells['proactiveDisclosure.art20_1.regulations.issued']).toBe('printedBlank')
    expect(printed['proactiveDisclosure.art20_1.regulations.repealed']).toBe('—')
    expect(cells['proactiveDisclosure.art20_1.regulations.inForce']).toBe('blank')
    expect(at('proactiveDisclosure.art20_1.normativeDocuments')).toEqual({ issued: 12, repealed: 0, inForce: 1024 })
    expect(at('proactiveDisclosure.art20_5.licensing.decisions')).toBe(3120)
    // （六）其他处理 as one row: into 3.其他, the two other rows 0 and not printed, with a note.
    expect(at('applications.otherOther')).toMatchObject({ natural: 2, commercial: 1 })
    expect(at('applications.otherNoCorrection')).toMatchObject({ natural: 0, commercial: 0 })
    expect(cells['applications.otherNoCorrection.natural']).toBe('notPrinted')
    expect(notes.some((n) => n.includes('表三有23行') && n.includes('（六）其他处理'))).toBe(true)
    // The 小计 column: kept in stated only where it differs from its parts (granted: 5 against 1).
    expect(result.report.stated?.['applications.granted.legalEntity']).toBe(5)
    expect(result.report.stated?.['applications.newReceived.legalEntity']).toBeUndefined()
    expect(notes.some((n) => n.includes('小计'))).toBe(true)
    // The printed 总计 n+1 equals n + 1: no stated total for the rows.
    expect(result.report.stated?.['applications.newReceived.total']).toBeUndefined()
    expect(at('reviewLitigation.review')).toEqual({ upheld: 1, corrected: 0, otherResult: 0, pending: 0, total: 1 })
    expect(at('reviewLitigation.litigationAfterReview')).toMatchObject({ otherResult: 1, total: 1 })
    expect(result.report.stated?.['reviewLitigation.litigationAfterReview.total']).toBe(3)
    expect(Object.values(cells).filter((c) => c === 'notFound')).toHaveLength(0)
    // The site around the article is not read.
    expect(result.text).not.toContain('版权所有')
    expect(result.text).not.toContain('gklist')
  })

  it('reads a Markdown table and cells run together with their label in pasted text', async () => {
    const [one, two] = format.sections.map((s) => s.heading)
    const text = [
      '# 某某县人民政府2024年政府信息公开工作年度报告',
      `## ${one}`,
      '正文。',
      `## ${two}`,
      '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '|---|---|---|---|',
      '| 规章 | 0 | 0 | 0 |',
      '行政规范性文件 6 1 32',
      '行政许可 517645',
    ].join('\n')
    const result = await readDocument({ bytes: Buffer.from(text), fileName: 'pasted.txt' })
    expect(getAt(result.report.sections, ['proactiveDisclosure', 'art20_1'])).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 6, repealed: 1, inForce: 32 },
    })
    expect(getAt(result.report.sections, ['proactiveDisclosure', 'art20_5', 'licensing', 'decisions'])).toBe(517645)
    expect(result.recognition.sections.applications).toBe('missing')
  })
})

describe('labels run together', () => {
  it('reads a row whose group label is run into its own label', async () => {
    const { labelMatches } = await import('./structure')
    const { normText } = await import('./tokens')
    const unable = groupRows(matrix.rows).find((g) => g.key === 'unableToProvide')
    const [first] = dataRows(unable?.children ?? [])
    expect(labelMatches(normText(`${unable?.label}${first.label}`), first.label)).toBe(true)
    expect(labelMatches(normText('总计'), '（七）总计')).toBe(false)
    expect(labelMatches(normText('结转下年度'), '四、结转下年度继续办理')).toBe(false)
    expect(labelMatches(normText('规范性文件'), '行政规范性文件')).toBe(true)
  })
})

describe('a report laid out in one table', () => {
  it('finds headings that stand in rows of their own', async () => {
    const [one, two] = format.sections.map((s) => s.heading)
    const html = `<h1>某某县某某局2024年政府信息公开工作年度报告</h1><table>
      <tr><td colspan="4">${one}</td></tr><tr><td colspan="4">总体情况正文。</td></tr>
      <tr><td colspan="4">${two}</td></tr>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>`
    const result = await readDocument({ bytes: Buffer.from(html), fileName: 'one-table.html' })
    expect(result.recognition.sections.overview).toBe('found')
    expect(result.report.sections.overview).toBe('总体情况正文。')
    expect(getAt(result.report.sections, ['proactiveDisclosure', 'art20_1', 'regulations'])).toEqual({
      issued: 0,
      repealed: 0,
      inForce: 0,
    })
  })
})
