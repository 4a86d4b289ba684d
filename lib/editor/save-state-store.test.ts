import { describe, expect, it } from 'vitest'
import { blockingOf, valueStore } from './save-state-store'

describe('valueStore', () => {
  it('notifies its listeners on a change, not on the same value, and not after unsubscribing', () => {
    const store = valueStore<{ kind: string }>({ kind: 'saved' })
    let calls = 0
    const stop = store.subscribe(() => calls++)
    const pending = { kind: 'pending' }
    store.set(pending)
    store.set(pending)
    expect(store.get()).toBe(pending)
    expect(calls).toBe(1)
    stop()
    store.set({ kind: 'saving' })
    expect(calls).toBe(1)
    expect(store.get()).toEqual({ kind: 'saving' })
  })
})

describe('blockingOf', () => {
  it('keeps conflict and invalid states only', () => {
    const conflict = { kind: 'conflict', message: 'x' }
    expect(blockingOf(conflict)).toBe(conflict)
    expect(blockingOf({ kind: 'invalid' })).toEqual({ kind: 'invalid' })
    for (const kind of ['saved', 'pending', 'saving', 'failed']) expect(blockingOf({ kind })).toBeNull()
  })
})
