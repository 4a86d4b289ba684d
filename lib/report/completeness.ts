/**
 * Whether a report may be marked complete (and later submitted): no blank cell, no failing
 * error rule, every failing warning explained. One function for the editor and the server.
 */
import { explanationKey } from '@/lib/rules/explanation-key'
import type { FormatDef } from '@/lib/format/types'
import { type EvaluationInput, evaluateRules, type RuleResult } from '@/lib/rules/evaluate'
import { groupFindings } from '@/lib/rules/group-findings'
import { blankCells } from './blank-cells'
import { issuesByPath, type ReportData, reportSchema } from './schema'

export interface Completeness {
  complete: boolean
  /** Cells and narratives still blank (paths under sections). */
  blank: string[]
  /** Failing error rules. */
  errors: RuleResult[]
  /** The same errors as the officer reads them: one per discrepancy (lib/rules/group-findings.ts). */
  errorFindings: number
  /** Failing warnings without the officer's explanation. */
  unexplained: RuleResult[]
  /** Schema problems keyed by full field path (sections.applications.newReceived.natural). */
  invalid: Record<string, string>
  /** Values prefilled from last year (report.origins `prefilled`) the officer has not confirmed. */
  unconfirmed: string[]
}

/** `report.previous`, when given, is last year's report: the cross-year warnings need explaining too. */
export function checkCompleteness(
  format: FormatDef,
  report: ReportData & Pick<EvaluationInput, 'previous'>,
  results?: RuleResult[],
): Completeness {
  const all = results ?? evaluateRules(format, report)
  const parsed = reportSchema(format, 'final').safeParse(report)
  const invalid = parsed.success ? {} : issuesByPath(parsed.error)
  const blankRule = all.filter(
    (r) => r.status === 'fail' && format.rules.find((d) => d.id === r.ruleId)?.kind === 'filled',
  )
  const blank = blankCells(format, report.sections)
  const errors = all.filter((r) => r.status === 'fail' && r.severity === 'error')
  const explanations = report.explanations ?? {}
  const unexplained = all.filter(
    (r) =>
      r.status === 'fail' &&
      r.severity === 'warning' &&
      !blankRule.includes(r) &&
      !explanations[explanationKey(r)]?.trim(),
  )
  // Carried values (上年结转) are right as they are; a prefilled one must be looked at (design.md).
  const unconfirmed = Object.entries(report.origins ?? {})
    .filter(([, origin]) => origin === 'prefilled')
    .map(([path]) => path)
  return {
    complete:
      blank.length === 0 &&
      errors.length === 0 &&
      unexplained.length === 0 &&
      unconfirmed.length === 0 &&
      Object.keys(invalid).length === 0,
    unconfirmed,
    blank,
    errors,
    errorFindings: groupFindings(format, errors).length,
    unexplained,
    invalid,
  }
}
