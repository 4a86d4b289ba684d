/**
 * New reports: a blank one for an agency, and the row an import writes. The unique
 * (agency, year) index is the final word when two requests race.
 */
import { z } from 'zod'
import { prisma } from '@/lib/db'
import { FORMATS } from '@/lib/format/index'
import { emptyReport } from '@/lib/report/interchange'
import { agencySchema, type ReportData, yearSchema } from '@/lib/report/schema'
import { Prisma } from '@/generated/prisma/client'
import { invalid, ServiceError } from './errors'
import { countsOfContent } from './report-counts'
import { formatOf, type StoredReport, toStored } from './report-read'

export interface CreateReportInput {
  formatVersion: string
  year: number
  /** The agency, by id (the app: from the officer's membership) … */
  agencyId?: string
  /** … or by name, found or created (demo data, tests). */
  agency?: { name: string; type: string; level?: string | null }
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
export function identityOf(agency: { name: string; type: string; level: string | null }): ReportData['agency'] {
  return {
    name: agency.name,
    type: agency.type as ReportData['agency']['type'],
    ...(agency.level ? { level: agency.level as NonNullable<ReportData['agency']['level']> } : {}),
  }
}

export const noAgency = () =>
  new ServiceError(422, 'invalid', '所选机关不存在，请刷新页面后重试', { agencyId: '机关不存在' })

/**
 * Creates the report row, finding or creating its agency, with its first audit event, in one
 * transaction.
 */
export async function insertReport(
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
