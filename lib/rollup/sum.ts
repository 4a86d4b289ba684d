/**
 * The roll-up (汇总) as pure functions (decisions 0270, 0410): the statutory tables 二、三、四 of
 * several agencies' reports summed cell by cell, each total with every agency's contribution.
 * Every cell of these tables is a count or an amount of the year, additive across agencies (a
 * 现行有效件数 is each agency's own stock, so the region's stock is their sum); amounts add as
 * exact decimals (lib/format/value-types.ts), never as floats. Blank is not zero: a cell no agency
 * filled stays blank, and the agencies that left it blank are listed with it. A value that is
 * not one of its type (an imported "12件") is not added: the agency is named with the cell.
 *
 * Each report comes as one flat array of its values in ROLLUP_PATHS order (the database cuts it
 * out of the content), so summing 1,000 reports walks arrays, not objects. A report of the other
 * format is mapped as lib/rollup/format-map.ts allows, and said so.
 */
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { FormatDef } from '@/lib/format/index'
import type { CellValue } from '@/lib/report/values'
import { rollupCells } from './cells'
import { mappingFor, PATHS_SIGNATURE, pathIndex, ROLLUP_PATHS } from './format-map'

export { rollupCells } from './cells'

/** One agency summed, as the result names it. */
export interface RollupAgency {
  agencyId: string
  agencyCode: string
  agencyName: string
  reportId: string
  /** Which content was read: '第2版' (approved) or '工作稿'. */
  basis: string
  /** The report's own format; another than the roll-up's means it was mapped (absent in runs stored before 0410). */
  formatVersion?: string
}

/** One agency's report as the roll-up reads it. */
export interface RollupSource extends RollupAgency {
  formatVersion: string
  /** The report's value of each of ROLLUP_PATHS (null or absent for blank). */
  cells: readonly unknown[]
}

export interface RollupExclusion {
  agencyId: string
  agencyName: string
  reason: string
}

export interface RollupResult {
  formatVersion: string
  /** The agencies summed, in this order in every cell's `values`. */
  agencies: RollupAgency[]
  /** Agencies under the government left out, each with the reason. */
  excluded: RollupExclusion[]
  /** Agencies summed from a report of the other format: what was mapped and what left out (table 二). */
  mapped?: (RollupExclusion & { formatVersion: string; unmapped: string[] })[]
  /** The cells summed, in document order (tables 二、三、四). */
  paths: string[]
  /** The sum of each cell, as stored (amounts as exact decimal text); null when no agency filled it. */
  totals: Record<string, CellValue>
  /** Each agency's value of each cell, aligned with `agencies`; null for blank. */
  values: Record<string, CellValue[]>
  /** Agencies (indexes) whose value of the cell is not a valid value of its type: not added. */
  invalid: Record<string, number[]>
}

const SEGMENTS = ROLLUP_PATHS.map((p) => p.split('.'))

/** A report's sections (or its tables cut) as the roll-up reads them: one value per ROLLUP_PATHS. */
export function cellsOf(sections: Record<string, unknown>): unknown[] {
  const out = new Array<unknown>(SEGMENTS.length)
  for (let i = 0; i < SEGMENTS.length; i++) {
    const segments = SEGMENTS[i]
    let node: unknown = sections
    for (let j = 0; j < segments.length && node !== null && node !== undefined; j++) {
      node = typeof node === 'object' ? (node as Record<string, unknown>)[segments[j]] : undefined
    }
    out[i] = node ?? null
  }
  return out
}

/**
 * What a frozen version keeps for the roll-up (ReportVersionCells, decision 0410): its cells in
 * ROLLUP_PATHS order as one JSON array, with the order's signature. Null when the content is not
 * a report's JSON.
 */
export function frozenCells(content: string): { paths: string; cells: string } | null {
  try {
    const sections = (JSON.parse(content) as { sections?: unknown }).sections
    if (!sections || typeof sections !== 'object') return null
    return { paths: PATHS_SIGNATURE, cells: JSON.stringify(cellsOf(sections as Record<string, unknown>)) }
  } catch {
    return null
  }
}

/**
 * The same for a version whose table sections the database cut out (lib/data/rollup-table.ts
 * tablesOf): the roll-up's paths all lie in those sections, so the cells are frozenCells' own.
 * Null when there is nothing to read (no content, or not JSON).
 */
export function cutCells(tables: string | null): { paths: string; cells: string } | null {
  if (!tables) return null
  try {
    const cut = JSON.parse(tables) as unknown
    if (!cut || typeof cut !== 'object' || Array.isArray(cut)) return null
    return { paths: PATHS_SIGNATURE, cells: JSON.stringify(cellsOf(cut as Record<string, unknown>)) }
  } catch {
    return null
  }
}

const blank = (v: unknown) => v === null || v === undefined || v === ''

/** Several cells of a source added into one (2021's three 其他处理 rows into 2019's one). */
function combined(values: unknown[], valid: (v: unknown) => boolean): unknown {
  let sum = 0
  let filled = false
  for (const v of values) {
    if (blank(v)) continue
    if (!valid(v)) return v
    sum += v as number
    filled = true
  }
  return filled ? sum : null
}

const directCache = new WeakMap<FormatDef, Int32Array>()

function directIndexes(format: FormatDef): Int32Array {
  let out = directCache.get(format)
  if (!out) {
    out = Int32Array.from(rollupCells(format), (c) => pathIndex(c.path))
    directCache.set(format, out)
  }
  return out
}

/** Sums the sources' tables cell by cell into `format`; sources of another known format are mapped. */
export function rollUp(
  format: FormatDef,
  sources: readonly RollupSource[],
  excluded: RollupExclusion[] = [],
): RollupResult {
  const cells = rollupCells(format)
  const m = cells.length
  const n = sources.length
  const types = cells.map((c) => VALUE_TYPES[c.valueType])
  const direct = directIndexes(format)
  const counts = new Float64Array(m)
  const sums: bigint[] = new Array(m).fill(0n)
  const filled = new Uint8Array(m)
  const columns: CellValue[][] = cells.map(() => new Array(n).fill(null))
  const invalid: Record<string, number[]> = {}
  const mapped: NonNullable<RollupResult['mapped']> = []
  for (let i = 0; i < n; i++) {
    const source = sources[i]
    const raw = source.cells
    const mapping = source.formatVersion === format.version ? null : mappingFor(format, source.formatVersion)
    if (source.formatVersion !== format.version) {
      if (!mapping) throw new Error(`unknown format ${source.formatVersion}`)
      mapped.push({
        agencyId: source.agencyId,
        agencyName: source.agencyName,
        formatVersion: source.formatVersion,
        reason: mapping.summary,
        unmapped: mapping.unmapped,
      })
    }
    for (let k = 0; k < m; k++) {
      const type = types[k]
      let v: unknown
      if (!mapping) v = raw[direct[k]]
      else {
        const from = mapping.cells[k].from
        v =
          from.length === 0
            ? null
            : from.length === 1
              ? raw[from[0]]
              : combined(
                  from.map((j) => raw[j]),
                  type.valid,
                )
      }
      if (blank(v)) continue
      if (type.integer) {
        if (type.valid(v)) {
          columns[k][i] = v as number
          counts[k] += v as number
          filled[k] = 1
          continue
        }
      } else {
        const exact = type.toExact(v)
        if (exact !== null) {
          columns[k][i] = v as CellValue
          sums[k] += exact
          filled[k] = 1
          continue
        }
      }
      columns[k][i] = typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v)
      const path = cells[k].path
      if (!invalid[path]) invalid[path] = []
      invalid[path].push(i)
    }
  }
  const totals: Record<string, CellValue> = {}
  const values: Record<string, CellValue[]> = {}
  for (let k = 0; k < m; k++) {
    const path = cells[k].path
    values[path] = columns[k]
    totals[path] = filled[k] ? (types[k].integer ? counts[k] : types[k].fromExact(sums[k])) : null
  }
  return {
    formatVersion: format.version,
    agencies: sources.map(({ cells: _, ...agency }) => agency),
    excluded,
    mapped,
    paths: cells.map((c) => c.path),
    totals,
    values,
    invalid,
  }
}

/** One cell's drill-down: every summed agency's contribution, blanks, mapped and invalid values named. */
export interface CellDrillDown {
  path: string
  label: string
  total: CellValue
  /** note: '' | '未填' | '数值有误，未计入' | how a report of the other format was mapped (按2019年格式折算…). */
  rows: { agencyId: string; agencyName: string; value: CellValue; note: string }[]
}

export function drillDown(format: FormatDef, result: RollupResult, path: string): CellDrillDown | null {
  const index = rollupCells(format).findIndex((c) => c.path === path)
  const column = result.values[path]
  if (index < 0 || !column) return null
  const cell = rollupCells(format)[index]
  const bad = new Set(result.invalid[path] ?? [])
  return {
    path,
    label: cell.label,
    total: result.totals[path] ?? null,
    rows: result.agencies.map((a, i) => {
      const mapping =
        a.formatVersion && a.formatVersion !== result.formatVersion ? mappingFor(format, a.formatVersion) : null
      const how = mapping?.cells[index]
      let note = ''
      if (bad.has(i)) note = '数值有误，未计入'
      else if (how && how.from.length === 0) note = how.note
      else if (column[i] === null) note = how ? `未填（${how.note}）` : '未填'
      else if (how) note = how.note
      return { agencyId: a.agencyId, agencyName: a.agencyName, value: column[i], note }
    }),
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
