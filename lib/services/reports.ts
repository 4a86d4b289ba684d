/**
 * Reports as stored: the only way the app and the API read or change them. Plain async
 * functions (no Next imports) so tests call them against a real database.
 *
 * Concurrency: `version` is the version of the content. It changes only when the content
 * changes; a save, and marking complete, carry the version the officer started from and are
 * refused (409 conflict) when it is no longer the stored one. Every change and its audit event
 * are written in one transaction.
 */
import 'server-only'
import { randomUUID } from 'node:crypto'
import { countsFor, countsOfContent, type ReportCounts } from './report-counts'
import {
  buildDocument,
  chineseDate,
  contentDisposition,
  type DocumentKind,
  type DocumentRequest,
  safeFileName,
} from '@/lib/export/document-export'
import { z } from 'zod'
import { cellByPath } from '@/lib/format/cells'
import { FORMATS, formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { type Completeness, checkCompleteness } from '@/lib/report/completeness'
import { emptyReport, parseReportText, ReportInputError, readReport, toInterchange } from '@/lib/report/interchange'
import { agencySchema, issuesByPath, type ReportData, reportSchema, yearSchema } from '@/lib/report/schema'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { DB_PROVIDER, prisma } from '@/lib/db'
import { asDate, asNullableString, asNumber, sql, sqlList, type SqlRunner, sqlRows, sqlTransaction } from '@/lib/sql'
import { Prisma } from '@/generated/prisma/client'
import { editRefusal, isEditable, type ReportState, transitionById } from '@/lib/workflow/workflow'

export type ReportStatus = ReportState
export type ReportEventKind = 'create' | 'import' | 'save' | 'complete' | 'reopen'

export class ServiceError extends Error {
  constructor(
    /** HTTP status the API answers with. */
    readonly status: number,
    /** Stable machine code (not_found, conflict, invalid, incomplete, duplicate, …). */
    readonly code: string,
    /** For the officer, in Chinese. */
    message: string,
    /** Problems keyed by full field path (sections.applications.newReceived.natural). */
    readonly fields?: Record<string, string>,
    /** More for the client: currentVersion on a conflict, completeness when incomplete. */
    readonly details?: { currentVersion?: number; completeness?: Completeness },
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

export interface StoredReport {
  id: string
  version: number
  status: ReportStatus
  /** ISO 8601 */
  updatedAt: string
  report: ReportData
}

export interface ReportSummary {
  id: string
  agencyName: string
  agencyType: string
  agencyLevel: string | null
  year: number
  formatVersion: string
  status: ReportStatus
  version: number
  /** ISO 8601 */
  updatedAt: string
  /** Failing error rules. */
  errorCount: number
  /** Failing warnings (blank cells not counted: see blankCount). */
  warningCount: number
  /** Blank cells and narratives. */
  blankCount: number
}

export interface SaveResult {
  version: number
  /** ISO 8601 */
  updatedAt: string
  status: ReportStatus
}

export interface CreateReportInput {
  formatVersion: string
  year: number
  /** The agency, by id (the app: from the officer's membership) … */
  agencyId?: string
  /** … or by name, found or created (demo data, tests). */
  agency?: { name: string; type: string; level?: string | null }
}

/** Which agencies' reports a list shows ('all' for administrators). */
export type AgencyFilter = 'all' | readonly string[]

type ReportRow = {
  id: string
  version: number
  status: string
  updatedAt: Date
  content: string
  formatVersion: string
}

/** Ids of rows written with plain SQL (Prisma's own are cuids; both are opaque strings). */
const eventId = () => `e${randomUUID().replaceAll('-', '')}`

const notFound = () => new ServiceError(404, 'not_found', '年报不存在或已被删除')

const conflict = (currentVersion: number) =>
  new ServiceError(
    409,
    'conflict',
    '这份年报已在其他标签页或由其他人修改并保存，您这次的修改未保存。请先复制需要保留的内容，再重新加载页面，在最新版本上继续填写。',
    undefined,
    { currentVersion },
  )

function toStored(row: ReportRow): StoredReport {
  return {
    id: row.id,
    version: row.version,
    status: row.status as ReportStatus,
    updatedAt: row.updatedAt.toISOString(),
    report: JSON.parse(row.content) as ReportData,
  }
}

function formatOf(version: string): FormatDef {
  const format = formatFor(version)
  if (!format) throw new ServiceError(500, 'unknown_format', `不支持的格式版本“${version}”`)
  return format
}

/** The stored row (plain SQL: this runs on every autosave). */
async function findRow(id: string): Promise<ReportRow | null> {
  if (typeof id !== 'string' || id === '') return null
  const [row] = await sqlRows(
    sql`SELECT "id", "version", "status", "updatedAt", "content", "formatVersion" FROM "Report" WHERE "id" = ${id}`,
  )
  if (!row) return null
  return {
    id: String(row.id),
    version: asNumber(row.version),
    status: String(row.status),
    updatedAt: asDate(row.updatedAt),
    content: String(row.content),
    formatVersion: String(row.formatVersion),
  }
}

async function loadRow(id: string): Promise<ReportRow> {
  const row = await findRow(id)
  if (!row) throw notFound()
  return row
}

function requireVersion(baseVersion: unknown): number {
  if (typeof baseVersion !== 'number' || !Number.isInteger(baseVersion) || baseVersion < 1) {
    throw new ServiceError(400, 'bad_request', '请求缺少有效的版本号 baseVersion，请刷新页面后重试')
  }
  return baseVersion
}

/** A page of a list: `limit` rows after the first `offset` (all rows without a limit). */
export interface ListWindow {
  limit?: number
  offset?: number
}

const agencyCondition = (agencies: AgencyFilter) =>
  agencies === 'all' ? sql`` : sql`WHERE r."agencyId" IN ${sqlList(agencies)}`

/** How many reports a list of these agencies holds. */
export async function countReports(agencies: AgencyFilter = 'all'): Promise<number> {
  if (agencies !== 'all' && agencies.length === 0) return 0
  const [row] = await sqlRows(sql`SELECT COUNT(*) AS "n" FROM "Report" r ${agencyCondition(agencies)}`)
  return asNumber(row.n)
}

/**
 * Newest year first, then most recently changed, with the counts of the same evaluator the
 * editor runs (stored with the content).
 */
export async function listReports(agencies: AgencyFilter = 'all', window: ListWindow = {}): Promise<ReportSummary[]> {
  if (agencies !== 'all' && agencies.length === 0) return []
  const page =
    window.limit === undefined
      ? sql``
      : sql`LIMIT ${Math.max(0, Math.floor(window.limit))} OFFSET ${Math.max(0, Math.floor(window.offset ?? 0))}`
  const rows = await sqlRows(
    sql`SELECT r."id", r."agencyId", r."year", r."formatVersion", r."status", r."version", r."updatedAt",
      r."errorCount", r."warningCount", r."blankCount", a."name" AS "agencyName", a."type" AS "agencyType",
      a."level" AS "agencyLevel"
    FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" ${agencyCondition(agencies)}
    ORDER BY r."year" DESC, r."updatedAt" DESC, r."id" ${page}`,
  )
  const listed = rows.map((row) => ({
    id: String(row.id),
    version: asNumber(row.version),
    errorCount: row.errorCount === null ? null : asNumber(row.errorCount),
    warningCount: row.warningCount === null ? null : asNumber(row.warningCount),
    blankCount: row.blankCount === null ? null : asNumber(row.blankCount),
    row,
  }))
  const counts = await countsFor(listed)
  return listed.map(({ id, version, row }) => ({
    id,
    agencyName: String(row.agencyName),
    agencyType: String(row.agencyType),
    agencyLevel: asNullableString(row.agencyLevel),
    year: asNumber(row.year),
    formatVersion: String(row.formatVersion),
    status: row.status as ReportStatus,
    version,
    updatedAt: asDate(row.updatedAt).toISOString(),
    ...(counts.get(id) as ReportCounts),
  }))
}

/**
 * The agency a report belongs to, for access checks; null when there is no such report.
 * A report's agency never changes, so each instance remembers it: every request on a report
 * asks this before anything else. A report that is gone is not remembered, and the next step
 * (reading it) finds it gone anyway.
 */
const agencyOfReport = new Map<string, string>()
const MAX_REMEMBERED_AGENCIES = 50_000

export async function reportAgencyId(id: string): Promise<string | null> {
  if (typeof id !== 'string' || id === '') return null
  const known = agencyOfReport.get(id)
  if (known) return known
  const [row] = await sqlRows(sql`SELECT "agencyId" FROM "Report" WHERE "id" = ${id}`)
  if (!row) return null
  if (agencyOfReport.size >= MAX_REMEMBERED_AGENCIES) agencyOfReport.clear()
  agencyOfReport.set(id, String(row.agencyId))
  return String(row.agencyId)
}

export async function getReport(id: string): Promise<StoredReport | null> {
  const row = await findRow(id)
  return row ? toStored(row) : null
}

const createInputSchema = z.object({
  formatVersion: z.enum(Object.keys(FORMATS) as [string, ...string[]], {
    error: '请选择表式：2021（国办公开办函〔2021〕30号）或 2019（国办公开办函〔2019〕60号）',
  }),
  year: yearSchema(),
  agency: agencySchema(),
})

const createForAgencySchema = createInputSchema.omit({ agency: true }).extend({ agencyId: z.string().min(1) })

/** The identity an agency's reports carry, from the stored agency. */
function identityOf(agency: { name: string; type: string; level: string | null }): ReportData['agency'] {
  return {
    name: agency.name,
    type: agency.type as ReportData['agency']['type'],
    ...(agency.level ? { level: agency.level as NonNullable<ReportData['agency']['level']> } : {}),
  }
}

const noAgency = () => new ServiceError(422, 'invalid', '所选机关不存在，请刷新页面后重试', { agencyId: '机关不存在' })

function invalid(error: z.ZodError, message = '填写的内容有误，请按提示修改后再保存'): ServiceError {
  return new ServiceError(422, 'invalid', message, issuesByPath(error))
}

/**
 * Creates the report row, finding or creating its agency, with its first audit event, in one
 * transaction. The unique (agency, year) index is the final word when two requests race.
 */
async function insertReport(
  report: ReportData,
  kind: 'create' | 'import',
  summary: unknown,
  actor: string | null,
  agencyId?: string,
): Promise<StoredReport> {
  const { name, type, level } = report.agency
  const duplicate = () =>
    new ServiceError(409, 'duplicate', `${name}${report.year}年度的年报已存在，请在年报列表中打开已有的年报继续填写。`)
  try {
    return await prisma.$transaction(async (tx) => {
      let agency = agencyId
        ? await tx.agency.findUnique({ where: { id: agencyId } })
        : await tx.agency.findUnique({ where: { name } })
      if (agencyId && !agency) throw noAgency()
      if (agency && agency.type !== type) {
        throw new ServiceError(
          409,
          'agency_type_mismatch',
          `机关“${name}”已登记为${agency.type === 'government' ? '人民政府' : '政府部门'}，与所选的机关类型不一致，请核对。`,
          { 'agency.type': '与已登记的机关类型不一致' },
        )
      }
      if (!agency) agency = await tx.agency.create({ data: { name, type, level: level ?? null } })
      else if (!agency.level && level) agency = await tx.agency.update({ where: { id: agency.id }, data: { level } })
      const exists = await tx.report.findUnique({
        where: { agencyId_year: { agencyId: agency.id, year: report.year } },
      })
      if (exists) throw duplicate()
      const row = await tx.report.create({
        data: {
          agencyId: agency.id,
          year: report.year,
          formatVersion: report.formatVersion,
          status: 'draft',
          version: 1,
          content: JSON.stringify(report),
          ...countsOfContent(report.formatVersion, report),
        },
      })
      await tx.reportEvent.create({
        data: { reportId: row.id, kind, version: row.version, summary: JSON.stringify(summary), actor },
      })
      return toStored(row)
    })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw duplicate()
    throw e
  }
}

export async function createReport(input: CreateReportInput, actor: string | null = null): Promise<StoredReport> {
  if (input && typeof input === 'object' && 'agencyId' in input) {
    const parsed = createForAgencySchema.safeParse(input)
    if (!parsed.success) throw invalid(parsed.error, '新建年报的信息有误，请按提示修改')
    const { formatVersion, year, agencyId } = parsed.data
    const agency = await prisma.agency.findUnique({ where: { id: agencyId } })
    if (!agency) throw noAgency()
    const report = emptyReport(formatOf(formatVersion), year, identityOf(agency))
    return insertReport(report, 'create', {}, actor, agency.id)
  }
  const parsed = createInputSchema.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '新建年报的信息有误，请按提示修改')
  const { formatVersion, year, agency } = parsed.data
  const report = emptyReport(formatOf(formatVersion), year, {
    name: agency.name,
    type: agency.type,
    ...(agency.level ? { level: agency.level } : {}),
  })
  return insertReport(report, 'create', {}, actor)
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

function leaves(node: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) leaves(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (node !== undefined) out.set(prefix, node)
  return out
}

/** Full paths of the leaves (cells, narratives, explanations) that differ between a and b. */
export function changedPaths(a: unknown, b: unknown): string[] {
  const before = leaves(a, '', new Map())
  const after = leaves(b, '', new Map())
  const changed: string[] = []
  for (const [path, value] of after) if (before.get(path) !== value || !before.has(path)) changed.push(path)
  for (const path of before.keys()) if (!after.has(path)) changed.push(path)
  return changed
}

/** What a save may change: sections and explanations; the identity comes from the stored record. */
function contentOf(data: Record<string, unknown>, stored: ReportData) {
  return {
    formatVersion: stored.formatVersion,
    year: stored.year,
    agency: stored.agency,
    sections: data.sections,
    // A client that does not send explanations keeps the stored ones; {} clears them.
    ...(data.explanations !== undefined
      ? { explanations: data.explanations }
      : stored.explanations
        ? { explanations: stored.explanations }
        : {}),
  }
}

export async function saveReport(
  id: string,
  baseVersion: number,
  data: unknown,
  actor: string | null = null,
): Promise<SaveResult> {
  const base = requireVersion(baseVersion)
  const row = await loadRow(id)
  const stored = JSON.parse(row.content) as ReportData
  const format = formatOf(row.formatVersion)
  if (!isObject(data)) throw new ServiceError(400, 'bad_request', '保存的内容不是年报数据，请刷新页面后重试')
  // Submitted, approved and published reports are not the officer's to change (the workflow says).
  if (!isEditable(row.status)) throw new ServiceError(409, 'not_editable', editRefusal(row.status))

  const parsed = reportSchema(format, 'draft').safeParse(contentOf(data, stored))
  if (!parsed.success) throw invalid(parsed.error)
  const next = parsed.data
  if (next.explanations) {
    // Keep only explanations with text, so clearing one is a change and "" is never stored.
    next.explanations = Object.fromEntries(Object.entries(next.explanations).filter(([, v]) => v.trim() !== ''))
    if (Object.keys(next.explanations).length === 0) delete next.explanations
  }
  deriveTotals(format, next.sections)

  const changed = changedPaths(stored, next)
  const current = { version: row.version, updatedAt: row.updatedAt.toISOString(), status: row.status as ReportStatus }
  // Nothing changed: nothing to lose and nothing to record, whatever tab it came from.
  if (changed.length === 0) return current
  if (row.version !== base) throw conflict(row.version)

  // A change undoes the officer's own 标记为完成; a returned report stays returned until resubmitted.
  const reopened = row.status === 'complete'
  const status = (reopened ? 'draft' : row.status) as ReportStatus
  const counts = countsOfContent(row.formatVersion, next)
  const content = JSON.stringify(next)
  const summary = JSON.stringify({ changed, ...(reopened ? { reopened: true } : {}) })
  const savedAt = new Date()
  const event = { id: eventId(), version: base + 1, summary, actor }
  const saved = { version: base + 1, updatedAt: savedAt.toISOString(), status }
  const update = sql`UPDATE "Report" SET "content" = ${content}, "version" = ${base + 1}, "status" = ${status},
    "updatedAt" = ${savedAt}, "errorCount" = ${counts.errorCount}, "warningCount" = ${counts.warningCount},
    "blankCount" = ${counts.blankCount}
    WHERE "id" = ${id} AND "version" = ${base} AND "status" = ${row.status}`
  const insertEvent = sql`INSERT INTO "ReportEvent" ("id", "reportId", "kind", "version", "summary", "actor", "createdAt")`
  // Plain SQL (lib/sql.ts): this is the hot path of the product. The state is part of the
  // condition: a submission that lands first makes this save a conflict.
  if (DB_PROVIDER === 'postgresql') {
    // One statement, one round trip: the update and its audit event land together or not at all.
    const inserted = await sqlRows(
      sql`WITH "saved" AS (${update} RETURNING "id") ${insertEvent}
      SELECT ${event.id}, "id", 'save', ${event.version}, ${event.summary}, ${event.actor}, ${savedAt} FROM "saved"
      RETURNING "id"`,
    )
    if (inserted.length === 0) throw await conflictNow(id)
    return saved
  }
  return sqlTransaction(async (tx) => {
    // Inside the transaction, through it: on SQLite a second statement outside would wait for it.
    if ((await tx.execute(update)) === 0) throw await conflictNow(id, tx)
    await tx.execute(
      sql`${insertEvent} VALUES (${event.id}, ${id}, 'save', ${event.version}, ${event.summary}, ${event.actor}, ${savedAt})`,
    )
    return saved
  })
}

/** The refusal for a save that matched no row: a conflict with the version now stored, or gone. */
async function conflictNow(id: string, tx?: SqlRunner): Promise<ServiceError> {
  const select = sql`SELECT "version" FROM "Report" WHERE "id" = ${id}`
  const [now] = tx ? await tx.rows(select) : await sqlRows(select)
  return now ? conflict(asNumber(now.version)) : notFound()
}

/** Marks the stored content complete; refused with the completeness object when it is not. */
export async function markComplete(id: string, baseVersion: number, actor: string | null = null): Promise<SaveResult> {
  const base = requireVersion(baseVersion)
  const row = await loadRow(id)
  if (row.version !== base) throw conflict(row.version)
  const current = { version: row.version, updatedAt: row.updatedAt.toISOString(), status: row.status as ReportStatus }
  if (row.status === 'complete') return current
  if (!transitionById('complete')?.from.includes(row.status as ReportState)) {
    throw new ServiceError(409, 'invalid_state', editRefusal(row.status))
  }

  const completeness = checkCompleteness(formatOf(row.formatVersion), JSON.parse(row.content) as ReportData)
  if (!completeness.complete) {
    const parts = [
      completeness.blank.length ? `${completeness.blank.length}处未填写` : '',
      completeness.errors.length ? `${completeness.errors.length}项校验错误` : '',
      completeness.unexplained.length ? `${completeness.unexplained.length}项提示未说明原因` : '',
      Object.keys(completeness.invalid).length && !completeness.blank.length ? '部分数据格式有误' : '',
    ].filter(Boolean)
    throw new ServiceError(
      422,
      'incomplete',
      `年报尚未填写完整，不能标记为已完成：${parts.join('，')}。请按提示逐项处理后再试。`,
      Object.keys(completeness.invalid).length ? completeness.invalid : undefined,
      { completeness },
    )
  }
  return setStatus(id, base, 'complete', 'complete', {}, actor)
}

/** Back to draft (the content stays as it is). */
export async function reopen(id: string, actor: string | null = null): Promise<SaveResult> {
  const row = await loadRow(id)
  if (row.status === 'draft') {
    return { version: row.version, updatedAt: row.updatedAt.toISOString(), status: 'draft' }
  }
  if (row.status !== 'complete') throw new ServiceError(409, 'invalid_state', editRefusal(row.status))
  return setStatus(id, row.version, 'draft', 'reopen', {}, actor)
}

async function setStatus(
  id: string,
  base: number,
  status: ReportStatus,
  kind: ReportEventKind,
  summary: unknown,
  actor: string | null,
): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.report.updateMany({ where: { id, version: base }, data: { status } })
    if (count === 0) {
      const now = await tx.report.findUnique({ where: { id }, select: { version: true } })
      if (!now) throw notFound()
      throw conflict(now.version)
    }
    await tx.reportEvent.create({
      data: { reportId: id, kind, version: base, summary: JSON.stringify(summary), actor },
    })
    const saved = await tx.report.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })
    return { version: base, updatedAt: saved.updatedAt.toISOString(), status }
  })
}

/** Human name of a cell for notices: 表三 row and column labels. */
function cellLabel(format: FormatDef, path: string): string {
  return cellByPath(format, path)?.label ?? path
}

/**
 * Imports a report file (its text, or the parsed JSON). Totals are recomputed from their
 * addends, and the officer is told about every stated total that differed.
 */
export interface ImportOptions {
  /** Import into this agency whatever the file names (the app: the officer's agency). */
  agencyId?: string
  actor?: string | null
}

export async function importReport(
  raw: unknown,
  options: ImportOptions = {},
): Promise<{ report: StoredReport; notices: string[] }> {
  let read: ReturnType<typeof readReport>
  try {
    read = readReport(typeof raw === 'string' ? parseReportText(raw) : raw)
  } catch (e) {
    if (e instanceof ReportInputError) throw new ServiceError(400, 'bad_input', e.message)
    throw e
  }
  const { format, notices } = read
  const strayRule = format.rules.find((d) => d.kind === 'structure' && d.check === 'noGroupRowValues')
  const stray = evaluateRules(format, read.report).find((r) => r.ruleId === strayRule?.id && r.status === 'fail')
  const parsed = reportSchema(format, 'draft').safeParse(read.report)
  if (!parsed.success) throw invalid(parsed.error, '文件中有数据不符合要求，未导入。请按提示修改文件后重新导入')
  const report = parsed.data
  if (stray?.cells.length && typeof stray.actual === 'string') {
    notices.push(`文件在分组行下填有数据（${stray.actual}），这些数据没有对应的单元格，未导入。`)
  }

  const stated = structuredClone(report.sections)
  const recomputed = deriveTotals(format, report.sections)
  const differed = recomputed.filter((p) => {
    const segments = p.split('.')
    const before = segments.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), stated)
    return before !== null && before !== undefined
  })
  if (differed.length) {
    const shown = differed.slice(0, 10).map((p) => {
      const segments = p.split('.')
      const before = segments.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), stated)
      const after = segments.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), report.sections)
      return `${cellLabel(format, p)}（原为${before}，${after === null ? '因分项未填写已清空' : `按分项之和计为${after}`}）`
    })
    notices.push(
      `文件中有${differed.length}个合计数与分项之和不一致，已按分项重新计算：${shown.join('；')}${differed.length > 10 ? '等' : ''}。请核对。`,
    )
  }
  if (options.agencyId) {
    const agency = await prisma.agency.findUnique({ where: { id: options.agencyId } })
    if (!agency) throw noAgency()
    if (agency.name !== report.agency.name || agency.type !== report.agency.type) {
      notices.unshift(`文件中的机关为“${report.agency.name}”，已导入为“${agency.name}”的年报。`)
    }
    report.agency = identityOf(agency)
  }
  const stored = await insertReport(
    report,
    'import',
    { notices, recomputed: differed },
    options.actor ?? null,
    options.agencyId,
  )
  return { report: stored, notices }
}

export async function exportReport(
  id: string,
): Promise<{ filename: string; contentDisposition: string; json: string }> {
  const row = await loadRow(id)
  const report = JSON.parse(row.content) as ReportData
  const filename = safeFileName(`${report.agency.name}-${report.year}.json`)
  return {
    filename,
    contentDisposition: contentDisposition(filename, `report-${report.year}.json`),
    json: toInterchange(report),
  }
}

/** Which content a document is built from: see exportDocument. */
export type DocumentSource = 'auto' | 'working' | number

/**
 * The published document of a report. By default the latest frozen version (approved or
 * published) is built from its snapshot, without the 草稿 mark and stamped with its approval
 * time, so every download of it is the same bytes whatever happens to the working row. Without a
 * frozen version the working copy is built with the 草稿 mark, so a draft can never pass for the
 * finished report. `source`: 'working' always the working copy (marked), a number that version.
 */
export async function exportDocument(
  id: string,
  kind: DocumentKind,
  request: Partial<DocumentRequest> = {},
  source: DocumentSource = 'auto',
) {
  const row = await loadRow(id)
  const date = request.signatureDate ? chineseDate(request.signatureDate) : null
  if (request.signatureDate && !date) throw new ServiceError(400, 'bad_request', '落款日期无效，应为 年-月-日')
  const frozen =
    source === 'working'
      ? null
      : typeof source === 'number'
        ? await prisma.reportVersion.findUnique({ where: { reportId_number: { reportId: id, number: source } } })
        : await prisma.reportVersion.findFirst({ where: { reportId: id }, orderBy: { number: 'desc' } })
  if (typeof source === 'number' && !frozen) throw new ServiceError(404, 'not_found', `第${source}版不存在`)
  const report = JSON.parse(frozen ? frozen.content : row.content) as ReportData
  const draft = !frozen
  const built = await buildDocument(report, kind, {
    fontMode: request.fontMode ?? 'gb2312',
    signature: date ? { agency: report.agency.name, date } : null,
    draft,
    ...(frozen ? { timestamp: frozen.approvedAt } : {}),
  })
  return {
    ...built,
    draft,
    versionNumber: frozen?.number ?? null,
    contentDisposition: contentDisposition(built.filename, built.asciiName, request.inline),
  }
}
