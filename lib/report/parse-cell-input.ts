/**
 * Turns what an officer typed or pasted into a cell value: full-width digits and punctuation,
 * thousands separators and surrounding spaces are understood; anything else is refused with a
 * message in Chinese. Decimals are kept as the exact string entered (万元 with up to 6 places).
 */
import type { CellValueType } from '@/lib/format/types'

/** Largest count a cell accepts: nine digits (the largest real figure seen is ~1.5 million). */
export const MAX_COUNT = 999_999_999
export const MAX_DECIMAL_PLACES = 6

export type CellParse = { ok: true; value: number | string | null } | { ok: false; error: string }

const FULL_WIDTH = /[０-９．，－＋　]/g
const FULL_WIDTH_MAP: Record<string, string> = { '．': '.', '，': ',', '－': '-', '＋': '+', '　': ' ' }

export function normalizeDigits(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => FULL_WIDTH_MAP[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

export function parseCellInput(raw: string, valueType: CellValueType): CellParse {
  let text = normalizeDigits(raw).trim()
  if (text === '') return { ok: true, value: null }
  // Thousands separators as Excel and WPS copy them: 1,234 or 1 234 or 1'234.
  if (/^[-+]?\d{1,3}([,' ]\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/[,' ]/g, '')
  if (/^[-+]?\d+(\.\d*)?$|^[-+]?\.\d+$/.test(text) === false) {
    return { ok: false, error: `“${raw.trim().slice(0, 20)}”不是数字，请只填写数字` }
  }
  const negative = text.startsWith('-')
  const unsigned = text.replace(/^[-+]/, '')
  switch (valueType) {
    case 'count':
    case 'signedCount': {
      if (negative && valueType === 'count') return { ok: false, error: '不能为负数' }
      if (!/^\d+\.?0*$/.test(unsigned)) return { ok: false, error: '应为整数' }
      const digits = unsigned.replace(/\.0*$/, '').replace(/^0+(?=\d)/, '')
      if (digits.length > String(MAX_COUNT).length) return { ok: false, error: `数值过大，最大为${MAX_COUNT}` }
      const n = Number(digits)
      if (n > MAX_COUNT) return { ok: false, error: `数值过大，最大为${MAX_COUNT}` }
      return { ok: true, value: negative && n !== 0 ? -n : n }
    }
    case 'decimal': {
      if (negative) return { ok: false, error: '不能为负数' }
      const [whole, frac = ''] = unsigned.split('.')
      if (frac.length > MAX_DECIMAL_PLACES) return { ok: false, error: `最多${MAX_DECIMAL_PLACES}位小数` }
      if (whole.replace(/^0+(?=\d)/, '').length > 12) return { ok: false, error: '数值过大' }
      const normalized = `${whole === '' ? '0' : whole.replace(/^0+(?=\d)/, '')}${unsigned.includes('.') && frac !== '' ? `.${frac}` : ''}`
      return { ok: true, value: normalized }
    }
    default: {
      const never: never = valueType
      throw new Error(`unknown value type ${never}`)
    }
  }
}

/** A stored value as it is shown in a cell. */
export function formatCellValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  return String(value)
}

/** Splits a block copied from Excel or WPS (tabs between cells, newlines between rows). */
export function splitPastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  return lines.map((line) => line.split('\t'))
}
