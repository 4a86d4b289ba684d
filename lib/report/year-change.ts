/**
 * The change of a cell from last year to this year, as 对照上年 shows it
 * (components/editor/previous-beside.tsx): +12, −3, 0, or the factor (×5.2) when it is a jump in
 * the sense of rule X4 (lib/format/cross-year-rules.ts: the same factor and threshold).
 */
import { JUMP_FACTOR, JUMP_MIN_PREVIOUS } from '@/lib/format/cross-year-rules'
import { isBlank, numericValue } from './values'

export interface YearChange {
  /** What the box says: +12, −3, 0, ×5.2 */
  text: string
  /** X4: more than JUMP_FACTOR× or under 1/JUMP_FACTOR of a last-year value ≥ JUMP_MIN_PREVIOUS. */
  jump: boolean
}

const tidy = (n: number) => String(Math.round(n * 100) / 100)

/** The change from last year's value to this year's; null when either is blank or not a number. */
export function changeOf(was: unknown, now: unknown): YearChange | null {
  if (isBlank(was) || isBlank(now)) return null
  const a = numericValue(was)
  const b = numericValue(now)
  if (Number.isNaN(a) || Number.isNaN(b)) return null
  const jump = a >= JUMP_MIN_PREVIOUS && (b > a * JUMP_FACTOR || b < a / JUMP_FACTOR)
  if (jump) return { text: `×${(b / a).toFixed(b / a < 0.1 ? 2 : 1)}`, jump }
  const d = b - a
  return { text: d > 0 ? `+${tidy(d)}` : d < 0 ? `−${tidy(-d)}` : '0', jump }
}
