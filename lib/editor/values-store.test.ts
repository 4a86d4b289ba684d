import { describe, expect, it } from 'vitest'
import { rawFixture } from '@/test/fixtures'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { ValuesStore } from './values-store'

/** The fixture's sections as the form holds them, and a store with a counting listener per cell of table 三. */
function watched() {
  const sections = structuredClone(rawFixture('zhangdian-gov-2021').sections) as Record<string, unknown>
  const store = new ValuesStore(() => sections)
  const calls = new Map<string, number>()
  const applications = sections.applications as Record<string, Record<string, unknown>>
  for (const [row, columns] of Object.entries(applications)) {
    for (const column of Object.keys(columns)) {
      const path = `applications.${row}.${column}`
      store.subscribe(path, () => calls.set(path, (calls.get(path) ?? 0) + 1))
    }
  }
  return { sections, store, calls }
}

describe('ValuesStore', () => {
  it('tells the changed cell and the totals it feeds, and no other cell', () => {
    const { sections, store, calls } = watched()
    const path = 'applications.granted.natural'
    const before = getAt(sections, path.split('.')) as number
    // As the editor's applyValues does: the leaf and the derived totals change in place.
    setAt(sections, path.split('.'), before + 1)
    const totals = deriveTotals(GOV_2021, sections).filter((p) => p.startsWith('applications.'))
    store.sync()
    expect(store.get(path)).toBe(before + 1)
    const told = [...calls.keys()].sort()
    expect(told).toContain(path)
    expect(told.length).toBeGreaterThan(1)
    for (const p of told) expect(p === path || totals.includes(p)).toBe(true)
    for (const n of calls.values()) expect(n).toBe(1)
  })

  it('tells nobody when nothing changed, and follows a replaced object (a reset)', () => {
    const { sections, store, calls } = watched()
    store.sync()
    expect(calls.size).toBe(0)
    const replaced = structuredClone(sections)
    setAt(replaced, ['applications', 'granted', 'commercial'], 999)
    store.sync(replaced)
    expect([...calls.keys()]).toEqual(['applications.granted.commercial'])
    expect(store.get('applications.granted.commercial')).toBe(999)
  })

  it('reads the form for a path nobody listens to, and forgets a path once unsubscribed', () => {
    const sections: Record<string, unknown> = { fees: { collected: 1 } }
    const store = new ValuesStore(() => sections)
    expect(store.get('fees.collected')).toBe(1)
    let told = 0
    const stop = store.subscribe('fees.collected', () => told++)
    setAt(sections, ['fees', 'collected'], 2)
    store.sync()
    expect(told).toBe(1)
    stop()
    setAt(sections, ['fees', 'collected'], 3)
    store.sync()
    expect(told).toBe(1)
    expect(store.get('fees.collected')).toBe(3)
  })

  it('with the changed paths, compares only those and tells only the ones that changed', () => {
    const { sections, store, calls } = watched()
    setAt(sections, ['applications', 'granted', 'natural'], 1234)
    setAt(sections, ['applications', 'granted', 'commercial'], 4321)
    // Only granted.natural is named: the other change is not looked at (O(changed)).
    store.sync(sections, ['applications.granted.natural', 'applications.granted.total', 'nobody.listens'])
    expect([...calls.keys()]).toEqual(['applications.granted.natural'])
    // A full sync afterwards finds the one not named.
    store.sync()
    expect([...calls.keys()].sort()).toEqual(['applications.granted.commercial', 'applications.granted.natural'])
  })
})
