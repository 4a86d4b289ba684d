import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { wholeContent } from '@/lib/report/content-split'
import { FORMATS } from '@/lib/format/index'
import { sheetLayouts } from '@/lib/import/xlsx-layout'
import { templateWorkbook } from '@/lib/import/xlsx-template'
import { getAt } from '@/lib/report/values'
import { fixtureJson, newDraft, refused } from '@/test/services'
import { GBK_NIANBAO, GBK_ZHANGDIANQU, gbkName, zipFile } from '@/test/zip-file'
import {
  addFile,
  batchTableBytes,
  batchView,
  createBatch,
  decideItem,
  IMPORT_RETENTION_DAYS,
  itemPreview,
  pruneImportBatches,
  READ_STALE_MS,
  readDocument,
  readNext,
  retryItem,
} from './document-import'
import { getReport } from './report-read'

const text = (s: string) => new TextEncoder().encode(s)

async function officerOfNewAgency(): Promise<Actor> {
  const draft = await newDraft()
  const { agencyId } = await prisma.report.findUniqueOrThrow({ where: { id: draft.id } })
  const id = `u-imp-${draft.id}`
  await prisma.user.create({ data: { id, name: '导入测试', email: `${id}@test.demo` } })
  return {
    id,
    name: '导入测试',
    email: `${id}@test.demo`,
    isAdmin: false,
    memberships: [{ agencyId, agencyName: '', role: 'officer', subtree: [agencyId] }],
  }
}

const agencyOf = (actor: Actor) => actor.memberships[0].agencyId

async function readAll(actor: Actor, batchId: string) {
  let view = await batchView(actor, batchId)
  while (view.items.some((i) => i.status === 'pending')) view = await readNext(actor, batchId)
  return view
}

describe('readDocument', () => {
  it('lists the unknown keys of a report JSON before anything is saved', async () => {
    const raw = fixtureJson('zhangdian-gov-2021.json')
    raw.sections.applications.newReceived.legalSubtotal = 3
    raw.sections.applications.newRecieved = { natural: 1 }
    raw.remark = 'x'
    const result = await readDocument(text(JSON.stringify(raw)), 'a.json')
    expect(result.recognition.unknownKeys).toEqual([
      'remark',
      'sections.applications.newReceived.legalSubtotal',
      'sections.applications.newRecieved',
    ])
    expect(result.recognition.notes.join('')).toMatch(/3个不属于年报格式的键/)
    expect(result.recognition.cells['applications.newReceived.natural']).toBe('recognised')
    expect(result.recognition.sections.overview).toBe('found')
  })

  it('refuses an unknown type, a too large file and malformed JSON in Chinese', async () => {
    expect((await refused(readDocument(text('x'), 'a.exe'))).message).toMatch(/不是可以导入的文件类型/)
    expect((await refused(readDocument(new Uint8Array(11 * 1024 * 1024), 'a.json'))).status).toBe(413)
    expect((await refused(readDocument(text('{"a":'), 'a.json'))).message).toMatch(/不是有效的 JSON/)
  })
})

describe('import batches', () => {
  it('reads a JSON, an .xlsx and a GBK-named zip, then makes a draft equal to the sheet, and closes one with nothing saved', async () => {
    const actor = await officerOfNewAgency()
    const { id } = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'report', expected: 3 })
    // An .xlsx filled from the template.
    const format = FORMATS['2021']
    const workbook = templateWorkbook(format, { agencyName: '表格测试局', agencyType: 'department', year: 2024 })
    const three = sheetLayouts(format).find((l) => l.name === '表三')
    const natural = three?.cells.find(
      (c) => c.cell.kind === 'value' && c.cell.path === 'applications.newReceived.natural',
    )
    if (!natural) throw new Error('layout')
    ;(workbook.getWorksheet('表三') as ExcelJS.Worksheet).getCell(natural.row, natural.col).value = 17
    const xlsx = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
    await addFile(actor, id, '表格.xlsx', xlsx)
    await addFile(actor, id, 'gov.json', text(JSON.stringify(fixtureJson('zhangdian-gov-2021.json'))))
    const zip = zipFile([
      {
        name: gbkName(GBK_ZHANGDIANQU, GBK_NIANBAO, '.json'),
        bytes: text(JSON.stringify(fixtureJson('zichuan-gov-2020.json'))),
      },
      { name: text('readme.exe'), bytes: text('MZ') },
    ])
    expect(await addFile(actor, id, 'batch.zip', zip)).toBe(2)
    const view = await readAll(actor, id)
    expect(view.expected).toBe(4)
    expect(view.done).toBe(4)
    expect(view.items.map((i) => [i.fileName, i.status])).toEqual([
      ['表格.xlsx', 'read'],
      ['gov.json', 'read'],
      ['张店区年报.json', 'read'],
      ['readme.exe', 'failed'],
    ])
    expect(view.items[1].agencyName).toBe('张店区人民政府')
    expect(view.items[3].error).toMatch(/不是可以导入的文件类型/)

    const preview = await itemPreview(actor, id, view.items[0].id)
    expect(preview.result.recognition.source.kind).toBe('xlsx')
    const { reportId } = await decideItem(actor, id, view.items[0].id, 'draft')
    const stored = await getReport(reportId ?? '')
    expect(stored?.status).toBe('draft')
    expect(getAt(stored?.report.sections, ['applications', 'newReceived', 'natural'])).toBe(17)
    expect((await prisma.report.findUniqueOrThrow({ where: { id: reportId ?? '' } })).agencyId).toBe(agencyOf(actor))
    expect((await refused(decideItem(actor, id, view.items[0].id, 'draft'))).status).toBe(409)

    const before = await prisma.report.count()
    await decideItem(actor, id, view.items[1].id, 'close')
    expect(await prisma.report.count()).toBe(before)
    const audit = await prisma.auditEvent.findFirst({ where: { action: 'import.close', actorId: actor.id } })
    expect(audit?.subject).toBe('gov.json')
    expect((await batchView(actor, id)).items[1].status).toBe('closed')

    const table = new ExcelJS.Workbook()
    await table.xlsx.load(Buffer.from(await batchTableBytes(actor, id)) as unknown as ArrayBuffer)
    const sheet = table.getWorksheet('核对结果') as ExcelJS.Worksheet
    expect(sheet.rowCount).toBe(5)
    expect(sheet.getCell('B3').value).toBe('张店区人民政府')
    expect(sheet.getCell('E2').value).toBe('已导入')
  })

  it('keeps a batch to its creator, and drafts to an officer of the agency', async () => {
    const actor = await officerOfNewAgency()
    const other = await officerOfNewAgency()
    const { id } = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'history', expected: 1 })
    expect((await refused(batchView(other, id))).status).toBe(404)
    expect(
      (await refused(createBatch(actor, { agencyId: agencyOf(other), purpose: 'report', expected: 1 }))).status,
    ).toBe(403)
    // Without an agency, only a coordinator may read a batch (to audit).
    expect((await refused(createBatch(actor, { agencyId: null, purpose: 'report', expected: 1 }))).status).toBe(403)
    await addFile(actor, id, 'h.json', text(JSON.stringify(fixtureJson('zhangdian-gov-2021.json'))))
    const view = await readAll(actor, id)
    const { reportId } = await decideItem(actor, id, view.items[0].id, 'history')
    const stored = await prisma.report.findUniqueOrThrow({ where: { id: reportId ?? '' } })
    expect(stored.kind).toBe('history')
  })

  it('fills an existing draft’s tables 二/三/四 from a sheet, keeping its narratives', async () => {
    const actor = await officerOfNewAgency()
    const agencyId = agencyOf(actor)
    const target = await prisma.report.findFirstOrThrow({ where: { agencyId }, include: { text: true } })
    const before = JSON.parse(wholeContent(target))
    const format = FORMATS['2021']
    const workbook = templateWorkbook(format, { agencyName: '某局', year: 2023 })
    const four = sheetLayouts(format).find((l) => l.name === '表四')
    const first = four?.cells.find((c) => c.cell.kind === 'value' && !c.cell.derived)
    if (first?.cell.kind !== 'value') throw new Error('layout')
    ;(workbook.getWorksheet('表四') as ExcelJS.Worksheet).getCell(first.row, first.col).value = 4
    const { id } = await createBatch(actor, { agencyId, purpose: 'report', expected: 1 })
    await addFile(actor, id, 't.xlsx', new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer))
    const view = await readAll(actor, id)
    const preview = await itemPreview(actor, id, view.items[0].id)
    const { draftsToFill } = await import('./document-import')
    expect((await draftsToFill(actor, preview)).map((d) => d.id)).toContain(target.id)
    const other = await officerOfNewAgency()
    const foreign = await prisma.report.findFirstOrThrow({ where: { agencyId: agencyOf(other) } })
    expect((await refused(decideItem(actor, id, view.items[0].id, 'into', foreign.id))).status).toBe(404)
    const { reportId } = await decideItem(actor, id, view.items[0].id, 'into', target.id)
    expect(reportId).toBe(target.id)
    const after = await getReport(target.id)
    expect(getAt(after?.report.sections, first.cell.path.split('.'))).toBe(4)
    expect(after?.report.sections.overview).toEqual(before.sections.overview)
    expect(after?.version).toBe(target.version + 1)
  })
})

describe('last year’s report from a published document (issue 13)', () => {
  it('a published Word document kept as history is the report the next year’s checks and prefill read', async () => {
    const { previousReportFor } = await import('./report-previous')
    const actor = await officerOfNewAgency()
    const agencyId = agencyOf(actor)
    const { id } = await createBatch(actor, { agencyId, purpose: 'history', expected: 1 })
    const bytes = readFileSync('test/published-docx/pingtan-xzspj-2024.docx')
    await addFile(actor, id, 'xzspj-2024.docx', new Uint8Array(bytes))
    const view = await readAll(actor, id)
    const { reportId } = await decideItem(actor, id, view.items[0].id, 'history')
    const stored = await getReport(reportId ?? '')
    expect(stored?.report.year).toBe(2024)
    const previous = await previousReportFor({ agencyId, year: 2025, kind: 'report', scope: 'self' })
    expect(previous).toMatchObject({ id: reportId, kind: 'history', year: 2024, formatVersion: '2021' })
    // What the 2025 report's 上年结转 and X1 read: the document's 结转下年度继续办理, as printed.
    const carried = getAt(stored?.report.sections, ['applications', 'carriedForward'])
    expect(getAt(previous?.sections, ['applications', 'carriedForward'])).toEqual(carried)
    expect(carried).toEqual(expect.objectContaining({ total: expect.any(Number) }))
  })
})

describe('published documents through the batch', () => {
  const published = (file: string) => new Uint8Array(readFileSync(path.join(__dirname, '..', '..', 'test', file)))

  it('a PDF becomes a draft and a Word file becomes history, values as printed', async () => {
    const actor = await officerOfNewAgency()
    const { id } = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'report', expected: 2 })
    await addFile(actor, id, 'huaian-2024.pdf', published('published/huaian-2024.pdf'))
    await addFile(actor, id, 'xzspj.docx', published('published-docx/pingtan-xzspj-2024.docx'))
    const view = await readAll(actor, id)
    expect(view.items.map((i) => [i.status, i.agencyName, i.year])).toEqual([
      ['read', '淮安市人民政府', 2024],
      ['read', '平潭综合实验区行政审批局', 2024],
    ])
    const draft = await decideItem(actor, id, view.items[0].id, 'draft')
    const stored = await getReport(draft.reportId ?? '')
    expect(stored?.kind).toBe('report')
    expect(getAt(stored?.report.sections, ['applications', 'newReceived', 'natural'])).toBe(3001)
    const history = await decideItem(actor, id, view.items[1].id, 'history')
    const kept = await getReport(history.reportId ?? '')
    expect(kept?.kind).toBe('history')
    expect(kept?.report.stated?.['reviewLitigation.review.total']).toBe(0)
  })

  it('a document without a recognised title is kept as history once the officer names the year', async () => {
    const actor = await officerOfNewAgency()
    const { id } = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'history', expected: 1 })
    // A portal page's text pasted from its first heading on: no title, so neither agency nor year.
    await addFile(actor, id, 'body.txt', published('published/shuyang-fgj-2023-body.txt'))
    const view = await readAll(actor, id)
    expect(view.items[0].status).toBe('read')
    expect(view.items[0].year || null).toBeNull()
    const unnamed = await refused(decideItem(actor, id, view.items[0].id, 'history'))
    expect(unnamed).toMatchObject({ status: 422, fields: { year: expect.stringContaining('年度') } })
    // Nothing was decided: the item can still be saved.
    const { reportId } = await decideItem(actor, id, view.items[0].id, 'history', undefined, 2024)
    const kept = await getReport(reportId ?? '')
    expect(kept).toMatchObject({ kind: 'history' })
    expect(kept?.report.year).toBe(2024)
    const agency = await prisma.agency.findUniqueOrThrow({ where: { id: agencyOf(actor) } })
    expect(kept?.report.agency.name).toBe(agency.name)
    expect(getAt(kept?.report.sections, ['applications', 'newReceived', 'natural'])).toBe(26)
  })
})

describe('abandoned readings and old batches', () => {
  it('shows a reading abandoned past the limit as failed with 重新读取, which reads it again', async () => {
    const actor = await officerOfNewAgency()
    const { id } = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'report', expected: 1 })
    await addFile(actor, id, 'gov.json', text(JSON.stringify(fixtureJson('zhangdian-gov-2021.json'))))
    const item = await prisma.importItem.findFirstOrThrow({ where: { batchId: id } })
    // An instance claimed it and stopped: within the limit it is still being read…
    await prisma.importItem.update({ where: { id: item.id }, data: { status: 'reading', readAt: new Date() } })
    let view = await batchView(actor, id)
    expect(view.items[0]).toMatchObject({ status: 'pending', retry: false })
    expect(view.done).toBe(0)
    expect((await refused(retryItem(actor, id, item.id))).status).toBe(409)
    // …past it, it is failed, counted as done, and may be read again.
    const old = new Date(Date.now() - READ_STALE_MS - 1000)
    await prisma.importItem.update({ where: { id: item.id }, data: { readAt: old } })
    view = await batchView(actor, id)
    expect(view.items[0]).toMatchObject({ status: 'failed', retry: true })
    expect(view.items[0].error).toMatch(/读取中断/)
    expect(view.done).toBe(1)
    await decideItem(actor, id, item.id, 'retry')
    view = await readAll(actor, id)
    expect(view.items[0]).toMatchObject({ status: 'read', retry: false, agencyName: '张店区人民政府' })
    expect((await refused(decideItem(actor, id, item.id, 'retry'))).status).toBe(409)
  })

  it('deletes batches past the retention days, keeping reports made from them, with an audit event', async () => {
    const actor = await officerOfNewAgency()
    const { id } = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'report', expected: 1 })
    await addFile(actor, id, 'gov.json', text(JSON.stringify(fixtureJson('zhangdian-gov-2021.json'))))
    const view = await readAll(actor, id)
    const { reportId } = await decideItem(actor, id, view.items[0].id, 'draft')
    const recent = await createBatch(actor, { agencyId: agencyOf(actor), purpose: 'report', expected: 1 })
    const now = new Date()
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000)
    await prisma.importBatch.update({ where: { id }, data: { createdAt: daysAgo(IMPORT_RETENTION_DAYS + 1) } })
    await prisma.importBatch.update({
      where: { id: recent.id },
      data: { createdAt: daysAgo(IMPORT_RETENTION_DAYS - 1) },
    })
    expect(await pruneImportBatches(now)).toBe(1)
    expect(await prisma.importBatch.findUnique({ where: { id } })).toBeNull()
    expect(await prisma.importItem.count({ where: { batchId: id } })).toBe(0)
    expect(await prisma.importBatch.findUnique({ where: { id: recent.id } })).not.toBeNull()
    expect(await getReport(reportId ?? '')).not.toBeNull()
    const audit = await prisma.auditEvent.findFirst({ where: { action: 'import.prune' }, orderBy: { at: 'desc' } })
    expect(audit?.subject).toBe('1')
    expect(await pruneImportBatches(now)).toBe(0)
  })
})
