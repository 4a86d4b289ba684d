/**
 * A fixture made submittable: its blank cells filled with 0 (narratives with a sentence) and its
 * open warnings explained, so workflow tests start from a report that passes completeness.
 */
import { cellByPath } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { checkCompleteness } from '@/lib/report/completeness'
import type { ReportData } from '@/lib/report/schema'
import { setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { explanationKey } from '@/lib/rules/explanation-key'
import { type FixtureName, fixture } from './fixtures'

export function completeReport(format: FormatDef, report: ReportData): ReportData {
  const next = structuredClone(report)
  const before = checkCompleteness(format, next)
  for (const path of before.blank) {
    const cell = cellByPath(format, path)
    setAt(next.sections as Record<string, unknown>, path.split('.'), cell ? VALUE_TYPES[cell.valueType].zero : '无。')
  }
  deriveTotals(format, next.sections)
  const after = checkCompleteness(format, next)
  next.explanations = {
    ...(next.explanations ?? {}),
    ...Object.fromEntries(after.unexplained.map((r) => [explanationKey(r), '已核实，情况属实。'])),
  }
  return next
}

export function completeFixture(name: FixtureName = 'zhangdian-gov-2021'): { format: FormatDef; report: ReportData } {
  const { format, report } = fixture(name)
  return { format, report: completeReport(format, report) }
}

/** The overview's contradicted counts (N1), each sentence explained by itself (decision 0370). */
export function explainN1(report: ReportData, text = '正文数字以表三为准。'): Record<string, string> {
  const format = FORMATS[report.formatVersion as '2021' | '2019']
  // As the server will see it: totals computed from the changed cells.
  const sections = structuredClone(report.sections)
  deriveTotals(format, sections)
  return Object.fromEntries(
    evaluateRules(format, { ...report, sections, previous: null })
      .filter((r) => r.ruleId === 'N1' && r.status === 'fail')
      .map((r) => [explanationKey(r), text]),
  )
}
