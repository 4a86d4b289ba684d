import { describe, expect, it } from 'vitest'
import { dataRows, formatCells, leafColumns } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { APPLICATION_KEYS, APPLICATIONS_TOTAL_COLUMN, REVIEW_TOTAL_RESULT } from '@/lib/format/shared-parts'
import type { FormatDef, MatrixTableDef, SingleRowTableDef } from '@/lib/format/types'
import { getAt, setAt } from '@/lib/report/values'
import { fixture, fixturesOf } from '@/test/fixtures'
import { derivedCells, deriveTotals, deriveTotalsAfter, overflowingTotals } from './derive'
import { evaluateRules } from './evaluate'

const F21 = FORMATS['2021']

function tables(format: FormatDef) {
  const find = (kind: string) => format.sections.find((s) => s.kind === 'table' && s.table.kind === kind)!
  const m = find('matrix')
  const s = find('singleRow')
  const matrix = (m.kind === 'table' ? m.table : null) as MatrixTableDef
  const single = (s.kind === 'table' ? s.table : null) as SingleRowTableDef
  return { mKey: m.key, matrix, sKey: s.key, single }
}

const { mKey, matrix, sKey, single } = tables(F21)
const rows = dataRows(matrix.rows).map((r) => r.key)
const columns = leafColumns(matrix.columns).map((c) => c.key)
const T = APPLICATIONS_TOTAL_COLUMN
const at = (s: Record<string, unknown>, path: string) => getAt(s, path.split('.'))
const put = (s: Record<string, unknown>, path: string, v: unknown) => setAt(s, path.split('.'), v)

/** A fixture with every derived cell blanked, so deriveTotals must fill them from the addends. */
function blankedTotals(name: Parameters<typeof fixture>[0]) {
  const { report, format } = fixture(name)
  const derived = derivedCells(format)
  for (const path of derived) put(report.sections, path, null)
  return { sections: report.sections, original: fixture(name).report.sections, derived, format }
}

describe('derivedCells', () => {
  it('are the 总计 column, the （七）总计 row and each 复议/诉讼 总计', () => {
    const expected = new Set([
      ...rows.map((r) => `${mKey}.${r}.${T}`),
      ...columns.map((c) => `${mKey}.${APPLICATION_KEYS.resultsTotal}.${c}`),
      ...single.groups.map((g) => `${sKey}.${g.key}.${REVIEW_TOTAL_RESULT}`),
    ])
    expect(derivedCells(F21)).toEqual(expected)
    expect(expected.size).toBe(25 + 6 + 3)
  })
})

describe.each(fixturesOf('2021'))('deriveTotals on %s', (name) => {
  it('recomputes every blanked total to the value the report states', () => {
    const { sections, original, derived, format } = blankedTotals(name)
    const changed = deriveTotals(format, sections)
    expect(new Set(changed)).toEqual(derived)
    for (const path of derived) expect(at(sections, path), path).toBe(at(original, path))
    // A9 compares the fee facts, which the published fixtures leave blank: not applicable there.
    const failing = evaluateRules(format, { sections }).filter(
      (r) => r.severity === 'error' && r.status !== 'pass' && !(r.ruleId === 'A9' && r.status === 'na'),
    )
    expect(failing).toEqual([])
  })

  it('changes nothing on a report whose totals are right', () => {
    const { report, format } = fixture(name)
    expect(deriveTotals(format, report.sections)).toEqual([])
  })
})

describe('deriveTotals', () => {
  it('computes the 总计 column: 85 + 12 + 8 = 105 (张店区 2021)', () => {
    const { sections } = blankedTotals('zhangdian-gov-2021')
    deriveTotals(F21, sections)
    expect(at(sections, `${mKey}.${rows[0]}.${T}`)).toBe(105)
  })

  it('computes （七）总计 down each column and across', () => {
    const { sections } = blankedTotals('zhangdian-office-2022')
    deriveTotals(F21, sections)
    expect(at(sections, `${mKey}.${APPLICATION_KEYS.resultsTotal}.${columns[0]}`)).toBe(89)
    expect(at(sections, `${mKey}.${APPLICATION_KEYS.resultsTotal}.${T}`)).toBe(95)
  })

  it('computes each 复议/诉讼 总计 (张店区 2021: 8 and 13)', () => {
    const { sections } = blankedTotals('zhangdian-gov-2021')
    deriveTotals(F21, sections)
    expect(single.groups.map((g) => at(sections, `${sKey}.${g.key}.${REVIEW_TOTAL_RESULT}`))).toEqual([8, 13, 0])
  })

  it('follows an edit: one more 自然人 application raises the row total, （七）总计 and its 总计', () => {
    const { report } = fixture('zhangdian-gov-2021')
    const granted = rows[2]
    put(report.sections, `${mKey}.${granted}.${columns[0]}`, 42)
    const changed = deriveTotals(F21, report.sections)
    expect(new Set(changed)).toEqual(
      new Set([
        `${mKey}.${granted}.${T}`,
        `${mKey}.${APPLICATION_KEYS.resultsTotal}.${columns[0]}`,
        `${mKey}.${APPLICATION_KEYS.resultsTotal}.${T}`,
      ]),
    )
    expect(at(report.sections, `${mKey}.${APPLICATION_KEYS.resultsTotal}.${T}`)).toBe(106)
  })

  it('leaves a total blank while an addend is blank, and blanks a stale one', () => {
    const { report } = fixture('zhangdian-gov-2021')
    put(report.sections, `${mKey}.${rows[0]}.${columns[1]}`, null)
    const group = single.groups[0].key
    put(report.sections, `${sKey}.${group}.${single.results[0].key}`, null)
    const changed = deriveTotals(F21, report.sections)
    expect(at(report.sections, `${mKey}.${rows[0]}.${T}`)).toBeNull()
    expect(at(report.sections, `${sKey}.${group}.${REVIEW_TOTAL_RESULT}`)).toBeNull()
    expect(changed).toContain(`${mKey}.${rows[0]}.${T}`)
  })

  it('fills an empty report with blanks, never zeros', () => {
    const sections: Record<string, unknown> = {}
    for (const c of formatCells(F21)) put(sections, c.path, null)
    deriveTotals(F21, sections)
    for (const path of derivedCells(F21)) expect(at(sections, path)).toBeNull()
  })
})

describe('deriveTotalsAfter: only the totals the changed cells feed', () => {
  /** A small deterministic generator (the same edits on every run). */
  function random(seed: number) {
    let s = seed
    return () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0
      return s / 2 ** 32
    }
  }

  it('equals deriveTotals on derived content, after random edits of typed and derived cells', () => {
    for (const name of [...fixturesOf('2021'), ...fixturesOf('2019')]) {
      const { report, format } = fixture(name)
      const next = random(7)
      const cells = formatCells(format)
      const derived = derivedCells(format)
      const values = [0, 1, 5, 12, 250, 999999999, null, '', '3', '2.5', -1]
      let sections = structuredClone(report.sections) as Record<string, unknown>
      deriveTotals(format, sections)
      for (let round = 0; round < 300; round++) {
        const before = structuredClone(sections)
        const changed: string[] = []
        const count = 1 + Math.floor(next() * 3)
        for (let i = 0; i < count; i++) {
          // Mostly cells the officer types, sometimes a derived one (a client sending it anyway).
          const pool =
            next() < 0.9 ? cells.filter((c) => !derived.has(c.path)) : cells.filter((c) => derived.has(c.path))
          const cell = pool[Math.floor(next() * pool.length)]
          setAt(sections, cell.segments, values[Math.floor(next() * values.length)])
          changed.push(`sections.${cell.path}`)
        }
        const whole = structuredClone(sections)
        const expected = deriveTotals(format, whole)
        const got = deriveTotalsAfter(format, sections, changed)
        expect(got).toEqual(expected)
        expect(sections).toEqual(whole)
        const overflow = overflowingTotals(format, whole)
        expect(overflowingTotals(format, sections, changed)).toEqual(overflow)
        // A save whose totals overflow is refused: the content stays as it was.
        if (overflow.length) sections = before
      }
    }
  })
})
