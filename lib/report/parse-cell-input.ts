/**
 * Turns what an officer typed or pasted into a cell value: full-width digits and punctuation,
 * thousands separators and surrounding spaces are understood; anything else is refused with a
 * message in Chinese. Each value type's grammar and bounds live in lib/format/value-types.ts.
 */
import { type CellParse, VALUE_TYPES } from '@/lib/format/value-types'
import type { CellValueType } from '@/lib/format/types'

export { type CellParse, MAX_COUNT, MAX_DECIMAL_PLACES, normalizeDigits } from '@/lib/format/value-types'

export function parseCellInput(raw: string, valueType: CellValueType): CellParse {
  return VALUE_TYPES[valueType].parse(raw)
}

/** A stored value as it is shown in a cell. */
export function formatCellValue(value: unknown, valueType: CellValueType = 'count'): string {
  return VALUE_TYPES[valueType].screenText(value)
}

/**
 * Splits a block copied from Excel or WPS: tabs between cells, newlines between rows, one
 * trailing newline ignored. A cell holding a tab, newline or quote comes wrapped in quotes with
 * inner quotes doubled ("a""b"), so a header cell written on two lines stays one cell.
 */
export function splitPastedBlock(text: string): string[][] {
  const src = text.replace(/\r\n?/g, '\n')
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  for (;;) {
    const quoted = src[i] === '"' ? readQuoted(src, i) : null
    let end: number
    if (quoted) {
      row.push(quoted.value)
      end = quoted.end
    } else {
      end = i
      while (end < src.length && src[end] !== '\t' && src[end] !== '\n') end++
      row.push(src.slice(i, end))
    }
    if (end >= src.length) {
      rows.push(row)
      return rows
    }
    i = end + 1
    if (src[end] === '\n') {
      rows.push(row)
      row = []
      if (i === src.length) return rows
    }
  }
}

/** A quoted cell starting at `start`, or null when the quotes do not close right before a tab, newline or the end. */
function readQuoted(src: string, start: number): { value: string; end: number } | null {
  let value = ''
  let j = start + 1
  while (j < src.length) {
    if (src[j] === '"') {
      if (src[j + 1] === '"') {
        value += '"'
        j += 2
        continue
      }
      const next = src[j + 1]
      return next === undefined || next === '\t' || next === '\n' ? { value, end: j + 1 } : null
    }
    value += src[j]
    j++
  }
  return null
}
