import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { dataRows, formatCells, leafColumns, narrativePath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { buildDocx } from '@/lib/export/docx'
import { buildHtml } from '@/lib/export/html'
import { readReport } from '@/lib/report/interchange'
import { getAt } from '@/lib/report/values'
import { IMPORT_LIMITS, ImportRefusal, importDocument } from './index'
import { PUBLISHED } from './published-expected'
import { printedTables } from '@/test/published-tables'
import { readDocument } from './read'
import type { ImportResult } from './types'

const PUBLISHED_DIR = '/work/shared/published'
const ROOT = path.resolve(__dirname, '..', '..')
const DOCX_DIR = path.join(ROOT, 'test', 'published-docx')

describe('published reports, as printed', () => {
  for (const expected of PUBLISHED) {
    it(`${expected.file}: tables 二/三/四 as transcribed by hand, no cell not found`, async () => {
      const file = path.join(PUBLISHED_DIR, expected.file)
      const result = await readDocument({ bytes: readFileSync(file), fileName: expected.file })
      const format = formatFor(expected.formatVersion) as FormatDef
      expect(result.report.formatVersion).toBe(expected.formatVersion)
      expect(result.report.agency.name).toBe(expected.agency)
      expect(result.report.year).toBe(expected.year)
      const { table2, table3, table4 } = printedTables(result, format)
      expect(table2).toEqual(expected.table2)
      expect(table3).toEqual(expected.table3)
      expect(table4).toBe(expected.table4)
      expect(Object.entries(result.recognition.cells).filter(([, v]) => v === 'notFound')).toEqual([])
      expect(Object.values(result.recognition.sections).every((s) => s === 'found')).toBe(true)
      for (const section of format.sections) {
        const p = narrativePath(section)
        if (p) expect((getAt(result.report.sections, p.split('.')) as string).trim()).not.toBe('')
      }
      // The report is a valid interchange file: read back without loss of cells.
      const back = readReport(JSON.parse(JSON.stringify(result.report)))
      expect(back.report.sections).toEqual(result.report.sections)
    })
  }

  it('reads a 信息处理费 amount phrased loosely (淮安 2024: “全年收取政府信息公开信息处理费3940元”), with a note', async () => {
    const result = await readDocument({
      bytes: readFileSync(path.join(PUBLISHED_DIR, 'huaian-2024.pdf')),
      fileName: 'huaian-2024.pdf',
    })
    const fee = ['otherMatters', 'infoProcessingFee']
    expect(getAt(result.report.sections, [...fee, 'amountCollectedYuan'])).toBe('3940')
    expect(result.recognition.cells['otherMatters.infoProcessingFee.amountCollectedYuan']).toBe('recognised')
    expect(result.recognition.cells['otherMatters.infoProcessingFee.noticesIssued']).toBe('notPrinted')
    expect(result.recognition.notes.join('')).toContain('读作实际收取信息处理费3940')
  })

  it('reads the PDF to the same tables by pdfjs as by poppler', async () => {
    const expected = PUBLISHED.find((e) => e.file.endsWith('.pdf')) as (typeof PUBLISHED)[number]
    const bytes = readFileSync(path.join(PUBLISHED_DIR, expected.file))
    const before = process.env.NIANBAO_PDF_TEXT
    process.env.NIANBAO_PDF_TEXT = 'pdfjs'
    try {
      const result = await readDocument({ bytes, fileName: expected.file })
      const { table2, table3, table4 } = printedTables(result, formatFor(expected.formatVersion) as FormatDef)
      expect({ table2, table3, table4 }).toEqual({
        table2: expected.table2,
        table3: expected.table3,
        table4: expected.table4,
      })
    } finally {
      if (before === undefined) delete process.env.NIANBAO_PDF_TEXT
      else process.env.NIANBAO_PDF_TEXT = before
    }
  })

  it('keeps a printed total that disagrees in stated, the cell computed (zrzj 2020 （七）总计 9, parts 10)', async () => {
    const result = await readDocument({
      bytes: readFileSync(path.join(PUBLISHED_DIR, 'pingtan-zrzj-2020.html')),
      fileName: 'pingtan-zrzj-2020.html',
    })
    expect(result.report.stated).toEqual({
      'applications.resultsTotal.total': 9,
      'applications.resultsTotal.legalService': 0,
    })
    expect(getAt(result.report.sections, ['applications', 'resultsTotal', 'total'])).toBe(10)
    expect(getAt(result.report.sections, ['proactiveDisclosure', 'art20_9', 'centralProcurement'])).toEqual({
      procurementProjects: 19,
      procurementAmount: '1690.9913',
      procurementAmountUnit: '万元',
    })
    expect(result.recognition.notes.join('')).toContain('印为9，各项之和为10')
  })

  it('reads the page of the article only: the template, scripts and the 落款 stay out', async () => {
    const result = await readDocument({
      bytes: readFileSync(path.join(PUBLISHED_DIR, 'pingtan-shsyj-2025.html')),
      fileName: 'pingtan-shsyj-2025.html',
    })
    expect(result.text).not.toContain('gklist')
    const six = getAt(result.report.sections, ['otherMatters', 'text']) as string
    expect(six).not.toContain('2026年1月23日')
    expect(result.recognition.cells['proactiveDisclosure.art20_1.regulations.issued']).toBe('notPrinted')
  })
})

describe('Word files made from the pages by LibreOffice', () => {
  for (const expected of PUBLISHED.filter((e) => e.file.endsWith('.html'))) {
    const name = expected.file.replace(/\.html$/, '.docx')
    it(`${name} reads to the same tables`, async () => {
      const file = path.join(DOCX_DIR, name)
      const result = await readDocument({ bytes: readFileSync(file), fileName: name })
      const { table2, table3, table4 } = printedTables(result, formatFor(expected.formatVersion) as FormatDef)
      expect({ table2, table3, table4 }).toEqual({
        table2: expected.table2,
        table3: expected.table3,
        table4: expected.table4,
      })
      expect(result.report.agency.name).toBe(expected.agency)
    })
  }
})

describe('round trip of our own exports', () => {
  const fixtures = [
    'zhangdian-gov-2021.json',
    'zhangdian-jgsw-2022.json',
    'zhangdian-office-2022.json',
    'zichuan-gov-2020.json',
  ]
  const trim = (t: unknown) =>
    String(t ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('\n')
  for (const name of fixtures) {
    for (const kind of ['html', 'docx'] as const) {
      it(`${name} → .${kind} → the same report`, async () => {
        const { report, format } = readReport(JSON.parse(readFileSync(path.join(ROOT, 'fixtures', name), 'utf8')))
        const bytes = kind === 'html' ? Buffer.from(buildHtml(report)) : await buildDocx(report)
        const result = await readDocument({ bytes, fileName: `report.${kind}` })
        expect(result.report.formatVersion).toBe(report.formatVersion)
        expect(result.report.year).toBe(report.year)
        expect(result.report.agency.name).toBe(report.agency.name)
        expect(trim(result.report.preamble)).toBe(trim(report.preamble))
        for (const section of format.sections) {
          const p = narrativePath(section)
          if (p)
            expect(trim(getAt(result.report.sections, p.split('.')))).toBe(trim(getAt(report.sections, p.split('.'))))
        }
        for (const cell of formatCells(format)) {
          expect([cell.path, getAt(result.report.sections, cell.segments)]).toEqual([
            cell.path,
            getAt(report.sections, cell.segments),
          ])
        }
        expect(result.report.stated ?? {}).toEqual(report.stated ?? {})
      })
    }
  }
})

describe('plain text and report JSON', () => {
  it('reads tab-separated and space-separated text with full-width digits, separators and dashes', async () => {
    const text = [
      '某某县人民政府2024年政府信息公开工作年度报告',
      '本报告依据条例编制。',
      '一、总体情况',
      '全年主动公开信息。',
      '二、主动公开政府信息情况',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t／\t—\t／',
      '行政规范性文件  １２  ０  1,024',
      '行政许可 3,120',
      '行政处罚 5',
      '行政强制 0',
      '行政事业性收费 12.50',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '问题和改进。',
      '六、其他需要报告的事项',
      '无。',
    ].join('\n')
    const result = await readDocument({ bytes: Buffer.from(text), fileName: 'pasted.txt' })
    const at = (p: string) => getAt(result.report.sections, p.split('.'))
    expect(at('proactiveDisclosure.art20_1.normativeDocuments')).toEqual({ issued: 12, repealed: 0, inForce: 1024 })
    expect(at('proactiveDisclosure.art20_5.licensing.decisions')).toBe(3120)
    expect(at('proactiveDisclosure.art20_8.adminFees.feeAmount')).toBe('12.50')
    expect(result.recognition.cells['proactiveDisclosure.art20_1.regulations.issued']).toBe('printedBlank')
    expect(result.recognition.printed['proactiveDisclosure.art20_1.regulations.repealed']).toBe('—')
    expect(at('proactiveDisclosure.art20_1.regulations.issued')).toBeNull()
    expect(result.report.agency).toEqual({ name: '某某县人民政府', type: 'government' })
    // Table 三 has no rows in this text: its cells are not found, never guessed.
    expect(result.recognition.cells['applications.newReceived.natural']).toBe('notFound')
  })

  it('lists the keys of a report JSON that are not part of the format', async () => {
    const raw = JSON.parse(readFileSync(path.join(ROOT, 'fixtures', 'zhangdian-gov-2021.json'), 'utf8'))
    raw.sections.applications.newReceived.legalEntitySubtotal = 3
    raw.sections.applications.grantd = { natural: 1 }
    raw.comment = 'x'
    delete raw.sections.applications.carriedOver.natural
    const result = await readDocument({ bytes: Buffer.from(JSON.stringify(raw)), fileName: 'r.json' })
    expect(result.recognition.unknownKeys).toEqual([
      'comment',
      'sections.applications.newReceived.legalEntitySubtotal',
      'sections.applications.grantd',
    ])
    expect(result.recognition.notes.join('')).toContain('3个不属于年报格式的键')
    // A cell the file does not hold at all is not printed.
    expect(result.recognition.cells['applications.newReceived.natural']).toBe('recognised')
    expect(result.recognition.cells['applications.carriedOver.natural']).toBe('notPrinted')
  })
})

describe('bounded reading in a worker', () => {
  it('reads a page in the worker thread', async () => {
    const result = await importDocument({
      bytes: readFileSync(path.join(PUBLISHED_DIR, 'pingtan-zhzfyjj-2025.html')),
      fileName: 'pingtan-zhzfyjj-2025.html',
    })
    expect(result.recognition.source).toMatchObject({ kind: 'html', fileName: 'pingtan-zhzfyjj-2025.html' })
    expect(result.report.agency.name).toBe('平潭综合实验区综合执法与应急管理局')
  })

  it('refuses a zip bomb in a .docx', async () => {
    const zip = new JSZip()
    zip.file('[Content_Types].xml', '<Types/>')
    zip.file('word/document.xml', `<w:document><w:body>${'<w:p/>'.repeat(8 * 1024 * 1024)}</w:body></w:document>`)
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
    expect(bytes.length).toBeLessThan(1024 * 1024)
    await expect(importDocument({ bytes, fileName: 'bomb.docx' })).rejects.toThrow(/压缩炸弹/)
  })

  it('refuses a damaged PDF, an empty file, a file too large, and stops at the time limit', async () => {
    await expect(importDocument({ bytes: Buffer.from('%PDF-1.7\n1 0 obj <<'), fileName: 'x.pdf' })).rejects.toThrow(
      /不是有效的 PDF/,
    )
    await expect(importDocument({ bytes: new Uint8Array(0), fileName: 'x.html' })).rejects.toThrow(/是空的/)
    await expect(
      importDocument({ bytes: new Uint8Array(IMPORT_LIMITS.maxBytes + 1), fileName: 'x.html' }),
    ).rejects.toThrow(/超过 20 MB/)
    const page = readFileSync(path.join(PUBLISHED_DIR, 'pingtan-zrzj-2020.html'))
    const refusal = await importDocument({ bytes: page, fileName: 'p.html' }, { timeoutMs: 1 }).catch((e) => e)
    expect(refusal).toBeInstanceOf(ImportRefusal)
    expect(refusal.message).toMatch(/超过 0 秒|超过 \d+ 秒/)
  })

  it('refuses a page nested beyond reason', async () => {
    const html = `<html><body>${'<div>'.repeat(200_000)}一、总体情况${'</div>'.repeat(200_000)}</body></html>`
    await expect(importDocument({ bytes: Buffer.from(html), fileName: 'deep.html' })).rejects.toThrow(/嵌套过深/)
  })

  it('never runs a script of a page: its text is not even read', async () => {
    const html =
      '<html><body><script>globalThis.pwned = 1; document.write("一、总体情况")</script><h1>某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p><style>p{}</style></body></html>'
    const result = await importDocument({ bytes: Buffer.from(html), fileName: 'x.html' })
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined()
    expect(result.text).not.toContain('pwned')
    expect(result.report.sections.overview).toBe('正文。')
  })
})

it('the LibreOffice-made .docx inputs are committed', () => {
  for (const e of PUBLISHED.filter((x) => x.file.endsWith('.html'))) {
    expect(existsSync(path.join(DOCX_DIR, e.file.replace(/\.html$/, '.docx')))).toBe(true)
  }
})
