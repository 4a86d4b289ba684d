/**
 * Totals that the format defines as sums (the 总计 column, （七）总计, each 复议/诉讼 总计) are
 * computed from the cells they sum, using the same rule objects that check them.
 */
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef, RuleDef } from '@/lib/format/types'
import { VALUE_TYPES, type ValueTypeDef } from '@/lib/format/value-types'
import { getAt, isBlank, numericValue, setAt } from '@/lib/report/values'

type DerivingRule = Extract<RuleDef, { kind: 'linear' }> & { derives: true }

interface Deriving {
  target: string[]
  targetPath: string
  sources: string[][]
  /** Value types of target and sources when any is not a whole number (amounts add exactly). */
  exact: { target: ValueTypeDef; sources: ValueTypeDef[] } | null
}

const derivingCache = new WeakMap<FormatDef, Deriving[]>()

function derivingRules(format: FormatDef) {
  let list = derivingCache.get(format)
  if (!list) {
    const seen = new Set<string>()
    list = []
    for (const rule of format.rules) {
      if (rule.kind !== 'linear' || !rule.derives || rule.left.length !== 1) continue
      const r = rule as DerivingRule
      if (seen.has(r.left[0])) continue
      seen.add(r.left[0])
      const typeOf = (p: string) => VALUE_TYPES[cellByPath(format, p)?.valueType ?? 'count']
      const types = [typeOf(r.left[0]), ...r.right.map(typeOf)]
      list.push({
        target: r.left[0].split('.'),
        targetPath: r.left[0],
        sources: r.right.map((p) => p.split('.')),
        exact: types.every((t) => t.integer) ? null : { target: types[0], sources: types.slice(1) },
      })
    }
    derivingCache.set(format, list)
  }
  return list
}

const fedCache = new WeakMap<FormatDef, Map<string, Deriving[]>>()

/** For each cell, the deriving rules that read it or set it (directly). */
function rulesByCell(format: FormatDef): Map<string, Deriving[]> {
  let map = fedCache.get(format)
  if (!map) {
    map = new Map()
    const add = (path: string, d: Deriving) => {
      const list = map!.get(path)
      if (!list) map!.set(path, [d])
      else if (!list.includes(d)) list.push(d)
    }
    for (const d of derivingRules(format)) {
      add(d.targetPath, d)
      for (const source of d.sources) add(source.join('.'), d)
    }
    fedCache.set(format, map)
  }
  return map
}

/**
 * The deriving rules that cells at these paths feed, directly or through totals of totals, in
 * the format's order. Paths as a change names them (`sections.…`) or relative to the sections.
 */
function rulesFedBy(format: FormatDef, paths: readonly string[]): Deriving[] {
  const byCell = rulesByCell(format)
  const affected = new Set<Deriving>()
  const queue = paths.map((p) => (p.startsWith('sections.') ? p.slice('sections.'.length) : p))
  while (queue.length) {
    for (const d of byCell.get(queue.pop() as string) ?? []) {
      if (affected.has(d)) continue
      affected.add(d)
      queue.push(d.targetPath)
    }
  }
  return derivingRules(format).filter((d) => affected.has(d))
}

/**
 * The derived cells a change of the cells at `paths` can set (directly or through another total):
 * the places deriveTotalsAfter(format, sections, paths) may write.
 */
export function totalsFedBy(format: FormatDef, paths: readonly string[]): string[] {
  return rulesFedBy(format, paths).map((d) => d.targetPath)
}

/** Paths of the cells the editor computes rather than lets the officer type. */
export function derivedCells(format: FormatDef): Set<string> {
  return new Set(derivingRules(format).map((d) => d.targetPath))
}

/** The sum of count cells; null when any is blank or not a number. */
function numberTotal(sections: Record<string, unknown>, sources: string[][]): number | null {
  let total = 0
  for (const s of sources) {
    const v = getAt(sections, s)
    const n = numericValue(v)
    if (isBlank(v) || Number.isNaN(n)) return null
    total += n
  }
  return total
}

/** The sum of amount cells in the target's stored form; null when any is blank or invalid. */
function exactTotal(
  sections: Record<string, unknown>,
  sources: string[][],
  types: ValueTypeDef[],
  target: ValueTypeDef,
): string | number | null {
  const places = target.bounds.decimalPlaces
  let units = 0n
  for (let i = 0; i < sources.length; i++) {
    const u = types[i].toExact(getAt(sections, sources[i]))
    if (u === null || types[i].bounds.decimalPlaces > places) return null
    units += u * 10n ** BigInt(places - types[i].bounds.decimalPlaces)
  }
  return target.fromExact(units)
}

/**
 * Recomputes every derived cell in place: the sum when every addend is filled, blank otherwise.
 * Returns the paths whose value changed. Runs to a fixed point, so order does not matter.
 */
export function deriveTotals(format: FormatDef, sections: Record<string, unknown>): string[] {
  return deriveWith(derivingRules(format), sections)
}

/**
 * deriveTotals for sections whose derived cells all held their totals before the cells at
 * `changed` changed (the content a save wrote, then changed by a patch): only the totals those
 * cells feed are computed again (docs/decisions/0601-autosave-derives-what-a-change-feeds.md).
 */
export function deriveTotalsAfter(
  format: FormatDef,
  sections: Record<string, unknown>,
  changed: readonly string[],
): string[] {
  return deriveWith(rulesFedBy(format, changed), sections)
}

function deriveWith(rules: Deriving[], sections: Record<string, unknown>): string[] {
  const changed = new Set<string>()
  for (let pass = 0; pass < 4; pass++) {
    let any = false
    for (const d of rules) {
      const total = d.exact
        ? exactTotal(sections, d.sources, d.exact.sources, d.exact.target)
        : numberTotal(sections, d.sources)
      if (getAt(sections, d.target) !== total) {
        setAt(sections, d.target, total)
        changed.add(d.targetPath)
        any = true
      }
    }
    if (!any) break
  }
  return [...changed]
}

/**
 * Derived cells whose total is beyond what the cell may hold (999,999,999 + 6), each with the
 * filled cells it adds up: the save refuses the input rather than store a total no later save
 * could pass.
 */
export function overflowingTotals(
  format: FormatDef,
  sections: Record<string, unknown>,
  /** Only the totals cells at these paths feed (deriveTotalsAfter's case); else every one. */
  changed?: readonly string[],
): { target: string; sources: string[] }[] {
  const out: { target: string; sources: string[] }[] = []
  for (const d of changed ? rulesFedBy(format, changed) : derivingRules(format)) {
    const value = getAt(sections, d.target)
    if (isBlank(value)) continue
    const type = VALUE_TYPES[cellByPath(format, d.targetPath)?.valueType ?? 'count']
    if (type.valid(value)) continue
    out.push({ target: d.targetPath, sources: d.sources.map((s) => s.join('.')) })
  }
  return out
}
