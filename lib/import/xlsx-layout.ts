/**
 * Where each cell of tables 二/三/四 sits in the spreadsheet template: the format's grid
 * (lib/format/grid.ts, the one the editor and the documents draw) placed on sheet rows and
 * columns with its merges, below a title row. The template writes it and the reader reads by it,
 * so the two cannot disagree.
 */
import { type GridCell, tableGrid } from '@/lib/format/grid'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import { derivedCells } from '@/lib/rules/derive'

/** Grid rows start below the title row. */
export const FIRST_GRID_ROW = 2

export interface PlacedCell {
  /** 1-based sheet row and column of the top-left corner. */
  row: number
  col: number
  rowSpan: number
  colSpan: number
  cell: GridCell
}

export interface SheetLayout {
  /** 表二, 表三, 表四: the sheet's name. */
  name: string
  section: Extract<SectionDef, { kind: 'table' }>
  columnCount: number
  cells: PlacedCell[]
}

/** 二、主动公开政府信息情况 → 表二 */
export const sheetName = (heading: string) => `表${heading.split('、')[0]}`

const cache = new WeakMap<FormatDef, SheetLayout[]>()

export function sheetLayouts(format: FormatDef): SheetLayout[] {
  const cached = cache.get(format)
  if (cached) return cached
  const derived = derivedCells(format)
  const layouts: SheetLayout[] = []
  for (const section of format.sections) {
    if (section.kind !== 'table') continue
    const grid = tableGrid(section.table, derived)
    const taken = new Set<string>()
    const cells: PlacedCell[] = []
    grid.rows.forEach((gridRow, i) => {
      const row = FIRST_GRID_ROW + i
      let col = 1
      for (const cell of gridRow.cells) {
        while (taken.has(`${row}:${col}`)) col++
        for (let r = 0; r < cell.rowSpan; r++) {
          for (let c = 0; c < cell.colSpan; c++) taken.add(`${row + r}:${col + c}`)
        }
        cells.push({ row, col, rowSpan: cell.rowSpan, colSpan: cell.colSpan, cell })
        col += cell.colSpan
      }
    })
    layouts.push({ name: sheetName(section.heading), section, columnCount: grid.columnCount, cells })
  }
  cache.set(format, layouts)
  return layouts
}

/** The label a placed cell prints (null for a value cell). */
export function labelOf(cell: GridCell): string | null {
  return cell.kind === 'value' ? null : cell.text
}
