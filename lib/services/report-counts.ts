/**
 * The rule counts a list shows per report (errors, warnings, blanks). Computing them means
 * parsing the content and checking it, far too much for hundreds of reports on every list
 * view, so they are stored beside the content: every write of the content writes its counts in
 * the same statement. Rows written before the columns existed have none; the first list that
 * shows such a row computes them once and stores them (for that content version only).
 */
import 'server-only'
import { formatFor } from '@/lib/format/index'
import { blankCells } from '@/lib/report/blank-cells'
import type { ReportData } from '@/lib/report/schema'
import { blanksWhereStarted } from '@/lib/editor/section-status'
import { rememberedTextFindings } from '@/lib/narrative/findings'
import { evaluateRules } from '@/lib/rules/evaluate'
import { failingCounts, groupFindings } from '@/lib/rules/group-findings'
import type { PreviousReport } from '@/lib/rules/previous'
import { findReportRow, storeCounts } from '@/lib/data/report-table'
import { previousReportOf } from './report-previous'

export interface ReportCounts {
  errorCount: number
  warningCount: number
  blankCount: number
}

const NONE: ReportCounts = { errorCount: 0, warningCount: 0, blankCount: 0 }

/**
 * Counted as the editor shows them: one discrepancy once (lib/rules/group-findings.ts), and
 * blanks of sections nobody has started are not errors (a new report has none). With last
 * year's report, the cross-year rules count too.
 */
export function countsOfContent(
  formatVersion: string,
  report: ReportData,
  previous?: PreviousReport | null,
): ReportCounts {
  const format = formatFor(formatVersion)
  if (!format) return NONE
  // The text findings are remembered by the text they read: most saves change cells only.
  const narrative = rememberedTextFindings(report, { format, previous })
  const results = blanksWhereStarted(format, report.sections, evaluateRules(format, { ...report, previous, narrative }))
  const filled = new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id))
  const counts = failingCounts(groupFindings(format, results).filter((f) => !filled.has(f.key)))
  return {
    errorCount: counts.error,
    warningCount: counts.warning,
    blankCount: blankCells(format, report.sections).length,
  }
}

export interface StoredCounts {
  id: string
  version: number
  errorCount: number | null
  warningCount: number | null
  blankCount: number | null
}

/** The listed rows' counts; computes (and stores) those a row does not have yet. */
export async function countsFor(rows: readonly StoredCounts[]): Promise<Map<string, ReportCounts>> {
  const out = new Map<string, ReportCounts>()
  const missing: string[] = []
  for (const r of rows) {
    if (r.errorCount === null || r.warningCount === null || r.blankCount === null) missing.push(r.id)
    else out.set(r.id, { errorCount: r.errorCount, warningCount: r.warningCount, blankCount: r.blankCount })
  }
  for (const id of missing) {
    const row = await findReportRow(id)
    if (!row) {
      out.set(id, NONE)
      continue
    }
    const counts = countsOfContent(row.formatVersion, JSON.parse(row.content) as ReportData, await previousReportOf(id))
    out.set(id, counts)
    // Only for the content just read: a save in between has written its own counts.
    await storeCounts(id, row.version, counts)
  }
  return out
}
