/**
 * A stored roll-up as an Excel workbook (exceljs): sheet 汇总 has one row per cell of tables
 * 二、三、四 (section, label, the total, then every summed agency's value), sheet 未计入 the agencies
 * left out and why (and 格式折算: agencies summed from the other format). Amounts stay exact: written as text when a float would round them.
 */
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import { formatFor, sectionDef } from '@/lib/format/index'
import type { CellValue } from '@/lib/report/values'
import { rollupCells } from '@/lib/rollup/sum'
import { notFound } from './errors'
import { readRollup } from './rollup'

const cellOut = (v: CellValue | undefined) => {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return v
  const n = Number(v)
  return String(n) === v ? n : v
}

export async function rollupWorkbook(actor: Actor, rollupId: string): Promise<{ name: string; body: Buffer }> {
  const view = await readRollup(actor, rollupId)
  const format = formatFor(view.result.formatVersion)
  if (!format) throw notFound('汇总不存在')
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.created = new Date(view.createdAt)
  const sheet = book.addWorksheet('汇总')
  const { result } = view
  sheet.addRow(['部分', '项目', '合计', ...result.agencies.map((a) => a.agencyName)])
  sheet.getRow(1).font = { bold: true }
  for (const cell of rollupCells(format)) {
    sheet.addRow([
      sectionDef(format, cell.sectionKey)?.heading ?? cell.sectionKey,
      cell.label,
      cellOut(result.totals[cell.path]),
      ...(result.values[cell.path] ?? []).map(cellOut),
    ])
  }
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }]
  sheet.getColumn(2).width = 40
  const left = book.addWorksheet('未计入')
  left.addRow(['机关', '原因'])
  left.getRow(1).font = { bold: true }
  for (const e of result.excluded) left.addRow([e.agencyName, e.reason])
  left.getColumn(1).width = 30
  left.getColumn(2).width = 60
  if (result.mapped && result.mapped.length > 0) {
    const mapped = book.addWorksheet('格式折算')
    mapped.addRow(['机关', '说明'])
    mapped.getRow(1).font = { bold: true }
    for (const m of result.mapped) mapped.addRow([m.agencyName, m.reason])
    mapped.getColumn(1).width = 30
    mapped.getColumn(2).width = 80
  }
  const body = Buffer.from(await book.xlsx.writeBuffer())
  return { name: `${view.government.name}-${view.year}年度-汇总.xlsx`, body }
}
