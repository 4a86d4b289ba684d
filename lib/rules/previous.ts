/**
 * Last year's report as this year's format sees it (spec/format.md §3.4): the cross-year rules
 * read last year's values at this format's cell paths. Within one format every cell maps to
 * itself. Across the 2019/2021 change tables 三 and 四 keep their cells, and a row that one
 * format splits into a group (（六）其他处理) is the sum of the group's rows; table 二 does not
 * map (its columns mean different things), so rules over it do not apply to such a pair.
 */
import { cellSegments, dataRows, formatCells, groupRows, leafColumns } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import type { ReportData } from '@/lib/report/schema'
import { getAt, isBlank, numericValue, pathWalk, valuesAt } from '@/lib/report/values'

/** The previous report as the evaluator takes it: any format, any source. */
export type PreviousReport = Pick<ReportData, 'formatVersion' | 'year' | 'sections'> & {
  /** Its opening paragraph, when the narratives are carried (the copied-text check, L10–L11). */
  preamble?: string | null
}

/** Sections whose cells keep their meaning across the format change (tables 三 and 四). */
const STABLE_SECTIONS = ['applications', 'reviewLitigation']

/** For each cell of `to` (in formatCells order): the cells of `from` whose sum it is, or null when unmapped. */
type Plan = (string[][] | null)[]

const plans = new WeakMap<FormatDef, WeakMap<FormatDef, Plan>>()

function matrixOf(format: FormatDef, key: string) {
  const section = format.sections.find((s): s is Extract<SectionDef, { kind: 'table' }> => s.key === key)
  return section?.table.kind === 'matrix' ? section.table : undefined
}

function buildPlan(from: FormatDef, to: FormatDef): Plan {
  const fromCells = new Map(formatCells(from).map((c) => [c.path, c.segments]))
  if (from === to) return formatCells(to).map((c) => [fromCells.get(c.path)!])
  return formatCells(to).map((cell) => {
    if (!STABLE_SECTIONS.includes(cell.sectionKey)) return null
    const same = fromCells.get(cell.path)
    if (same) return [same]
    // A row of `to` that is a row group in `from`: the sum of the group's data rows, same column.
    const [sectionKey, rowKey, columnKey] = cell.segments
    const table = matrixOf(from, sectionKey)
    if (!table || cell.segments.length !== 3) return null
    const group = groupRows(table.rows).find((g) => g.key === rowKey)
    if (!group || !leafColumns(table.columns).some((c) => c.key === columnKey)) return null
    return dataRows(group.children).map((r) => [sectionKey, r.key, columnKey])
  })
}

function planFor(from: FormatDef, to: FormatDef): Plan {
  let byTarget = plans.get(from)
  if (!byTarget) {
    byTarget = new WeakMap()
    plans.set(from, byTarget)
  }
  let plan = byTarget.get(to)
  if (!plan) {
    plan = buildPlan(from, to)
    byTarget.set(to, plan)
  }
  return plan
}

/** Marks a cell of this format that last year's format does not have (distinct from a blank). */
export const UNMAPPED: unique symbol = Symbol('unmapped')

/**
 * Last year's values at this format's cells, in formatCells order: the value (blank stays
 * blank), or UNMAPPED. Null when the previous report's format is unknown.
 */
export function previousValues(format: FormatDef, previous: PreviousReport): unknown[] | null {
  const from = formatFor(previous.formatVersion)
  if (!from) return null
  const plan = planFor(from, format)
  const out = new Array<unknown>(plan.length)
  // Within one format every cell is its own: read them all in one walk.
  if (from === format) return valuesAt(previous.sections, pathWalk(cellSegments(format)), out)
  for (let i = 0; i < plan.length; i++) {
    const sources = plan[i]
    if (sources === null) {
      out[i] = UNMAPPED
      continue
    }
    if (sources.length === 1) {
      out[i] = getAt(previous.sections, sources[0])
      continue
    }
    let total = 0
    let blank = false
    for (const s of sources) {
      const v = getAt(previous.sections, s)
      if (isBlank(v)) blank = true
      else total += numericValue(v)
    }
    out[i] = blank ? null : total
  }
  return out
}

/** Last year's sections in this format's shape (only mapped cells), e.g. to show beside this year's. */
export function mapPrevious(format: FormatDef, previous: PreviousReport): Record<string, unknown> {
  const values = previousValues(format, previous)
  const sections: Record<string, unknown> = {}
  if (!values) return sections
  formatCells(format).forEach((cell, i) => {
    if (values[i] === UNMAPPED) return
    let node = sections
    for (let s = 0; s < cell.segments.length - 1; s++) {
      node[cell.segments[s]] ??= {}
      node = node[cell.segments[s]] as Record<string, unknown>
    }
    node[cell.segments[cell.segments.length - 1]] = values[i] ?? null
  })
  return sections
}
