import { describe, expect, it } from 'vitest'
import { formatFor } from '@/lib/format/index'
import { readReport, toInterchange } from '@/lib/report/interchange'
import { evaluateRules } from '@/lib/rules/evaluate'
import { newDraft, refused, withCell } from '@/test/services'
import { getReport } from './report-read'
import { saveReport } from './report-save'

const TOTAL = 'reviewLitigation.review.total'

describe('stated totals (report.stated)', () => {
  it('are saved beside the cells, kept by a save that leaves them out, removed by {}', async () => {
    const draft = await newDraft()
    let filled = draft.report
    for (const [result, v] of Object.entries({ upheld: 1, corrected: 0, otherResult: 0, pending: 0 })) {
      filled = withCell(filled, 'reviewLitigation', 'review', result, v)
    }
    const next = { ...filled, stated: { [TOTAL]: 0 } }
    await saveReport(draft.id, 1, next)
    let stored = (await getReport(draft.id))!.report
    expect(stored.stated).toEqual({ [TOTAL]: 0 })
    // The cell holds the computed total, never the printed one.
    expect((stored.sections.reviewLitigation as any).review.total).not.toBe(0)
    const format = formatFor(stored.formatVersion)!
    const finding = evaluateRules(format, stored).find((r) => r.ruleId === 'S1')!
    expect(finding.status).toBe('fail')
    expect(finding.stated).toEqual([TOTAL])

    const { stated: _dropped, ...without } = next
    await saveReport(draft.id, 2, withCell(without, 'reviewLitigation', 'review', 'corrected', 2))
    stored = (await getReport(draft.id))!.report
    expect(stored.stated).toEqual({ [TOTAL]: 0 })

    await saveReport(draft.id, 3, { ...stored, stated: {} })
    expect((await getReport(draft.id))!.report.stated).toBeUndefined()
  })

  it('refuses a stated value under a path that is not a computed total', async () => {
    const draft = await newDraft()
    const e = await refused(
      saveReport(draft.id, 1, { ...draft.report, stated: { 'reviewLitigation.review.upheld': 3 } }),
    )
    expect(e.status).toBe(422)
    expect(Object.values(e.fields ?? {})).toContain('写明的合计不对应表中任何合计')
  })

  it('travel in the interchange JSON', async () => {
    const draft = await newDraft()
    const text = toInterchange({ ...draft.report, stated: { [TOTAL]: 5 } })
    expect(readReport(JSON.parse(text)).report.stated).toEqual({ [TOTAL]: 5 })
  })
})
