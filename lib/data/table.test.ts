import { describe, expect, it } from 'vitest'
import { sql } from './sql'
import { assignments, columnsOf, expression, insertRow, orNull, select } from './table'
import { reportEvents, reports } from './tables'

const text = (s: { strings: readonly string[] }) => s.strings.join('?')

describe('typed tables', () => {
  it('renders columns, aliases and select lists, and reads rows by the model types', () => {
    const r = reports.as('r')
    expect(text(sql`SELECT ${reports.c.version} FROM ${reports}`)).toBe('SELECT "version" FROM "Report"')
    expect(text(sql`FROM ${r} WHERE ${r.c.id} = ${'x'}`)).toBe('FROM "Report" r WHERE r."id" = ?')
    const row = select({
      ...columnsOf(r, 'id', 'version', 'updatedAt', 'errorCount'),
      n: expression<number>(sql`COUNT(*)`, 'int'),
      who: orNull(reportEvents.c.actor),
    })
    expect(text(row)).toBe(
      'r."id" AS "id", r."version" AS "version", r."updatedAt" AS "updatedAt", r."errorCount" AS "errorCount", COUNT(*) AS "n", "actor" AS "who"',
    )
    const read = row.read({ id: 'a', version: '3', updatedAt: 1_700_000_000_000, errorCount: null, n: 2n, who: null })
    expect(read).toEqual({
      id: 'a',
      version: 3,
      updatedAt: new Date(1_700_000_000_000),
      errorCount: null,
      n: 2,
      who: null,
    })
  })

  it('writes typed values, and refuses a column the table does not declare', () => {
    const at = new Date()
    const set = assignments(reports, { version: 2, status: 'draft', updatedAt: at })
    expect(text(set)).toBe('"version" = ?, "status" = ?, "updatedAt" = ?')
    expect(set.values).toEqual([2, 'draft', at])
    const event = insertRow(reportEvents, { id: 'e1', reportId: sql`"id"`, kind: 'save' })
    expect(text(event.columns)).toBe('("id", "reportId", "kind")')
    expect(text(event.values)).toBe('?, "id", ?')
    expect(() => assignments(reports, { createdAt: at } as never)).toThrow('Report declares no column createdAt')
  })
})
