/**
 * Maps a block copied from Excel or WPS onto a table grid, starting at the focused cell: row i of
 * the block goes to the i-th value row from there, column j to the j-th value column from the
 * focused column. Computed cells are skipped (their value comes from the sum).
 */
import type { CellValueType } from '@/lib/format/types'
import type { TableGrid } from '@/lib/format/grid'
import { parseCellInput, splitPastedBlock } from '@/lib/report/parse-cell-input'

export interface PositionedCell {
  path: string
  row: number
  column: number
  derived: boolean
}

/** Value cells of a grid with their visual row and starting grid column. */
export function valueCellPositions(grid: TableGrid): PositionedCell[] {
  const out: PositionedCell[] = []
  grid.rows.forEach((row, r) => {
    let column = grid.labelColumnCount
    for (const cell of row.cells) {
      if (cell.kind !== 'value') continue
      out.push({ path: cell.path, row: r, column, derived: cell.derived })
      column += cell.colSpan
    }
  })
  return out
}

export interface PasteOutcome {
  values: Record<string, number | string | null>
  errors: Record<string, string>
  /** Values that fell outside the table or on computed cells. */
  skipped: number
}

export function pasteBlock(
  grid: TableGrid,
  startPath: string,
  text: string,
  valueTypeOf: (path: string) => CellValueType,
): PasteOutcome {
  const cells = valueCellPositions(grid)
  const start = cells.find((c) => c.path === startPath)
  const outcome: PasteOutcome = { values: {}, errors: {}, skipped: 0 }
  if (!start) return outcome
  const rows = [...new Set(cells.map((c) => c.row))].filter((r) => r >= start.row).sort((a, b) => a - b)
  const block = splitPastedBlock(text)
  block.forEach((line, i) => {
    const rowIndex = rows[i]
    const rowCells = cells
      .filter((c) => c.row === rowIndex && c.column >= start.column)
      .sort((a, b) => a.column - b.column)
    line.forEach((raw, j) => {
      const target = rowCells[j]
      if (rowIndex === undefined || !target || target.derived) {
        if (raw.trim() !== '') outcome.skipped++
        return
      }
      const parsed = parseCellInput(raw, valueTypeOf(target.path))
      if (parsed.ok) outcome.values[target.path] = parsed.value
      else outcome.errors[target.path] = parsed.error
    })
  })
  return outcome
}

/** The cell to move to from `path` by a key, among cells that take input. */
export function neighbour(
  cells: PositionedCell[],
  path: string,
  direction: 'up' | 'down' | 'left' | 'right',
): string | null {
  const inputs = cells.filter((c) => !c.derived)
  const from = cells.find((c) => c.path === path)
  if (!from) return null
  if (direction === 'left' || direction === 'right') {
    const row = inputs.filter((c) => c.row === from.row).sort((a, b) => a.column - b.column)
    const next =
      direction === 'right'
        ? row.find((c) => c.column > from.column)
        : [...row].reverse().find((c) => c.column < from.column)
    return next?.path ?? null
  }
  const rows = [...new Set(inputs.map((c) => c.row))].sort((a, b) => a - b)
  const candidates =
    direction === 'down' ? rows.filter((r) => r > from.row) : rows.filter((r) => r < from.row).reverse()
  for (const r of candidates) {
    const row = inputs.filter((c) => c.row === r)
    // Nearest starting column (table 二 blocks differ in width).
    const best = row.reduce<PositionedCell | null>(
      (acc, c) => (!acc || Math.abs(c.column - from.column) < Math.abs(acc.column - from.column) ? c : acc),
      null,
    )
    if (best) return best.path
  }
  return null
}
