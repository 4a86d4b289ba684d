/**
 * Plain SQL for the roll-up (lib/services/rollup.ts, decisions 0270, 0410): every agency under a
 * government with its report of the year and the cells to sum (of the latest approved version,
 * or of the working copy), one statement for the whole tree.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import type { Rollup } from '@/generated/prisma/client'
import { TABLE_SECTIONS } from '@/lib/rollup/cells'
import { PATHS_SIGNATURE } from '@/lib/rollup/format-map'
import { type Sql, sql, sqlExecute, sqlList, sqlRows } from './sql'
import { reportsThroughListIndex, treeJoin } from './report-index'
import { expression, insertRow, orNull, select, type Values } from './table'
import { agencies, reports, reportVersionCells, reportVersions, rollups } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const vc = reportVersions.as('vc')
const vcc = reportVersionCells.as('vcc')

export type RollupBasis = 'approved' | 'latest'

const sourceColumns = (basis: RollupBasis) =>
  select({
    agencyId: a.c.id,
    agencyCode: a.c.code,
    agencyName: a.c.name,
    reportId: orNull(r.c.id),
    status: orNull(r.c.status),
    scope: orNull(r.c.scope),
    formatVersion: orNull(r.c.formatVersion),
    versionNumber: orNull(vc.c.number),
    versionId: orNull(vc.c.id),
    // The frozen version's cells as approval wrote them (in the current order).
    cells: orNull(basis === 'latest' ? expression<string>(sql`NULL`, 'string') : vcc.c.cells),
  })

const cut = (content: Sql, id: Sql) =>
  select({ id: expression<string>(id, 'string'), tables: expression<string>(tablesOf(content), 'string') })

/**
 * Only the table sections of a report's content, {"proactiveDisclosure": …, …} as
 * lib/rollup/cells.ts tablesCut writes them: the database cuts them out, so a roll-up of 1,000
 * reports neither reads nor parses their narratives. NULL without content.
 */
function tablesOf(content: Sql): Sql {
  const pairs = TABLE_SECTIONS.map((k) =>
    DB_PROVIDER === 'postgresql'
      ? sql`${k}::text, (${content})::json -> 'sections' -> ${k}`
      : sql`${k}, ${content} -> ${`$.sections.${k}`}`,
  )
  const list = pairs.reduce((out, p) => sql`${out}, ${p}`)
  return DB_PROVIDER === 'postgresql'
    ? sql`CASE WHEN (${content}) IS NULL THEN NULL ELSE json_build_object(${list})::text END`
    : sql`CASE WHEN ${content} IS NULL THEN NULL ELSE json_object(${list}) END`
}

export type RollupSourceRow = ReturnType<ReturnType<typeof sourceColumns>['read']> & { tables: string | null }

/**
 * The roll-up's main statement: the tree, each agency's report (from the covering list index,
 * lib/data/report-index.ts), its latest version and that version's stored cells; no content.
 */
export function rollupSourceStatement(
  governmentId: string,
  year: number,
  basis: RollupBasis,
  only?: readonly string[],
): Sql {
  return sql`WITH RECURSIVE "tree"("id") AS (
      SELECT ${agencies.c.id} FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION SELECT ${a.c.id} FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id"
    ) SELECT ${sourceColumns(basis)} FROM "tree" t ${treeJoin()} ${a} ON ${a.c.id} = t."id"
    LEFT JOIN ${reportsThroughListIndex(r)} ON ${r.c.agencyId} = ${a.c.id} AND ${r.c.year} = ${year}
      AND ${r.c.kind} = 'report'
    LEFT JOIN ${vc} ON ${vc.c.reportId} = ${r.c.id}
      AND ${vc.c.number} = (SELECT MAX(${v.c.number}) FROM ${v} WHERE ${v.c.reportId} = ${r.c.id})
    LEFT JOIN ${vcc} ON ${vcc.c.versionId} = ${vc.c.id} AND ${vcc.c.paths} = ${PATHS_SIGNATURE}
    ${only ? sql`WHERE ${a.c.id} IN ${sqlList(only)}` : sql``}
    ORDER BY CASE WHEN ${a.c.id} = ${governmentId} THEN 0 ELSE 1 END, ${a.c.name}, ${a.c.id}`
}

/** The government and every agency under it (or only `only` of them), each with its report of the year. */
export async function rollupSourceRows(
  governmentId: string,
  year: number,
  basis: RollupBasis,
  only?: readonly string[],
): Promise<RollupSourceRow[]> {
  const columns = sourceColumns(basis)
  const rows = await sqlRows(rollupSourceStatement(governmentId, year, basis, only))
  const read = rows.map((row) => ({ ...columns.read(row), tables: null as string | null }))
  // The content is read (its table sections cut out by the database) only where no cells were
  // stored: working copies, versions frozen before decision 0410. A query of its own, so that the
  // main one never touches a content column.
  const missing = read.filter((row) => !row.cells && (basis === 'latest' ? row.reportId : row.versionId))
  if (missing.length > 0) {
    const ids = missing.map((row) => (basis === 'latest' ? row.reportId : row.versionId) as string)
    const cuts = basis === 'latest' ? await tablesCut(r, ids) : await tablesCut(vc, ids)
    for (const row of missing)
      row.tables = cuts.get((basis === 'latest' ? row.reportId : row.versionId) as string) ?? null
  }
  return read
}

/** The table sections of reports or versions by id, as the database cuts them out (500 ids a statement). */
async function tablesCut(table: typeof r | typeof vc, ids: readonly string[]): Promise<Map<string, string | null>> {
  const columns = cut(table.c.content, table.c.id)
  const cuts = new Map<string, string | null>()
  for (let i = 0; i < ids.length; i += 500) {
    const found = await sqlRows(
      sql`SELECT ${columns} FROM ${table} WHERE ${table.c.id} IN ${sqlList(ids.slice(i, i + 500))}`,
    )
    for (const f of found.map(columns.read)) cuts.set(f.id, f.tables)
  }
  return cuts
}

/** Frozen versions' table sections cut out by the database, by version id (the backfill, decision 0550). */
export const versionTables = (ids: readonly string[]) => tablesCut(vc, ids)

const versionId = select({ id: vc.c.id })

/**
 * Versions without stored cells in the current order (approved before decision 0410, or stored
 * in an older order), `limit` at a time in id order after `after`: an index walk that never
 * reads a content column.
 */
export async function versionsWithoutCells(after: string, limit: number): Promise<string[]> {
  const rows = await sqlRows(sql`SELECT ${versionId} FROM ${vc}
    LEFT JOIN ${vcc} ON ${vcc.c.versionId} = ${vc.c.id}
    WHERE (${vcc.c.versionId} IS NULL OR ${vcc.c.paths} <> ${PATHS_SIGNATURE}) AND ${vc.c.id} > ${after}
    ORDER BY ${vc.c.id} LIMIT ${limit}`)
  return rows.map((row) => versionId.read(row).id)
}

/**
 * Stores frozen versions' cells (decision 0550). An upsert: two instances storing the same
 * version at once both succeed (a frozen version's content never changes, so they write the same
 * text), and cells stored in an older order are replaced; one statement per 200 versions.
 */
export async function storeVersionCells(rows: readonly { versionId: string; paths: string; cells: string }[]) {
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows
      .slice(i, i + 200)
      .map((row) => sql`(${row.versionId}, ${row.paths}, ${row.cells})`)
      .reduce((out, v) => sql`${out}, ${v}`)
    await sqlExecute(sql`INSERT INTO ${reportVersionCells} ("versionId", "paths", "cells") VALUES ${values}
      ON CONFLICT ("versionId") DO UPDATE SET "paths" = excluded."paths", "cells" = excluded."cells"
      WHERE ${reportVersionCells}."paths" <> excluded."paths"`)
  }
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
