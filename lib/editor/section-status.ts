/**
 * The stepper's view of each section: empty, in progress, has errors, complete, and the number
 * of open findings, all from the rule results and the values (so it matches the findings panel).
 */
import { narrativePath, sectionCells } from '@/lib/format/cells'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/evaluate'
import { getAt, isBlank } from '@/lib/report/values'

export type SectionState = 'empty' | 'inProgress' | 'hasErrors' | 'complete'

export const SECTION_STATE_LABELS: Record<SectionState, string> = {
  empty: '未填写',
  inProgress: '填写中',
  hasErrors: '有错误',
  complete: '已完成',
}

export interface SectionStatus {
  key: string
  state: SectionState
  /** Failing errors and warnings whose cells are in this section. */
  openFindings: number
  errors: number
  filled: number
  total: number
}

/** The section a finding belongs to: the section of the cell to go to. */
export function sectionOfFinding(result: RuleResult): string | null {
  const path = result.focus ?? result.cells[0]
  return path ? path.split('.')[0] : null
}

function fillCounts(section: SectionDef, sections: Record<string, unknown>) {
  const paths = sectionCells(section).map((c) => c.segments)
  const text = narrativePath(section)
  if (text) paths.push(text.split('.'))
  const filled = paths.filter((p) => !isBlank(getAt(sections, p))).length
  return { filled, total: paths.length }
}

export function sectionStatuses(
  format: FormatDef,
  sections: Record<string, unknown>,
  results: RuleResult[],
): SectionStatus[] {
  // Blanks show as "in progress"; the one 空白 finding (T5) is not any section's.
  const blankRules = new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id))
  const open = results.filter((r) => r.status === 'fail' && r.severity !== 'info' && !blankRules.has(r.ruleId))
  return format.sections.map((section) => {
    const mine = open.filter((r) => sectionOfFinding(r) === section.key)
    // A blank cell is "in progress", not an error, while the officer is still filling.
    const errors = mine.filter((r) => r.severity === 'error').length
    const { filled, total } = fillCounts(section, sections)
    const state: SectionState =
      filled === 0 ? 'empty' : errors > 0 ? 'hasErrors' : filled < total ? 'inProgress' : 'complete'
    return { key: section.key, state, openFindings: mine.length, errors, filled, total }
  })
}
