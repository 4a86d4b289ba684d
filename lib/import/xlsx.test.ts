import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { formatCells } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { derivedCells } from '@/lib/rules/derive'
import { getAt } from '@/lib/report/values'
import { fixture, fixturesOf } from '@/test/fixtures'
import { sheetLayouts } from './xlsx-layout'
import { readXlsxDocument } from './xlsx-read'
import { templateBytes, templateWorkbook } from './xlsx-template'

/** Fills the template's value cells from a report, as an officer would type them. */
async function filledFrom(
  name: Parameters<typeof fixture>[0],
): Promise<{ bytes: Uint8Array; expected: Record<string, unknown> }> {
  const { report, format } = fixture(name)
  const workbook = templateWorkbook(format, {
    agencyName: report.agency.name,
    agencyType: report.agency.type,
    year: report.year,
  })
  const derived = derivedCells(format)
  const expected: Record<string, unknown> = {}
  for (const layout of sheetLayouts(format)) {
    const sheet = workbook.getWorksheet(layout.name) as ExcelJS.Worksheet
    for (const placed of layout.cells) {
      if (placed.cell.kind !== 'value' || derived.has(placed.cell.path)) continue
      const value = getAt(report.sections, placed.cell.path.split('.'))
      const typed = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value
      sheet.getCell(placed.row, placed.col).value = (typed ?? null) as ExcelJS.CellValue
      expected[placed.cell.path] = value === '' ? null : (value ?? null)
    }
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return { bytes: new Uint8Array(buffer as ArrayBuffer), expected }
}

describe('xlsx template', () => {
  it.each(['2021', '2019'] as const)(
    'lays out every value cell of the %s format once, label cells locked, value cells unlocked',
    async (version) => {
      const format = FORMATS[version]
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(Buffer.from(await templateBytes(format)) as unknown as ArrayBuffer)
      const derived = derivedCells(format)
      const placed = sheetLayouts(format).flatMap((l) =>
        l.cells.filter((p) => p.cell.kind === 'value').map((p) => ({ l, p })),
      )
      const tableCells = formatCells(format).filter((c) =>
        sheetLayouts(format).some((l) => l.section.key === c.sectionKey),
      )
      expect(placed.map(({ p }) => (p.cell.kind === 'value' ? p.cell.path : '')).sort()).toEqual(
        tableCells.map((c) => c.path).sort(),
      )
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '表二', '表三', '表四'])
      for (const { l, p } of placed) {
        const cell = workbook.getWorksheet(l.name)?.getCell(p.row, p.col)
        const path = p.cell.kind === 'value' ? p.cell.path : ''
        expect(cell?.protection?.locked, path).toBe(derived.has(path) ? undefined : false)
      }
      for (const l of sheetLayouts(format)) {
        const sheet = workbook.getWorksheet(l.name)
        expect((sheet as unknown as { sheetProtection?: { sheet?: boolean } })?.sheetProtection?.sheet).toBe(true)
        for (const p of l.cells) {
          if (p.cell.kind === 'value') continue
          const cell = sheet?.getCell(p.row, p.col)
          expect(cell?.value).toBe(p.cell.text)
          expect(cell?.protection?.locked).not.toBe(false)
          // Merged as printed: the span covers exactly the grid cell.
          if (p.rowSpan > 1 || p.colSpan > 1) {
            const last = sheet?.getCell(p.row + p.rowSpan - 1, p.col + p.colSpan - 1)
            expect(last?.isMerged).toBe(true)
            expect(last?.master.address).toBe(cell?.address)
          }
        }
      }
    },
  )

  it('prints table 三 of 2021 with its merged 申请人情况 header over seven columns', () => {
    const layout = sheetLayouts(FORMATS['2021']).find((l) => l.name === '表三')
    const header = layout?.cells.find((p) => p.cell.kind === 'columnHeader' && p.cell.text === '申请人情况')
    expect(header).toMatchObject({ row: 2, colSpan: 7 })
  })
})

describe.each([...fixturesOf('2021'), ...fixturesOf('2019')])('template → fill → read back (%s)', (name) => {
  it('gives every cell as filled, with agency and year', async () => {
    const { bytes, expected } = await filledFrom(name)
    const { report, recognition } = await readXlsxDocument(bytes, 'filled.xlsx')
    const source = fixture(name).report
    expect(report.formatVersion).toBe(source.formatVersion)
    expect(report.year).toBe(source.year)
    expect(report.agency).toEqual({ name: source.agency.name, type: source.agency.type })
    for (const [path, value] of Object.entries(expected)) {
      expect(getAt(report.sections, path.split('.')), path).toEqual(value)
      expect(recognition.cells[path], path).toBe(value === null ? 'blank' : 'recognised')
    }
    expect(recognition.notes).toEqual([])
    expect(report.stated).toBeUndefined()
  })
})

describe('reading a filled sheet', () => {
  it('keeps “/” as a printed blank, reads full-width digits and separators, keeps a typed total as stated', async () => {
    const format = FORMATS['2021']
    const workbook = templateWorkbook(format, { agencyName: '某区人民政府', year: 2024 })
    const layout = sheetLayouts(format).find((l) => l.name === '表三')
    const sheet = workbook.getWorksheet('表三')
    const at = (path: string) => {
      const p = layout?.cells.find((c) => c.cell.kind === 'value' && c.cell.path === path)
      if (!p) throw new Error(path)
      return sheet?.getCell(p.row, p.col) as ExcelJS.Cell
    }
    at('applications.newReceived.natural').value = '１,２03'
    at('applications.newReceived.commercial').value = '/'
    at('applications.newReceived.total').value = 5000
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
    const { report, recognition } = await readXlsxDocument(bytes, 'x.xlsx')
    expect(getAt(report.sections, ['applications', 'newReceived', 'natural'])).toBe(1203)
    expect(recognition.cells['applications.newReceived.commercial']).toBe('printedBlank')
    expect(recognition.printed['applications.newReceived.commercial']).toBe('/')
    expect(report.stated).toEqual({ 'applications.newReceived.total': 5000 })
    expect(report.agency.type).toBe('government')
  })

  it('refuses a workbook that is not the template, and a file that is not a workbook', async () => {
    const other = new ExcelJS.Workbook()
    other.addWorksheet('Sheet1').getCell('A1').value = '工资表'
    const bytes = new Uint8Array((await other.xlsx.writeBuffer()) as ArrayBuffer)
    await expect(readXlsxDocument(bytes, 'a.xlsx')).rejects.toThrow(/不是本系统的年报表格模板/)
    await expect(readXlsxDocument(new TextEncoder().encode('not a zip'), 'b.xlsx')).rejects.toThrow(/无法打开/)
  })

  it('leaves the cells of a sheet whose labels were changed “not found”', async () => {
    const format = FORMATS['2021']
    const workbook = templateWorkbook(format, { agencyName: '某局', year: 2024 })
    const layout = sheetLayouts(format).find((l) => l.name === '表四')
    const label = layout?.cells.find((p) => p.cell.kind === 'columnHeader')
    if (!label) throw new Error('no header')
    ;(workbook.getWorksheet('表四') as ExcelJS.Worksheet).getCell(label.row, label.col).value = '改过的表头'
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
    const { recognition } = await readXlsxDocument(bytes, 'x.xlsx')
    const four = Object.entries(recognition.cells).filter(([p]) => p.startsWith('reviewLitigation.'))
    expect(four.length).toBeGreaterThan(0)
    expect(four.every(([, r]) => r === 'notFound')).toBe(true)
    expect(recognition.notes.join('')).toMatch(/表四.*表头与模板不一致/)
  })
})
