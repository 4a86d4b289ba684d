/**
 * A report's narratives stored apart (docs/decisions/0840-narratives-apart.md): a save of cells
 * leaves them as stored, a save of a narrative writes them, a row not saved since holds them in
 * its content, and every reader gets the report whole, as one JSON text.
 */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { findReportRow } from '@/lib/data/report-table'
import { newDraft } from '@/test/services'
import { patchReport } from './report-patch'
import { getReport } from './report-read'
import { saveReport } from './report-save'

const NATURAL = 'sections.applications.newReceived.natural'
const OVERVIEW = 'sections.overview'

const stored = async (id: string) => {
  const row = await prisma.report.findUniqueOrThrow({ where: { id }, include: { text: true } })
  return { content: JSON.parse(row.content), texts: row.text ? JSON.parse(row.text.narratives) : null }
}

describe('narratives apart from the content', () => {
  it('a new report is stored in its two parts; a cell save leaves its texts alone', async () => {
    const draft = await newDraft()
    const created = await stored(draft.id)
    expect(created.texts).not.toBeNull()
    expect(created.content.sections.overview).toBeNull()
    const whole = (await findReportRow(draft.id))!
    expect(whole.split).toBe(true)
    expect(whole.content).toBe(JSON.stringify(draft.report))
    const narratives = (await prisma.reportText.findUniqueOrThrow({ where: { reportId: draft.id } })).narratives
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 7 }])
    expect((await prisma.reportText.findUniqueOrThrow({ where: { reportId: draft.id } })).narratives).toBe(narratives)
  })

  it('a row stored whole (before decision 0880) moves its texts apart at its first save', async () => {
    const draft = await newDraft()
    const before = JSON.stringify(draft.report)
    await prisma.report.update({ where: { id: draft.id }, data: { content: before } })
    await prisma.reportText.delete({ where: { reportId: draft.id } })
    expect((await stored(draft.id)).texts).toBeNull()
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 7 }])
    const after = await stored(draft.id)
    expect(after.texts).not.toBeNull()
    expect(after.content.sections.overview).toBeNull()
    expect(after.texts.overview).toBe(JSON.parse(before).sections.overview)
    const whole = JSON.parse((await findReportRow(draft.id))!.content)
    expect(whole.sections.overview).toBe(JSON.parse(before).sections.overview)
    expect(whole.sections.applications.newReceived.natural).toBe(7)
  })

  it('a save of cells leaves the stored texts alone; a save of a narrative writes them', async () => {
    const draft = await newDraft()
    await patchReport(draft.id, [
      { path: OVERVIEW, base: (await getReport(draft.id))!.report.sections.overview as string, value: '概述一' },
    ])
    // Mark the stored texts: a save of cells that wrote them would put them back.
    const row = await prisma.reportText.findUniqueOrThrow({ where: { reportId: draft.id } })
    const marked = JSON.stringify({ ...JSON.parse(row.narratives), overview: '标记' })
    await prisma.reportText.update({ where: { reportId: draft.id }, data: { narratives: marked } })
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 3 }])
    expect((await prisma.reportText.findUniqueOrThrow({ where: { reportId: draft.id } })).narratives).toBe(marked)
    expect((await getReport(draft.id))!.report.sections.overview).toBe('标记')
    // Back as written (this process may hold the report it wrote: save-memo.ts).
    await prisma.reportText.update({ where: { reportId: draft.id }, data: { narratives: row.narratives } })
    await patchReport(draft.id, [{ path: OVERVIEW, base: '概述一', value: '概述二' }])
    expect((await stored(draft.id)).texts.overview).toBe('概述二')
    expect((await getReport(draft.id))!.report.sections.overview).toBe('概述二')
  })

  it('the whole-report save writes both parts, and the report reads back byte for byte', async () => {
    const draft = await newDraft()
    const report = (await getReport(draft.id))!.report
    const changed = { ...report, sections: { ...report.sections, overview: '整份保存' } }
    await saveReport(draft.id, 1, changed)
    expect((await stored(draft.id)).texts.overview).toBe('整份保存')
    const row = (await findReportRow(draft.id))!
    expect(row.split).toBe(true)
    expect(row.content).toBe(JSON.stringify(JSON.parse(row.content)))
    expect(JSON.parse(row.content).sections.overview).toBe('整份保存')
  })

  it('goes with its report', async () => {
    const draft = await newDraft()
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 1 }])
    await prisma.report.delete({ where: { id: draft.id } })
    expect(await prisma.reportText.findUnique({ where: { reportId: draft.id } })).toBeNull()
  })
})
