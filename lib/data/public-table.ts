/**
 * Plain SQL for the public column (decisions 0301, 0400): what a government has published, read
 * without a session on every public request, so it runs on the driver, not through Prisma's
 * query compiler, and each public address costs one statement. Only versions with `publishedAt`
 * of reports of kind 'report' or 'rollup' are ever returned; history rows and unpublished
 * versions cannot come out of these statements.
 */
import 'server-only'
import { type Sql, sql, sqlList, sqlRows } from './sql'
import { select } from './table'
import { agencies, governmentSettings, publishedFiles, reports, reportVersions } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const f = publishedFiles.as('f')

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

const PUBLIC_KINDS = sqlList(['report', 'rollup'])

const g = agencies.as('g')
const gs = governmentSettings.as('gs')
const governmentColumns = select({
  governmentId: g.c.id,
  governmentCode: g.c.code,
  governmentName: g.c.name,
})

export interface PublicGovernmentRow {
  id: string
  code: string
  name: string
  portalOrigin: string | null
}

export interface PublicColumnRows {
  government: PublicGovernmentRow
  /** Every published version under the government (of the year asked), newest year first, then report, then number. */
  rows: PublishedRow[]
}

const columnColumns = select({ portalOrigin: gs.c.portalOrigin })
/** The published columns as the subquery names them ("p"."agencyId" …), read back under the same keys. */
const p = (key: keyof PublishedRow): Sql => ({ strings: [`"p"."${key}"`], values: [] })

/**
 * ONE statement for the column, the open-data index's fingerprint and the embeddable page
 * (decision 0400): the government by its code (type government, else no row), its portal
 * origin, and every published version of a report or roll-up of the government and the
 * agencies under it (however deep; of one year when asked). The government comes back even
 * when nothing is published (one row without a version). null: no such government.
 */
export async function publicColumnRows(
  governmentCode: string,
  year: number | null = null,
): Promise<PublicColumnRows | null> {
  const yearCondition = year === null ? sql`` : sql` AND ${r.c.year} = ${year}`
  const rows = await sqlRows(
    sql`WITH RECURSIVE "tree"("id") AS (
      SELECT ${agencies.c.id} FROM ${agencies} WHERE ${agencies.c.code} = ${governmentCode} AND ${agencies.c.type} = 'government'
      UNION SELECT ${a.c.id} FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id"
    ) SELECT ${governmentColumns}, ${columnColumns}, "p".* FROM ${g}
      LEFT JOIN ${gs} ON ${gs.c.agencyId} = ${g.c.id}
      LEFT JOIN (SELECT ${publishedColumns} FROM "tree" t
        JOIN ${a} ON ${a.c.id} = t."id"
        JOIN ${r} ON ${r.c.agencyId} = ${a.c.id}
        JOIN ${v} ON ${v.c.reportId} = ${r.c.id}
        WHERE ${v.c.publishedAt} IS NOT NULL AND ${r.c.kind} IN ${PUBLIC_KINDS}${yearCondition}) AS "p" ON 1 = 1
      WHERE ${g.c.code} = ${governmentCode} AND ${g.c.type} = 'government'
      ORDER BY ${p('year')} DESC, ${p('reportId')}, ${p('number')}`,
  )
  if (rows.length === 0) return null
  const first = governmentColumns.read(rows[0])
  return {
    government: {
      id: first.governmentId,
      code: first.governmentCode,
      name: first.governmentName,
      portalOrigin: columnColumns.read(rows[0]).portalOrigin,
    },
    rows: rows.filter((row) => row.versionId != null).map((row) => publishedColumns.read(row) as PublishedRow),
  }
}

const reportFileColumns = select({
  fileId: f.c.id,
  fileKind: f.c.kind,
  fileName: f.c.fileName,
  mediaType: f.c.mediaType,
  sha256: f.c.sha256,
  size: f.c.size,
})

export interface PublishedFileMeta {
  id: string
  versionId: string
  kind: string
  fileName: string
  mediaType: string
  sha256: string
  size: number
}

export interface PublicReportRows {
  government: { id: string; code: string; name: string }
  /** The report's published versions, oldest first. */
  rows: PublishedRow[]
  /** The frozen files of those versions, without their bodies. */
  files: PublishedFileMeta[]
}

/**
 * ONE statement for a report's public page or file (decision 0400): the government by its code,
 * the agency by its code when it is the government or under it (walked up from the agency, so
 * a department of another government, a department's code as {gov} or a cycle give no row),
 * its report of that year and kind, every published version of it and each version's frozen
 * files (id, kind, SHA-256, size; never the bytes). null: nothing of it is published.
 */
export async function publicReportRows(
  governmentCode: string,
  year: number,
  agencyCode: string,
  kind: 'report' | 'rollup',
): Promise<PublicReportRows | null> {
  const rows = await sqlRows(
    sql`WITH RECURSIVE "up"("id", "parentId") AS (
      SELECT ${agencies.c.id}, ${agencies.c.parentId} FROM ${agencies} WHERE ${agencies.c.code} = ${agencyCode}
      UNION SELECT ${a.c.id}, ${a.c.parentId} FROM ${a} JOIN "up" u ON ${a.c.id} = u."parentId"
    ) SELECT ${governmentColumns}, ${publishedColumns}, ${reportFileColumns} FROM "up" u
      JOIN ${g} ON ${g.c.id} = u."id"
      JOIN ${a} ON ${a.c.code} = ${agencyCode}
      JOIN ${r} ON ${r.c.agencyId} = ${a.c.id}
      JOIN ${v} ON ${v.c.reportId} = ${r.c.id}
      LEFT JOIN ${f} ON ${f.c.versionId} = ${v.c.id}
      WHERE ${g.c.code} = ${governmentCode} AND ${g.c.type} = 'government'
        AND ${r.c.year} = ${year} AND ${r.c.kind} = ${kind} AND ${v.c.publishedAt} IS NOT NULL
      ORDER BY ${v.c.number}, ${f.c.kind}`,
  )
  if (rows.length === 0) return null
  const first = governmentColumns.read(rows[0])
  const versions: PublishedRow[] = []
  const files: PublishedFileMeta[] = []
  for (const row of rows) {
    const version = publishedColumns.read(row) as PublishedRow
    if (versions.at(-1)?.versionId !== version.versionId) versions.push(version)
    const file = reportFileColumns.read(row)
    if (file.fileId != null) {
      files.push({
        id: file.fileId,
        versionId: version.versionId,
        kind: file.fileKind,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sha256: file.sha256,
        size: file.size,
      })
    }
  }
  return {
    government: { id: first.governmentId, code: first.governmentCode, name: first.governmentName },
    rows: versions,
    files,
  }
}

const contentColumns = select({ versionId: v.c.id, content: v.c.content })

/**
 * ONE statement for the published content of versions by id (the changes page and the open-data
 * index, each only when the page or index under its key is not built yet: decision 0540). Only
 * published versions of reports of kind 'report' or 'rollup' come back, so an id that is not one
 * reads nothing; a withdrawn version's content is the caller's to leave out.
 */
export async function publishedContents(versionIds: readonly string[]): Promise<Map<string, string>> {
  if (versionIds.length === 0) return new Map()
  const rows = await sqlRows(
    sql`SELECT ${contentColumns} FROM ${v} JOIN ${r} ON ${r.c.id} = ${v.c.reportId}
      WHERE ${v.c.id} IN ${sqlList(versionIds)} AND ${v.c.publishedAt} IS NOT NULL AND ${r.c.kind} IN ${PUBLIC_KINDS}`,
  )
  return new Map(rows.map((row) => contentColumns.read(row)).map((row) => [row.versionId, row.content]))
}
