/** Reading and writing values in a report's `sections` by cell path. */
import { numberOf } from '@/lib/format/value-types'

export type CellValue = number | string | null

export type Sections = Record<string, unknown>

export function getAt(root: unknown, segments: readonly string[]): unknown {
  let node = root
  for (const key of segments) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/**
 * A deep copy of report data (plain objects, arrays and primitives, as JSON gives them): several
 * times faster than structuredClone, which the editor paid on every keystroke (decision 0440).
 */
export function copyData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(copyData) as T
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = copyData((value as Record<string, unknown>)[key])
  return out as T
}

/** Sets a value, creating the objects on the way. Mutates root. */
export function setAt(root: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = root
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i]
    const next = node[key]
    if (next === null || typeof next !== 'object') node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[segments[segments.length - 1]] = value
}

/**
 * The paths of many cells, read or written together (every cell of a format, say). The cells come
 * section by section and row by row, so a cell's objects on the way are mostly its predecessor's:
 * `shared[i]` says how many leading segments cell i shares with cell i − 1 (its value's key never
 * counts), and the walk starts there instead of at the root. A report's few hundred cells then
 * take about a third of the property reads, each a generic (megamorphic) lookup in V8.
 */
export interface PathWalk {
  segments: readonly (readonly string[])[]
  shared: Int32Array
}

const walks = new WeakMap<readonly (readonly string[])[], PathWalk>()

/** The walk of these paths (kept as long as the array is: pass the same array each time). */
export function pathWalk(segments: readonly (readonly string[])[]): PathWalk {
  let walk = walks.get(segments)
  if (!walk) {
    const shared = new Int32Array(segments.length)
    for (let i = 1; i < segments.length; i++) {
      const a = segments[i - 1]
      const b = segments[i]
      let k = 0
      while (k < a.length - 1 && k < b.length - 1 && a[k] === b[k]) k++
      shared[i] = k
    }
    walk = { segments, shared }
    walks.set(segments, walk)
  }
  return walk
}

/** getAt of every path of the walk, in its order, into `out`. */
export function valuesAt(root: unknown, { segments, shared }: PathWalk, out: unknown[]): unknown[] {
  // nodes[d]: what the current path reaches after d segments (nodes[0] is the root).
  const nodes: unknown[] = [root]
  for (let i = 0; i < segments.length; i++) {
    const path = segments[i]
    let node = nodes[shared[i]]
    for (let d = shared[i]; d < path.length; d++) {
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[path[d]] : undefined
      nodes[d + 1] = node
    }
    out[i] = node
  }
  return out
}

/**
 * setAt of every path of the walk whose value is not undefined (those are left as they are),
 * in its order. Mutates root.
 */
export function setValuesAt(root: Record<string, unknown>, { segments, shared }: PathWalk, values: unknown[]): void {
  // parents[d]: the object the current path reaches after d segments, made when missing.
  const parents: Record<string, unknown>[] = [root]
  // How many of parents are the current path's (the last path written may have stopped short).
  let valid = 1
  for (let i = 0; i < segments.length; i++) {
    const value = values[i]
    if (value === undefined) {
      valid = Math.min(valid, shared[i] + 1)
      continue
    }
    const path = segments[i]
    let d = Math.min(shared[i], valid - 1)
    let node = parents[d]
    for (; d < path.length - 1; d++) {
      const key = path[d]
      const next = node[key]
      if (next === null || typeof next !== 'object') node[key] = {}
      node = node[key] as Record<string, unknown>
      parents[d + 1] = node
    }
    node[path[path.length - 1]] = value
    valid = path.length
  }
}

/** Blank is not zero: null, undefined and whitespace-only text are blank; 0 is not. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

/** The number a stored value stands for, or NaN when it is not a number. */
export const numericValue: (value: unknown) => number = numberOf
