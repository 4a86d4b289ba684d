/**
 * Plain SQL for the board's charts (decision 0350): when each agency's report of the year was
 * first submitted, approved and published, and the 表三 section of each agency's latest approved
 * version over several years. One statement each over the agency tree, like the board's.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import { type Sql, sql, sqlRows } from './sql'
import { expression, orNull, select } from './table'
import { agencies, reportEvents, reports, reportVersions } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const e = reportEvents.as('e')

/** The government and every agency under it (depth bound 12, as the board). */
function tree(governmentId: string): Sql {
  return sql`WITH RECURSIVE "tree" AS (
      SELECT ${agencies.c.id} AS "id", 0 AS "depth" FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION ALL SELECT ${a.c.id}, t."depth" + 1 FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id" WHERE t."depth" < 12
    )`
}

const milestoneColumns = select({
  agencyType: a.c.type,
  reportId: orNull(r.c.id),
  submittedAt: orNull(
    expression<Date>(
      sql`(SELECT MIN(${e.c.createdAt}) FROM ${e} WHERE ${e.c.reportId} = ${r.c.id} AND ${e.c.kind} = 'submit')`,
      'date',
    ),
  ),
  approvedAt: orNull(
    expression<Date>(sql`(SELECT MIN(${v.c.approvedAt}) FROM ${v} WHERE ${v.c.reportId} = ${r.c.id})`, 'date'),
  ),
  publishedAt: orNull(
    expression<Date>(sql`(SELECT MIN(${v.c.publishedAt}) FROM ${v} WHERE ${v.c.reportId} = ${r.c.id})`, 'date'),
  ),
})

export type MilestoneRow = ReturnType<typeof milestoneColumns.read>

/** Every agency of the board with the first time its report of the year was submitted, approved, published. */
export async function boardMilestones(governmentId: string, year: number): Promise<MilestoneRow[]> {
  const rows =
    await sqlRows(sql`${tree(governmentId)} SELECT ${milestoneColumns} FROM "tree" t JOIN ${a} ON ${a.c.id} = t."id"
    LEFT JOIN ${r} ON ${r.c.agencyId} = ${a.c.id} AND ${r.c.year} = ${year} AND ${r.c.kind} = 'report'`)
  return rows.map(milestoneColumns.read)
}

const vc = reportVersions.as('vc')

function applicationsOf(content: Sql): Sql {
  if (DB_PROVIDER === 'postgresql') return sql`((${content})::json -> 'sections' -> 'applications')::text`
  return sql`json_extract(${content}, '$.sections.applications')`
}

const yearColumns = select({
  year: r.c.year,
  formatVersion: r.c.formatVersion,
  applications: orNull(
    expression<string>(
      applicationsOf(
        sql`(SELECT ${vc.c.content} FROM ${vc} WHERE ${vc.c.reportId} = ${r.c.id} ORDER BY ${vc.c.number} DESC LIMIT 1)`,
      ),
      'string',
    ),
  ),
})

export type ApplicationsRow = ReturnType<typeof yearColumns.read>

/**
 * The 表三 section (JSON text) of each 本级 report's latest approved version under the
 * government, for the years from..to. 全区 reports are left out: their agencies are counted one
 * by one, as in the roll-up.
 */
export async function applicationsByYear(governmentId: string, from: number, to: number): Promise<ApplicationsRow[]> {
  const rows =
    await sqlRows(sql`${tree(governmentId)} SELECT ${yearColumns} FROM "tree" t JOIN ${a} ON ${a.c.id} = t."id"
    JOIN ${r} ON ${r.c.agencyId} = ${a.c.id} AND ${r.c.year} >= ${from} AND ${r.c.year} <= ${to}
      AND ${r.c.kind} = 'report' AND (${r.c.scope} IS NULL OR ${r.c.scope} <> 'region')`)
  return rows.map(yearColumns.read)
}
