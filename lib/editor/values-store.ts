/**
 * The values the table cells show, by path below `sections` (decision 0330). The values live in
 * react-hook-form; a cell subscribing there (`useWatch`) makes every `setValue` of a leaf it
 * matches clone the whole form and call all ~180 cells' subscriptions. The editor already runs
 * `publish()` after every change of the values (decision 0110), so that is where this store is
 * told: `sync` compares each subscribed path (or only the paths a change names, decision 0920)
 * with the form's values and tells only the listeners of the paths whose value changed. Plain TypeScript, read through
 * useSyncExternalStore (components/editor/editor-store.ts: `useCellValue`).
 */
import { getAt } from '@/lib/report/values'

interface Entry {
  segments: string[]
  value: unknown
  listeners: Set<() => void>
}

export class ValuesStore {
  private readonly entries = new Map<string, Entry>()

  /** `read` gives the form's current `sections` (react-hook-form's getValues('sections')). */
  constructor(private readonly read: () => Record<string, unknown> | undefined) {}

  /** The value at this path: as last synced while someone listens, else read from the form. */
  get(path: string): unknown {
    const entry = this.entries.get(path)
    return entry ? entry.value : getAt(this.read() ?? {}, path.split('.'))
  }

  subscribe(path: string, listener: () => void): () => void {
    let entry = this.entries.get(path)
    if (!entry) {
      const segments = path.split('.')
      entry = { segments, value: getAt(this.read() ?? {}, segments), listeners: new Set() }
      this.entries.set(path, entry)
    }
    const own = entry
    own.listeners.add(listener)
    return () => {
      own.listeners.delete(listener)
      if (own.listeners.size === 0 && this.entries.get(path) === own) this.entries.delete(path)
    }
  }

  /**
   * After a change of the values: the listeners of each path whose value changed are told. With
   * `paths` (the leaves the change set, e.g. applyValues' cells and the totals derived from them)
   * only those entries are compared, O(changed) instead of every subscribed path; without, all.
   */
  sync(sections: Record<string, unknown> | undefined = this.read(), paths?: Iterable<string>) {
    const changed: Entry[] = []
    const check = (entry: Entry) => {
      const value = getAt(sections ?? {}, entry.segments)
      if (!Object.is(value, entry.value)) {
        entry.value = value
        changed.push(entry)
      }
    }
    if (paths) {
      for (const path of paths) {
        const entry = this.entries.get(path)
        if (entry) check(entry)
      }
    } else {
      for (const entry of this.entries.values()) check(entry)
    }
    for (const entry of changed) for (const l of [...entry.listeners]) l()
  }
}
