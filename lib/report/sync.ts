/**
 * A JSON value brought up to date in place (docs/decisions/0930-save-memo-synced-not-replaced.md).
 * A server process keeps, per report, the content it wrote last (lib/services/save-memo.ts). When
 * another process wrote the report since, the save parses the stored text: a new object graph of
 * the whole report (its 30 KB of narratives included) that the memo then keeps until the report's
 * next save, seconds later: long enough to survive two scavenges and be promoted, on about half the
 * saves of a two-worker server. Synced instead, the kept object takes the parsed one's values
 * where they differ and keeps its own objects and its own equal strings (already in the old
 * generation); the parsed graph dies young.
 */

type Node = Record<string, unknown>

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * `target` made equal to `source` (both parsed JSON), reusing what of `target` is equal: returns
 * `target` changed in place, or `source` (or a part of it) where their shapes differ (an array of
 * another length, other keys or the same keys in another order, another type). Either way the
 * result stringifies byte for byte as `source` does, and `source`'s values are not changed.
 */
export function syncInto<T>(target: unknown, source: T): T {
  return sync(target, source) as T
}

function sync(target: unknown, source: unknown): unknown {
  if (Object.is(target, source)) return target
  if (Array.isArray(source)) {
    if (!Array.isArray(target) || target.length !== source.length) return source
    for (let i = 0; i < source.length; i++) {
      const value = sync(target[i], source[i])
      if (!Object.is(value, target[i])) target[i] = value
    }
    return target
  }
  if (isNode(source)) {
    if (!isNode(target)) return source
    const keys = Object.keys(source)
    const own = Object.keys(target)
    if (keys.length !== own.length) return source
    for (let i = 0; i < keys.length; i++) if (keys[i] !== own[i]) return source
    for (const key of keys) {
      const value = sync(target[key], source[key])
      if (!Object.is(value, target[key])) target[key] = value
    }
    return target
  }
  return source
}
