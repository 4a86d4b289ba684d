/**
 * The text findings remembered per process (docs/decisions/0450-save-cpu.md): the same answers
 * as computing them, a new answer whenever anything they read changes, and results nobody can
 * change for the next caller.
 */
import { describe, expect, it } from 'vitest'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { setAt } from '@/lib/report/values'
import { fixture } from '@/test/fixtures'
import { rememberedTextFindings, textFindings } from './findings'
import { requiredTables } from './section-checks'

const report = () => {
  const { report } = fixture('zhangdian-gov-2021')
  return { sections: report.sections as Record<string, unknown>, preamble: report.preamble, year: report.year }
}
const ids = (results: readonly { ruleId: string }[]) => results.map((r) => r.ruleId)

describe('rememberedTextFindings', () => {
  it('answers as textFindings, and the second time with the very same results', () => {
    const r = report()
    const first = rememberedTextFindings(r, { format: GOV_2021 })
    expect(first).toEqual(textFindings(r, { format: GOV_2021 }))
    expect(first.length).toBeGreaterThan(0)
    // An equal report (another object, as every save parses its own) hits the memo.
    expect(rememberedTextFindings(report(), { format: GOV_2021 })).toBe(first)
  })

  it('a cell the text checks do not read leaves the findings; each thing they read changes them', () => {
    const base = rememberedTextFindings(report(), { format: GOV_2021 })
    const cell = report()
    setAt(cell.sections, ['reviewLitigation', 'review', 'upheld'], 99)
    expect(rememberedTextFindings(cell, { format: GOV_2021 })).toBe(base)

    // A narrative: a placeholder left in the text (L3).
    const text = report()
    const overview = text.sections.overview as string
    text.sections.overview = `${overview}\nXX局于XX月XX日召开会议。`
    const withText = rememberedTextFindings(text, { format: GOV_2021 })
    expect(withText).toEqual(textFindings(text, { format: GOV_2021 }))
    expect(withText).not.toEqual(base)

    // A fee cell (L9): 张店区 says it charged nothing; an unpaid fee notice contradicts it.
    const fee = report()
    setAt(fee.sections, ['applications', 'otherFeeUnpaid', 'total'], 2)
    const withFee = rememberedTextFindings(fee, { format: GOV_2021 })
    expect(ids(withFee)).toContain('L9')
    expect(ids(base)).not.toContain('L9')

    // A wholly blank table (L7).
    const blank = report()
    for (const p of requiredTables(GOV_2021)[0].cells) setAt(blank.sections, p.split('.'), null)
    const withBlank = rememberedTextFindings(blank, { format: GOV_2021 })
    expect(withBlank).toEqual(textFindings(blank, { format: GOV_2021 }))
    expect(withBlank.length).toBeGreaterThan(base.length)

    // The year (L4, L8).
    const year = report()
    year.year = (year.year ?? 2021) + 3
    expect(rememberedTextFindings(year, { format: GOV_2021 })).toEqual(textFindings(year, { format: GOV_2021 }))
  })

  it('last year’s narratives are part of the key (L10, L11)', () => {
    const r = report()
    const previous = {
      formatVersion: '2021',
      year: 2020,
      sections: structuredClone(r.sections),
      preamble: r.preamble ?? null,
    }
    const copied = rememberedTextFindings(r, { format: GOV_2021, previous })
    expect(copied).toEqual(textFindings(r, { format: GOV_2021, previous }))
    expect(ids(copied)).toContain('L11')
    const other = { ...previous, sections: { ...previous.sections, overview: '另一段完全不同的概述文字。' } }
    const fewer = rememberedTextFindings(r, { format: GOV_2021, previous: other })
    expect(fewer).toEqual(textFindings(r, { format: GOV_2021, previous: other }))
    expect(fewer).not.toEqual(copied)
  })

  it('the shared results cannot be changed by one caller for the next', () => {
    const results = rememberedTextFindings(report(), { format: GOV_2021 })
    expect(Object.isFrozen(results)).toBe(true)
    expect(() => {
      ;(results[0] as { status: string }).status = 'pass'
    }).toThrow(TypeError)
  })
})
