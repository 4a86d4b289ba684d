/**
 * Plain SQL for the public column (decision 0301): what a government has published, read
 * without a session on every public page, so it runs on the driver, not through Prisma's query
 * compiler. Only versions with `publishedAt` of reports of kind 'report' or 'rollup' are ever
 * returned; history rows and unpublished versions cannot come out of these statements.
 */
import 'server-only'
import { sql, sqlList, sqlRows } from './sql'
import { select } from './table'
import { agencies, publishedFiles, reports, reportVersions } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const f = publishedFiles.as('f')

const agencyColumns = select({ id: a.c.id, code: a.c.code, name: a.c.name, type: a.c.type })
export type PublicAgency = ReturnType<typeof agencyColumns.read>

/** An agency by its immutable code, or null. */
export async function agencyByCode(code: string): Promise<PublicAgency | null> {
  const rows = await sqlRows(sql`SELECT ${agencyColumns} FROM ${a} WHERE ${a.c.code} = ${code}`)
  return rows.length ? agencyColumns.read(rows[0]) : null
}

const publishedColumns = select({
  agencyId: a.c.id,
  agencyCode: a.c.code,
  agencyName: a.c.name,
  reportId: r.c.id,
  kind: r.c.kind,
  scope: r.c.scope,
  year: r.c.year,
  formatVersion: r.c.formatVersion,
  versionId: v.c.id,
  number: v.c.number,
  approvedAt: v.c.approvedAt,
  publishedAt: v.c.publishedAt,
  publishedByName: v.c.publishedByName,
  correctionNote: v.c.correctionNote,
  withdrawnAt: v.c.withdrawnAt,
  withdrawnReason: v.c.withdrawnReason,
})

export type PublishedRow = ReturnType<typeof publishedColumns.read> & { publishedAt: Date }

export interface PublishedFilter {
  year?: number
  agencyId?: string
  kind?: 'report' | 'rollup'
}

/**
 * Every published version of the reports of a government and the agencies under it (however
 * deep), newest year first, then report, then version number.
 */
export async function publishedUnder(governmentId: string, filter: PublishedFilter = {}): Promise<PublishedRow[]> {
  const conditions = [
    sql`${v.c.publishedAt} IS NOT NULL`,
    sql`${r.c.kind} IN ${sqlList(['report', 'rollup'])}`,
    ...(filter.year !== undefined ? [sql`${r.c.year} = ${filter.year}`] : []),
    ...(filter.agencyId !== undefined ? [sql`${a.c.id} = ${filter.agencyId}`] : []),
    ...(filter.kind !== undefined ? [sql`${r.c.kind} = ${filter.kind}`] : []),
  ]
  const where = conditions.reduce((out, c) => sql`${out} AND ${c}`)
  const rows = await sqlRows(
    sql`WITH RECURSIVE "tree"("id") AS (
      SELECT ${agencies.c.id} FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION SELECT ${a.c.id} FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id"
    ) SELECT ${publishedColumns} FROM "tree" t
      JOIN ${a} ON ${a.c.id} = t."id"
      JOIN ${r} ON ${r.c.agencyId} = ${a.c.id}
      JOIN ${v} ON ${v.c.reportId} = ${r.c.id}
      WHERE ${where}
      ORDER BY ${r.c.year} DESC, ${r.c.id}, ${v.c.number}`,
  )
  return rows.map((row) => publishedColumns.read(row) as PublishedRow)
}

const fileColumns = select({
  versionId: f.c.versionId,
  kind: f.c.kind,
  fileName: f.c.fileName,
  mediaType: f.c.mediaType,
  sha256: f.c.sha256,
  size: f.c.size,
})
export type PublishedFileMeta = ReturnType<typeof fileColumns.read>

/** The frozen files of these versions, without their bodies. */
export async function filesOfVersions(versionIds: readonly string[]): Promise<PublishedFileMeta[]> {
  if (versionIds.length === 0) return []
  const rows = await sqlRows(
    sql`SELECT ${fileColumns} FROM ${f} WHERE ${f.c.versionId} IN ${sqlList(versionIds)} ORDER BY ${f.c.kind}`,
  )
  return rows.map(fileColumns.read)
}
