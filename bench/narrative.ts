/**
 * The narrative statement checks (lib/narrative/findings.ts) on the largest real report: reading
 * every narrative and checking each statement against the cells (what a change of the text costs),
 * and checking the statements alone (what a keystroke in a cell costs: the reading is cached per
 * text). The goal is ≤ 1 ms for the first (issue 14).
 */
import { statSync } from 'node:fs'
import { narrativeFindings } from '@/lib/narrative/findings'
import { fixture, fixturePath, fixturesOf } from '@/test/fixtures'
import { type BenchResult, measureMicros } from './lib'

export function run(): BenchResult[] {
  const [largest] = fixturesOf('2021').sort((a, b) => statSync(fixturePath(b)).size - statSync(fixturePath(a)).size)
  const { report, format } = fixture(largest)
  const previous = fixture('zhangdian-office-2022').report
  const overview = String(report.sections.overview ?? '')
  let n = 0
  // A different text each call: nothing is served from the per-text cache.
  const fresh = () => {
    n++
    return narrativeFindings(
      { ...report, sections: { ...report.sections, overview: `${overview}${n}` } },
      { format, previous },
    )
  }
  return [
    { name: 'narrative-statements-full-report', value: measureMicros(fresh), unit: 'µs' },
    {
      name: 'narrative-statements-cells-changed',
      value: measureMicros(() => narrativeFindings(report, { format, previous })),
      unit: 'µs',
    },
  ]
}
