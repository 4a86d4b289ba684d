/**
 * Plain SQL for the coordinator's sibling similarity (lib/services/sibling-similarity.ts, decision
 * 0420): the agency reports of one year under a government, as identities (id and content
 * version: the year's fingerprint), with their agencies, and the narratives of some of them by id,
 * cut out by the database so that the tables of a thousand reports are neither read nor parsed.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import { narrativePath } from '@/lib/format/cells'
import { FORMAT_LIST } from '@/lib/format/index'
import { reportsThroughListIndex, treeJoin } from './report-index'
import { type Sql, sql, sqlList, sqlRows } from './sql'
import { expression, select } from './table'
import { agencies, reports, reportTexts } from './tables'

const a = agencies.as('a')
const r = reports.as('r')
const t = reportTexts.as('t')

/**
 * Where narratives are in a report's content, over every format: `preamble` (beside `sections`),
 * then each narrative section's text path (`overview`, `otherMatters.text`…).
 */
export const NARRATIVE_PATHS: readonly string[][] = [
  ...new Map(
    FORMAT_LIST.flatMap((f) => [
      ['preamble'],
      ...f.sections.flatMap((s) => {
        const at = narrativePath(s)
        return at ? [['sections', ...at.split('.')]] : []
      }),
    ]).map((p): [string, string[]] => [p.join('.'), p]),
  ).values(),
]

/**
 * The narratives of a report as a JSON array in NARRATIVE_PATHS order (null where absent): each
 * from the content when it holds the text itself (a row stored whole, the preamble), else from
 * `texts` (ReportText.narratives, by its path under `sections`: decision 0840). The same rule as
 * joinParts: where the content holds a text, that one stands (decision 0880).
 */
function narrativesOf(content: Sql, texts: Sql): Sql {
  const apart = (p: readonly string[]) => (p[0] === 'sections' ? p.slice(1).join('.') : null)
  if (DB_PROVIDER === 'postgresql') {
    const items = NARRATIVE_PATHS.map((p) => {
      const inContent = sql`(${content})::json #> ${`{${p.join(',')}}`}::text[]`
      const key = apart(p)
      // `#>` gives JSON null (not SQL NULL) where the content holds null: a split row's text.
      return key === null
        ? inContent
        : sql`CASE WHEN json_typeof(${inContent}) <> 'null' THEN ${inContent} ELSE (${texts})::json -> ${key}::text END`
    })
    return sql`json_build_array(${items.reduce((out, i) => sql`${out}, ${i}`)})::text`
  }
  const items = NARRATIVE_PATHS.map((p) => {
    const inContent = sql`json_extract(${content}, ${`$.${p.join('.')}`})`
    const key = apart(p)
    return key === null ? inContent : sql`COALESCE(${inContent}, json_extract(${texts}, ${`$."${key}"`}))`
  })
  return sql`json_array(${items.reduce((out, i) => sql`${out}, ${i}`)})`
}

/** The agency reports (kind `report`) of a year in the government's tree, the government's own included. */
export function yearReports(governmentId: string, year: number, columns: Sql): Sql {
  // UNION ALL with a depth bound, as the board walks the tree (lib/data/board-table.ts).
  return sql`WITH RECURSIVE "tree" AS (
      SELECT ${agencies.c.id} AS "id", 0 AS "depth" FROM ${agencies} WHERE ${agencies.c.id} = ${governmentId}
      UNION ALL SELECT ${a.c.id}, t."depth" + 1 FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id" WHERE t."depth" < 12
    ) SELECT ${columns} FROM "tree" t ${treeJoin()} ${reportsThroughListIndex(r)} ON ${r.c.agencyId} = t."id" AND ${r.c.year} = ${year}
      AND ${r.c.kind} = 'report' ORDER BY ${r.c.id}`
}

const identityColumns = select({ reportId: r.c.id, version: r.c.version })

/** Each report's id and content version (what the year's fingerprint is made of): an index read. */
export async function yearReportVersions(
  governmentId: string,
  year: number,
): Promise<{ reportId: string; version: number }[]> {
  const rows = await sqlRows(yearReports(governmentId, year, identityColumns))
  return rows.map(identityColumns.read)
}

const headColumns = select({
  reportId: r.c.id,
  version: r.c.version,
  agencyId: r.c.agencyId,
  agencyName: expression<string>(sql`(SELECT ${a.c.name} FROM ${a} WHERE ${a.c.id} = ${r.c.agencyId})`, 'string'),
  formatVersion: r.c.formatVersion,
})

export type YearReportHead = ReturnType<typeof headColumns.read>

/** Each report of the year with its agency and format, without its content (an index walk). */
export async function yearReportHeads(governmentId: string, year: number): Promise<YearReportHead[]> {
  const rows = await sqlRows(yearReports(governmentId, year, headColumns))
  return rows.map(headColumns.read)
}

const narrativeColumns = select({
  reportId: r.c.id,
  version: r.c.version,
  formatVersion: r.c.formatVersion,
  narratives: expression<string>(narrativesOf(r.c.content, t.c.narratives), 'string'),
})

export type ReportNarrativeRow = ReturnType<typeof narrativeColumns.read>

/**
 * Reports' narratives by id (NARRATIVE_PATHS order, as a JSON array), with the content version
 * they are of (a save may land between two reads): only the reports whose grams are not kept.
 */
export async function reportNarratives(reportIds: readonly string[]): Promise<ReportNarrativeRow[]> {
  const out: ReportNarrativeRow[] = []
  for (let i = 0; i < reportIds.length; i += 500) {
    const rows = await sqlRows(
      sql`SELECT ${narrativeColumns} FROM ${r} LEFT JOIN ${t} ON ${t.c.reportId} = ${r.c.id}
        WHERE ${r.c.id} IN ${sqlList(reportIds.slice(i, i + 500))}`,
    )
    for (const row of rows) out.push(narrativeColumns.read(row))
  }
  return out
}
