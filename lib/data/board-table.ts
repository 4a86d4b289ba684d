/**
 * Plain SQL for the coordinator's year board (lib/services/board.ts, decision 0270): every
 * agency under a government with its report of the year (or none), filtered and paged in the
 * database, and the counts of the whole board, one statement each however many agencies.
 */
import 'server-only'
import { reportsThroughListIndex, treeJoin } from './report-index'
import { type Sql, sql, sqlRows } from './sql'
import { type Column, expression, orNull, select } from './table'
import { agencies, comments, reportEvents, reports, reportVersions } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const v = reportVersions.as('v')
const v2 = reportVersions.as('v2')
const e = reportEvents.as('e')
const c = comments.as('c')

/**
 * The state a board shows: the report's, 'none' (未创建), or 'correcting' (published and online,
 * 更正中); 'withdrawn' is a report taken down (撤回发布, decision 0310).
 */
export type BoardStateFilter =
  | 'none'
  | 'draft'
  | 'complete'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'published'
  | 'withdrawn'

export interface BoardQuery {
  governmentId: string
  year: number
  /** Whether the deadline of a government's / a department's report has passed (today > deadline). */
  governmentPastDeadline: boolean
  departmentPastDeadline: boolean
  /**
   * From when a first publication is late (条例第四十九条): the start, in China, of the day after
   * the deadline of a government's / a department's report.
   */
  governmentLateFrom: Date
  departmentLateFrom: Date
  states?: readonly BoardStateFilter[]
  overdue?: boolean
  /** Only reports first published after their deadline (逾期发布). */
  publishedLate?: boolean
  hasErrors?: boolean
  /** Agency name contains this. */
  name?: string
}

// A literal, not a parameter: PostgreSQL types a CASE of two untyped parameters as text.
const bool = (b: boolean): Sql => ({ strings: [b ? '1' : '0'], values: [] })

/**
 * A report of its first edition not yet approved has no frozen version (approval freezes 第N版 =
 * edition; only 更正 opens edition 2): the version subqueries are skipped for it, most of a
 * board in the weeks before the deadline.
 */
const UNFROZEN = sql`(${r.c.edition} = 1 AND ${r.c.status} IN ('draft', 'complete', 'submitted', 'returned'))`

/** The board's rows before filters: one per agency of the tree, with its report's columns (as "b"). */
export function board(q: BoardQuery): Sql {
  // UNION ALL (no de-duplicating b-tree over thousands of rows); the depth bound stops a cycle.
  return sql`WITH RECURSIVE "tree" AS (
      SELECT ${agencies.c.id} AS "id", 0 AS "depth" FROM ${agencies} WHERE ${agencies.c.id} = ${q.governmentId}
      UNION ALL SELECT ${a.c.id}, t."depth" + 1 FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id" WHERE t."depth" < 12
    ), "b0" AS (
      SELECT ${a.c.id} AS "agencyId", ${a.c.code} AS "agencyCode", ${a.c.name} AS "agencyName",
        ${a.c.type} AS "agencyType", ${a.c.level} AS "agencyLevel",
        ${r.c.id} AS "reportId", ${r.c.status} AS "status", ${r.c.formatVersion} AS "formatVersion",
        ${r.c.version} AS "version", ${r.c.edition} AS "edition",
        ${r.c.errorCount} AS "errorCount", ${r.c.warningCount} AS "warningCount", ${r.c.blankCount} AS "blankCount",
        ${r.c.updatedAt} AS "updatedAt",
        CASE WHEN ${r.c.id} IS NULL THEN 'none' WHEN ${r.c.status} = 'published' THEN 'published'
          WHEN ${r.c.status} = 'withdrawn' THEN 'withdrawn'
          WHEN ${UNFROZEN} THEN ${r.c.status}
          WHEN EXISTS (SELECT 1 FROM ${v} WHERE ${v.c.reportId} = ${r.c.id} AND ${v.c.publishedAt} IS NOT NULL
            AND ${v.c.withdrawnAt} IS NULL AND NOT EXISTS (SELECT 1 FROM ${v2} WHERE ${v2.c.reportId} = ${r.c.id}
              AND ${v2.c.number} > ${v.c.number} AND ${v2.c.withdrawnAt} IS NOT NULL))
          THEN 'correcting' ELSE ${r.c.status} END AS "boardState",
        CASE WHEN ${r.c.id} IS NULL OR ${UNFROZEN} THEN NULL
          ELSE (SELECT MIN(${v.c.publishedAt}) FROM ${v} WHERE ${v.c.reportId} = ${r.c.id}) END AS "firstPublishedAt",
        CASE WHEN ${a.c.id} = ${q.governmentId} THEN 0 ELSE 1 END AS "rank",
        CASE WHEN ${a.c.type} = 'government' THEN ${bool(q.governmentPastDeadline)}
          ELSE ${bool(q.departmentPastDeadline)} END AS "pastDeadline"
      FROM "tree" t ${treeJoin()} ${a} ON ${a.c.id} = t."id"
      LEFT JOIN ${reportsThroughListIndex(r)} ON ${r.c.agencyId} = ${a.c.id} AND ${r.c.year} = ${q.year}
        AND ${r.c.kind} = 'report'
    ), "b" AS (
      SELECT b0.*, CASE WHEN b0."firstPublishedAt" IS NULL THEN 0
        WHEN b0."agencyType" = 'government' AND b0."firstPublishedAt" >= ${q.governmentLateFrom} THEN 1
        WHEN b0."agencyType" <> 'government' AND b0."firstPublishedAt" >= ${q.departmentLateFrom} THEN 1
        ELSE 0 END AS "publishedLate" FROM "b0" b0
    )`
}

const col = <V>(name: string, kind: Column<V>['kind']): Column<V> => expression<V>(rawSql(`b."${name}"`), kind)
const rawSql = (text: string): Sql => ({ strings: [text], values: [] })

const PUBLISHED = rawSql(`b."boardState" IN ('published', 'correcting')`)
const OVERDUE = rawSql(`(b."pastDeadline" = 1 AND b."boardState" NOT IN ('published', 'correcting'))`)

function filterOf(q: BoardQuery, as: 'where' | 'condition' = 'where'): Sql {
  const states = q.states ?? []
  const parts: Sql[] = []
  if (states.length > 0) {
    const named = states.filter((s) => s !== 'published')
    const stateSql = named.reduce<Sql | null>((out, s) => (out ? sql`${out}, ${s}` : sql`${s}`), null)
    const inList = stateSql ? sql`b."boardState" IN (${stateSql})` : null
    const pub = states.includes('published') ? PUBLISHED : null
    parts.push(inList && pub ? sql`(${inList} OR ${pub})` : (inList ?? (pub as Sql)))
  }
  if (q.overdue) parts.push(OVERDUE)
  if (q.publishedLate) parts.push(rawSql(`b."publishedLate" = 1`))
  if (q.hasErrors) parts.push(rawSql(`b."errorCount" > 0`))
  if (q.name) parts.push(sql`b."agencyName" LIKE ${`%${q.name.replace(/[%_]/g, '')}%`}`)
  if (as === 'condition') return parts.reduce((out, p, i) => (i === 0 ? p : sql`${out} AND ${p}`), rawSql('1 = 1'))
  return parts.reduce((out, p, i) => (i === 0 ? sql`WHERE ${p}` : sql`${out} AND ${p}`), sql``)
}

const countColumns = select({
  total: expression<number>(sql`COUNT(*)`, 'int'),
  published: expression<number>(sql`COALESCE(SUM(CASE WHEN ${PUBLISHED} THEN 1 ELSE 0 END), 0)`, 'int'),
  correcting: expression<number>(
    sql`COALESCE(SUM(CASE WHEN b."boardState" = 'correcting' THEN 1 ELSE 0 END), 0)`,
    'int',
  ),
  overdue: expression<number>(sql`COALESCE(SUM(CASE WHEN ${OVERDUE} THEN 1 ELSE 0 END), 0)`, 'int'),
  publishedLate: expression<number>(sql`COALESCE(SUM(b."publishedLate"), 0)`, 'int'),
  withdrawn: expression<number>(sql`COALESCE(SUM(CASE WHEN b."boardState" = 'withdrawn' THEN 1 ELSE 0 END), 0)`, 'int'),
  notCreated: expression<number>(sql`COALESCE(SUM(CASE WHEN b."boardState" = 'none' THEN 1 ELSE 0 END), 0)`, 'int'),
  submitted: expression<number>(sql`COALESCE(SUM(CASE WHEN b."boardState" = 'submitted' THEN 1 ELSE 0 END), 0)`, 'int'),
  approved: expression<number>(sql`COALESCE(SUM(CASE WHEN b."boardState" = 'approved' THEN 1 ELSE 0 END), 0)`, 'int'),
  withErrors: expression<number>(sql`COALESCE(SUM(CASE WHEN b."errorCount" > 0 THEN 1 ELSE 0 END), 0)`, 'int'),
})

export type BoardCounts = ReturnType<typeof countColumns.read> & { matching: number }

/** The counts of the whole board, and how many rows the filters leave: one pass over the board. */
export async function boardCounts(q: BoardQuery): Promise<BoardCounts> {
  const filter = filterOf(q, 'condition')
  const [row] = await sqlRows(
    sql`${board(q)} SELECT ${countColumns}, COALESCE(SUM(CASE WHEN ${filter} THEN 1 ELSE 0 END), 0) AS "matching" FROM "b"`,
  )
  return { ...countColumns.read(row), matching: Number(row.matching) }
}

const pageColumns = select({
  agencyId: col<string>('agencyId', 'string'),
  agencyCode: col<string>('agencyCode', 'string'),
  agencyName: col<string>('agencyName', 'string'),
  agencyType: col<string>('agencyType', 'string'),
  agencyLevel: col<string | null>('agencyLevel', 'string'),
  reportId: col<string | null>('reportId', 'string'),
  status: col<string | null>('status', 'string'),
  boardState: col<string>('boardState', 'string'),
  formatVersion: col<string | null>('formatVersion', 'string'),
  version: col<number | null>('version', 'int'),
  edition: col<number | null>('edition', 'int'),
  errorCount: col<number | null>('errorCount', 'int'),
  warningCount: col<number | null>('warningCount', 'int'),
  blankCount: col<number | null>('blankCount', 'int'),
  updatedAt: col<Date | null>('updatedAt', 'date'),
  firstPublishedAt: col<Date | null>('firstPublishedAt', 'date'),
  publishedLate: col<number>('publishedLate', 'int'),
})

/** A column of the page `p` by the name the page gives it. */
const p = (field: string): Sql => rawSql(`p."${field}"`)

const pageDetails = select({
  submittedAt: orNull(
    expression<Date>(
      sql`(SELECT MAX(${e.c.createdAt}) FROM ${e} WHERE ${e.c.reportId} = ${p('reportId')} AND ${e.c.kind} = 'submit')`,
      'date',
    ),
  ),
  approvedAt: orNull(
    expression<Date>(sql`(SELECT MAX(${v.c.approvedAt}) FROM ${v} WHERE ${v.c.reportId} = ${p('reportId')})`, 'date'),
  ),
  publishedAt: orNull(
    expression<Date>(sql`(SELECT MAX(${v.c.publishedAt}) FROM ${v} WHERE ${v.c.reportId} = ${p('reportId')})`, 'date'),
  ),
  lastEventAt: orNull(
    expression<Date>(sql`(SELECT MAX(${e.c.createdAt}) FROM ${e} WHERE ${e.c.reportId} = ${p('reportId')})`, 'date'),
  ),
  openComments: expression<number>(
    sql`(SELECT COUNT(*) FROM ${c} WHERE ${c.c.reportId} = ${p('reportId')} AND ${c.c.parentId} IS NULL AND ${c.c.resolvedAt} IS NULL)`,
    'int',
  ),
})

export type BoardRow = ReturnType<typeof pageColumns.read> & ReturnType<typeof pageDetails.read>

/**
 * One page of the board: the government first, then by name. The dates are read for the
 * page's rows only, so a page of 5,000 agencies costs a page.
 */
export async function boardPage(q: BoardQuery, limit: number, offset: number): Promise<BoardRow[]> {
  const rows = await sqlRows(
    sql`${board(q)} SELECT p.*, ${pageDetails} FROM (
      SELECT ${pageColumns}, b."rank" AS "rank" FROM "b" ${filterOf(q)}
      ORDER BY b."rank", b."agencyName", b."agencyId" LIMIT ${Math.max(0, Math.floor(limit))} OFFSET ${Math.max(0, Math.floor(offset))}
    ) p ORDER BY p."rank", p."agencyName", p."agencyId"`,
  )
  return rows.map((row) => ({ ...pageColumns.read(row), ...pageDetails.read(row) }))
}
