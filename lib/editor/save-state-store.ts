/**
 * The save state as a small external store (decision 0890). The header's indicator subscribes
 * to it (useSyncExternalStore), so the first key after a save ("✓ 已保存" → "有未保存的修改")
 * and the save's own steps (保存中…, ✓ 已保存) render the indicator alone, not the whole editor.
 * The editor renders only for the states that change what it shows: `blocking` (a conflict
 * makes it read-only; refused fields land in the form's errors).
 */
export interface ValueStore<T> {
  get: () => T
  set: (next: T) => void
  subscribe: (listener: () => void) => () => void
}

export function valueStore<T>(initial: T): ValueStore<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set: (next) => {
      if (Object.is(next, value)) return
      value = next
      for (const listener of [...listeners]) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

/** The part of a save state the editor itself renders for: conflict and invalid, else null. */
export function blockingOf<S extends { kind: string }>(state: S): S | null {
  return state.kind === 'conflict' || state.kind === 'invalid' ? state : null
}
