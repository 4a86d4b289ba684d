/**
 * The .xlsx template of tables 二/三/四 for offices that keep the tables in Excel: a 说明 sheet
 * (agency, year) and one sheet per table in the official layout, merged header cells as printed,
 * labels from the format definition. Sheets are protected without a password: labels are locked
 * so the reader finds every value where the layout puts it; value cells are unlocked; totals the
 * app computes are locked and grey.
 */
import ExcelJS from 'exceljs'
import type { FormatDef } from '@/lib/format/types'
import { sheetLayouts } from './xlsx-layout'

/** Marks a workbook as ours and names its format (read back by xlsx-read.ts). */
export const TEMPLATE_TITLE_PREFIX = 'nianbao-tables:'
export const INFO_SHEET = '说明'
/** Rows of the 说明 sheet holding what the officer fills in (column B). */
export const INFO_ROWS = { agencyName: 3, agencyType: 4, year: 5 } as const
export const AGENCY_TYPE_CHOICES = { government: '人民政府', department: '部门' } as const

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } }
const border = { top: thin, left: thin, bottom: thin, right: thin }
const grey = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEDEDED' } }
const font = { name: '仿宋', size: 11 }

export interface TemplateFill {
  agencyName?: string
  agencyType?: keyof typeof AGENCY_TYPE_CHOICES
  year?: number
}

/** The workbook, before it is written (tests fill it and read it back). */
export function templateWorkbook(format: FormatDef, fill: TemplateFill = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  workbook.title = `${TEMPLATE_TITLE_PREFIX}${format.version}`
  workbook.creator = 'Nianbao'

  const info = workbook.addWorksheet(INFO_SHEET)
  info.columns = [{ width: 16 }, { width: 48 }]
  info.getCell('A1').value = `${format.title}（${format.version}年格式，${format.basis}）表二、表三、表四`
  info.getCell('A1').font = { ...font, bold: true, size: 13 }
  info.mergeCells('A1:B1')
  info.getCell('A2').value = '请在白色单元格填写数字；灰色单元格为合计，由系统计算。不适用的格可留空或填“/”。'
  info.mergeCells('A2:B2')
  const rows: [number, string, string | number | undefined][] = [
    [INFO_ROWS.agencyName, '机关名称', fill.agencyName],
    [INFO_ROWS.agencyType, '机关类型', fill.agencyType ? AGENCY_TYPE_CHOICES[fill.agencyType] : undefined],
    [INFO_ROWS.year, '年度', fill.year],
  ]
  for (const [row, label, value] of rows) {
    info.getCell(row, 1).value = label
    const input = info.getCell(row, 2)
    input.value = value ?? null
    input.protection = { locked: false }
    input.border = border
  }
  info.getCell(INFO_ROWS.agencyType, 2).dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${Object.values(AGENCY_TYPE_CHOICES).join(',')}"`],
  }
  void info.protect('', { selectLockedCells: true, selectUnlockedCells: true })

  for (const layout of sheetLayouts(format)) {
    const sheet = workbook.addWorksheet(layout.name, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    })
    const labelColumns = Math.max(
      1,
      ...layout.cells.filter((p) => p.cell.kind === 'rowHeader' || p.cell.kind === 'rowGroup').map((p) => p.col),
    )
    sheet.columns = Array.from({ length: layout.columnCount }, (_, i) => ({ width: i < labelColumns ? 16 : 10 }))
    const title = sheet.getCell(1, 1)
    title.value = layout.section.heading
    title.font = { ...font, bold: true, size: 13 }
    sheet.mergeCells(1, 1, 1, layout.columnCount)
    for (const placed of layout.cells) {
      const cell = sheet.getCell(placed.row, placed.col)
      if (placed.rowSpan > 1 || placed.colSpan > 1) {
        sheet.mergeCells(placed.row, placed.col, placed.row + placed.rowSpan - 1, placed.col + placed.colSpan - 1)
      }
      cell.border = border
      cell.font = font
      if (placed.cell.kind === 'value') {
        if (placed.cell.derived) {
          cell.fill = grey
        } else {
          cell.protection = { locked: false }
          cell.numFmt = '0.####'
        }
        cell.alignment = { horizontal: 'center', vertical: 'middle' }
      } else {
        cell.value = placed.cell.text
        const vertical = placed.cell.kind === 'rowGroup' && placed.cell.vertical
        cell.alignment = {
          horizontal: placed.cell.kind === 'rowHeader' ? 'left' : 'center',
          vertical: 'middle',
          wrapText: true,
          ...(vertical ? { textRotation: 'vertical' as const } : {}),
        }
        if (placed.cell.kind === 'columnHeader' || placed.cell.kind === 'corner') cell.font = { ...font, bold: true }
      }
    }
    void sheet.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    })
  }
  return workbook
}

export async function templateBytes(format: FormatDef, fill: TemplateFill = {}): Promise<Uint8Array> {
  const buffer = await templateWorkbook(format, fill).xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

export function templateFileName(format: FormatDef): string {
  return `年报表格模板-${format.version}年格式.xlsx`
}
