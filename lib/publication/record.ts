/**
 * The publication record's rules as plain functions (decision 0310): when a 保密审查 date is
 * acceptable, and the draft of a 更正说明 computed from what changed between the previously
 * published version and the one being published.
 */
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { ReportDiff } from '@/lib/workflow/diff'

/**
 * Why the review date cannot be recorded, or null: it is a day the review could have happened,
 * between the approval of the version (a review reads the approved text) and today (China).
 */
export function reviewDateRefusal(reviewedOn: string, approvedOn: string, today: string): string | null {
  if (reviewedOn > today) return '审查日期不能晚于今天'
  if (reviewedOn < approvedOn) return `审查日期不能早于审核通过的日期（${approvedOn}）`
  return null
}

/** How many changed cells and paragraphs the draft lists one by one; the rest are counted. */
export const DRAFT_MAX_ITEMS = 30

const shown = (format: FormatDef, path: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '空白'
  const cell = cellByPath(format, path)
  return cell ? VALUE_TYPES[cell.valueType].screenText(value) : String(value)
}

/**
 * A 更正说明 to start from: the cells that changed (label: old → new) and the sections whose
 * text changed, in the order the report prints them. Empty when nothing differs.
 */
export function correctionNoteDraft(format: FormatDef, diff: ReportDiff, previousNumber: number): string {
  if (diff.cells.length === 0 && diff.narratives.length === 0) return ''
  const lines: string[] = [`本版对第${previousNumber}版作如下更正：`]
  let n = 0
  for (const c of diff.cells.slice(0, DRAFT_MAX_ITEMS)) {
    n++
    lines.push(`${n}. ${c.label}：由${shown(format, c.path, c.before)}更正为${shown(format, c.path, c.after)}。`)
  }
  if (diff.cells.length > DRAFT_MAX_ITEMS) lines.push(`另有${diff.cells.length - DRAFT_MAX_ITEMS}处数据更正。`)
  for (const s of diff.narratives) {
    n++
    const changed = s.rows.filter((r) => r.kind !== 'same').length
    lines.push(`${n}. “${s.heading}”部分修改了${changed}段文字。`)
  }
  return lines.join('\n')
}
