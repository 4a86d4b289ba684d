/**
 * Plain SQL on "Report" (lib/data/sql.ts says why these run beside the Prisma client): the
 * stored row of every autosave, its agency, the list page, the save itself and the stored
 * counts. The save writes the report and its audit event together, so it is here too.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import { type Sql, sql, sqlExecute, sqlList, sqlRows, type SqlRunner, sqliteConditionalWrite } from './sql'
import { assignments, columnsOf, expression, insertRow, orNull, select, type Values } from './table'
import { agencies, comments, reportEvents, reports, reportTexts, reportVersions, users } from './tables'
import type { Report, ReportEvent } from '@/generated/prisma/client'
import { joinContent, joinParts } from '@/lib/report/content-split'

const r = reports.as('r')
/** The report's narratives (decision 0840): LEFT JOIN, absent for a row not saved since. */
const t = reportTexts.as('t')
const texts = sql`LEFT JOIN ${t} ON ${t.c.reportId} = `
const textsColumn = select({ texts: orNull(t.c.narratives) })

/** A row read with its texts: the content whole (lib/report/content-split.ts). */
function whole<T extends { content: string }>(row: T, stored: Record<string, unknown>): T & { split: boolean } {
  return { ...row, ...joinParts(row.content, textsColumn.read(stored).texts) }
}

// With its identity (agency, year, kind, scope): a save finds last year's report without another query.
const storedColumns = select(
  columnsOf(r, 'id', 'kind', 'scope', 'version', 'status', 'updatedAt', 'content', 'formatVersion', 'agencyId', 'year'),
)

/**
 * What the services read a report by: its content (whole) with its version and state, and its
 * identity. `split`: its narratives are in ReportText (a save of cells need not write them).
 */
export type ReportRow = ReturnType<typeof storedColumns.read> & { split: boolean }

export async function findReportRow(id: string): Promise<ReportRow | null> {
  const [row] = await sqlRows(
    sql`SELECT ${storedColumns}, ${textsColumn} FROM ${r} ${texts}${r.c.id} WHERE ${r.c.id} = ${id}`,
  )
  return row ? whole(storedColumns.read(row), row) : null
}

// ————— the autosave's one read (decision 0600) —————

const prior = reports.as('prior')
const own = agencies.as('own')

const saveColumns = select({
  ...columnsOf(r, 'id', 'kind', 'scope', 'version', 'status', 'updatedAt', 'formatVersion', 'agencyId', 'year'),
  previousId: orNull(prior.c.id),
  previousVersion: orNull(prior.c.version),
  previousUpdatedAt: orNull(prior.c.updatedAt),
  previousAgencyId: orNull(prior.c.agencyId),
})

/** Whether the row's narratives are in ReportText (the join found its row). */
const splitColumn = select({
  split: expression<boolean>(sql`CASE WHEN ${t.c.reportId} IS NULL THEN 0 ELSE 1 END`, 'boolean'),
})

/** A save's row: the content null when it is the version the process already holds. */
export type SaveRow = Omit<ReportRow, 'content'> & {
  content: string | null
  /** Last year's report as found now (its content is read only when the process lacks that version). */
  previous: { id: string; version: number; updatedAt: Date; agencyId: string } | null
}

/**
 * `prior."kind"` is one that stands for `r."kind"` a year later: `previousKinds` maps a kind to
 * its kinds (report → report, history); a kind not in it is its own.
 */
function previousKindCondition(previousKinds: Readonly<Record<string, readonly string[]>>): Sql {
  const listed = Object.keys(previousKinds)
  let condition = sql`(${r.c.kind} NOT IN ${sqlList(listed)} AND ${prior.c.kind} = ${r.c.kind})`
  for (const [kind, kinds] of Object.entries(previousKinds)) {
    condition = sql`${condition} OR (${r.c.kind} = ${kind} AND ${prior.c.kind} IN ${sqlList(kinds)})`
  }
  return sql`(${condition})`
}

/**
 * The autosave's one statement before its write: the report's row and last year's report
 * (findPreviousReportRows' choice: the agency's own before its predecessor's, the same kind
 * before another that stands for it; the best candidate row first, LIMIT 1). The content,
 * 30 KB, comes only when the stored version is not `heldVersion` (the version the process wrote
 * last, save-memo.ts): the caller checks the time of writing too and reads the row again when
 * that differs. Plain joins, no correlated subquery: SQLite allows none in a join's condition.
 */
export async function findSaveRow(
  id: string,
  heldVersion: number | null,
  previousKinds: Readonly<Record<string, readonly string[]>>,
): Promise<SaveRow | null> {
  const held = (column: Sql) =>
    heldVersion === null ? column : sql`CASE WHEN ${r.c.version} = ${heldVersion} THEN NULL ELSE ${column} END`
  const rank = sql`(CASE WHEN ${prior.c.agencyId} = ${r.c.agencyId} THEN 0 ELSE 2 END)
    + (CASE WHEN ${prior.c.kind} = ${r.c.kind} THEN 0 ELSE 1 END)`
  const [row] = await sqlRows(sql`SELECT ${saveColumns}, ${held(r.c.content)} AS "content",
    ${held(t.c.narratives)} AS "texts", ${splitColumn} FROM ${r}
    JOIN ${own} ON ${own.c.id} = ${r.c.agencyId}
    ${texts}${r.c.id}
    LEFT JOIN ${prior} ON ${prior.c.year} = ${r.c.year} - 1 AND ${prior.c.scope} = ${r.c.scope}
      AND ${previousKindCondition(previousKinds)}
      AND (${prior.c.agencyId} = ${r.c.agencyId} OR ${prior.c.agencyId} = ${own.c.predecessorId})
    WHERE ${r.c.id} = ${id}
    ORDER BY ${rank}, ${prior.c.id} LIMIT 1`)
  if (!row) return null
  const { previousId, previousVersion, previousUpdatedAt, previousAgencyId, ...stored } = saveColumns.read(row)
  const content = row.content === null || row.content === undefined ? null : String(row.content)
  // Held (content null): this process wrote the version, in two parts when ReportText has its row.
  const parts = content === null ? null : joinParts(content, textsColumn.read(row).texts)
  return {
    ...stored,
    content: parts ? parts.content : null,
    split: parts ? parts.split : splitColumn.read(row).split,
    previous:
      previousId === null || previousVersion === null || previousUpdatedAt === null || previousAgencyId === null
        ? null
        : { id: previousId, version: previousVersion, updatedAt: previousUpdatedAt, agencyId: previousAgencyId },
  }
}

/** Last year's report by its id (found by findSaveRow), with its content. */
export async function findPreviousReportRow(id: string): Promise<PreviousReportRow | null> {
  const [row] = await sqlRows(
    sql`SELECT ${previousColumns}, ${textsColumn} FROM ${last} ${texts}${last.c.id} WHERE ${last.c.id} = ${id}`,
  )
  return row ? previousRow(row) : null
}

const agencyColumn = select({ agencyId: reports.c.agencyId })

export async function findReportAgencyId(id: string): Promise<string | null> {
  const [row] = await sqlRows(sql`SELECT ${agencyColumn} FROM ${reports} WHERE ${reports.c.id} = ${id}`)
  return row ? agencyColumn.read(row).agencyId : null
}

const versionColumn = select({ version: reports.c.version })

/** The content version stored now, or null when the report is gone (inside a transaction: through it). */
export async function storedVersion(id: string, tx?: SqlRunner): Promise<number | null> {
  const statement = sql`SELECT ${versionColumn} FROM ${reports} WHERE ${reports.c.id} = ${id}`
  const [row] = tx ? await tx.rows(statement) : await sqlRows(statement)
  return row ? versionColumn.read(row).version : null
}

// ————— lists —————

/**
 * Agencies named one by one, and agencies with every agency under them (a coordinator's
 * government): the statement walks the tree itself (decision 0510), so a list of 200
 * departments sends two ids, not 200, and its text does not change with the tree's size.
 */
export interface AgencyScope {
  agencies: readonly string[]
  subtrees: readonly string[]
}

/** Which reports a list holds. */
export interface ReportListFilter {
  /** The agencies whose reports are listed ('all' for administrators). */
  agencies: 'all' | readonly string[] | AgencyScope
  year?: number
  states?: readonly string[]
}

/** A page of a list: `limit` rows after the first `offset` (all rows without a limit). */
export interface ListWindow {
  limit?: number
  offset?: number
}

const isScope = (agencies: ReportListFilter['agencies']): agencies is AgencyScope =>
  typeof agencies === 'object' && 'subtrees' in agencies

const down = agencies.as('down')

/**
 * `WITH RECURSIVE "readable"` of a scope: its agencies, and the agencies under each subtree's
 * root ("deep" = 1 is walked further). UNION, so a cycle in the tree ends.
 */
function readableAgencies(scope: AgencyScope): Sql {
  return sql`WITH RECURSIVE "readable"("id", "deep") AS (
    SELECT ${agencies.c.id}, CASE WHEN ${agencies.c.id} IN ${sqlList(scope.subtrees)} THEN 1 ELSE 0 END FROM ${agencies}
    WHERE ${agencies.c.id} IN ${sqlList([...scope.agencies, ...scope.subtrees])}
    UNION SELECT ${down.c.id}, 1 FROM ${down} JOIN "readable" t ON ${down.c.parentId} = t."id" WHERE t."deep" = 1
  ) `
}

/**
 * The reports of the readable agencies. PostgreSQL guesses a recursive CTE at ~10 times its first
 * term (181 agencies for a reviewer's one department) and then reads every row of "Report" (with
 * the dead versions the autosaves leave, pruning them as it goes) into a hash semi join, for each
 * list page. `= ANY(ARRAY(…))` is an init plan whose value is an array: "Report" is then read by
 * `Report_list_idx` (agencyId first), whatever the estimate (decision 0960). SQLite keeps `IN`.
 */
function readableCondition(): Sql {
  return DB_PROVIDER === 'postgresql'
    ? sql`${r.c.agencyId} = ANY(ARRAY(SELECT "id" FROM "readable"))`
    : sql`${r.c.agencyId} IN (SELECT "id" FROM "readable")`
}

/** The statement's WITH clause (for a scope) and its WHERE clause. */
function listCondition(filter: ReportListFilter): { prefix: Sql; where: Sql } {
  const { agencies: which } = filter
  const conditions = [
    which === 'all' ? null : isScope(which) ? readableCondition() : sql`${r.c.agencyId} IN ${sqlList(which)}`,
    filter.year === undefined ? null : sql`${r.c.year} = ${filter.year}`,
    filter.states === undefined ? null : sql`${r.c.status} IN ${sqlList(filter.states)}`,
  ].filter((c) => c !== null)
  return {
    prefix: which !== 'all' && isScope(which) ? readableAgencies(which) : sql``,
    where: conditions.reduce((out, c, i) => (i === 0 ? sql`WHERE ${c}` : sql`${out} AND ${c}`), sql``),
  }
}

const countColumn = select({ n: expression<number>(sql`COUNT(*)`, 'int') })

export async function countReportRows(filter: ReportListFilter): Promise<number> {
  const { prefix, where } = listCondition(filter)
  const [row] = await sqlRows(sql`${prefix}SELECT ${countColumn} FROM ${r} ${where}`)
  return countColumn.read(row).n
}

const a = agencies.as('a')
const c = comments.as('c')
const v = reportVersions.as('v')
const e = reportEvents.as('e')

const pageColumns = select({
  ...columnsOf(r, 'id', 'agencyId', 'year', 'kind', 'scope', 'formatVersion', 'status', 'edition', 'version'),
  ...columnsOf(r, 'updatedAt'),
  ...columnsOf(r, 'errorCount', 'warningCount', 'blankCount'),
  agencyCode: a.c.code,
  agencyName: a.c.name,
  agencyType: a.c.type,
  agencyLevel: a.c.level,
})

type PageRow = ReturnType<typeof pageColumns.read>

/** A column of the page `p` (the subquery of listReportRows), by the name the page gives it. */
const p = (field: keyof PageRow & string): Sql => ({ strings: [`p."${field}"`], values: [] })

const workflowColumns = select({
  openComments: expression<number>(
    sql`(SELECT COUNT(*) FROM ${c} WHERE ${c.c.reportId} = ${p('id')} AND ${c.c.parentId} IS NULL AND ${c.c.resolvedAt} IS NULL)`,
    'int',
  ),
  latestVersion: orNull(
    expression<number>(sql`(SELECT MAX(${v.c.number}) FROM ${v} WHERE ${v.c.reportId} = ${p('id')})`, 'int'),
  ),
  publishedAt: expression<Date | null>(
    sql`(SELECT ${v.c.publishedAt} FROM ${v} WHERE ${v.c.reportId} = ${p('id')} ORDER BY ${v.c.number} DESC LIMIT 1)`,
    'date',
  ),
  // Only a report under review has a submission that matters; walking its events back from the
  // newest stops at once (an autosaved draft has thousands of events and no need of this).
  submittedAt: expression<Date | null>(
    sql`CASE WHEN ${p('status')} = 'submitted' THEN (SELECT ${e.c.createdAt} FROM ${e}
      WHERE ${e.c.reportId} = ${p('id')} AND ${e.c.kind} = 'submit' ORDER BY ${e.c.createdAt} DESC LIMIT 1) END`,
    'date',
  ),
})

/** A listed report: the row, its agency, open review comments, latest frozen version, and when a submitted one was submitted. */
export type ListedReportRow = PageRow & ReturnType<typeof workflowColumns.read>

const totalColumn = select({ total: expression<number>(sql`COUNT(*) OVER ()`, 'int') })

/**
 * Newest year first, then most recently changed, with how many rows the whole list holds
 * (`total`, counted by the same statement: 0 when the window is past the end). The workflow
 * columns are computed for the page's rows only, so a page of a long list costs a page.
 */
export async function listReportRows(
  filter: ReportListFilter,
  window: ListWindow = {},
): Promise<{ rows: ListedReportRow[]; total: number }> {
  const page =
    window.limit === undefined
      ? sql``
      : sql`LIMIT ${Math.max(0, Math.floor(window.limit))} OFFSET ${Math.max(0, Math.floor(window.offset ?? 0))}`
  const { prefix, where } = listCondition(filter)
  const rows = await sqlRows(
    sql`${prefix}SELECT p.*, ${workflowColumns} FROM (
      SELECT ${pageColumns}, ${totalColumn} FROM ${r} JOIN ${a} ON ${a.c.id} = ${r.c.agencyId} ${where}
      ORDER BY ${r.c.year} DESC, ${r.c.updatedAt} DESC, ${r.c.id} ${page}
    ) p ORDER BY ${p('year')} DESC, ${p('updatedAt')} DESC, ${p('id')}`,
  )
  return {
    rows: rows.map((row) => ({ ...pageColumns.read(row), ...workflowColumns.read(row) })),
    total: rows.length > 0 ? totalColumn.read(rows[0]).total : 0,
  }
}

// ————— the save —————

export interface ContentWrite {
  id: string
  /** The version the save starts from; the row must still have it, and the state `status`. */
  baseVersion: number
  status: string
  /** `content` is the report without its narratives (lib/report/content-split.ts splitContent). */
  next: Values<Report, 'content' | 'version' | 'status' | 'updatedAt' | 'errorCount' | 'warningCount' | 'blankCount'>
  /** The narratives to store (ReportText), when they changed or are not stored apart yet; else left as stored. */
  texts?: string
  event: Values<ReportEvent, 'id' | 'kind' | 'version' | 'summary' | 'actor' | 'createdAt'>
}

/** A report's texts written over the ones stored (both databases spell an upsert so). */
const textConflict = sql`ON CONFLICT ("reportId") DO UPDATE SET "narratives" = excluded."narratives"`

/** The actor's display name now, read by the INSERT itself (no extra round trip on a save). */
const actorName = (actor: unknown) =>
  typeof actor !== 'string' ? null : sql`(SELECT ${users.c.name} FROM ${users} WHERE ${users.c.id} = ${actor})`

/**
 * Writes new content and its audit event together, or nothing: the answer says which, and the
 * version stored now when nothing was written (null: the report is gone). The state is part of
 * the condition: a submission that lands first makes the save a conflict.
 */
export async function writeContent(
  write: ContentWrite,
): Promise<{ written: true } | { written: false; version: number | null }> {
  const { id, baseVersion, status } = write
  const update = sql`UPDATE ${reports} SET ${assignments(reports, write.next)}
    WHERE ${reports.c.id} = ${id} AND ${reports.c.version} = ${baseVersion} AND ${reports.c.status} = ${status}`
  if (DB_PROVIDER === 'postgresql') {
    // One statement, one round trip: the update and its audit event land together or not at all.
    const event = insertRow(reportEvents, {
      ...write.event,
      reportId: sql`"id"`,
      actorName: actorName(write.event.actor),
    })
    const text =
      write.texts === undefined ? null : insertRow(reportTexts, { reportId: sql`"id"`, narratives: write.texts })
    // The texts only with the update (from "saved"): a save that loses the race writes nothing.
    const textWrite = text
      ? sql`, "texts" AS (INSERT INTO ${reportTexts} ${text.columns} SELECT ${text.values} FROM "saved" ${textConflict})`
      : sql``
    const inserted = await sqlRows(
      sql`WITH "saved" AS (${update} RETURNING ${reports.c.id})${textWrite}
      INSERT INTO ${reportEvents} ${event.columns} SELECT ${event.values} FROM "saved" RETURNING ${reportEvents.c.id}`,
    )
    return inserted.length > 0 ? { written: true } : { written: false, version: await storedVersion(id) }
  }
  // One transaction: the
  // version-checked update, then its audit event, or the version stored now when another save
  // came first.
  const event = insertRow(reportEvents, { ...write.event, reportId: id, actorName: actorName(write.event.actor) })
  const text = write.texts === undefined ? null : insertRow(reportTexts, { reportId: id, narratives: write.texts })
  const outcome = await sqliteConditionalWrite({
    write: update,
    after: [
      ...(text ? [sql`INSERT INTO ${reportTexts} ${text.columns} VALUES (${text.values}) ${textConflict}`] : []),
      sql`INSERT INTO ${reportEvents} ${event.columns} VALUES (${event.values})`,
    ],
    otherwise: sql`SELECT ${versionColumn} FROM ${reports} WHERE ${reports.c.id} = ${id}`,
  })
  if (outcome.written) return { written: true }
  const [row] = outcome.rows
  return { written: false, version: row ? versionColumn.read(row).version : null }
}

// ————— stored counts (lib/services/report-counts.ts; they read the row with findReportRow) —————

/** Stores counts for the content of one version only: a save in between has written its own. */
export async function storeCounts(
  id: string,
  version: number,
  counts: { errorCount: number; warningCount: number; blankCount: number },
): Promise<void> {
  // A list page stores what it computed.
  await sqlExecute(
    sql`UPDATE ${reports} SET ${assignments(reports, counts)} WHERE ${reports.c.id} = ${id} AND ${reports.c.version} = ${version}`,
  )
}

// ————— the year before —————

/** Which report a report is: the agency, year, kind and scope (lib/report/identity.ts). */
export interface ReportIdentityKey {
  agencyId: string
  year: number
  kind: string
  scope: string
}

const identityColumns = select(columnsOf(reports, 'agencyId', 'year', 'kind', 'scope'))

export async function findReportIdentity(id: string): Promise<ReportIdentityKey | null> {
  const [row] = await sqlRows(sql`SELECT ${identityColumns} FROM ${reports} WHERE ${reports.c.id} = ${id}`)
  return row ? identityColumns.read(row) : null
}

const last = reports.as('last')
const previousColumns = select({
  id: last.c.id,
  agencyId: last.c.agencyId,
  year: last.c.year,
  kind: last.c.kind,
  formatVersion: last.c.formatVersion,
  version: last.c.version,
  updatedAt: last.c.updatedAt,
  content: last.c.content,
})

export type PreviousReportRow = ReturnType<typeof previousColumns.read>

function previousRow(row: Record<string, unknown>): PreviousReportRow {
  const read = previousColumns.read(row)
  return { ...read, content: joinContent(read.content, textsColumn.read(row).texts) }
}

/**
 * Reports of the year before in the same scope, of the agency or of its predecessor (机构改革),
 * of the given kinds; the service picks one.
 */
export async function findPreviousReportRows(
  of: ReportIdentityKey,
  kinds: readonly string[],
): Promise<PreviousReportRow[]> {
  const rows = await sqlRows(sql`SELECT ${previousColumns}, ${textsColumn} FROM ${last} ${texts}${last.c.id}
    WHERE ${last.c.year} = ${of.year - 1} AND ${last.c.scope} = ${of.scope} AND ${last.c.kind} IN ${sqlList(kinds)}
      AND (${last.c.agencyId} = ${of.agencyId} OR ${last.c.agencyId} IN (
        SELECT ${agencies.c.predecessorId} FROM ${agencies} WHERE ${agencies.c.id} = ${of.agencyId}))`)
  return rows.map(previousRow)
}
