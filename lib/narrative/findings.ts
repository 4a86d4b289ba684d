/**
 * The narrative's findings, where they join the rule results: lib/rules/evaluate.ts calls
 * narrativeFindings for every evaluation (editor, server completeness and counts, CLI), and slots
 * each finding under its rule (declared in the format, kind `narrative`). Each finding quotes its
 * sentence and says where it is: `narrative: { section, paragraph }` (design.md).
 *
 * Checks of other kinds over the narrative add their findings here too.
 */
import { formatCells, narrativePath } from '@/lib/format/cells'
import type { FormatDef, NarrativeRuleDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { getAt, isBlank } from '@/lib/report/values'
import { type PreviousReport, previousValues, UNMAPPED } from '@/lib/rules/previous'
import type { RuleResult } from '@/lib/rules/result'
import { unknownLinks } from './links'
import { type CheckContext, checkSentence } from './statements/check'
import { recognise } from './statements/recognise'

export interface NarrativeReport {
  sections: Record<string, unknown>
  preamble?: string | null
}

export interface NarrativeContext {
  format: FormatDef
  /** Last year's report (any format): without it, year-on-year statements are not judged. */
  previous?: PreviousReport | null
  /** Last year's values already mapped to this format (lib/rules/previous.ts), when the caller has them. */
  previousValues?: unknown[] | null
}

/** A narrative of the report: where it is stored and what findings call it. */
export interface NarrativeText {
  /** The interchange key (`preamble` included). */
  section: string
  /** Dotted path of the text (the editor's focus). */
  path: string
  text: string
}

/** Every narrative with its text: the preamble first, then the sections in order. */
export function narrativeTexts(format: FormatDef, report: NarrativeReport): NarrativeText[] {
  const out: NarrativeText[] = []
  if (typeof report.preamble === 'string' && report.preamble.trim() !== '') {
    out.push({ section: format.preamble.key, path: format.preamble.key, text: report.preamble })
  }
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    const text = getAt(report.sections, path.split('.'))
    if (typeof text === 'string' && text.trim() !== '') out.push({ section: section.key, path, text })
  }
  return out
}

const indexCache = new WeakMap<FormatDef, Map<string, number>>()
function cellIndex(format: FormatDef): Map<string, number> {
  let index = indexCache.get(format)
  if (!index) {
    index = new Map(formatCells(format).map((c, i) => [c.path, i]))
    indexCache.set(format, index)
  }
  return index
}

function numberIn(format: FormatDef, path: string, value: unknown): number {
  if (value === UNMAPPED || isBlank(value)) return Number.NaN
  const cells = formatCells(format)
  const type = cells[cellIndex(format).get(path) ?? -1]?.valueType ?? 'count'
  return VALUE_TYPES[type].toNumber(value)
}

function checkContext(format: FormatDef, report: NarrativeReport, context: NarrativeContext): CheckContext {
  const index = cellIndex(format)
  const prev =
    context.previousValues !== undefined
      ? context.previousValues
      : context.previous
        ? previousValues(format, context.previous)
        : null
  return {
    format,
    value: (path) => numberIn(format, path, getAt(report.sections, path.split('.'))),
    previous: prev ? (path) => numberIn(format, path, prev[index.get(path) ?? -1]) : null,
  }
}

function ruleOf(format: FormatDef, id: string): NarrativeRuleDef | undefined {
  return format.rules.find((r): r is NarrativeRuleDef => r.kind === 'narrative' && r.id === id)
}

/** What to do about it, in words: the number to write, or the data to insert. */
function fixText(fix: RuleResult['fix']): string {
  if (!fix) return ''
  return fix.link ? `。可改为“${fix.to}”，或插入关联数据` : `。可改为“${fix.to}”`
}

/** The statement findings and link findings of a report (failures only). */
export function narrativeFindings(report: NarrativeReport, context: NarrativeContext): RuleResult[] {
  const { format } = context
  const texts = narrativeTexts(format, report)
  if (texts.length === 0) return []
  const ctx = checkContext(format, report, context)
  const out: RuleResult[] = []
  for (const t of texts) {
    for (const p of recognise(t.text)) {
      for (const sentence of p.sentences) {
        for (const issue of checkSentence(ctx, sentence.statements)) {
          const rule = ruleOf(format, issue.ruleId)
          if (!rule) continue
          out.push({
            ruleId: rule.id,
            severity: rule.severity,
            status: 'fail',
            message: `${rule.message}：${issue.message}${fixText(issue.fix)}`,
            cells: issue.cells,
            focus: t.path,
            expected: issue.expected,
            actual: issue.actual,
            quote: sentence.text,
            narrative: { section: t.section, paragraph: p.paragraph },
            ...(issue.fix ? { fix: issue.fix } : {}),
          })
        }
      }
    }
    const link = ruleOf(format, 'N7')
    if (!link) continue
    for (const u of unknownLinks(format, t.text)) {
      out.push({
        ruleId: link.id,
        severity: link.severity,
        status: 'fail',
        message: `${link.message}：“${u.token}”不是本报告格式中的单元格，导出时将原样显示。请删除后用“插入数据”重新插入`,
        cells: [],
        focus: t.path,
        expected: null,
        actual: u.token,
        quote: u.lineText.trim(),
        narrative: { section: t.section, paragraph: u.line },
      })
    }
  }
  return out
}
