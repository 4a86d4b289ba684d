/**
 * Proof that the exports say what the report says: every table value and every section heading
 * is read back out of the .docx (word/document.xml, gridSpan and vMerge resolved) and out of the
 * HTML (rowspan and colspan resolved) and compared cell by cell with the data, using the grid;
 * the merges are compared with lib/format/grid.ts; hostile text gives a valid file.
 */
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { cellByPath } from '@/lib/format/cells'
import { tableGrid } from '@/lib/format/grid'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import { formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { fixture, fixturesOf } from '@/test/fixtures'
import { buildDocx } from './docx'
import { hostileReport, NASTY_TEXTS } from './hostile-report'
import { buildHtml, buildHtmlFragment, escapeHtml } from './html'
import { exportModel, signatureIndents, splitAgencyName, valueText } from './model'
import { docxParagraphs, docxTables, htmlTables, htmlTags, type PlacedCell, parseXml, placeGrid } from './read-back'

/** Characters XML 1.0 cannot carry. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNENCODABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/

const tableSections = (format: FormatDef) =>
  format.sections.filter((s): s is Extract<SectionDef, { kind: 'table' }> => s.kind === 'table')

/** What each placed cell of a declared table must read: its label, or the report's value. */
function expectedCells(format: FormatDef, report: ReportData) {
  return tableSections(format).map((section) =>
    placeGrid(tableGrid(section.table)).map(({ cell, ...placed }) => ({
      ...placed,
      text:
        cell.kind === 'value'
          ? valueText(getAt(report.sections, cell.path.split('.')), cellByPath(format, cell.path)?.valueType)
          : cell.text,
    })),
  )
}

const sorted = (cells: PlacedCell[]) => [...cells].sort((a, b) => a.row - b.row || a.col - b.col)

async function documentXml(buffer: Buffer): Promise<{ zip: JSZip; xml: string }> {
  const zip = await JSZip.loadAsync(buffer)
  return { zip, xml: await zip.file('word/document.xml')!.async('string') }
}

const attr = (xml: string, tag: string, name: string) =>
  new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1]

describe.each(fixturesOf('2021'))('exports of %s', (name) => {
  const { report, format } = fixture(name)
  let xml = ''
  let zip: JSZip
  let html = ''

  beforeAll(async () => {
    ;({ zip, xml } = await documentXml(await buildDocx(report)))
    html = buildHtml(report)
  })

  it('.docx: every table cell, label and merge reads back as the grid and the data say', () => {
    const tables = docxTables(xml)
    const expected = expectedCells(format, report)
    expect(tables).toHaveLength(expected.length)
    tables.forEach((t, i) => {
      expect(t.gridCols.reduce((a, b) => a + b, 0)).toBe(8845)
      expect(sorted(t.cells)).toEqual(sorted(expected[i]))
    })
    // The numbers really are there: no value cell of a complete fixture is blank.
    const values = expected.flat().filter((c) => /^\d+(\.\d+)?$/.test(c.text))
    expect(values.length).toBeGreaterThan(100)
  })

  it('.docx: the official merges of 表三 (勾稽 corner 3×3, 三、 rowSpan 22, groups 8/3/5/3)', () => {
    const matrix = tableSections(format).find((s) => s.table.kind === 'matrix')!.table
    const gridCells = tableGrid(matrix).rows.flatMap((r) => r.cells)
    const applications = docxTables(xml)[tableSections(format).findIndex((s) => s.table === matrix)].cells
    const byText = (t: string) => applications.find((c) => c.text === t)
    const corner = gridCells.find((c) => c.kind === 'corner')!
    expect(byText(corner.text)).toMatchObject({ row: 0, col: 0, rowSpan: 3, colSpan: 3 })
    const groups = gridCells.filter((c) => c.kind === 'rowGroup')
    expect(groups.map((c) => c.rowSpan)).toEqual([22, 8, 3, 5, 3])
    for (const c of groups) expect(byText(c.text)?.rowSpan).toBe(c.rowSpan)
    // Every merge is a real w:vMerge restart followed by rowSpan − 1 continue cells.
    const all = tableSections(format).flatMap((s) => tableGrid(s.table).rows.flatMap((r) => r.cells))
    const merged = all.filter((c) => c.rowSpan > 1)
    // A table cut at a page break (page-breaks.ts) repeats its header merges and restarts a cut
    // label in the continuation; read back as one table, every merge spans what the grid says.
    const restarts = xml.match(/<w:vMerge w:val="restart"\/>/g)?.length ?? 0
    expect(restarts).toBeGreaterThanOrEqual(merged.length)
    const spans = docxTables(xml).flatMap((t) => t.cells.filter((c) => c.rowSpan > 1).map((c) => [c.text, c.rowSpan]))
    expect(spans).toEqual(merged.map((c) => [c.kind === 'value' ? expect.any(String) : c.text, c.rowSpan]))
    // 三、本年度办理结果 is set top to bottom (the package repeats it on its continue cells).
    const vertical = groups.filter((c) => c.kind === 'rowGroup' && c.vertical)
    expect(vertical).toHaveLength(1)
    expect(xml.match(/<w:textDirection w:val="tbRl"\/>/g)).toHaveLength(vertical[0].rowSpan)
  })

  it('.docx: section headings are Heading1 in the format order, narrative headings Heading2–4', () => {
    const paragraphs = docxParagraphs(xml)
    const h1 = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)
    expect(h1.filter((t) => format.sections.some((s) => s.heading === t))).toEqual(
      format.sections.map((s) => s.heading),
    )
    // Headings that stand on their own line are Heading2–4, so Word's navigation pane lists them.
    const standalone = exportModel(report)
      .sections.flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'narrative' ? b.paragraphs : []))
      .filter((p) => p.level > 1 && p.body.length === 0)
      .map((p) => [`Heading${p.level}`, p.heading.map((r) => r.text).join('')])
    expect(paragraphs.filter((p) => /^Heading[234]$/.test(p.style ?? '')).map((p) => [p.style, p.text])).toEqual(
      standalone,
    )
    // The title: agency, then year + format title, in 2号; then the preamble.
    expect(paragraphs.slice(0, 3).map((p) => p.text)).toEqual([
      ...splitAgencyName(report.agency.name),
      `${report.year}年${format.title}`,
      report.preamble?.split('\n')[0],
    ])
  })

  it('.docx: page, grid, fonts, footers as layout.md says', async () => {
    expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906')
    expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838')
    expect(attr(xml, 'w:pgMar', 'w:top')).toBe('2098')
    expect(attr(xml, 'w:pgMar', 'w:right')).toBe('1474')
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1984')
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1587')
    expect(xml).not.toMatch(/<w:docGrid[^>]*w:type=/)
    expect(xml).not.toMatch(/lineRule="exactly"/)
    expect(xml).toMatch(
      /<w:spacing [^>]*w:line="579"[^>]*w:lineRule="exact"|<w:spacing [^>]*w:lineRule="exact"[^>]*w:line="579"/,
    )
    expect(xml).toMatch(/<w:widowControl w:val="false"\/>/)
    expect(xml).toMatch(/<w:spacing w:val="-5"\/>/)
    expect(xml).toMatch(/w:firstLineChars="200"/)
    expect(xml).toMatch(/<w:tblHeader\/>/)
    expect(xml).toMatch(/<w:tblLayout w:type="fixed"\/>/)
    expect(xml).not.toMatch(/草稿/)
    const styles = await zip.file('word/styles.xml')!.async('string')
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/)
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:eastAsia="黑体"/)
    expect(styles).toMatch(/w:styleId="Heading2"[\s\S]*?w:eastAsia="楷体_GB2312"/)
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"/)
    expect(await zip.file('word/settings.xml')!.async('string')).toMatch(/<w:evenAndOddHeaders\/>/)
    const fontTable = await zip.file('word/fontTable.xml')!.async('string')
    expect(fontTable).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/)
    expect(fontTable).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/)
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f))
    expect(footers).toHaveLength(2)
    const footerXml = await Promise.all(footers.map((f) => zip.file(f)!.async('string')))
    for (const f of footerXml) {
      expect(f).toMatch(/PAGE/)
      expect(f).toMatch(/— /)
      expect(f).toMatch(/w:eastAsia="宋体"/)
      expect(f).toMatch(/<w:sz w:val="28"\/>/)
    }
    expect(footerXml.some((f) => /<w:jc w:val="right"\/>/.test(f) && /w:right="280"/.test(f))).toBe(true)
    expect(footerXml.some((f) => /<w:jc w:val="left"\/>/.test(f) && /w:left="280"/.test(f))).toBe(true)
    for (const part of Object.keys(zip.files).filter((f) => f.endsWith('.xml') || f.endsWith('.rels'))) {
      parseXml(await zip.file(part)!.async('string'))
    }
  })

  it('HTML: every table cell, label and merge reads back as the grid and the data say', () => {
    const tables = htmlTables(html)
    const expected = expectedCells(format, report)
    expect(tables).toHaveLength(expected.length)
    for (const [i, t] of tables.entries()) expect(sorted(t)).toEqual(sorted(expected[i]))
    const fragmentTables = htmlTables(buildHtmlFragment(report))
    expect(fragmentTables).toHaveLength(expected.length)
    for (const [i, t] of fragmentTables.entries()) expect(sorted(t)).toEqual(sorted(expected[i]))
  })

  it('HTML: headings, th scopes, no external requests, no script', () => {
    const tags = htmlTags(html)
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1])
    expect(h2.filter((t) => format.sections.some((s) => s.heading === t))).toEqual(
      format.sections.map((s) => s.heading),
    )
    const scopes = new Set(tags.filter((t) => t.name === 'th').map((t) => t.attrs.scope))
    expect([...scopes].sort()).toEqual(['col', 'colgroup', 'row', 'rowgroup'])
    expect(tags.some((t) => t.name === 'script' || t.name === 'link' || t.name === 'img' || t.name === 'iframe')).toBe(
      false,
    )
    expect(html).not.toMatch(/url\(|@import|https?:\/\//)
    expect(html).toMatch(/@page\s*{\s*size: A4; margin: 37mm 26mm 35mm 28mm/)
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/)
    const fragmentTags = htmlTags(buildHtmlFragment(report))
    expect(fragmentTags.every((t) => t.attrs.class === undefined)).toBe(true)
  })
})

describe('fonts, signature and draft', () => {
  const { report } = fixture('zhangdian-jgsw-2022')

  it('stock fonts write 仿宋 / 楷体 / 宋体 / 黑体 and no GB2312 or 方正 name', async () => {
    const { zip, xml } = await documentXml(await buildDocx(report, { fontMode: 'stock' }))
    const styles = await zip.file('word/styles.xml')!.async('string')
    const all = xml + styles
    expect(all).not.toMatch(/_GB2312|方正/)
    for (const f of ['仿宋', '楷体', '宋体', '黑体']) expect(all).toContain(`w:eastAsia="${f}"`)
  })

  it('a draft is marked 草稿 on every page; a finished report is not', async () => {
    const draft = await JSZip.loadAsync(await buildDocx(report, { draft: true }))
    const headers = Object.keys(draft.files).filter((f) => /^word\/header\d+\.xml$/.test(f))
    expect(headers.length).toBe(2)
    for (const h of headers) expect(await draft.file(h)!.async('string')).toContain('草稿')
    const final = await JSZip.loadAsync(await buildDocx(report))
    expect(Object.keys(final.files).some((f) => /^word\/header\d+\.xml$/.test(f))).toBe(false)
    expect(buildHtml(report, { draft: true })).toContain('草稿')
    expect(buildHtml(report)).not.toContain('草稿')
  })

  it('the 落款 follows GB/T 9704 §7.3.5.2: name 右空二字, date under it', async () => {
    expect(signatureIndents({ agency: '淄博市张店区机关事务服务中心', date: '2023年1月20日' })).toEqual({
      name: 2,
      date: 14 - 6.5,
    })
    expect(signatureIndents({ agency: '某局', date: '2023年1月20日' })).toEqual({ name: 6.5 - 2 + 4, date: 2 })
    const signature = { agency: report.agency.name, date: '2023年1月20日' }
    const paragraphs = docxParagraphs((await documentXml(await buildDocx(report, { signature }))).xml)
    expect(paragraphs.slice(-2).map((p) => p.text)).toEqual([signature.agency, signature.date])
    const html = buildHtml(report, { signature })
    expect(html).toContain(`padding-right: 2em">${signature.agency}</p>`)
  })

  it('breaks a long agency name at an administrative unit', () => {
    expect(splitAgencyName('张店区人民政府')).toEqual(['张店区人民政府'])
    const lines = splitAgencyName('淄博市张店区人力资源和社会保障局劳动保障监察大队')
    expect(lines.join('')).toBe('淄博市张店区人力资源和社会保障局劳动保障监察大队')
    expect(lines.every((l) => l.length <= 20)).toBe(true)
    expect(lines[0].endsWith('区')).toBe(true)
  })

  it('the 信息处理费 facts appear as a sentence in section 六, not as a table', async () => {
    const r = structuredClone(report)
    ;(r.sections.otherMatters as any) = {
      text: '无。',
      infoProcessingFee: { noticesIssued: 2, amountBilledYuan: '300', amountCollectedYuan: '200' },
    }
    const { xml } = await documentXml(await buildDocx(r))
    expect(docxTables(xml)).toHaveLength(3)
    expect(
      docxParagraphs(xml).some((p) => p.text.includes('共发出收费通知2件，应收取信息处理费300元，实际收取200元')),
    ).toBe(true)
  })
})

describe('hostile input', () => {
  const base = fixture('zhangdian-jgsw-2022').report
  const nasty = NASTY_TEXTS
  const hostile = () => hostileReport(base)

  it('the read-back XML parser refuses what Word would refuse', () => {
    for (const bad of [
      '<a>\u0001</a>',
      '<a><b></a></b>',
      '<a>x & y</a>',
      '<a b="<"/>',
      '<a>\ud800</a>',
      '<a/><b/>',
      '<a>&nope;</a>',
    ]) {
      expect(() => parseXml(bad)).toThrow()
    }
    expect(parseXml('<?xml version="1.0"?><a x="1">😀&amp;</a>').children).toHaveLength(1)
  })

  it('escapeHtml escapes markup, quotes and ampersands', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;')
    expect(escapeHtml('&amp;')).toBe('&amp;amp;')
  })

  it('.docx: every part is well-formed XML and the text survives', async () => {
    const buffer = await buildDocx(hostile(), { signature: { agency: nasty[1], date: nasty[7] } })
    const zip = await JSZip.loadAsync(buffer)
    for (const part of Object.keys(zip.files).filter((f) => /\.(xml|rels)$/.test(f))) {
      parseXml(await zip.file(part)!.async('string'))
    }
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = docxParagraphs(xml)
      .map((p) => p.text)
      .join('\n')
    expect(text).toContain('<script>alert(1)</script>')
    expect(text).toContain('表情😀🇨🇳👍🏽')
    expect(text).toContain('第4999段')
    expect(text).not.toMatch(UNENCODABLE)
  })

  it('HTML: no element, attribute or script from user text', () => {
    for (const html of [
      buildHtml(hostile(), { signature: { agency: nasty[2], date: nasty[3] } }),
      buildHtmlFragment(hostile()),
    ]) {
      const tags = htmlTags(html)
      const allowed = new Set([
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'main',
        'div',
        'section',
        'h1',
        'h2',
        'h3',
        'h4',
        'h5',
        'p',
        'span',
        'strong',
        'br',
        'table',
        'caption',
        'colgroup',
        'col',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
      ])
      expect(tags.filter((t) => !allowed.has(t.name))).toEqual([])
      expect(tags.flatMap((t) => Object.keys(t.attrs)).filter((a) => a.startsWith('on'))).toEqual([])
      expect(html).not.toMatch(/<script|<img|<svg/i)
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).toContain('表情😀🇨🇳👍🏽')
      expect(html).not.toMatch(UNENCODABLE)
      expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
    }
  })

  it('refuses an unknown format version with a message', async () => {
    await expect(buildDocx({ ...base, formatVersion: '1999' })).rejects.toThrow(/不支持的格式版本/)
  })
})

describe('the 2019 format exports too', () => {
  it('reads its tables back', async () => {
    const [name] = fixturesOf('2019')
    const { report } = fixture(name)
    const format = formatFor('2019')!
    const { xml } = await documentXml(await buildDocx(report))
    const expected = expectedCells(format, report)
    const tables = docxTables(xml)
    tables.forEach((t, i) => {
      // 采购总金额 carries the report's unit in its column header, as published.
      const unitHeader = (c: PlacedCell) => (c.text === '采购总金额' ? { ...c, text: '采购总金额（万元）' } : c)
      expect(sorted(t.cells)).toEqual(sorted(expected[i]).map(unitHeader))
    })
    const proactive = docxTables(xml)[0].cells.map((c) => c.text)
    // As published: increases with their sign, decreases with theirs, the unit in the header only.
    expect(proactive).toEqual(expect.arrayContaining(['+125', '-47', '+655', '采购总金额（万元）', '219900']))
    expect(proactive.some((t) => /^\d+(\.\d+)?(元|万元)$/.test(t))).toBe(false)
    const htmlCells = htmlTables(buildHtml(report))[0].map((c) => c.text)
    expect(htmlCells).toEqual(expect.arrayContaining(['+125', '-47', '采购总金额（万元）', '219900']))
  })
})

describe('reproducible builds', () => {
  it('two builds of the same report with the same timestamp are byte-identical', async () => {
    const { report } = fixture('zhangdian-gov-2021')
    const at = new Date('2026-02-01T08:30:00Z')
    const a = await buildDocx(report, { timestamp: at })
    await new Promise((r) => setTimeout(r, 2100))
    const b = await buildDocx(structuredClone(report), { timestamp: at })
    expect(Buffer.compare(a, b)).toBe(0)
    const zip = await JSZip.loadAsync(a)
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('2026-02-01T08:30:00Z')
    expect(zip.file('word/document.xml')!.date.toISOString()).toBe('2026-02-01T08:30:00.000Z')
    expect(buildHtml(report)).toBe(buildHtml(structuredClone(report)))
  })
})
