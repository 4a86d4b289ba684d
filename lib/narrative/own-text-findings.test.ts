/**
 * A report's own text findings made apart (the command line's read pass, decision 0970) and the
 * comparisons added later give textFindings' results, in its order.
 */
import { describe, expect, it } from 'vitest'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { setAt } from '@/lib/report/values'
import { fixture } from '@/test/fixtures'
import { ownTextFindings, textFindings, withSimilarityFindings } from './findings'

const report = () => {
  const { report } = fixture('zhangdian-gov-2021')
  return { sections: report.sections as Record<string, unknown>, preamble: report.preamble, year: report.year }
}

describe('ownTextFindings + withSimilarityFindings', () => {
  it('equal textFindings, with and without last year', () => {
    const r = report()
    r.sections.overview = `${r.sections.overview as string}\nXX局于XX月XX日召开会议。`
    setAt(r.sections, ['applications', 'otherFeeUnpaid', 'total'], 2)
    const own = ownTextFindings(GOV_2021, r)
    expect(own.length).toBeGreaterThan(0)
    expect(withSimilarityFindings(own, r, { format: GOV_2021 })).toEqual(textFindings(r, { format: GOV_2021 }))

    const last = report()
    const previous = { formatVersion: '2021', year: (r.year ?? 2021) - 1, sections: last.sections, preamble: last.preamble }
    const context = { format: GOV_2021, previous }
    const whole = textFindings(r, context)
    expect(whole.some((f) => f.ruleId === 'L11' || f.ruleId === 'L10')).toBe(true)
    expect(withSimilarityFindings(own, r, context)).toEqual(whole)
  })
})
