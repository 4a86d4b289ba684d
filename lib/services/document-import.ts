/**
 * One import flow for every kind of file (decision 0260): an upload becomes a batch of items
 * (rows, so any instance serves its progress); each item is read into an ImportResult and its
 * findings on the values as printed; the user looks at it side by side and then makes a draft,
 * keeps it as history, or closes it (audit only). A coordinator's batch reads many files (or a
 * .zip) and gives one table of agencies × findings.
 */
import { wholeContent } from '@/lib/report/content-split'
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import { can } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { readReportJson } from '@/lib/import/json'
import type { DocumentKind, ImportResult } from '@/lib/import/types'
import { IMPORT_LIMITS, ImportRefusal, importDocument } from '@/lib/import/index'
import { isZip, unzip, ZipError } from '@/lib/import/zip'
import { ReportInputError } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { evaluateRules } from '@/lib/rules/evaluate'
import { type Finding, failingCounts, findingValuesText, groupFindings } from '@/lib/rules/group-findings'
import { recordAudit } from './audit'
import { badRequest, notFound, ServiceError } from './errors'
import { importReport } from './report-import'
import { saveReport } from './report-save'

/** One document: the largest published report with images is a few MB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** Documents in one batch (a .zip counts its entries). */
export const MAX_BATCH_ITEMS = 200

/**
 * A claimed item still 'reading' after this long was abandoned (the instance stopped, or the
 * request died): the worker itself is ended at IMPORT_LIMITS.timeoutMs, a .doc's LibreOffice
 * conversion takes a few seconds more. It is shown as failed, with 重新读取 (its bytes are kept).
 */
export const READ_STALE_MS = IMPORT_LIMITS.timeoutMs * 4

/**
 * Batches are working material, not records (reports made from them are rows of their own, and
 * 关闭 leaves an audit event): a batch is deleted this many days after it was created.
 */
export const IMPORT_RETENTION_DAYS = 30

export const DOCUMENT_KINDS: Record<string, DocumentKind> = {
  json: 'json',
  xlsx: 'xlsx',
  html: 'html',
  htm: 'html',
  docx: 'docx',
  doc: 'doc',
  wps: 'doc',
  pdf: 'pdf',
  txt: 'txt',
}

/** What the upload field accepts (the zip is unpacked into these). */
export const ACCEPTED_EXTENSIONS = [...Object.keys(DOCUMENT_KINDS), 'zip'].map((e) => `.${e}`)

const extensionOf = (fileName: string) => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''

export function documentKind(fileName: string): DocumentKind | null {
  return DOCUMENT_KINDS[extensionOf(fileName)] ?? null
}

/** Reads one document of any kind; a file that cannot be read throws ServiceError (Chinese). */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const kind = documentKind(fileName)
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge(fileName, bytes.byteLength)
  try {
    switch (kind) {
      case 'json':
        return readReportJson(fileName, bytes)
      case 'xlsx': {
        // An .xlsx is a zip: its parts are bounded before the workbook reader inflates them.
        unzip(bytes)
        // Loaded when needed: the workbook library is large and most routes never read one.
        const xlsx = await import('@/lib/import/xlsx-read')
        try {
          return await xlsx.readXlsxDocument(bytes, fileName)
        } catch (e) {
          if (e instanceof xlsx.XlsxError) throw new ServiceError(422, 'unreadable', e.message)
          throw e
        }
      }
      case null:
        throw unknownType(fileName)
      default:
        // Portal pages, Word, PDF and text: read in a worker with size and time limits.
        return await importDocument({ bytes, fileName })
    }
  } catch (e) {
    if (e instanceof ReportInputError || e instanceof ImportRefusal)
      throw new ServiceError(422, 'unreadable', `“${fileName}”无法读取：${e.message}`)
    if (e instanceof ZipError) throw new ServiceError(422, 'unreadable', `“${fileName}”无法读取：${e.message}`)
    throw e
  }
}

const tooLarge = (fileName: string, bytes: number) =>
  new ServiceError(
    413,
    'too_large',
    `“${fileName}”有${(bytes / 1024 / 1024).toFixed(1)}MB，超过${MAX_DOCUMENT_BYTES / 1024 / 1024}MB，未读取。`,
  )

const unknownType = (fileName: string) =>
  new ServiceError(
    415,
    'unsupported_type',
    `“${fileName}”不是可以导入的文件类型。可导入：网页（.html）、Word（.docx）、PDF、文本（.txt）、年报 JSON、表格模板（.xlsx）或它们的 .zip 压缩包。`,
  )

/** The findings of the rules on the values as printed (stated totals and 小计 columns included). */
export function findingsOf(format: FormatDef, result: ImportResult): Finding[] {
  const results = evaluateRules(format, { ...result.report, previous: null })
  return groupFindings(format, results).filter((f) => f.status === 'fail')
}

export const findingText = (f: Finding) => {
  const values = findingValuesText(f)
  return values ? `${f.message}（${values}）` : f.message
}

// ————— batches —————

export type ImportPurpose = 'report' | 'history'

export interface ImportItemRow {
  id: string
  position: number
  fileName: string
  status: 'pending' | 'read' | 'failed' | 'saved' | 'closed'
  error: string | null
  agencyName: string | null
  year: number | null
  errorCount: number
  warningCount: number
  findings: string[]
  reportId: string | null
  /** Reading was abandoned (READ_STALE_MS): 重新读取 puts it back in the queue. */
  retry: boolean
}

export interface ImportBatchView {
  id: string
  agencyId: string | null
  purpose: ImportPurpose
  expected: number
  createdAt: string
  /** Items read (or failed) so far, of those received. */
  done: number
  items: ImportItemRow[]
}

async function ownBatch(actor: Actor, batchId: string) {
  const batch = await prisma.importBatch.findUnique({ where: { id: batchId } })
  if (!batch || batch.createdById !== actor.id) throw notFound('导入记录不存在或已被删除')
  return batch
}

/** A coordinator audits; drafts and history go only to an agency where the user is an officer. */
export async function createBatch(
  actor: Actor,
  input: { agencyId: string | null; purpose: ImportPurpose; expected: number },
): Promise<{ id: string }> {
  if (input.agencyId && !can(actor, 'report.import', input.agencyId)) {
    throw new ServiceError(403, 'forbidden', '您不是该机关的填报人，不能为它导入年报。')
  }
  if (!input.agencyId && !actor.memberships.some((m) => m.role === 'coordinator') && !actor.isAdmin) {
    throw new ServiceError(403, 'forbidden', '请选择导入到哪个机关。')
  }
  if (input.expected < 1 || input.expected > MAX_BATCH_ITEMS) {
    throw badRequest(`一次可导入1至${MAX_BATCH_ITEMS}个文件。`)
  }
  const batch = await prisma.importBatch.create({
    data: { createdById: actor.id, agencyId: input.agencyId, purpose: input.purpose, expected: input.expected },
  })
  await pruneImportBatches()
  return { id: batch.id }
}

/**
 * One uploaded file: stored as a pending item, or (a .zip) as one item per entry, GBK names
 * decoded. A file that cannot be taken at all (too big, unknown type, a broken zip) becomes a
 * failed item with the reason, so the batch table says what happened to every file.
 */
export async function addFile(actor: Actor, batchId: string, fileName: string, bytes: Uint8Array): Promise<number> {
  const batch = await ownBatch(actor, batchId)
  const entries: { fileName: string; bytes: Uint8Array | null; error: string | null }[] = []
  if (extensionOf(fileName) === 'zip' || (documentKind(fileName) === null && isZip(bytes))) {
    try {
      for (const entry of unzip(bytes)) {
        const name = entry.name.split('/').pop() || entry.name
        entries.push(checkedEntry(name, entry.bytes))
      }
      if (!entries.length) entries.push({ fileName, bytes: null, error: '压缩包内没有文件。' })
    } catch (e) {
      if (!(e instanceof ZipError)) throw e
      entries.push({ fileName, bytes: null, error: e.message })
    }
  } else {
    entries.push(checkedEntry(fileName, bytes))
  }
  const count = await prisma.importItem.count({ where: { batchId: batch.id } })
  if (count + entries.length > MAX_BATCH_ITEMS) throw badRequest(`一次最多导入${MAX_BATCH_ITEMS}个文件，请分批上传。`)
  await prisma.$transaction(
    entries.map((e, i) =>
      prisma.importItem.create({
        data: {
          batchId: batch.id,
          position: count + i,
          fileName: e.fileName,
          status: e.error ? 'failed' : 'pending',
          body: e.bytes ? Buffer.from(e.bytes) : null,
          error: e.error,
          readAt: e.error ? new Date() : null,
        },
      }),
    ),
  )
  // A zip announces one file and brings many: the batch expects what it actually holds.
  if (entries.length > 1) {
    await prisma.importBatch.update({ where: { id: batch.id }, data: { expected: { increment: entries.length - 1 } } })
  }
  return entries.length
}

function checkedEntry(fileName: string, bytes: Uint8Array) {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    return { fileName, bytes: null, error: tooLarge(fileName, bytes.byteLength).message }
  if (!documentKind(fileName)) return { fileName, bytes: null, error: unknownType(fileName).message }
  return { fileName, bytes, error: null }
}

/**
 * Reads the next pending item of the batch (one per call: each call is a bounded piece of work
 * any instance may do; the page calls until none is left). Two callers never read the same item:
 * the claim is a conditional update.
 */
export async function readNext(actor: Actor, batchId: string): Promise<ImportBatchView> {
  await ownBatch(actor, batchId)
  const next = await prisma.importItem.findFirst({
    where: { batchId, status: 'pending' },
    orderBy: { position: 'asc' },
  })
  if (next) {
    const claimed = await prisma.importItem.updateMany({
      where: { id: next.id, status: 'pending' },
      // While reading, readAt is when the claim was made (READ_STALE_MS); reading sets it again.
      data: { status: 'reading', readAt: new Date() },
    })
    if (claimed.count === 1)
      await readItem(next.id, next.fileName, next.body ? new Uint8Array(next.body) : new Uint8Array())
  }
  return batchView(actor, batchId)
}

async function readItem(id: string, fileName: string, bytes: Uint8Array) {
  try {
    const result = await readDocument(bytes, fileName)
    const format = formatFor(result.report.formatVersion)
    const findings = format ? findingsOf(format, result) : []
    const counts = failingCounts(findings)
    await prisma.importItem.update({
      where: { id },
      data: {
        status: 'read',
        body: null,
        result: JSON.stringify(result),
        agencyName: result.recognition.agencyName ?? result.report.agency.name ?? null,
        year: result.recognition.year ?? result.report.year,
        errorCount: counts.error,
        warningCount: counts.warning,
        findings: JSON.stringify(findings.map(findingText)),
        readAt: new Date(),
      },
    })
  } catch (e) {
    const message = e instanceof ServiceError ? e.message : `“${fileName}”读取失败，文件可能已损坏。`
    if (!(e instanceof ServiceError)) console.error('import read failed:', e)
    await prisma.importItem.update({
      where: { id },
      data: { status: 'failed', body: null, error: message, readAt: new Date() },
    })
  }
}

const parseList = (text: string | null): string[] => {
  if (!text) return []
  const v: unknown = JSON.parse(text)
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
}

export async function batchView(actor: Actor, batchId: string): Promise<ImportBatchView> {
  const batch = await ownBatch(actor, batchId)
  const items = await prisma.importItem.findMany({
    where: { batchId },
    orderBy: { position: 'asc' },
    select: {
      id: true,
      position: true,
      fileName: true,
      status: true,
      error: true,
      agencyName: true,
      year: true,
      errorCount: true,
      warningCount: true,
      findings: true,
      reportId: true,
      readAt: true,
    },
  })
  const staleBefore = Date.now() - READ_STALE_MS
  const stale = (i: { status: string; readAt: Date | null }) =>
    i.status === 'reading' && (i.readAt === null || i.readAt.getTime() < staleBefore)
  return {
    id: batch.id,
    agencyId: batch.agencyId,
    purpose: batch.purpose === 'history' ? 'history' : 'report',
    expected: batch.expected,
    createdAt: batch.createdAt.toISOString(),
    done: items.filter((i) => (i.status !== 'pending' && i.status !== 'reading') || stale(i)).length,
    items: items.map(({ readAt: _, ...i }) => ({
      ...i,
      // Being read shows as waiting; a claim abandoned past READ_STALE_MS as failed, to retry.
      status: (stale({ ...i, readAt: _ })
        ? 'failed'
        : i.status === 'reading'
          ? 'pending'
          : i.status === 'saving'
            ? 'read'
            : i.status) as ImportItemRow['status'],
      error: stale({ ...i, readAt: _ })
        ? `“${i.fileName}”读取中断（超过${Math.round(READ_STALE_MS / 1000)}秒未完成），可重新读取。`
        : i.error,
      retry: stale({ ...i, readAt: _ }),
      findings: parseList(i.findings),
    })),
  }
}

export interface ImportPreview {
  batch: { id: string; agencyId: string | null; purpose: ImportPurpose }
  item: ImportItemRow
  result: ImportResult
  findings: Finding[]
}

export async function itemPreview(actor: Actor, batchId: string, itemId: string): Promise<ImportPreview> {
  const view = await batchView(actor, batchId)
  const item = view.items.find((i) => i.id === itemId)
  if (!item) throw notFound('导入的文件不存在或已被删除')
  const row = await prisma.importItem.findUnique({ where: { id: itemId }, select: { result: true } })
  if (!row?.result) throw new ServiceError(409, 'not_read', item.error ?? '该文件尚未读取完毕，请稍候。')
  const result = JSON.parse(row.result) as ImportResult
  const format = formatFor(result.report.formatVersion)
  return {
    batch: { id: view.id, agencyId: view.agencyId, purpose: view.purpose },
    item,
    result,
    findings: format ? findingsOf(format, result) : [],
  }
}

export type ImportChoice = 'draft' | 'history' | 'close' | 'into' | 'retry'

/** Drafts of the batch's agency in the document's format whose tables the import may fill. */
export async function draftsToFill(
  actor: Actor,
  preview: ImportPreview,
): Promise<{ id: string; year: number; updatedAt: string }[]> {
  const agencyId = preview.batch.agencyId
  if (!agencyId || !can(actor, 'report.edit', agencyId)) return []
  const rows = await prisma.report.findMany({
    where: { agencyId, kind: 'report', status: 'draft', formatVersion: preview.result.report.formatVersion },
    orderBy: { year: 'desc' },
    select: { id: true, year: true, updatedAt: true },
    take: 20,
  })
  return rows.map((r) => ({ id: r.id, year: r.year, updatedAt: r.updatedAt.toISOString() }))
}

/**
 * Tables 二/三/四 of the document into an existing draft: every cell of the table sections and
 * their stated totals replaced, the narratives kept; saved as the officer's own save (version
 * checked, audit event, totals recomputed).
 */
async function fillDraftTables(actor: Actor, preview: ImportPreview, reportId: string): Promise<string[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, include: { text: true } })
  if (!row || !can(actor, 'report.edit', row.agencyId) || row.agencyId !== preview.batch.agencyId) {
    throw notFound()
  }
  if (row.formatVersion !== preview.result.report.formatVersion) {
    throw new ServiceError(
      422,
      'format_mismatch',
      `该文件是${preview.result.report.formatVersion}年格式，所选年报是${row.formatVersion}年格式，表格不能直接填入。`,
    )
  }
  const format = formatFor(row.formatVersion)
  if (!format) throw notFound()
  const stored = JSON.parse(wholeContent(row)) as ReportData
  const tableKeys = new Set(format.sections.filter((s) => s.kind === 'table').map((s) => s.key))
  const sections = { ...stored.sections }
  for (const key of tableKeys) sections[key] = structuredClone(preview.result.report.sections[key])
  const under = (path: string) => tableKeys.has(path.split('.')[0])
  const stated = {
    ...Object.fromEntries(Object.entries(stored.stated ?? {}).filter(([p]) => !under(p))),
    ...Object.fromEntries(Object.entries(preview.result.report.stated ?? {}).filter(([p]) => under(p))),
  }
  const origins = Object.fromEntries(Object.entries(stored.origins ?? {}).filter(([p]) => !under(p)))
  const saved = await saveReport(reportId, row.version, { ...stored, sections, stated, origins }, actor.id)
  return saved.notices ?? []
}

/**
 * What the user chose after the preview: a draft or history in the batch's agency (the values
 * as printed kept in report.stated, totals recomputed as on every import), or closing it: then
 * nothing is saved but an audit event that it was read.
 */
export async function decideItem(
  actor: Actor,
  batchId: string,
  itemId: string,
  choice: ImportChoice,
  intoReportId?: string,
  /** The year the officer names when the document's title gave none (a draft or history only). */
  namedYear?: number,
): Promise<{ reportId: string | null; notices: string[] }> {
  if (choice === 'retry') {
    await retryItem(actor, batchId, itemId)
    return { reportId: null, notices: [] }
  }
  const preview = await itemPreview(actor, batchId, itemId)
  if (preview.item.status !== 'read') {
    throw new ServiceError(
      409,
      'already_decided',
      preview.item.status === 'saved' ? '该文件已导入为年报。' : '该文件已关闭。',
    )
  }
  if (choice === 'close') {
    const closed = await prisma.importItem.updateMany({
      where: { id: itemId, status: 'read' },
      data: { status: 'closed' },
    })
    if (closed.count === 1) {
      await recordAudit({
        action: 'import.close',
        outcome: 'success',
        actor: { id: actor.id, name: actor.name },
        subject: preview.item.fileName.slice(0, 200),
        detail: `已核对${preview.item.agencyName ?? ''}${preview.item.year ?? ''}年度年报（错误${preview.item.errorCount}项、提示${preview.item.warningCount}项），未保存`,
      })
    }
    return { reportId: null, notices: [] }
  }
  if (choice === 'into') {
    if (!intoReportId) throw badRequest('请选择要填入表格的年报。')
    const claimed = await prisma.importItem.updateMany({
      where: { id: itemId, status: 'read' },
      data: { status: 'saving' },
    })
    if (claimed.count !== 1) throw new ServiceError(409, 'already_decided', '该文件正在导入或已处理。')
    try {
      const notices = await fillDraftTables(actor, preview, intoReportId)
      await prisma.importItem.update({ where: { id: itemId }, data: { status: 'saved', reportId: intoReportId } })
      return { reportId: intoReportId, notices }
    } catch (e) {
      await prisma.importItem.update({ where: { id: itemId }, data: { status: 'read' } })
      throw e
    }
  }
  const agencyId = preview.batch.agencyId
  if (!agencyId || !can(actor, 'report.import', agencyId)) {
    throw new ServiceError(403, 'forbidden', '只有机关的填报人可以把导入的年报保存为草稿或历史年报。')
  }
  const claimed = await prisma.importItem.updateMany({
    where: { id: itemId, status: 'read' },
    data: { status: 'saving' },
  })
  if (claimed.count !== 1) throw new ServiceError(409, 'already_decided', '该文件正在导入或已处理。')
  // A title that was not recognised leaves the agency and year blank: the batch names the agency,
  // the officer the year. A year the document states always wins.
  const read = structuredClone(preview.result.report)
  if (!read.year) read.year = namedYear as number
  const agency = read.agency?.name ? null : await prisma.agency.findUnique({ where: { id: agencyId } })
  if (agency) read.agency = { ...read.agency, name: agency.name, type: agency.type as 'government' | 'department' }
  if (!read.year) {
    await prisma.importItem.update({ where: { id: itemId }, data: { status: 'read' } })
    throw new ServiceError(422, 'invalid', '未能从文件标题中识别年度，请填写年报所属年度后再保存。', {
      year: '请填写年报所属年度（四位数字）。',
    })
  }
  try {
    const { report, notices } = await importReport(read, {
      agencyId,
      actor: actor.id,
      ...(choice === 'history' ? { kind: 'history' as const } : {}),
    })
    await prisma.importItem.update({ where: { id: itemId }, data: { status: 'saved', reportId: report.id } })
    return { reportId: report.id, notices }
  } catch (e) {
    await prisma.importItem.update({ where: { id: itemId }, data: { status: 'read' } })
    throw e
  }
}

/**
 * 重新读取: an item whose reading was abandoned goes back to pending (its bytes were kept), if it
 * is still abandoned: a reading that finished meanwhile, or another retry, wins.
 */
export async function retryItem(actor: Actor, batchId: string, itemId: string): Promise<ImportBatchView> {
  await ownBatch(actor, batchId)
  const retried = await prisma.importItem.updateMany({
    where: {
      id: itemId,
      batchId,
      status: 'reading',
      OR: [{ readAt: null }, { readAt: { lt: new Date(Date.now() - READ_STALE_MS) } }],
    },
    data: { status: 'pending', readAt: null },
  })
  if (retried.count !== 1)
    throw new ServiceError(409, 'not_stuck', '该文件不需要重新读取（可能已读取完毕），请刷新页面。')
  return batchView(actor, batchId)
}

/**
 * The retention rule (IMPORT_RETENTION_DAYS): batches created before the cut-off are deleted
 * with their items (bytes, results), with one audit event saying how many. Run when a batch
 * is created, so it needs no scheduler; returns how many were deleted.
 */
export async function pruneImportBatches(now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IMPORT_RETENTION_DAYS * 24 * 60 * 60 * 1000)
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.importBatch.deleteMany({ where: { createdAt: { lt: cutoff } } })
    if (count > 0) {
      await recordAudit(
        {
          action: 'import.prune',
          outcome: 'success',
          subject: `${count}`,
          detail: `删除${IMPORT_RETENTION_DAYS}天前的导入记录${count}批（已导入的年报不受影响）`,
        },
        tx,
      )
    }
    return count
  })
}

export const ITEM_STATUS_LABELS: Record<ImportItemRow['status'], string> = {
  pending: '等待读取',
  read: '已读取',
  failed: '无法读取',
  saved: '已导入',
  closed: '已核对（未保存）',
}

/** The batch table (one row per document: agency, year, findings) as an .xlsx download. */
export async function batchTableBytes(actor: Actor, batchId: string): Promise<Uint8Array> {
  const view = await batchView(actor, batchId)
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('核对结果')
  sheet.columns = [
    { header: '序号', width: 6 },
    { header: '机关', width: 28 },
    { header: '年度', width: 8 },
    { header: '文件', width: 30 },
    { header: '状态', width: 14 },
    { header: '错误', width: 8 },
    { header: '提示', width: 8 },
    { header: '发现的问题', width: 90 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const item of view.items) {
    const row = sheet.addRow([
      item.position + 1,
      item.agencyName ?? '',
      item.year ?? '',
      item.fileName,
      ITEM_STATUS_LABELS[item.status],
      item.errorCount,
      item.warningCount,
      item.error ?? item.findings.join('\n'),
    ])
    row.alignment = { vertical: 'top', wrapText: true }
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}
