/**
 * Carried-over and prefilled values (design.md: report.origins). A new report takes from last
 * year's what the format's cross-year rules say must equal it (X1: 上年结转 = last year's
 * 结转下年度继续办理; 2019 Q2: 上一年项目数量 = last year's items plus 本年增/减), marked
 * `carried`. The mark goes when the officer changes the value; the rule then asks why.
 */
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'
import { mapPrevious, type PreviousReport } from '@/lib/rules/previous'
import { getAt, isBlank, numericValue, setAt } from './values'
import type { Origin, ReportData } from './schema'

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

/**
 * The marks after a whole-report save: only those whose value is still the stored one (a mark
 * on a changed value goes), as `{ origins }` to spread, or nothing.
 */
export function originsAfter(
  stored: ReportData,
  sections: unknown,
  origins: ReportData['origins'],
): { origins?: Record<string, Origin> } {
  if (!origins) return {}
  const kept = Object.fromEntries(
    Object.entries(origins).filter(([path]) => {
      const segments = path.split('.')
      return getAt(sections, segments) === getAt(stored.sections, segments)
    }),
  )
  return Object.keys(kept).length ? { origins: kept } : {}
}
