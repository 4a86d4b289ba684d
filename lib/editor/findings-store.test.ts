import { describe, expect, it } from 'vitest'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { rawFixture } from '@/test/fixtures'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules, incrementalEvaluator } from '@/lib/rules/evaluate'
import { sectionStatuses } from './section-status'
import { cellFindings, FindingsStore } from './findings-store'

const blankRules = new Set(GOV_2021.rules.filter((r) => r.kind === 'filled').map((r) => r.id))

function evaluate(sections: Record<string, unknown>) {
  const results = evaluateRules(GOV_2021, { sections, agency: { type: 'government' } })
  return { results, statuses: sectionStatuses(GOV_2021, sections, results) }
}

/** A store on the fixture, with a listener on every cell of table 三 counting its calls. */
function watched() {
  const sections = structuredClone(rawFixture('zhangdian-gov-2021').sections) as Record<string, unknown>
  const first = evaluate(sections)
  const store = new FindingsStore(first.results, first.statuses, blankRules)
  const calls = new Map<string, number>()
  const applications = sections.applications as Record<string, Record<string, unknown>>
  for (const [row, columns] of Object.entries(applications)) {
    for (const column of Object.keys(columns)) {
      const path = `applications.${row}.${column}`
      store.subscribeCell(path, () => calls.set(path, (calls.get(path) ?? 0) + 1))
    }
  }
  let all = 0
  store.subscribe(() => all++)
  const change = (path: string, value: number) => {
    setAt(sections, path.split('.'), value)
    deriveTotals(GOV_2021, sections)
    const next = evaluate(sections)
    store.publish(next.results, next.statuses)
  }
  return { store, calls, sections, change, all: () => all }
}

describe('FindingsStore', () => {
  it('tells only the cells whose mark or message changed', () => {
    const { store, calls, sections, change, all } = watched()
    const path = 'applications.granted.natural'
    const before = getAt(sections, path.split('.')) as number
    expect(store.errorCount).toBe(0)

    change(path, before + 1)
    const marked = [...calls.keys()]
    // The balance of one column breaks: a handful of cells hear of it, not the table.
    expect(marked.length).toBeGreaterThan(0)
    expect(marked.length).toBeLessThan(10)
    for (const p of marked) expect(store.cell(p).mark).toBe('error')
    expect(marked.some((p) => /应为/.test(store.cell(p).message ?? ''))).toBe(true)
    expect(all()).toBe(1)
    expect(store.version).toBe(1)

    // A cell that no finding names keeps its very entry (its snapshot does not change).
    calls.clear()
    const unmarked = store.cell('applications.newReceived.commercial')
    change(path, before + 2)
    expect(store.cell('applications.newReceived.commercial')).toBe(unmarked)
    expect([...calls.keys()].every((p) => marked.includes(p))).toBe(true)

    // Put back: the marks go, and exactly the marked cells hear of it.
    calls.clear()
    change(path, before)
    for (const p of marked) expect(store.cell(p).mark).toBeNull()
    expect(new Set(calls.keys())).toEqual(new Set(marked))
    expect(store.errorCount).toBe(0)
  })

  it('keeps the statuses array while no section changes state', () => {
    const { store, change, sections } = watched()
    const statuses = store.statuses
    const path = 'applications.granted.natural'
    const value = getAt(sections, path.split('.')) as number
    change(path, value)
    expect(store.statuses).toBe(statuses)
    change(path, value + 1)
    expect(store.statuses).not.toBe(statuses)
    expect(store.statuses.find((s) => s.key === 'applications')?.state).toBe('hasErrors')
  })

  it("with the editor's evaluator (unchanged results kept), marks as a full rebuild would, telling only changed cells", () => {
    const sections = structuredClone(rawFixture('zhangdian-gov-2021').sections) as Record<string, unknown>
    const run = incrementalEvaluator(GOV_2021)
    const results = run({ sections, agency: { type: 'government' } })
    const store = new FindingsStore(results, sectionStatuses(GOV_2021, sections, results), blankRules)
    const calls = new Map<string, number>()
    const cells = Object.entries(sections.applications as Record<string, Record<string, unknown>>).flatMap(
      ([row, columns]) => Object.keys(columns).map((column) => `applications.${row}.${column}`),
    )
    for (const p of cells) store.subscribeCell(p, () => calls.set(p, (calls.get(p) ?? 0) + 1))
    const edits: [string, number][] = [
      ['applications.granted.natural', 5],
      ['applications.granted.commercial', 9],
      ['applications.granted.natural', 6],
      ['applications.newReceived.natural', 1],
    ]
    const originals = edits.map(([p]) => [p, getAt(sections, p.split('.')) as number] as [string, number])
    for (const [path, value] of [...edits, ...originals.reverse()]) {
      const before = new Map(cells.map((p) => [p, store.cell(p)]))
      setAt(sections, path.split('.'), value)
      deriveTotals(GOV_2021, sections)
      const next = run({ sections, agency: { type: 'government' } })
      calls.clear()
      store.publish(next, sectionStatuses(GOV_2021, sections, next))
      const full = cellFindings(next, blankRules)
      for (const p of cells) {
        const want = full.get(p) ?? { mark: null, message: undefined }
        expect(store.cell(p)).toEqual(want)
        const moved = before.get(p)?.mark !== want.mark || before.get(p)?.message !== want.message
        expect(calls.has(p)).toBe(moved)
      }
    }
  })
})
