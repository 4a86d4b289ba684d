/**
 * What the editor's applyValues sets in the form: the given cells and the totals the format
 * derives from them, as the leaves whose value differs from the form's (`live`). Pure: the form is
 * only read. Two ways, with the same answer when the form's derived cells hold their totals:
 * - `everyTotal`: every table copied and every total computed again (the first change, and after
 *   the form was replaced by a merge, when a stored total may be stale);
 * - otherwise O(changed): only the objects on the way to the changed cells and to the totals they
 *   feed are copied, and only those totals are computed (deriveTotalsAfter, decision 0601).
 */
import type { FormatDef } from '@/lib/format/types'
import { copyData, getAt, setAt } from '@/lib/report/values'
import { deriveTotals, deriveTotalsAfter, totalsFedBy } from '@/lib/rules/derive'

type Node = Record<string, unknown>

/** Copies the containers from `root` down to the parent of the leaf at `segments`, once each. */
function copyAlong(root: Node, segments: readonly string[], copies: Set<unknown>) {
  let node = root
  for (let i = 0; i < segments.length - 1; i++) {
    const child = node[segments[i]]
    if (child === null || typeof child !== 'object') return
    let own = child as Node
    if (!copies.has(child)) {
      own = (Array.isArray(child) ? [...child] : { ...child }) as Node
      copies.add(own)
      node[segments[i]] = own
    }
    node = own
  }
}

export function valueChanges(
  format: FormatDef,
  live: Record<string, unknown>,
  values: Record<string, unknown>,
  everyTotal: boolean,
): [path: string, value: unknown][] {
  const paths = Object.keys(values)
  const next: Node = { ...live }
  let derived: string[]
  if (everyTotal) {
    // A working copy of the table and fact objects (not the long narratives) for the totals.
    for (const [key, v] of Object.entries(live)) if (v && typeof v === 'object') next[key] = copyData(v)
    for (const [path, value] of Object.entries(values)) setAt(next, path.split('.'), value)
    derived = deriveTotals(format, next)
  } else {
    const copies = new Set<unknown>()
    for (const path of [...paths, ...totalsFedBy(format, paths)]) copyAlong(next, path.split('.'), copies)
    for (const [path, value] of Object.entries(values)) setAt(next, path.split('.'), value)
    derived = deriveTotalsAfter(format, next, paths)
  }
  const out: [string, unknown][] = []
  for (const path of new Set([...paths, ...derived])) {
    const segments = path.split('.')
    const value = getAt(next, segments)
    if (getAt(live, segments) !== value) out.push([path, value])
  }
  return out
}
