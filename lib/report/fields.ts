/**
 * A report's plain facts that need no schema: the editor's limits on text, the agency types and
 * levels, the origins of values not typed by the officer. Kept apart from ./schema (zod) so that
 * what reads reports without validating a form (the command line's `validate`, its worker threads)
 * does not load zod (decision 0770); ./schema re-exports all of it.
 */

/** A narrative beyond this is refused: ~100 pages of text, far beyond any real report. */
export const MAX_NARRATIVE_CHARS = 200_000
export const MAX_EXPLANATION_CHARS = 2_000
/**
 * Paragraphs (non-blank lines) a narrative may have: every per-paragraph computation (the
 * version compare above all) is bounded by it. A real section has tens.
 */
export const MAX_NARRATIVE_PARAGRAPHS = 5_000

/** Non-blank lines of a narrative: its paragraphs, counted without splitting the text. */
export function countParagraphs(text: string): number {
  let count = 0
  let blank = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      if (!blank) count++
      blank = true
    } else if (blank && c !== 32 && c !== 9 && c !== 13 && c !== 0x3000 && c !== 0xa0) blank = false
  }
  return blank ? count : count + 1
}

export const AGENCY_TYPES = ['government', 'department'] as const
export const AGENCY_LEVELS = ['national', 'province', 'city', 'county', 'township'] as const
export const AGENCY_TYPE_LABELS: Record<(typeof AGENCY_TYPES)[number], string> = {
  government: '人民政府',
  department: '政府部门及其他机关',
}
export const AGENCY_LEVEL_LABELS: Record<(typeof AGENCY_LEVELS)[number], string> = {
  national: '国务院部门',
  province: '省级',
  city: '设区的市级',
  county: '县级',
  township: '乡镇（街道）',
}

/** How a value came to be there without the officer typing it (design.md: report.origins). */
export const ORIGINS = ['carried', 'prefilled'] as const
export type Origin = (typeof ORIGINS)[number]
