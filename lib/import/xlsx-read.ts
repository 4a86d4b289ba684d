/**
 * Reads tables 二/三/四 back from a filled template (xlsx-template.ts). The format is the one
 * whose labels the sheets print (the workbook's title names it too); each value is read where
 * the layout puts it, with the cell parser the editor uses (full-width digits, thousands
 * separators). “/” and “—” are printed blanks, kept in `printed`; a number typed over a locked
 * total (protection removed) is kept as stated; a sheet whose labels were changed leaves its
 * cells “not found”, never guessed.
 */
import ExcelJS from 'exceljs'
import { formatCells } from '@/lib/format/cells'
import { FORMAT_LIST } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { emptyReport } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { setAt } from '@/lib/report/values'
import { reportRecognition } from './json'
import type { CellRecognition, ImportResult } from './types'
import { labelOf, type SheetLayout, sheetLayouts } from './xlsx-layout'
import { AGENCY_TYPE_CHOICES, INFO_ROWS, INFO_SHEET, TEMPLATE_TITLE_PREFIX } from './xlsx-template'

export class XlsxError extends Error {}

/** What a table prints for “nothing here”. */
const PRINTED_BLANKS = new Set(['/', '／', '—', '——', '-', '－', '–', '\\', '无', '不适用'])

const squash = (s: string) => s.replace(/\s+/g, '')

/** A cell's value as text (rich text joined; a formula's last result). */
function cellText(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return value
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) {
      const r = value.result
      return typeof r === 'number' || typeof r === 'string' ? r : null
    }
    if ('text' in value && typeof value.text === 'string') return value.text
  }
  return null
}

/** The sheet as the person filling it saw it: one line per row, cells separated by tabs. */
function sheetText(sheet: ExcelJS.Worksheet, columns: number): string {
  const lines = [`【${sheet.name}】`]
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c)
      // A merged cell prints once, at its top-left corner.
      cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : String(cellText(cell.value) ?? ''))
    }
    lines.push(cells.join('\t').replace(/\t+$/, ''))
  }
  return lines.join('\n')
}

function matchingLabels(workbook: ExcelJS.Workbook, layout: SheetLayout): { matched: number; total: number } {
  const sheet = workbook.getWorksheet(layout.name)
  let matched = 0
  let total = 0
  for (const placed of layout.cells) {
    const label = labelOf(placed.cell)
    if (label === null) continue
    total++
    const found = sheet ? cellText(sheet.getCell(placed.row, placed.col).value) : null
    if (typeof found === 'string' && squash(found) === squash(label)) matched++
  }
  return { matched, total }
}

/** The format whose labels the workbook prints best (the title's, when it names one and fits). */
function chooseFormat(workbook: ExcelJS.Workbook): FormatDef | null {
  let best: { format: FormatDef; score: number } | null = null
  for (const format of FORMAT_LIST) {
    const scores = sheetLayouts(format).map((l) => matchingLabels(workbook, l))
    const matched = scores.reduce((n, s) => n + s.matched, 0)
    const total = scores.reduce((n, s) => n + s.total, 0)
    const titled = workbook.title === `${TEMPLATE_TITLE_PREFIX}${format.version}` ? 0.5 : 0
    const score = matched / total + titled
    if (matched > 0 && (!best || score > best.score)) best = { format, score }
  }
  return best?.format ?? null
}

function readInfo(
  workbook: ExcelJS.Workbook,
  format: FormatDef,
): { agency: ReportData['agency']; year: number | null } {
  const info = workbook.getWorksheet(INFO_SHEET)
  const at = (row: number) => (info ? cellText(info.getCell(row, 2).value) : null)
  const name = String(at(INFO_ROWS.agencyName) ?? '').trim()
  const typeText = String(at(INFO_ROWS.agencyType) ?? '').trim()
  const yearRaw = at(INFO_ROWS.year)
  const yearNumber = typeof yearRaw === 'number' ? yearRaw : Number(String(yearRaw ?? '').replace(/[年度\s]/g, ''))
  const type: ReportData['agency']['type'] =
    typeText === AGENCY_TYPE_CHOICES.government || (typeText === '' && /人民政府$/.test(name))
      ? 'government'
      : 'department'
  void format
  return { agency: { name, type }, year: Number.isInteger(yearNumber) && yearNumber > 1900 ? yearNumber : null }
}

export async function readXlsxDocument(bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch {
    throw new XlsxError('无法打开该 Excel 文件（文件已损坏，或不是 .xlsx 格式；.xls 请先另存为 .xlsx）。')
  }
  const format = chooseFormat(workbook)
  if (!format) {
    throw new XlsxError(
      '该 Excel 文件不是本系统的年报表格模板：找不到表二、表三、表四的表头。请下载模板，把数字填入后再上传。',
    )
  }
  const { agency, year } = readInfo(workbook, format)
  const notes: string[] = []
  if (!agency.name) notes.push('“说明”表中未填写机关名称。')
  if (year === null) notes.push('“说明”表中未填写年度，按今年的上一年度读入。')
  const report = emptyReport(format, year ?? new Date().getFullYear() - 1, agency)
  const cells: Record<string, CellRecognition> = {}
  const printed: Record<string, string> = {}
  const stated: Record<string, number | string> = {}
  const typeOf = new Map(formatCells(format).map((c) => [c.path, c.valueType]))
  const texts: string[] = []

  for (const layout of sheetLayouts(format)) {
    const sheet = workbook.getWorksheet(layout.name)
    const { matched, total } = matchingLabels(workbook, layout)
    const valueCells = layout.cells.filter((p) => p.cell.kind === 'value')
    if (!sheet || matched < total) {
      notes.push(
        sheet
          ? `“${layout.name}”的表头与模板不一致（${total - matched}处不同），该表未读入。请使用模板，不要改动表头。`
          : `缺少工作表“${layout.name}”，该表未读入。`,
      )
      for (const p of valueCells) if (p.cell.kind === 'value') cells[p.cell.path] = 'notFound'
      continue
    }
    texts.push(sheetText(sheet, layout.columnCount))
    for (const placed of valueCells) {
      if (placed.cell.kind !== 'value') continue
      const { path, derived } = placed.cell
      const raw = cellText(sheet.getCell(placed.row, placed.col).value)
      const text = raw === null ? '' : String(raw).trim()
      if (text === '') {
        cells[path] = 'blank'
        continue
      }
      if (PRINTED_BLANKS.has(text)) {
        cells[path] = 'printedBlank'
        printed[path] = text
        continue
      }
      const valueType = typeOf.get(path) ?? 'count'
      // Through the editor's parser, so a number lands in its stored form (an amount as text).
      const parsed = VALUE_TYPES[valueType].parse(text)
      const value = parsed.ok ? parsed.value : text
      if (!parsed.ok) notes.push(`${layout.name}中“${text}”不是有效的数字（${parsed.error}），按原样读入，请核对。`)
      cells[path] = 'recognised'
      // A total the app computes: what the sheet printed is kept as stated, compared by the rules.
      if (derived) stated[path] = value ?? text
      else setAt(report.sections, path.split('.'), value)
    }
  }
  if (Object.keys(stated).length) report.stated = stated
  const recognition = reportRecognition(
    format,
    report,
    { fileName, kind: 'xlsx', bytes: bytes.byteLength },
    { cells, printed, notes },
  )
  return { report, recognition, text: texts.join('\n') }
}
