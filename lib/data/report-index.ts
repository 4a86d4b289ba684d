/**
 * Reports found by agency and year, read from `Report_list_idx` alone (decision 0552).
 *
 * On SQLite a row's columns are stored in order and `content` (14–33 KB) spills into overflow
 * pages; the columns added after it (`kind`, `scope`, the counts, `updatedAt`) can only be read by
 * walking those pages. For a join on (agencyId, year, kind) the planner picks the unique index of
 * those three columns and then reads the table row: a roll-up of 1,000 reports walked 14 MB of
 * content to read `scope`. `Report_list_idx` (decision 0340) holds every column the roll-up, the
 * board and the sibling fingerprint read, so the report is answered from the index. PostgreSQL
 * keeps large values out of line (TOAST) and plans by statistics, except for a recursive tree,
 * which it too guesses large: the lists read "Report" through `= ANY(ARRAY(…))` there
 * (report-table.ts `readableCondition`, decision 0960).
 *
 * Without statistics SQLite also guesses a recursive tree to be large and turns the joins round:
 * it scanned every agency (or every report of the database) and probed the tree through an
 * index built for each statement. `treeJoin` keeps the order as written: the tree first.
 */
import 'server-only'
import { DB_PROVIDER } from '@/lib/db'
import type { Sql } from './sql'

/** The covering index of prisma/schema.prisma (`@@index(…, map: "Report_list_idx")`). */
export const REPORT_LIST_INDEX = 'Report_list_idx'

/** `"Report" r`, on SQLite read through the covering index: for joins by agency and year only. */
export function reportsThroughListIndex(reports: Sql): Sql {
  if (DB_PROVIDER === 'postgresql') return reports
  if (reports.strings.length !== 1) throw new Error('a table reference has no parameters')
  return { strings: [`${reports.strings[0]} INDEXED BY "${REPORT_LIST_INDEX}"`], values: [] }
}

/** An inner join that SQLite must not reorder (its CROSS JOIN); PostgreSQL plans it by statistics. */
export function treeJoin(): Sql {
  return { strings: [DB_PROVIDER === 'postgresql' ? 'JOIN' : 'CROSS JOIN'], values: [] }
}
