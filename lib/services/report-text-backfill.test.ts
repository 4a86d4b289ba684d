/**
 * Rows stored whole (before decision 0880) get their narratives moved apart in the background of
 * a server's start: the report reads back the same, byte for byte, its version and updatedAt
 * unchanged.
 */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { findReportRow } from '@/lib/data/report-table'
import { newDraft } from '@/test/services'
import { splitWholeReports } from './report-text-backfill'

/** A draft as a row written before decision 0880 holds it: the whole report in its content. */
async function wholeDraft() {
  const draft = await newDraft()
  await prisma.reportText.delete({ where: { reportId: draft.id } })
  await prisma.report.update({ where: { id: draft.id }, data: { content: JSON.stringify(draft.report) } })
  return draft
}

describe('splitWholeReports', () => {
  it('moves the narratives of rows stored whole apart; the report reads back the same', async () => {
    const a = await wholeDraft()
    const b = await wholeDraft()
    const before = await prisma.report.findUniqueOrThrow({ where: { id: a.id } })
    expect(await splitWholeReports({ batch: 1 })).toBeGreaterThanOrEqual(2)
    for (const draft of [a, b]) {
      const row = await prisma.report.findUniqueOrThrow({ where: { id: draft.id }, include: { text: true } })
      expect(row.text).not.toBeNull()
      expect(JSON.parse(row.content).sections.overview).toBeNull()
      const read = (await findReportRow(draft.id))!
      expect(read.split).toBe(true)
      expect(read.content).toBe(JSON.stringify(draft.report))
    }
    const after = await prisma.report.findUniqueOrThrow({ where: { id: a.id } })
    expect(after.version).toBe(before.version)
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString())
    // Nothing left to move.
    expect(await prisma.report.count({ where: { id: { in: [a.id, b.id] }, text: null } })).toBe(0)
  })

  it('stops at its limit', async () => {
    await wholeDraft()
    await wholeDraft()
    expect(await splitWholeReports({ batch: 5, limit: 1 })).toBe(1)
    await splitWholeReports()
  })
})
