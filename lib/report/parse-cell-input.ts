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

/** Splits a block copied from Excel or WPS (tabs between cells, newlines between rows). */
export function splitPastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  return lines.map((line) => line.split('\t'))
}
