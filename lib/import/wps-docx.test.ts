import { readFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { printedTables } from '@/test/published-tables'
import { wpsDocx } from '@/test/wps-docx'
import { chineseCounting, docxLines } from './docx'
import { PUBLISHED } from './published-expected'
import { readDocument } from './read'

const ROOT = path.resolve(__dirname, '..', '..')
const FIXTURE = path.join(ROOT, 'test', 'published-docx', 'pingtan-xzspj-2024-wps.docx')
const PAGE = path.join(ROOT, 'test', 'published', 'pingtan-xzspj-2024-page.html')
const expected = PUBLISHED.find((e) => e.file === 'pingtan-xzspj-2024.html') as (typeof PUBLISHED)[number]
const format = formatFor('2021') as FormatDef

async function documentXml(bytes: Uint8Array) {
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string') as Promise<string>
}

describe('a .docx as WPS writes it', () => {
  it('carries the WPS traits it stands for', async () => {
    const xml = await documentXml(readFileSync(FIXTURE))
    for (const trait of [
      'xmlns:wpsCustomData=',
      'w14:paraId=',
      '<w:numPr>',
      '<mc:AlternateContent>',
      '<v:textbox>',
      '<wps:txbx>',
      '<w:sdt>',
      '<w:date ',
      '<w:vMerge w:val="restart"/>',
      '<w:vMerge/>',
      '<w:gridSpan w:val=',
      'w:type="dxa"',
      '<w:br/>',
      '<w:proofErr',
      '>\u3000</w:t>',
      '<w:tblPrEx>',
    ])
      expect(xml.includes(trait), trait).toBe(true)
    // Runs split per character: most text runs hold one character.
    const texts = xml.match(/<w:t xml:space="preserve">[^<]*<\/w:t>/g) ?? []
    const single = texts.filter((t) => [...t.replace(/<[^>]+>/g, '')].length === 1)
    expect(single.length / texts.length).toBeGreaterThan(0.8)
    // Headings carry no typed ordinal: it comes from numbering.xml.
    const headings = xml
      .split('<w:p ')
      .filter((p) => p.includes('<w:pStyle w:val="2"/>'))
      .map((p) => (p.match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''))
    expect(headings).toEqual(format.sections.map((s) => s.heading.replace(/^[一二三四五六]、/, '')))
  })

  it('is what scripts/make-wps-docx.ts writes from the saved portal page', async () => {
    const result = await readDocument({ bytes: readFileSync(PAGE), fileName: 'pingtan-xzspj-2024-page.html' })
    const made = await wpsDocx({ format, result, signatureDate: '2024年12月31日' })
    expect(await documentXml(made)).toBe(await documentXml(readFileSync(FIXTURE)))
  })

  it('reads to the same tables as the hand transcription, every section found, the 落款 once', async () => {
    const result = await readDocument({ bytes: readFileSync(FIXTURE), fileName: 'wps.docx' })
    const { table2, table3, table4 } = printedTables(result, format)
    expect({ table2, table3, table4 }).toEqual({
      table2: expected.table2,
      table3: expected.table3,
      table4: expected.table4,
    })
    expect(result.report.agency.name).toBe(expected.agency)
    expect(result.report.year).toBe(expected.year)
    expect(Object.entries(result.recognition.cells).filter(([, v]) => v === 'notFound')).toEqual([])
    expect(Object.values(result.recognition.sections).every((s) => s === 'found')).toBe(true)
    // The text box is read once (Choice, not Fallback too), as paragraphs of its own.
    const lines = result.text.split('\n')
    expect(lines.filter((l) => l === '2024年12月31日')).toHaveLength(1)
    expect(lines.filter((l) => l === '平潭综合实验区行政审批局')).toHaveLength(1)
    // The narratives are the page's (section 一's first paragraph is split at its soft break).
    const page = await readDocument({ bytes: readFileSync(PAGE), fileName: 'page.html' })
    const s = (r: typeof result) => r.report.sections as Record<string, unknown>
    expect(s(result).problemsImprovements).toEqual(s(page).problemsImprovements)
    expect(result.report.preamble).toBe(page.report.preamble)
  })

  it('prints numbered headings with their ordinals, counting through the style and the paragraph alike', async () => {
    const lines = await docxLines(readFileSync(FIXTURE))
    const headings = lines
      .filter((l) => l.kind === 'p' && /^[一二三四五六七]、/.test(l.text))
      .map((l) => l.kind === 'p' && l.text)
    expect(headings).toEqual(format.sections.map((s) => s.heading))
  })
})

describe('numbering', () => {
  it('counts in Chinese as numFmt chineseCounting does', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 999].map(chineseCounting)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '九百九十九',
    ])
  })

  it('restarts lower levels, formats each level, and numId 0 switches numbering off', async () => {
    const num = `<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num></w:numbering>`
    const p = (ilvl: number | null, text: string) =>
      `<w:p><w:pPr>${ilvl === null ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>' : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="5"/></w:numPr>`}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`
    const body = [
      p(0, '甲'),
      p(1, '乙'),
      p(2, '丙'),
      p(2, '丁'),
      p(1, '戊'),
      p(2, '己'),
      p(0, '庚'),
      p(1, '辛'),
      p(null, '壬'),
    ]
    const zip = new JSZip()
    zip.file('word/document.xml', `<w:document xmlns:w="w"><w:body>${body.join('')}</w:body></w:document>`)
    zip.file('word/numbering.xml', num)
    const lines = await docxLines(await zip.generateAsync({ type: 'uint8array' }))
    expect(lines.map((l) => l.kind === 'p' && l.text)).toEqual([
      '一、甲',
      '（一）乙',
      '1.丙',
      '2.丁',
      '（二）戊',
      '1.己',
      '二、庚',
      '（一）辛',
      '壬',
    ])
  })
})
