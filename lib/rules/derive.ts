/**
 * Totals that the format defines as sums (the 总计 column, （七）总计, each 复议/诉讼 总计) are
 * computed from the cells they sum, using the same rule objects that check them.
 */
import type { FormatDef, RuleDef } from '@/lib/format/types'
import { getAt, isBlank, numericValue, setAt } from '@/lib/report/values'

type DerivingRule = Extract<RuleDef, { kind: 'linear' }> & { derives: true }

const derivingCache = new WeakMap<FormatDef, { target: string[]; targetPath: string; sources: string[][] }[]>()

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
      list.push({ target: r.left[0].split('.'), targetPath: r.left[0], sources: r.right.map((p) => p.split('.')) })
    }
    derivingCache.set(format, list)
  }
  return list
}

/** Paths of the cells the editor computes rather than lets the officer type. */
export function derivedCells(format: FormatDef): Set<string> {
  return new Set(derivingRules(format).map((d) => d.targetPath))
}

/**
 * Recomputes every derived cell in place: the sum when every addend is filled, blank otherwise.
 * Returns the paths whose value changed. Runs to a fixed point, so order does not matter.
 */
export function deriveTotals(format: FormatDef, sections: Record<string, unknown>): string[] {
  const changed = new Set<string>()
  const rules = derivingRules(format)
  for (let pass = 0; pass < 4; pass++) {
    let any = false
    for (const d of rules) {
      let total: number | null = 0
      for (const s of d.sources) {
        const v = getAt(sections, s)
        const n = numericValue(v)
        if (isBlank(v) || Number.isNaN(n)) {
          total = null
          break
        }
        total += n
      }
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
