/** The rules engine on the largest real 2021 report: what every keystroke in the editor pays. */
import { statSync } from 'node:fs'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { fixture, fixturePath, fixturesOf } from '@/test/fixtures'
import { type BenchResult, measureMicros } from './lib'

export function run(): BenchResult[] {
  const [largest] = fixturesOf('2021').sort((a, b) => statSync(fixturePath(b)).size - statSync(fixturePath(a)).size)
  const { report, format } = fixture(largest)
  const sections = report.sections
  // With last year's report (another seed report standing in for it): the cross-year rules run too.
  const previous = fixture('zhangdian-office-2022').report
  const withPrevious = { ...report, previous }
  return [
    { name: 'rules-evaluate-full-report', value: measureMicros(() => evaluateRules(format, report)), unit: 'µs' },
    {
      name: 'rules-evaluate-full-report-with-previous',
      value: measureMicros(() => evaluateRules(format, withPrevious)),
      unit: 'µs',
    },
    { name: 'derive-totals-full-report', value: measureMicros(() => deriveTotals(format, sections)), unit: 'µs' },
  ]
}
