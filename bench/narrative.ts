/**
 * The narrative checks of issue 14 on the largest real 2021 report:
 * - statements about the tables (lib/narrative/statements): reading every narrative and checking
 *   each statement against the cells (what a change of the text costs; goal ≤ 1 ms), and the
 *   checks alone (what a keystroke in a cell costs: the reading is cached per text);
 * - the leftovers and section checks, and the copied-text comparison with last year's report as
 *   its own figure (the editor runs them only when a narrative changes, after a pause; last
 *   year's index is built once).
 */
import { statSync } from 'node:fs'
import { previousTexts, statementFindings, textFindings } from '@/lib/narrative/findings'
import { comparable, compareNarratives, ParagraphIndex } from '@/lib/narrative/similarity'
import { narrativeTexts } from '@/lib/narrative/texts'
import { evaluateRules } from '@/lib/rules/evaluate'
import { fixture, fixturePath, fixturesOf } from '@/test/fixtures'
import { type BenchResult, measureMicros } from './lib'

export function run(): BenchResult[] {
  const [largest] = fixturesOf('2021').sort((a, b) => statSync(fixturePath(b)).size - statSync(fixturePath(a)).size)
  const { report, format } = fixture(largest)
  const lastYear = fixture('zhangdian-office-2022').report
  const overview = String(report.sections.overview ?? '')
  let n = 0
  // A different text each call: nothing is served from the per-text cache.
  const fresh = () => {
    n++
    return statementFindings(
      { ...report, sections: { ...report.sections, overview: `${overview}${n}` } },
      { format, previous: lastYear },
    )
  }
  // Last year's report for the copied-text check: this one with its numbers changed, so every
  // paragraph is compared in full.
  const previous = structuredClone(report)
  previous.year = report.year - 1
  previous.sections.overview = String(previous.sections.overview).replace(/\d/g, '1')
  const texts = narrativeTexts(format, report)
  const index = new ParagraphIndex(comparable(previousTexts(previous)))
  return [
    { name: 'narrative-statements-full-report', value: measureMicros(fresh), unit: 'µs' },
    {
      name: 'narrative-statements-cells-changed',
      value: measureMicros(() => statementFindings(report, { format, previous: lastYear })),
      unit: 'µs',
    },
    {
      name: 'narrative-leftovers-and-section-checks',
      value: measureMicros(() => textFindings(report, { format })),
      unit: 'µs',
    },
    {
      name: 'narrative-similarity-vs-last-year',
      value: measureMicros(() => compareNarratives(comparable(texts), index)),
      unit: 'µs',
    },
    {
      name: 'narrative-similarity-index-last-year',
      value: measureMicros(() => new ParagraphIndex(comparable(previousTexts(previous)))),
      unit: 'µs',
    },
    {
      // What a keystroke pays in the editor: the rules with the text findings already computed.
      name: 'rules-evaluate-narrative-deferred',
      value: measureMicros(() => evaluateRules(format, { ...report, narrative: [] })),
      unit: 'µs',
    },
  ]
}
