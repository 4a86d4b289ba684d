import { describe, expect, it } from 'vitest'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'
import { rawFixture } from '@/test/fixtures'
import { valueChanges } from './apply-values'

/** The fixture's sections with every total held, as the form holds them after a change. */
function live() {
  const sections = structuredClone(rawFixture('zhangdian-gov-2021').sections) as Record<string, unknown>
  deriveTotals(GOV_2021, sections)
  return sections
}

/** Every count cell of table 三 that is not derived, as paths below `sections`. */
function typedCells(sections: Record<string, unknown>) {
  const derived = derivedCells(GOV_2021)
  const out: string[] = []
  for (const [row, columns] of Object.entries(sections.applications as Record<string, Record<string, unknown>>)) {
    for (const [column, v] of Object.entries(columns)) {
      const path = `applications.${row}.${column}`
      if (typeof v === 'number' && !derived.has(path)) out.push(path)
    }
  }
  return out
}

describe('valueChanges', () => {
  it('gives the same changes as the whole copy, for each cell of table 三, and leaves the form alone', () => {
    const sections = live()
    const frozen = JSON.stringify(sections)
    const cells = typedCells(sections)
    expect(cells.length).toBeGreaterThan(10)
    for (const path of cells) {
      for (const value of [(getAt(sections, path.split('.')) as number) + 7, null, 0]) {
        const values = { [path]: value }
        const fast = valueChanges(GOV_2021, sections, values, false)
        const whole = valueChanges(GOV_2021, sections, values, true)
        expect(fast).toEqual(whole)
        if (value !== getAt(sections, path.split('.'))) expect(fast.map(([p]) => p)).toContain(path)
      }
    }
    expect(JSON.stringify(sections)).toBe(frozen)
  })

  it('sets a cell and the totals it feeds, and nothing for an unchanged value', () => {
    const sections = live()
    const path = 'applications.granted.natural'
    const before = getAt(sections, path.split('.')) as number
    const changes = new Map(valueChanges(GOV_2021, sections, { [path]: before + 1 }, false))
    expect(changes.get(path)).toBe(before + 1)
    expect(changes.size).toBeGreaterThan(1)
    const after = structuredClone(sections)
    for (const [p, v] of changes) setAt(after, p.split('.'), v)
    expect(deriveTotals(GOV_2021, after)).toEqual([])
    expect(valueChanges(GOV_2021, sections, { [path]: before }, false)).toEqual([])
  })

  it('with every total, also corrects a stale total the change does not feed', () => {
    const sections = live()
    setAt(sections, ['applications', 'granted', 'total'], -1)
    const changes = new Map(valueChanges(GOV_2021, sections, { 'fees.collected': 0 }, true))
    expect(changes.has('applications.granted.total')).toBe(true)
  })
})
