/**
 * The stepper's view of each section: empty, in progress, has errors, complete, and the number
 * of open findings, all from the rule results and the values (so it matches the findings panel).
 */
import { narrativePath, sectionCells } from '@/lib/format/cells'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/evaluate'
import { groupFindings } from '@/lib/rules/group-findings'
import { getAt, isBlank } from '@/lib/report/values'
import { BLANK_TABLE_RULE } from '@/lib/narrative/section-checks'

export type SectionState = 'empty' | 'inProgress' | 'hasErrors' | 'complete'

export const SECTION_STATE_LABELS: Record<SectionState, string> = {
  // Not a fault: a section nobody has started is waiting for its officer.
  empty: '待填写',
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
export function sectionOfFinding(result: Pick<RuleResult, 'focus' | 'cells'>): string | null {
  const path = result.focus ?? result.cells[0]
  return path ? path.split('.')[0] : null
}

/** A section's cells and narrative as path segments, walked once per definition (runs per keystroke). */
const pathsCache = new WeakMap<SectionDef, string[][]>()
function sectionPaths(section: SectionDef): string[][] {
  let paths = pathsCache.get(section)
  if (!paths) {
    paths = sectionCells(section).map((c) => c.segments)
    const text = narrativePath(section)
    if (text) paths.push(text.split('.'))
    pathsCache.set(section, paths)
  }
  return paths
}

function fillCounts(section: SectionDef, sections: Record<string, unknown>) {
  const paths = sectionPaths(section)
  let filled = 0
  for (const p of paths) if (!isBlank(getAt(sections, p))) filled++
  return { filled, total: paths.length }
}

/** The sections with at least one value or some text: those the officer has started. */
export function startedSections(format: FormatDef, sections: Record<string, unknown>): Set<string> {
  const started = new Set<string>()
  for (const s of format.sections) if (sectionPaths(s).some((p) => !isBlank(getAt(sections, p)))) started.add(s.key)
  return started
}

/** Rule id → kind of the rules about blanks (the `filled` rules and D1's sections present). */
type BlankKind = 'filled' | 'structure' | 'preamble'
const blankKindsCache = new WeakMap<FormatDef, Map<string, BlankKind>>()
function blankKindsOf(format: FormatDef): Map<string, BlankKind> {
  let kinds = blankKindsCache.get(format)
  if (!kinds) {
    kinds = new Map()
    for (const r of format.rules) {
      if (r.kind === 'filled' || (r.kind === 'structure' && r.check === 'sectionsPresent')) kinds.set(r.id, r.kind)
      // The opening paragraph (D5) waits too until the officer has started the report.
      if (r.kind === 'structure' && r.check === 'preamblePresent') kinds.set(r.id, 'preamble')
      // A wholly blank table 三 or 四 (L7) is a missing section: 待填写 until the officer starts it.
      if (r.kind === 'narrative' && r.id === BLANK_TABLE_RULE) kinds.set(r.id, 'structure')
    }
    blankKindsCache.set(format, kinds)
  }
  return kinds
}

/**
 * Blank is not an error until the officer starts: the findings about blanks (the `filled` rules,
 * T5 and D4, and D1's missing sections) count only in sections the officer has started, and the
 * missing opening paragraph (D5) once any section is started. In a
 * section nobody has touched they are “not yet assessable” (待填写), so a new report opens
 * without red errors. Asking to complete (标记为完成, 提交审核) checks every blank regardless
 * (lib/report/completeness.ts evaluates the rules itself).
 */
export function blanksWhereStarted(
  format: FormatDef,
  sections: Record<string, unknown>,
  results: RuleResult[],
): RuleResult[] {
  const blankKinds = blankKindsOf(format)
  if (!results.some((r) => r.status === 'fail' && blankKinds.has(r.ruleId))) return results
  const started = startedSections(format, sections)
  return results.map((r) => {
    const kind = blankKinds.get(r.ruleId)
    if (r.status !== 'fail' || !kind) return r
    if (kind === 'preamble') return started.size > 0 ? r : { ...r, status: 'na', expected: null, actual: null }
    const cells = r.cells.filter((c) => started.has(c.split('.')[0]))
    if (cells.length === r.cells.length) return r
    if (cells.length === 0) return { ...r, status: 'na', expected: null, actual: null }
    const actual =
      kind === 'filled'
        ? `${cells.length}处空白`
        : `缺少：${cells.map((k) => format.sections.find((s) => s.key === k)?.heading ?? k).join('、')}`
    return { ...r, cells, focus: cells[0], actual }
  })
}

export function sectionStatuses(
  format: FormatDef,
  sections: Record<string, unknown>,
  results: RuleResult[],
): SectionStatus[] {
  // Blanks show as "in progress"; the one 空白 finding (T5) is not any section's.
  const blankRules = new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id))
  // Counted as the findings panel lists them: one discrepancy once.
  const open = groupFindings(
    format,
    results.filter((r) => r.status === 'fail' && r.severity !== 'info' && !blankRules.has(r.ruleId)),
  )
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
