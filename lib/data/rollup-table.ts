/**
 * Plain SQL for the roll-up (lib/services/rollup.ts, decisions 0270, 0410): every agency under a
 * government with its report of the year and the cells to sum (of the latest approved version,
 * or of the working copy), one statement for the whole tree.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import type { Rollup } from '@/generated/prisma/client'
import { ROLLUP_PATHS } from '@/lib/rollup/format-map'
import { type Sql, sql, sqlExecute, sqlList, sqlRows } from './sql'
import { expression, insertRow, orNull, select, type Values } from './table'
import { agencies, reports, reportVersions, rollups } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const vc = reportVersions.as('vc')

export type RollupBasis = 'approved' | 'latest'

const contentOf = (basis: RollupBasis) => (basis === 'latest' ? r.c.content : vc.c.content)

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
    versionNumber: orNull(vc.c.number),
    cells: orNull(expression<string>(cellsOf(contentOf(basis)), 'string')),
  })

/** SQLite takes at most 127 arguments to a function: the paths go in chunks. */
const CHUNK = 100

/**
 * Only the table cells of a report's content, in ROLLUP_PATHS order (lib/rollup/format-map.ts),
 * as a JSON array of chunks of values (`[[v1, …, v100], [v101, …], …]`): the database cuts them
 * out, so a roll-up of 1,000 reports neither reads its narratives nor builds an object per table
 * row. NULL without content.
 */
function cellsOf(content: Sql): Sql {
  const paths = ROLLUP_PATHS.map((p) => `sections.${p}`)
  if (DB_PROVIDER === 'postgresql') {
    // The content is parsed once (LATERAL "cj" in rollupSourceRows); json_build_array takes at most 100 arguments.
    return sql`CASE WHEN "cj"."j" IS NULL THEN NULL ELSE '[' || (SELECT json_agg("cj"."j" #> string_to_array(u."p", '.') ORDER BY u."i")::text FROM unnest(CAST(${`{${paths.join(',')}}`} AS text[])) WITH ORDINALITY AS u("p", "i")) || ']' END`
  }
  // json_extract with several paths answers a JSON array of their values (NULL content: NULL, and so the whole).
  // Even chunks: one of a single path would answer the value itself, not an array.
  const size = Math.ceil(paths.length / Math.ceil(paths.length / CHUNK))
  const chunks: Sql[] = []
  for (let i = 0; i < paths.length; i += size) {
    const list = paths.slice(i, i + size).map((p) => sql`${`$.${p}`}`)
    chunks.push(sql`json_extract(${content}, ${list.reduce((out, p) => sql`${out}, ${p}`)})`)
  }
  return sql`'[' || ${chunks.reduce((out, c) => sql`${out} || ',' || ${c}`)} || ']'`
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
    LEFT JOIN ${vc} ON ${vc.c.reportId} = ${r.c.id}
      AND ${vc.c.number} = (SELECT MAX(${v.c.number}) FROM ${v} WHERE ${v.c.reportId} = ${r.c.id})
    ${DB_PROVIDER === 'postgresql' ? sql`LEFT JOIN LATERAL (SELECT (${contentOf(basis)})::jsonb AS "j") "cj" ON true` : sql``}
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

const under = select({ id: a.c.id, name: a.c.name, type: a.c.type, parentId: a.c.parentId })

/** Every agency under a government, the government first, then by name (for choosing a selection). */
export async function agenciesUnder(governmentId: string): Promise<ReturnType<typeof under.read>[]> {
  const rows = await sqlRows(sql`WITH RECURSIVE "tree"("id") AS (
      SELECT ${agencies.c.id} FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION SELECT ${a.c.id} FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id"
    ) SELECT ${under} FROM "tree" t JOIN ${a} ON ${a.c.id} = t."id"
    ORDER BY CASE WHEN ${a.c.id} = ${governmentId} THEN 0 ELSE 1 END, ${a.c.name}, ${a.c.id}`)
  return rows.map(under.read)
}
