import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DB_PROVIDER } from '@/lib/db'
import { board } from './board-table'
import { REPORT_LIST_INDEX } from './report-index'
import { rollupSourceStatement } from './rollup-table'
import { yearReports } from './sibling-table'
import { type Sql, sql, sqlRows } from './sql'

const plan = async (statement: Sql) =>
  (await sqlRows<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`)).map((row) => row.detail)

describe('reports joined by agency and year are read from the covering list index (decision 0552)', () => {
  it('is an index of the schema', () => {
    const schema = readFileSync(path.join(__dirname, '../../prisma/schema.prisma'), 'utf8')
    expect(schema).toContain(`map: "${REPORT_LIST_INDEX}"`)
  })

  it.skipIf(DB_PROVIDER === 'postgresql')(
    'never reads a report row (its columns after the content), and walks the tree first, in the roll-up, the board and the sibling fingerprint',
    async () => {
      for (const statement of [
        rollupSourceStatement('g', 2025, 'approved'),
        rollupSourceStatement('g', 2025, 'latest', ['a', 'b']),
        sql`${board({
          governmentId: 'g',
          year: 2025,
          governmentPastDeadline: false,
          departmentPastDeadline: true,
          governmentLateFrom: new Date(),
          departmentLateFrom: new Date(),
        })} SELECT * FROM "b"`,
        yearReports('g', 2025, sql`r."id", r."version", r."formatVersion"`),
      ]) {
        const details = await plan(statement)
        const report = details.filter((d) => /\br\b/.test(d) && /Report/.test(d))
        expect(report, details.join('\n')).toHaveLength(1)
        // The tree drives: no scan of every agency or report, no index built per statement.
        expect(details.filter((d) => /AUTOMATIC|^SCAN (a|r)\b/.test(d))).toEqual([])
        expect(report[0]).toMatch(/^SEARCH r USING COVERING INDEX Report_list_idx \(agencyId=\? AND year=\?\)/)
      }
    },
  )
})
