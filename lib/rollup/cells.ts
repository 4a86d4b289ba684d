/** The cells a roll-up sums: every cell of a format's table sections (二、三、四), in document order. */
import { type CellInfo, formatCells } from '@/lib/format/cells'
import { FORMAT_LIST, type FormatDef } from '@/lib/format/index'

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

/** The table sections of every format (二、三、四: the same keys in 2019 and 2021). */
export const TABLE_SECTIONS: readonly string[] = [
  ...new Set(FORMAT_LIST.flatMap((f) => f.sections.filter((s) => s.kind === 'table').map((s) => s.key))),
]
