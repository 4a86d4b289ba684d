/**
 * Plain SQL for the bulk download (decision 0350): every report of a year under a government
 * that has a frozen (approved or published) version, with its latest version and whether a PDF
 * of it is stored. One statement over the agency tree.
 */
import 'server-only'
import { sql, sqlRows } from './sql'
import { expression, orNull, select } from './table'
import { agencies, reportPdfs, reports, reportVersions } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const vl = reportVersions.as('vl')
const p = reportPdfs.as('p')

const columns = select({
  agencyId: a.c.id,
  agencyCode: a.c.code,
  agencyName: a.c.name,
  reportId: r.c.id,
  kind: r.c.kind,
  formatVersion: r.c.formatVersion,
  versionId: v.c.id,
  versionNumber: v.c.number,
  pdfId: orNull(
    expression<string>(
      sql`(SELECT ${p.c.id} FROM ${p} WHERE ${p.c.versionId} = ${v.c.id}
        ORDER BY CASE WHEN ${p.c.signature} = '' THEN 0 ELSE 1 END, ${p.c.createdAt} LIMIT 1)`,
      'string',
    ),
  ),
})

export type BulkSourceRow = ReturnType<typeof columns.read>

export async function bulkSources(governmentId: string, year: number): Promise<BulkSourceRow[]> {
  const rows = await sqlRows(sql`WITH RECURSIVE "tree" AS (
      SELECT ${agencies.c.id} AS "id", 0 AS "depth" FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION ALL SELECT ${a.c.id}, t."depth" + 1 FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id" WHERE t."depth" < 12
    ) SELECT ${columns} FROM "tree" t JOIN ${a} ON ${a.c.id} = t."id"
    JOIN ${r} ON ${r.c.agencyId} = ${a.c.id} AND ${r.c.year} = ${year}
    JOIN ${v} ON ${v.c.reportId} = ${r.c.id}
      AND ${v.c.number} = (SELECT MAX(${vl.c.number}) FROM ${vl} WHERE ${vl.c.reportId} = ${r.c.id})
    ORDER BY CASE WHEN ${a.c.id} = ${governmentId} THEN 0 ELSE 1 END, ${a.c.name}, ${a.c.id}, ${r.c.kind}`)
  return rows.map(columns.read)
}
