/** The cells a roll-up sums: every cell of a format's table sections (二、三、四), in document order. */
import { type CellInfo, formatCells } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/index'

const cellsCache = new WeakMap<FormatDef, CellInfo[]>()

export function rollupCells(format: FormatDef): CellInfo[] {
  let cells = cellsCache.get(format)
  if (!cells) {
    const tables = new Set(format.sections.filter((s) => s.kind === 'table').map((s) => s.key))
    cells = formatCells(format).filter((c) => tables.has(c.sectionKey))
    cellsCache.set(format, cells)
  }
  return cells
}
