/**
 * The roll-up (汇总) as pure functions (decision 0270): the statutory tables 二、三、四 of several
 * agencies' reports summed cell by cell, each total with every agency's contribution. Every cell
 * of these tables is a count or an amount of the year, additive across agencies (a 现行有效件数
 * is each agency's own stock, so the region's stock is their sum); amounts add as exact
 * decimals (lib/format/value-types.ts), never as floats. Blank is not zero: a cell no agency
 * filled stays blank, and the agencies that left it blank are listed with it. A value that is
 * not one of its type (an imported "12件") is not added: the agency is named with the cell.
 */
import { type CellInfo, formatCells } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/index'
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { CellValue } from '@/lib/report/values'

/** One agency's report as the roll-up reads it. */
export interface RollupSource {
  agencyId: string
  agencyCode: string
  agencyName: string
  reportId: string
  /** Which content was read: '第2版' (approved) or '工作稿'. */
  basis: string
  sections: Record<string, unknown>
}

export interface RollupExclusion {
  agencyId: string
  agencyName: string
  reason: string
}

export interface RollupResult {
  formatVersion: string
  /** The agencies summed, in this order in every cell's `values`. */
  agencies: Omit<RollupSource, 'sections'>[]
  /** Agencies under the government left out, each with the reason. */
  excluded: RollupExclusion[]
  /** The cells summed, in document order (tables 二、三、四). */
  paths: string[]
  /** The sum of each cell, as stored (amounts as exact decimal text); null when no agency filled it. */
  totals: Record<string, CellValue>
  /** Each agency's value of each cell, aligned with `agencies`; null for blank. */
  values: Record<string, CellValue[]>
  /** Agencies (indexes) whose value of the cell is not a valid value of its type: not added. */
  invalid: Record<string, number[]>
}

const cellsCache = new WeakMap<FormatDef, CellInfo[]>()

/** The cells a roll-up sums: every cell of the format's table sections. */
export function rollupCells(format: FormatDef): CellInfo[] {
  let cells = cellsCache.get(format)
  if (!cells) {
    const tables = new Set(format.sections.filter((s) => s.kind === 'table').map((s) => s.key))
    cells = formatCells(format).filter((c) => tables.has(c.sectionKey))
    cellsCache.set(format, cells)
  }
  return cells
}

function valueAt(sections: Record<string, unknown>, segments: readonly string[]): unknown {
  let node: unknown = sections
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return null
    node = (node as Record<string, unknown>)[s]
  }
  return node ?? null
}

/** Sums the sources' tables cell by cell. All sources must be of `format` (the service sorts them). */
export function rollUp(
  format: FormatDef,
  sources: readonly RollupSource[],
  excluded: RollupExclusion[] = [],
): RollupResult {
  const cells = rollupCells(format)
  const totals: Record<string, CellValue> = {}
  const values: Record<string, CellValue[]> = {}
  const invalid: Record<string, number[]> = {}
  for (const cell of cells) {
    const type = VALUE_TYPES[cell.valueType]
    // Whole numbers add exactly as plain numbers (far below 2^53); amounts as exact decimals.
    let count = 0
    let sum = 0n
    let filled = false
    const column: CellValue[] = new Array(sources.length)
    for (let i = 0; i < sources.length; i++) {
      const raw = valueAt(sources[i].sections, cell.segments)
      if (raw === null || raw === undefined || raw === '') {
        column[i] = null
        continue
      }
      if (type.integer && type.valid(raw)) {
        column[i] = raw as number
        count += raw as number
        filled = true
        continue
      }
      const exact = type.integer ? null : type.toExact(raw)
      if (exact === null) {
        column[i] = typeof raw === 'number' || typeof raw === 'string' ? raw : String(raw)
        if (!invalid[cell.path]) invalid[cell.path] = []
        invalid[cell.path].push(i)
        continue
      }
      column[i] = raw as CellValue
      sum += exact
      filled = true
    }
    values[cell.path] = column
    totals[cell.path] = filled ? (type.integer ? count : type.fromExact(sum)) : null
  }
  return {
    formatVersion: format.version,
    agencies: sources.map(({ sections: _, ...agency }) => agency),
    excluded,
    paths: cells.map((c) => c.path),
    totals,
    values,
    invalid,
  }
}

/** One cell's drill-down: every summed agency's contribution, blanks and invalid values named. */
export interface CellDrillDown {
  path: string
  label: string
  total: CellValue
  rows: { agencyId: string; agencyName: string; value: CellValue; note: '' | '未填' | '数值有误，未计入' }[]
}

export function drillDown(format: FormatDef, result: RollupResult, path: string): CellDrillDown | null {
  const cell = rollupCells(format).find((c) => c.path === path)
  const column = result.values[path]
  if (!cell || !column) return null
  const bad = new Set(result.invalid[path] ?? [])
  return {
    path,
    label: cell.label,
    total: result.totals[path] ?? null,
    rows: result.agencies.map((a, i) => ({
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      value: column[i],
      note: bad.has(i) ? '数值有误，未计入' : column[i] === null ? '未填' : '',
    })),
  }
}

/** Writes the totals into a report's sections (the stored 全区汇总 starts from them). */
export function withTotals(
  format: FormatDef,
  sections: Record<string, unknown>,
  result: RollupResult,
): Record<string, unknown> {
  const out = structuredClone(sections)
  for (const cell of rollupCells(format)) {
    let node = out as Record<string, unknown>
    for (const s of cell.segments.slice(0, -1)) {
      if (node[s] === null || typeof node[s] !== 'object') node[s] = {}
      node = node[s] as Record<string, unknown>
    }
    node[cell.segments[cell.segments.length - 1]] = result.totals[cell.path] ?? null
  }
  return out
}
