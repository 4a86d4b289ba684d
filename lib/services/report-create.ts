/**
 * New reports: a blank one for an agency, and the row an import writes. The unique
 * (agency, year, kind) index is the final word when two requests race.
 */
import 'server-only'
import { z } from 'zod'
import { prisma } from '@/lib/db'
import { FORMATS } from '@/lib/format/index'
import {
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  REPORT_SCOPES,
  type ReportKind,
  type ReportScope,
} from '@/lib/report/identity'
import { splitContent } from '@/lib/report/content-split'
import { emptyReport } from '@/lib/report/interchange'
import { prefillFromPrevious, prefillNarratives } from '@/lib/report/origins'
import { agencySchema, type ReportData, yearSchema } from '@/lib/report/schema'
import { Prisma } from '@/generated/prisma/client'
import { freeAgencyCode } from './agency-code'
import { invalid, ServiceError } from './errors'
import { countsOfContent } from './report-counts'
import { previousWithContent } from './report-previous'
import { formatOf, type StoredReport, toStored } from './report-read'

export interface CreateReportInput {
  formatVersion: string
  year: number
  /** The agency, by id (the app: from the officer's membership) … */
  agencyId?: string
  /** … or by name, found or created (demo data, tests). */
  agency?: { name: string; type: string; level?: string | null; code?: string }
  /** Default 'report' (the API never sets it). */
  kind?: ReportKind
  /** Default 'region' for a rollup, else 'self'. */
  scope?: ReportScope
  /** 沿用上年度正文: last year's narratives, each marked `prefilled` until confirmed. */
  startFromPreviousText?: boolean
}

const createInputSchema = z.object({
  formatVersion: z.enum(Object.keys(FORMATS) as [string, ...string[]], {
    error: '请选择表式：2021（国办公开办函〔2021〕30号）或 2019（国办公开办函〔2019〕60号）',
  }),
  year: yearSchema(),
  agency: agencySchema(),
  kind: z.enum(REPORT_KINDS, { error: '年报类别应为 report、rollup 或 history' }).optional(),
  scope: z.enum(REPORT_SCOPES, { error: '年报范围应为 self（本级）或 region（全区）' }).optional(),
  startFromPreviousText: z.boolean().optional(),
})

const createForAgencySchema = createInputSchema.omit({ agency: true }).extend({ agencyId: z.string().min(1) })

/** Which report of the agency and year: the agency's own, 本级, unless told. */
export interface ReportIdentity {
  kind: ReportKind
  scope: ReportScope
}

const identityInput = createInputSchema.pick({ kind: true, scope: true })

/** The kind and scope given (checked), defaulting to the agency's own 本级 report. */
export function reportIdentity(given: { kind?: unknown; scope?: unknown }): ReportIdentity {
  const parsed = identityInput.safeParse({ kind: given.kind, scope: given.scope })
  if (!parsed.success) throw invalid(parsed.error, '年报类别或范围有误')
  const kind = parsed.data.kind ?? 'report'
  return { kind, scope: parsed.data.scope ?? (kind === 'rollup' ? 'region' : 'self') }
}

/** The identity an agency's reports carry, from the stored agency. */
export function identityOf(agency: {
  code: string
  name: string
  type: string
  level: string | null
}): ReportData['agency'] {
  return {
    name: agency.name,
    type: agency.type as ReportData['agency']['type'],
    ...(agency.level ? { level: agency.level as NonNullable<ReportData['agency']['level']> } : {}),
    code: agency.code,
  }
}

export const noAgency = () =>
  new ServiceError(422, 'invalid', '所选机关不存在，请刷新页面后重试', { agencyId: '机关不存在' })

/**
 * Creates the report row, finding or creating its agency, with its first audit event, in one
 * transaction. The content carries the stored agency's code, whatever code it came with.
 */
export async function insertReport(
  report: ReportData,
  kind: 'create' | 'import',
  summary: unknown,
  actor: string | null,
  agencyId: string | undefined,
  identity: ReportIdentity,
): Promise<StoredReport> {
  const { name, type, level } = report.agency
  const duplicate = () =>
    new ServiceError(
      409,
      'duplicate',
      identity.kind === 'report'
        ? `${name}${report.year}年度的年报已存在，请在年报列表中打开已有的年报继续填写。`
        : `${name}${report.year}年度的${REPORT_KIND_LABELS[identity.kind]}已存在，请在年报列表中打开已有的一份。`,
    )
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
      if (!agency) {
        const code = await freeAgencyCode(name, report.agency.code, tx)
        agency = await tx.agency.create({ data: { code, name, type, level: level ?? null } })
      } else if (!agency.level && level) {
        agency = await tx.agency.update({ where: { id: agency.id }, data: { level } })
      }
      const exists = await tx.report.findUnique({
        where: { agencyId_year_kind: { agencyId: agency.id, year: report.year, kind: identity.kind } },
      })
      if (exists) throw duplicate()
      report.agency = { ...report.agency, code: agency.code }
      // Stored in its two parts from the start (decision 0840; 0880): the first save of cells
      // then writes the cells only, as every later one.
      const { cells, texts } = splitContent(formatOf(report.formatVersion), report)
      const row = await tx.report.create({
        data: {
          agencyId: agency.id,
          year: report.year,
          kind: identity.kind,
          scope: identity.scope,
          formatVersion: report.formatVersion,
          status: 'draft',
          version: 1,
          content: cells,
          text: { create: { narratives: texts } },
          ...countsOfContent(report.formatVersion, report),
        },
      })
      await tx.reportEvent.create({
        data: {
          reportId: row.id,
          kind,
          version: row.version,
          summary: JSON.stringify(summary),
          actor,
          // The name as it is now: a later rename does not rewrite the history.
          actorName: actor
            ? ((await tx.user.findUnique({ where: { id: actor }, select: { name: true } }))?.name ?? null)
            : null,
        },
      })
      return toStored({ ...row, content: JSON.stringify(report) })
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
    const identity = reportIdentity(parsed.data)
    const report = await withCarried(
      emptyReport(formatOf(formatVersion), year, identityOf(agency)),
      agency.id,
      identity,
      parsed.data.startFromPreviousText === true,
    )
    return insertReport(report, 'create', {}, actor, agency.id, identity)
  }
  const parsed = createInputSchema.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '新建年报的信息有误，请按提示修改')
  const { formatVersion, year, agency } = parsed.data
  const identity = reportIdentity(parsed.data)
  const empty = emptyReport(formatOf(formatVersion), year, {
    name: agency.name,
    type: agency.type,
    ...(agency.level ? { level: agency.level } : {}),
    ...(agency.code ? { code: agency.code } : {}),
  })
  const known = await prisma.agency.findUnique({ where: { name: agency.name }, select: { id: true } })
  const report = known
    ? await withCarried(empty, known.id, identity, parsed.data.startFromPreviousText === true)
    : empty
  return insertReport(report, 'create', {}, actor, undefined, identity)
}

/**
 * A new report starts with what last year's report carries over (上年结转), marked as carried;
 * asked to, also with last year's narratives, each marked `prefilled` until confirmed.
 */
async function withCarried(
  report: ReportData,
  agencyId: string,
  identity: ReportIdentity,
  withText = false,
): Promise<ReportData> {
  const found = await previousWithContent({ agencyId, year: report.year, ...identity })
  if (!found) return report
  const format = formatOf(report.formatVersion)
  prefillFromPrevious(format, report, found.info)
  if (withText) prefillNarratives(format, report, found.content)
  return report
}
