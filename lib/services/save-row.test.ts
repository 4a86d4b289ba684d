import { describe, expect, it } from 'vitest'
import { testAgencyCode } from '@/test/agency-code'
import { prisma } from '@/lib/db'
import { wholeContent } from '@/lib/report/content-split'
import { findPreviousReportRows } from '@/lib/data/report-table'
import { agencyName, fixtureJson } from '@/test/services'
import { importReport } from './report-import'
import { patchReport, saveRow } from './report-patch'
import { PREVIOUS_KINDS, previousReportOf } from './report-previous'
import { forgetSaves, takeWritten, writtenTaken } from './save-memo'

const CELL = 'sections.reviewLitigation.review.upheld'

/** A seed report imported for a fresh agency and a given year (and kind). */
async function imported(name: string, year: number, kind?: 'report' | 'history' | 'rollup', agencyId?: string) {
  const raw = { ...fixtureJson('zhangdian-gov-2021.json'), year, agency: { name, type: 'government', level: 'county' } }
  return (await importReport(raw, agencyId ? { kind, agencyId } : { kind })).report
}

const upheld = async (id: string) =>
  JSON.parse((await prisma.report.findUniqueOrThrow({ where: { id } })).content).sections.reviewLitigation.review
    .upheld as number

/** The one the old path picks among last year's rows (findPreviousReportRows, then the rank). */
async function previousIdOf(id: string): Promise<string | null> {
  return (await previousReportOf(id))?.id ?? null
}

describe('saveRow: the autosave’s one read (decision 0600)', () => {
  it('leaves the content out only for the version this process holds, and the patch on it stores the same', async () => {
    forgetSaves()
    const report = await imported(agencyName(), 2023)
    const first = await saveRow(report.id)
    // Nothing held yet: the content comes, as stored (its two parts joined: decision 0840).
    expect(first?.content).toBe(
      wholeContent(await prisma.report.findUniqueOrThrow({ where: { id: report.id }, include: { text: true } })),
    )
    const start = await upheld(report.id)
    await patchReport(report.id, [{ path: CELL, base: start, value: start + 1 }], null, first!)
    const second = await saveRow(report.id)
    expect(second).toMatchObject({ id: report.id, version: report.version + 1, content: null })
    const taken = writtenTaken()
    const patched = await patchReport(report.id, [{ path: CELL, base: start + 1, value: start + 2 }], null, second!)
    expect(patched).toMatchObject({ applied: 1, version: report.version + 2 })
    expect(writtenTaken()).toBe(taken + 1)
    expect(await upheld(report.id)).toBe(start + 2)
  })

  it('reads the row whole when the held content was taken meanwhile (another request of the process)', async () => {
    forgetSaves()
    const report = await imported(agencyName(), 2023)
    const start = await upheld(report.id)
    await patchReport(report.id, [{ path: CELL, base: start, value: start + 1 }])
    const row = await saveRow(report.id)
    expect(row?.content).toBeNull()
    // Another request takes the held object first: this one must not save on nothing.
    expect(takeWritten(report.id, row!)?.current).toBe(true)
    const patched = await patchReport(report.id, [{ path: CELL, base: start + 1, value: start + 5 }], null, row!)
    expect(patched).toMatchObject({ applied: 1, conflicts: [] })
    expect(await upheld(report.id)).toBe(start + 5)
  })

  it('reads the row whole when the held version was written at another time (another process wrote it)', async () => {
    forgetSaves()
    const report = await imported(agencyName(), 2023)
    const start = await upheld(report.id)
    await patchReport(report.id, [{ path: CELL, base: start, value: start + 1 }])
    // The same version with another time and content: not what this process holds.
    const stored = await prisma.report.findUniqueOrThrow({ where: { id: report.id } })
    const other = JSON.parse(stored.content)
    other.sections.reviewLitigation.review.upheld = 40
    await prisma.report.update({
      where: { id: report.id },
      data: { content: JSON.stringify(other), updatedAt: new Date(stored.updatedAt.getTime() + 1000) },
    })
    const row = await saveRow(report.id)
    expect(row).toMatchObject({ version: stored.version, content: null })
    const patched = await patchReport(report.id, [{ path: CELL, base: 40, value: 41 }], null, row!)
    expect(patched).toMatchObject({ applied: 1, conflicts: [] })
    expect(await upheld(report.id)).toBe(41)
  })

  it('finds last year’s report as findPreviousReportRows and the rank do: own before predecessor, same kind before history', async () => {
    const oldName = agencyName('旧机关')
    const name = agencyName()
    const none = await imported(name, 2021)
    expect((await saveRow(none.id))?.previous).toBeNull()

    // The predecessor's report only.
    const predecessorReport = await imported(oldName, 2022)
    const old = await prisma.agency.findUniqueOrThrow({ where: { name: oldName } })
    const successor = await prisma.agency.create({
      data: { code: testAgencyCode(), name: agencyName('新机关'), type: 'government', predecessorId: old.id },
    })
    const now = await imported(name, 2023, undefined, successor.id)
    const viaPredecessor = await saveRow(now.id)
    expect(viaPredecessor?.previous).toMatchObject({ id: predecessorReport.id, agencyId: old.id })
    expect(viaPredecessor?.previous?.id).toBe(await previousIdOf(now.id))

    // Its own history beats the predecessor's report; its own report beats its own history.
    const history = await imported(name, 2022, 'history', successor.id)
    expect((await saveRow(now.id))?.previous?.id).toBe(history.id)
    expect(await previousIdOf(now.id)).toBe(history.id)
    const own = await imported(name, 2022, 'report', successor.id)
    const found = await saveRow(now.id)
    expect(found?.previous).toMatchObject({ id: own.id, version: own.version, agencyId: successor.id })
    expect(found?.previous?.id).toBe(await previousIdOf(now.id))
    const rows = await findPreviousReportRows(
      { agencyId: successor.id, year: 2023, kind: 'report', scope: 'self' },
      PREVIOUS_KINDS.report,
    )
    expect(rows.map((r) => r.id).sort()).toEqual([history.id, own.id, predecessorReport.id].sort())
    // Another kind (全区汇总) is not taken for the agency's own report.
    const rollup = await imported(agencyName(), 2023, 'rollup')
    expect((await saveRow(rollup.id))?.previous).toBeNull()
  })

  it('counts the cross-year findings on a save as the old path did (last year’s content read through the id)', async () => {
    const name = agencyName()
    await imported(name, 2022)
    const now = await imported(name, 2023)
    const start = await upheld(now.id)
    const row = await saveRow(now.id)
    expect(row?.previous).not.toBeNull()
    await patchReport(now.id, [{ path: CELL, base: start, value: start + 1 }], null, row!)
    const viaRow = await prisma.report.findUniqueOrThrow({ where: { id: now.id } })
    // The same save once more on the path without the row: the same counts.
    await patchReport(now.id, [{ path: CELL, base: start + 1, value: start }])
    await patchReport(now.id, [{ path: CELL, base: start, value: start + 1 }])
    const viaOld = await prisma.report.findUniqueOrThrow({ where: { id: now.id } })
    expect([viaRow.errorCount, viaRow.warningCount, viaRow.blankCount]).toEqual([
      viaOld.errorCount,
      viaOld.warningCount,
      viaOld.blankCount,
    ])
  })

  it('is null for a report that does not exist', async () => {
    expect(await saveRow('no-such-report')).toBeNull()
    expect(await saveRow('')).toBeNull()
  })
})
