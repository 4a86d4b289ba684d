/**
 * What each cell value type means, in one place: how typed or pasted text becomes a value, its
 * bounds, how it is shown on screen and printed, and the arithmetic the rules do with it. Parsing,
 * the rules (T1–T3, sums, bounds), the editor and the exports all read VALUE_TYPES; none of them
 * switches over the types itself. The zod schema of each type's stored value is beside it in
 * ./value-schemas (VALUE_SCHEMAS), so that reading and checking reports does not load zod
 * (decision 0770).
 */
import type { CellValueType } from './types'

/** Largest count a cell accepts: nine digits (the largest real figure seen is ~1.5 million). */
export const MAX_COUNT = 999_999_999
/** Amounts (万元、元) have at most twelve digits before the point and six after it. */
export const MAX_AMOUNT_DIGITS = 12
export const MAX_DECIMAL_PLACES = 6

export type SchemaMode = 'draft' | 'final'

export type CellParse = { ok: true; value: number | string | null } | { ok: false; error: string }

/** A stored amount: plain digits, no sign, no separators, within the bounds. T2 and zod both use it. */
export const AMOUNT_TEXT = new RegExp(`^\\d{1,${MAX_AMOUNT_DIGITS}}(\\.\\d{1,${MAX_DECIMAL_PLACES}})?$`)
/** A number written as text in a stored value (lenient: what the rules can still add up). */
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/
/** Typed input once normalised: digits with an optional sign and point. */
const INPUT_NUMBER = /^[-+]?\d+(\.\d*)?$|^[-+]?\.\d+$/
/** Thousands separators as Excel and WPS copy them: 1,234 or 1 234 or 1'234. */
const GROUPED_NUMBER = /^[-+]?\d{1,3}([,' ]\d{3})+(\.\d+)?$/
/** Full-width forms (０-９ ．，－＋ …) and the ideographic space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g

export interface ValueBounds {
  /** Smallest and largest value, in exact units (see ValueTypeDef.toExact). */
  min: bigint
  max: bigint
  /** Digits allowed after the decimal point (0 for whole numbers). */
  decimalPlaces: number
}

export interface ValueTypeDef {
  /** How the value is stored in the report JSON. */
  storage: 'number' | 'string'
  bounds: ValueBounds
  /** Typed or pasted text → the stored value (null for blank) or a message in Chinese. */
  parse: (raw: string) => CellParse
  /** Whether a stored, non-blank value is valid. The zod schema (VALUE_SCHEMAS) and rules T1–T3 agree with it. */
  valid: (value: unknown) => boolean
  /** The rule (T1–T3) that checks every cell of this type holds a valid value. */
  rule: {
    id: string
    message: string
    /** Declared even when a format has no cell of this type (T1 and T2 always are). */
    always: boolean
  }
  /** What the 规则说明 page says a filled value must be. */
  statement: string
  /** The keyboard a phone should offer. */
  inputMode: 'numeric' | 'decimal'
  /** The value of "nothing happened" (zero-fill, completing a test report). */
  zero: number | string
  /** A value from an imported file in this type's storage (amounts given as JSON numbers become text). */
  fromImport: (value: unknown) => unknown
  /** The text a cell input shows for a stored value. */
  screenText: (value: unknown) => string
  /** The text a printed table shows (.docx, HTML): plain half-width digits, blank stays blank. */
  documentText: (value: unknown, clean: (text: string) => string) => string
  /** A unit chosen per report is printed after the value (2019 采购总金额 元/万元). */
  printsUnit: boolean
  /** Values are whole numbers, so plain JS numbers add them exactly (far below 2^53). */
  integer: boolean
  /** The number a stored value stands for (NaN when none): for bounds and display. */
  toNumber: (value: unknown) => number
  /**
   * The value as an exact integer count of 10^-decimalPlaces (counts: the count; amounts:
   * millionths), or null when it is not a valid value. Sums and comparisons of amounts use it,
   * so no amount is rounded on the way.
   */
  toExact: (value: unknown) => bigint | null
  /** The stored form of an exact value (the inverse of toExact). */
  fromExact: (units: bigint) => number | string
}

/** Full-width digits and punctuation to half-width, as NFKC does for the full-width forms. */
export function normalizeDigits(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => ch.normalize('NFKC'))
}

/** The number a stored value stands for, or NaN when it is not a number. */
export function numberOf(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value)
  return Number.NaN
}

/** A stored value as it is shown in a cell. */
function screenText(value: unknown): string {
  if (value === null || value === undefined) return ''
  return String(value)
}

/**
 * What a printed table shows in place of a value that is not one of its type (an imported
 * "12件", a negative count): never the value itself, so a document cannot state a wrong figure.
 */
export const INVALID_CELL_MARK = '有误'

/** The printed text of a valid value; blank stays blank, anything else is marked. */
function documentTextOf(valid: (value: unknown) => boolean) {
  return (value: unknown, clean: (text: string) => string): string => {
    if (value === null || value === undefined) return ''
    if (!valid(value)) return INVALID_CELL_MARK
    return typeof value === 'number' ? String(value) : clean(String(value)).trim()
  }
}

type NumberInput = { ok: true; negative: boolean; unsigned: string } | { ok: false; error: string } | null

/** The shared first step of parsing: normalise, trim, drop thousands separators, check the grammar. */
function readNumber(raw: string): NumberInput {
  let text = normalizeDigits(raw).trim()
  if (text === '') return null
  if (GROUPED_NUMBER.test(text)) text = text.replace(/[,' ]/g, '')
  if (!INPUT_NUMBER.test(text)) return { ok: false, error: `“${raw.trim().slice(0, 20)}”不是数字，请只填写数字` }
  return { ok: true, negative: text.startsWith('-'), unsigned: text.replace(/^[-+]/, '') }
}

export const TOO_LARGE = `数值过大，最大为${MAX_COUNT}`

function wholeNumber(signed: boolean): ValueTypeDef {
  const min = signed ? -MAX_COUNT : 0
  const max = MAX_COUNT
  const valid = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
  return {
    storage: 'number',
    bounds: { min: BigInt(min), max: BigInt(max), decimalPlaces: 0 },
    parse(raw) {
      const input = readNumber(raw)
      if (input === null) return { ok: true, value: null }
      if (!input.ok) return input
      if (input.negative && !signed) return { ok: false, error: '不能为负数' }
      if (!/^\d+\.?0*$/.test(input.unsigned)) return { ok: false, error: '应为整数' }
      const digits = input.unsigned.replace(/\.0*$/, '').replace(/^0+(?=\d)/, '')
      if (digits.length > String(max).length) return { ok: false, error: TOO_LARGE }
      const n = Number(digits)
      if (n > max) return { ok: false, error: TOO_LARGE }
      return { ok: true, value: input.negative && n !== 0 ? -n : n }
    },
    valid,
    rule: signed
      ? { id: 'T3', message: '本年增/减应为整数，减少填负数', always: false }
      : { id: 'T1', message: '计数应为不小于0的整数', always: true },
    statement: signed ? `为整数，减少填负数（绝对值不超过${MAX_COUNT}）` : `为0至${MAX_COUNT}的整数`,
    inputMode: 'numeric',
    zero: 0,
    fromImport: (value) => value,
    screenText,
    // Published tables print an increase with its sign (“+125”), as a change.
    documentText: signed
      ? (value, clean) => {
          const text = documentTextOf(valid)(value, clean)
          return typeof value === 'number' && value > 0 && valid(value) ? `+${text}` : text
        }
      : documentTextOf(valid),
    printsUnit: false,
    integer: true,
    toNumber: numberOf,
    toExact: (value) => (valid(value) ? BigInt(value as number) : null),
    fromExact: (units) => Number(units),
  }
}

/** An exact value (a count of 10^-places) as decimal text without trailing zeros: 1234500n, 6 → 1.2345. */
export function exactText(units: bigint, places: number): string {
  const sign = units < 0n ? '-' : ''
  const abs = units < 0n ? -units : units
  const scale = 10n ** BigInt(places)
  const frac = places === 0 ? '' : (abs % scale).toString().padStart(places, '0').replace(/0+$/, '')
  return `${sign}${abs / scale}${frac === '' ? '' : `.${frac}`}`
}

const SCALE = 10n ** BigInt(MAX_DECIMAL_PLACES)
const MAX_AMOUNT = 10n ** BigInt(MAX_AMOUNT_DIGITS) * SCALE - 1n

function amountToExact(value: unknown): bigint | null {
  if (typeof value !== 'string' || !AMOUNT_TEXT.test(value)) return null
  const point = value.indexOf('.')
  if (point < 0) return BigInt(value) * SCALE
  return BigInt(value.slice(0, point) + value.slice(point + 1).padEnd(MAX_DECIMAL_PLACES, '0'))
}

const amount: ValueTypeDef = {
  storage: 'string',
  bounds: { min: 0n, max: MAX_AMOUNT, decimalPlaces: MAX_DECIMAL_PLACES },
  parse(raw) {
    const input = readNumber(raw)
    if (input === null) return { ok: true, value: null }
    if (!input.ok) return input
    if (input.negative) return { ok: false, error: '不能为负数' }
    const { unsigned } = input
    const [whole, frac = ''] = unsigned.split('.')
    if (frac.length > MAX_DECIMAL_PLACES) return { ok: false, error: `最多${MAX_DECIMAL_PLACES}位小数` }
    const digits = whole.replace(/^0+(?=\d)/, '')
    if (digits.length > MAX_AMOUNT_DIGITS) return { ok: false, error: '数值过大' }
    // Kept exactly as entered (7.50 stays 7.50), apart from leading zeros and a bare point.
    return { ok: true, value: `${digits === '' ? '0' : digits}${frac !== '' ? `.${frac}` : ''}` }
  },
  valid: (value) => typeof value === 'string' && AMOUNT_TEXT.test(value),
  rule: { id: 'T2', message: `金额应为不小于0的数，最多${MAX_DECIMAL_PLACES}位小数`, always: true },
  statement: `为不小于0的数，最多${MAX_DECIMAL_PLACES}位小数，按填报原样保存`,
  inputMode: 'decimal',
  zero: '0',
  fromImport: (value) => (typeof value === 'number' ? String(value) : value),
  screenText,
  documentText: documentTextOf((value) => typeof value === 'string' && AMOUNT_TEXT.test(value)),
  printsUnit: true,
  integer: false,
  toNumber: numberOf,
  toExact: amountToExact,
  fromExact: (units) => exactText(units, MAX_DECIMAL_PLACES),
}

export const VALUE_TYPES: Record<CellValueType, ValueTypeDef> = {
  count: wholeNumber(false),
  signedCount: wholeNumber(true),
  decimal: amount,
}
