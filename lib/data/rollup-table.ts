/**
 * Plain SQL for the roll-up (lib/services/rollup.ts, decision 0270): every agency under a
 * government with its report of the year and the content to sum (the latest approved version,
 * or the working copy), one statement for the whole tree.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import { FORMAT_LIST } from '@/lib/format/index'
import type { Rollup } from '@/generated/prisma/client'
import { type Sql, sql, sqlExecute, sqlList, sqlRows } from './sql'
import { expression, insertRow, orNull, select, type Values } from './table'
import { agencies, reports, reportVersions, rollups } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const vc = reportVersions.as('vc')

export type RollupBasis = 'approved' | 'latest'

/** The table sections of every format (二、三、四: the same keys in 2019 and 2021). */
export const TABLE_SECTIONS: readonly string[] = [
  ...new Set(FORMAT_LIST.flatMap((f) => f.sections.filter((s) => s.kind === 'table').map((s) => s.key))),
]

const sourceColumns = (basis: RollupBasis) =>
  select({
    agencyId: a.c.id,
    agencyCode: a.c.code,
    agencyName: a.c.name,
    agencyType: a.c.type,
    agencyParentId: a.c.parentId,
    reportId: orNull(r.c.id),
    status: orNull(r.c.status),
    scope: orNull(r.c.scope),
    formatVersion: orNull(r.c.formatVersion),
    versionNumber: orNull(
      expression<number>(sql`(SELECT MAX(${v.c.number}) FROM ${v} WHERE ${v.c.reportId} = ${r.c.id})`, 'int'),
    ),
    tables: orNull(
      expression<string>(
        tablesOf(
          basis === 'latest'
            ? r.c.content
            : sql`(SELECT ${vc.c.content} FROM ${vc} WHERE ${vc.c.reportId} = ${r.c.id} ORDER BY ${vc.c.number} DESC LIMIT 1)`,
        ),
        'string',
      ),
    ),
  })

/**
 * Only the table sections of a report's content, as a JSON array in TABLE_SECTIONS order: the
 * database cuts them out, so a roll-up of 1,000 reports neither reads nor parses their narratives.
 */
function tablesOf(content: Sql): Sql {
  const keys = TABLE_SECTIONS
  if (DB_PROVIDER === 'postgresql') {
    const items = keys.map((k) => sql`(${content})::json -> 'sections' -> ${k}`)
    // No content (no approved version): NULL, as json_extract gives on SQLite, not [null, null, null].
    return sql`CASE WHEN (${content}) IS NULL THEN NULL ELSE json_build_array(${items.reduce((out, i) => sql`${out}, ${i}`)})::text END`
  }
  const paths = keys.map((k) => sql`${`$.sections.${k}`}`)
  return sql`json_extract(${content}, ${paths.reduce((out, p) => sql`${out}, ${p}`)})`
}

export type RollupSourceRow = ReturnType<ReturnType<typeof sourceColumns>['read']>

/** The government and every agency under it (or only `only` of them), each with its report of the year. */
export async function rollupSourceRows(
  governmentId: string,
  year: number,
  basis: RollupBasis,
  only?: readonly string[],
): Promise<RollupSourceRow[]> {
  const columns = sourceColumns(basis)
  const rows = await sqlRows(sql`WITH RECURSIVE "tree"("id") AS (
      SELECT ${agencies.c.id} FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION SELECT ${a.c.id} FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id"
    ) SELECT ${columns} FROM "tree" t JOIN ${a} ON ${a.c.id} = t."id"
    LEFT JOIN ${r} ON ${r.c.agencyId} = ${a.c.id} AND ${r.c.year} = ${year} AND ${r.c.kind} = 'report'
    ${only ? sql`WHERE ${a.c.id} IN ${sqlList(only)}` : sql``}
    ORDER BY CASE WHEN ${a.c.id} = ${governmentId} THEN 0 ELSE 1 END, ${a.c.name}, ${a.c.id}`)
  return rows.map(columns.read)
}

/**
 * Stores a roll-up run. Plain SQL: its result holds every agency's value of every cell (half a
 * megabyte for 1,000 reports), which the Prisma client would copy through its WebAssembly.
 */
export async function insertRollup(
  row: Values<
    Rollup,
    'id' | 'agencyId' | 'year' | 'formatVersion' | 'basis' | 'result' | 'reportId' | 'createdById' | 'createdAt'
  >,
): Promise<void> {
  const insert = insertRow(rollups, row)
  await sqlExecute(sql`INSERT INTO ${rollups} ${insert.columns} VALUES (${insert.values})`)
}
