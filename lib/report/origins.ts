/**
 * Carried-over and prefilled values (design.md: report.origins). A new report takes from last
 * year's what the format's cross-year rules say must equal it (X1: 上年结转 = last year's
 * 结转下年度继续办理; 2019 Q2: 上一年项目数量 = last year's items plus 本年增/减), marked
 * `carried`. The mark goes when the officer changes the value; the rule then asks why.
 */
import { cellByPath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'
import { mapPrevious, type PreviousReport } from '@/lib/rules/previous'
import { getAt, isBlank, numericValue, setAt } from './values'
import { narrativeOriginKeys, type Origin, type ReportData } from './schema'

/** Cells a new report carries over: one cell of this year equal to a sum of last year's cells. */
export function carriedCells(format: FormatDef): { path: string; from: string[] }[] {
  return format.rules.flatMap((r) =>
    r.kind === 'continuity' &&
    r.op === 'eq' &&
    r.left.length === 1 &&
    !r.left[0].previous &&
    r.right.length > 0 &&
    r.right.every((t) => t.previous && !t.negative)
      ? [{ path: r.left[0].path, from: r.right.map((t) => t.path) }]
      : [],
  )
}

/**
 * Fills a new report's carried cells from last year's report (any format, mapped) and marks
 * them, except totals the editor derives (they follow their parts). Mutates and returns report.
 */
export function prefillFromPrevious(format: FormatDef, report: ReportData, previous: PreviousReport): ReportData {
  const last = mapPrevious(format, previous)
  const derived = derivedCells(format)
  const origins: Record<string, Origin> = { ...report.origins }
  for (const { path, from } of carriedCells(format)) {
    const values = from.map((p) => getAt(last, p.split('.')))
    if (values.some(isBlank) || !cellByPath(format, path)) continue
    const total = values.reduce<number>((sum, v) => sum + numericValue(v), 0)
    if (Number.isNaN(total)) continue
    setAt(report.sections, path.split('.'), total)
    if (!derived.has(path)) origins[path] = 'carried'
  }
  // Totals follow their parts, as the editor keeps them.
  deriveTotals(format, report.sections)
  if (Object.keys(origins).length > 0) report.origins = origins
  return report
}

/** Where a narrative key (narrativeOriginKeys) lives, from the report's root. */
export function narrativeSegments(format: FormatDef, key: string): string[] {
  return key === format.preamble.key ? [key] : ['sections', ...key.split('.')]
}

/** Whether every narrative of the report (preamble and sections) is still empty. */
export function narrativesEmpty(format: FormatDef, report: ReportData): boolean {
  return [...narrativeOriginKeys(format)].every((key) => {
    const text = getAt(report, narrativeSegments(format, key))
    return typeof text !== 'string' || text.trim() === ''
  })
}

/**
 * 沿用上年度正文: copies last year's narratives (preamble and the sections' texts, by the same
 * keys in either format) into the report and marks each `prefilled`, to be confirmed or changed
 * before the report can be completed. Only narratives with text are copied. Mutates and returns
 * report; `copied` lists the keys.
 */
export function prefillNarratives(
  format: FormatDef,
  report: ReportData,
  previous: Pick<ReportData, 'preamble' | 'sections'> & { formatVersion: string },
): { report: ReportData; copied: string[] } {
  const from = formatFor(previous.formatVersion)
  const copied: string[] = []
  if (!from) return { report, copied }
  const origins: Record<string, Origin> = { ...report.origins }
  const theirs = narrativeOriginKeys(from)
  for (const key of narrativeOriginKeys(format)) {
    if (!theirs.has(key)) continue
    const text = getAt(previous, narrativeSegments(from, key))
    if (typeof text !== 'string' || text.trim() === '') continue
    setAt(report as unknown as Record<string, unknown>, narrativeSegments(format, key), text)
    origins[key] = 'prefilled'
    copied.push(key)
  }
  if (Object.keys(origins).length > 0) report.origins = origins
  return { report, copied }
}

/**
 * The marks after a whole-report save: only those whose value is still the stored one (a mark
 * on a changed value goes), as `{ origins }` to spread, or nothing.
 */
export function originsAfter(
  stored: ReportData,
  next: Pick<ReportData, 'sections' | 'preamble'>,
  origins: ReportData['origins'],
): { origins?: Record<string, Origin> } {
  if (!origins) return {}
  const kept = Object.fromEntries(
    Object.entries(origins).filter(([path]) => {
      // The preamble lives beside the sections; every other mark is below them.
      if (path === 'preamble') return (next.preamble ?? '') === (stored.preamble ?? '')
      const segments = path.split('.')
      return getAt(next.sections, segments) === getAt(stored.sections, segments)
    }),
  )
  return Object.keys(kept).length ? { origins: kept } : {}
}
