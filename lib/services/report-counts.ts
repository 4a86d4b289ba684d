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
import {
  rememberedStatementFindings,
  rememberedTextFindings,
  type StatementMemo,
  textFindingsKey,
} from '@/lib/narrative/findings'
import { evaluateRules, incrementalEvaluator } from '@/lib/rules/evaluate'
import { failingCounts, groupFindings } from '@/lib/rules/group-findings'
import { type PreviousReport, previousValues } from '@/lib/rules/previous'
import type { RuleResult } from '@/lib/rules/result'
import { findReportRow, storeCounts } from '@/lib/data/report-table'
import { previousReportOf } from './report-previous'
import { saveTrace } from './save-trace'

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

/** countsOfContent for one report, given its content again after each save (see countsTracker). */
export type CountsTracker = (report: ReportData, previous?: PreviousReport | null) => ReportCounts

const sameItems = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]))

/**
 * countsOfContent of one report, again and again as it is saved (the server's save path,
 * docs/decisions/0500-save-cpu-by-what-changed.md): each part runs again only when what it
 * reads changed since the last call. The rules by their cells (incrementalEvaluator), the
 * statements by their texts and the values they read (rememberedStatementFindings), the text
 * findings by their key (textFindingsKey compared item by item: no JSON of the narratives) and
 * last year's report by identity. Nothing is assumed about which content it is given: any
 * content gives what countsOfContent gives (report-counts-tracker.test.ts).
 */
export function countsTracker(formatVersion: string): CountsTracker {
  const format = formatFor(formatVersion)
  if (!format) return () => NONE
  const evaluate = incrementalEvaluator(format, saveTrace)
  if (saveTrace) saveTrace.trackers++
  const statements: { last?: StatementMemo } = {}
  const filled = new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id))
  let textKey: unknown[] | null = null
  let textPrevious: PreviousReport | null | undefined
  let text: readonly RuleResult[] = []
  let mappedFrom: PreviousReport | null | undefined
  let mapped: unknown[] | null = null
  let evaluated = false
  return (report, previous = null) => {
    const trace = saveTrace
    const t0 = trace ? performance.now() : 0
    const key = textFindingsKey(format, report)
    if (textKey === null || previous !== textPrevious || !sameItems(key, textKey)) {
      text = rememberedTextFindings(report, { format, previous })
      textKey = key
      textPrevious = previous
      if (trace) trace.textRuns++
    }
    const t1 = trace ? performance.now() : 0
    if (previous !== mappedFrom || mapped === null) {
      mappedFrom = previous
      mapped = previous ? previousValues(format, previous) : null
    }
    const stated = rememberedStatementFindings(report, { format, previousValues: mapped }, statements)
    const t2 = trace ? performance.now() : 0
    const evaluatedResults = evaluate({ ...report, previous, narrative: text, statements: stated })
    if (trace) {
      const t3 = performance.now()
      trace.calls++
      trace.textMs += t1 - t0
      trace.statementsMs += t2 - t1
      if (evaluated) trace.incrementalMs += t3 - t2
      else trace.fullMs += t3 - t2
      evaluated = true
    }
    const results = blanksWhereStarted(format, report.sections, evaluatedResults)
    const counts = failingCounts(groupFindings(format, results).filter((f) => !filled.has(f.key)))
    const blankCount = blankCells(format, report.sections).length
    if (trace) trace.trackerMs += performance.now() - t0
    return { errorCount: counts.error, warningCount: counts.warning, blankCount }
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
