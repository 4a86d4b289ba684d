/**
 * What an agency publishes without touching Word (issue 12): each fixture exported by the
 * command line (`nianbao export`, the compiled CLI vitest's global setup builds), then read back
 * out of the .docx parts (document.xml, styles.xml, core.xml, app.xml) and the HTML: the
 * preamble right after the title, headings only where a person would see one, the document's
 * properties, no unused styles, merged cells at the table's size, no hostile characters.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { HEADING_MAX_CHARS } from '@/lib/narrative'
import { FIXTURE_NAMES, type FixtureName, fixture, fixturePath } from '@/test/fixtures'
import { buildDocx } from './docx'
import { buildHtml } from './html'
import { descendants, docxParagraphs, parseXml, type XmlElement } from './read-back'

const BIN = path.resolve(__dirname, '../../bin/nianbao.js')
const OUT = mkdtempSync(path.join(tmpdir(), 'nianbao-publishable-'))

interface Exported {
  parts: Record<'document' | 'styles' | 'core' | 'app', string>
  html: string
}

async function exportFixture(name: FixtureName): Promise<Exported> {
  const docx = path.join(OUT, `${name}.docx`)
  const html = path.join(OUT, `${name}.html`)
  const r = spawnSync(process.execPath, [BIN, 'export', fixturePath(name), '--docx', docx, '--html', html], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(r.status, r.stderr).toBeLessThan(2)
  const zip = await JSZip.loadAsync(readFileSync(docx))
  const part = (p: string) => zip.file(p)!.async('string')
  return {
    parts: {
      document: await part('word/document.xml'),
      styles: await part('word/styles.xml'),
      core: await part('docProps/core.xml'),
      app: await part('docProps/app.xml'),
    },
    html: readFileSync(html, 'utf8'),
  }
}

/** The first sentence of a paragraph, as a reader counts it (up to its first 。：！？；). */
const firstSentence = (text: string) => {
  const end = text.search(/[。：:！？；]/)
  return Array.from(end < 0 ? text : text.slice(0, end + 1))
}

const textOf = (el: XmlElement): string => el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('')

describe.each(FIXTURE_NAMES)('nianbao export of %s', (name) => {
  const { report } = fixture(name)
  let out: Exported
  beforeAll(async () => {
    out = await exportFixture(name)
  }, 90_000)

  it('the paragraph after the title is the preamble, as body text', () => {
    const preamble = report.preamble?.split('\n') ?? []
    expect(preamble.length).toBeGreaterThan(0)
    const paragraphs = docxParagraphs(out.parts.document)
    const titleLines = paragraphs.findIndex((p) => p.text.endsWith('政府信息公开工作年度报告')) + 1
    expect(titleLines).toBeGreaterThan(0)
    const after = paragraphs.slice(titleLines, titleLines + preamble.length)
    expect(after.map((p) => p.text)).toEqual(preamble)
    expect(after.every((p) => p.style === null)).toBe(true)
    // Then 一、 as the first section heading.
    expect(paragraphs[titleLines + preamble.length]).toMatchObject({ style: 'Heading1' })
    // The HTML too: the title, the preamble's paragraphs, then the first section.
    const afterTitle = out.html.slice(out.html.indexOf('</h1>'), out.html.indexOf('<section'))
    const htmlParagraphs = [...afterTitle.matchAll(/<p[^>]*>([^<]*)<\/p>/g)].map((m) => m[1])
    expect(htmlParagraphs).toEqual(preamble)
  })

  it('no paragraph whose first sentence runs over 40 characters carries a heading style', () => {
    const headings = docxParagraphs(out.parts.document).filter((p) => /^Heading\d$/.test(p.style ?? ''))
    expect(headings.length).toBeGreaterThanOrEqual(6)
    for (const p of headings) expect(firstSentence(p.text).length, p.text).toBeLessThanOrEqual(HEADING_MAX_CHARS)
    for (const m of out.html.matchAll(/<h[3-5][^>]*>([^<]*)<\/h[3-5]>/g)) {
      expect(firstSentence(m[1]).length, m[1]).toBeLessThanOrEqual(HEADING_MAX_CHARS)
    }
  })

  it('properties: author and company are the agency, the title, language zh-CN', () => {
    const core = parseXml(out.parts.core)
    const one = (tag: string) => textOf(descendants(core, tag)[0])
    expect(one('dc:title')).toBe(`${report.agency.name}${report.year}年政府信息公开工作年度报告`)
    expect(one('dc:creator')).toBe(report.agency.name)
    expect(one('cp:lastModifiedBy')).toBe(report.agency.name)
    expect(one('dc:language')).toBe('zh-CN')
    const app = parseXml(out.parts.app)
    expect(textOf(descendants(app, 'Company')[0])).toBe(report.agency.name)
    expect(textOf(descendants(app, 'Application')[0])).toContain('Nianbao')
  })

  it('styles.xml holds only the styles the document can use', () => {
    const ids = descendants(parseXml(out.parts.styles), 'w:style').map((s) => s.attrs['w:styleId'])
    for (const unused of ['Title', 'Heading5', 'Heading6', 'TOC1', 'Hyperlink', 'ListParagraph', 'Strong']) {
      expect(ids).not.toContain(unused)
    }
    expect(ids).toEqual(expect.arrayContaining(['Normal', 'Heading1', 'Heading2', 'Heading3', 'Heading4']))
    // Every style a paragraph or run names is defined.
    const used = [...out.parts.document.matchAll(/w:(?:pStyle|rStyle) w:val="([^"]+)"/g)].map((m) => m[1])
    for (const id of used) expect(ids).toContain(id)
  })

  it('a merged cell continued below carries the table size, not the 3号 body size', () => {
    const cells = descendants(parseXml(out.parts.document), 'w:tc').filter((tc) =>
      descendants(tc, 'w:vMerge').some((v) => v.attrs['w:val'] === 'continue'),
    )
    expect(cells.length).toBeGreaterThan(20)
    for (const tc of cells) {
      const sizes = descendants(tc, 'w:sz').map((s) => Number(s.attrs['w:val']))
      expect(sizes.length).toBeGreaterThan(0)
      for (const size of sizes) expect(size).toBeLessThan(32)
      const lines = descendants(tc, 'w:spacing').map((s) => Number(s.attrs['w:line']))
      for (const line of lines) expect(line).toBeLessThan(579)
    }
  })
})

describe('the 2019 fixture', () => {
  it('its 1、 headings are headings', async () => {
    const { parts } = await exportFixture('zichuan-gov-2020')
    const headings = docxParagraphs(parts.document).filter((p) => /^Heading[2-4]$/.test(p.style ?? ''))
    const numbered = headings.filter((p) => /^\d+、/.test(p.text))
    expect(numbered.map((p) => p.text)).toContain('1、体制机制建设情况')
    expect(numbered.every((p) => p.style === 'Heading3')).toBe(true)
  }, 90_000)
})

describe('text hygiene', () => {
  const hostile = '甲\u202e乙\u0085丙\u2028丁\u2029戊\u009b己'
  it('bidi overrides, C1 controls and U+2028/2029 never reach a document', async () => {
    const { report } = fixture('zhangdian-jgsw-2022')
    report.preamble = hostile
    report.sections.problemsImprovements = hostile
    const zip = await JSZip.loadAsync(await buildDocx(report))
    const xml = await zip.file('word/document.xml')!.async('string')
    const html = buildHtml(report)
    for (const out of [xml, html]) expect(out).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/)
    // The separators end paragraphs, as a line feed does.
    expect(docxParagraphs(xml).map((p) => p.text)).toEqual(expect.arrayContaining(['甲乙丙', '丁', '戊己']))
  })

  it('an invalid cell value never prints', async () => {
    const { report } = fixture('zhangdian-jgsw-2022')
    const applications = report.sections.applications as Record<string, Record<string, unknown>>
    applications.newReceived.natural = '12件'
    applications.newReceived.commercial = -3
    const html = buildHtml(report)
    expect(html).not.toContain('12件')
    expect(html).not.toMatch(/>-3</)
    expect(html).toContain('>有误<')
  })
})
