/**
 * Values as printed (design.md, "Decisions for the current round"): a total that a pasted or
 * published table states is kept in `report.stated[path]`, never in the cells, and compared with
 * what the parts add up to. A path is a computed cell (a 总计) or a column group of a matrix row
 * (the 法人或其他组织小计 that some tables print).
 */
import { cellByPath, dataRows, leafColumns } from '@/lib/format/cells'
import type { ColumnNode, FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { getAt } from '@/lib/report/values'
import { derivedCells } from './derive'

export type StatedValues = Record<string, number | string>

export interface StatedTarget {
  /** Cells whose sum is the computed value (a derived cell is its own single source). */
  sources: string[]
  label: string
}

const cache = new WeakMap<FormatDef, Map<string, StatedTarget>>()

function groups(nodes: ColumnNode[]): Extract<ColumnNode, { kind: 'columnGroup' }>[] {
  return nodes.flatMap((n) => (n.kind === 'columnGroup' ? [n, ...groups(n.children)] : []))
}

/** Every path a stated value may be kept under, with the cells it is checked against. */
export function statedTargets(format: FormatDef): Map<string, StatedTarget> {
  let map = cache.get(format)
  if (map) return map
  map = new Map()
  for (const path of derivedCells(format)) {
    map.set(path, { sources: [path], label: cellByPath(format, path)?.label ?? path })
  }
  for (const section of format.sections) {
    if (section.kind !== 'table' || section.table.kind !== 'matrix') continue
    const all = leafColumns(section.table.columns).length
    for (const group of groups(section.table.columns)) {
      const leaves = leafColumns(group.children)
      // The group over every column (申请人情况) has no 小计 of its own: that is the 总计.
      if (leaves.length >= all - 1) continue
      for (const row of dataRows(section.table.rows)) {
        map.set(`${section.key}.${row.key}.${group.key}`, {
          sources: leaves.map((c) => `${section.key}.${row.key}.${c.key}`),
          label: `${row.label}·${group.label}小计`,
        })
      }
    }
  }
  cache.set(format, map)
  return map
}

/** The value the parts add up to at a stated path; null while a part is blank or not a number. */
export function computedAt(format: FormatDef, sections: Record<string, unknown>, path: string): number | null {
  const target = statedTargets(format).get(path)
  if (!target) return null
  let total = 0
  for (const source of target.sources) {
    const v = getAt(sections, source.split('.'))
    const type = VALUE_TYPES[cellByPath(format, source)?.valueType ?? 'count']
    const parsed = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
    if (!Number.isFinite(parsed)) return null
    total += type.integer ? parsed : Math.round(parsed * 100)
  }
  const firstType = VALUE_TYPES[cellByPath(format, target.sources[0])?.valueType ?? 'count']
  return firstType.integer ? total : total / 100
}

export interface StatedMismatch {
  path: string
  label: string
  stated: number
  computed: number
}

/** Stated values that differ from what their parts add up to (blank parts: not yet comparable). */
export function statedMismatches(
  format: FormatDef,
  sections: Record<string, unknown>,
  stated: StatedValues | undefined,
): StatedMismatch[] {
  if (!stated) return []
  const targets = statedTargets(format)
  const out: StatedMismatch[] = []
  for (const [path, raw] of Object.entries(stated)) {
    const target = targets.get(path)
    const value = typeof raw === 'number' ? raw : Number(raw)
    if (!target || !Number.isFinite(value)) continue
    const computed = computedAt(format, sections, path)
    if (computed !== null && computed !== value) out.push({ path, label: target.label, stated: value, computed })
  }
  return out
}
