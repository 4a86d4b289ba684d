/**
 * The bar for the balance rules: every real 2021 report passes every error rule, and changing any
 * single cell of tables 三 or 四 by one makes an error rule fail that names that cell.
 */
import { describe, expect, it } from 'vitest'
import { formatCells } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { getAt, setAt } from '@/lib/report/values'
import { FIXTURE_NAMES, fixture, fixturesOf } from '@/test/fixtures'
import { evaluateRules } from './evaluate'

/** Cells of the matrix (三) and single-row (四) tables, from the definition. */
function balancedCells(format: FormatDef) {
  const keys = format.sections
    .filter((s) => s.kind === 'table' && (s.table.kind === 'matrix' || s.table.kind === 'singleRow'))
    .map((s) => s.key)
  return formatCells(format).filter((c) => keys.includes(c.sectionKey))
}

describe.each(fixturesOf('2021'))('%s', (name) => {
  it('has no failing error rule', () => {
    const { report, format } = fixture(name)
    // A9 compares the fee facts, which the published fixtures leave blank: not applicable there.
    const errors = evaluateRules(format, report).filter(
      (r) => r.severity === 'error' && r.status !== 'pass' && !(r.ruleId === 'A9' && r.status === 'na'),
    )
    expect(errors).toEqual([])
  })

  const { format } = fixture(name)
  const cells = balancedCells(format)

  it('covers all 175 + 15 cells of tables 三 and 四', () => {
    expect(cells).toHaveLength(190)
  })

  it.each([1, -1])('changing any single cell of 三 or 四 by %i fails an error rule naming it', (delta) => {
    let tried = 0
    const missed: string[] = []
    for (const cell of cells) {
      const { report } = fixture(name)
      const value = getAt(report.sections, cell.segments) as number
      if (delta < 0 && value <= 0) continue
      setAt(report.sections, cell.segments, value + delta)
      tried++
      const caught = evaluateRules(format, report).some(
        (r) => r.severity === 'error' && r.status === 'fail' && r.cells.includes(cell.path),
      )
      if (!caught) missed.push(`${cell.path} ${delta > 0 ? '+' : ''}${delta}`)
    }
    expect(missed).toEqual([])
    // +1 applies to every cell; −1 only to the cells above zero (an all-zero report has none).
    if (delta > 0) expect(tried).toBe(cells.length)
  })
})

describe('the 2019 fixture', () => {
  const names = FIXTURE_NAMES.filter((n) => !fixturesOf('2021').includes(n))

  it.each(names)('%s has no failing error rule and every +1 in 三 or 四 is caught', (name) => {
    const { report, format } = fixture(name)
    expect(evaluateRules(format, report).filter((r) => r.severity === 'error' && r.status === 'fail')).toEqual([])
    for (const cell of balancedCells(format)) {
      const changed = fixture(name).report
      setAt(changed.sections, cell.segments, (getAt(changed.sections, cell.segments) as number) + 1)
      const caught = evaluateRules(format, changed).some(
        (r) => r.severity === 'error' && r.status === 'fail' && r.cells.includes(cell.path),
      )
      expect(caught, cell.path).toBe(true)
    }
  })
})
