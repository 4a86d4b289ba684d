/** Prepared statements kept per SQLite connection (lib/sqlite-statements.ts). */
import Database from 'libsql'
import { describe, expect, it } from 'vitest'
import { cachedStatementCount, cacheSqliteStatements, STATEMENT_CACHE_LIMIT } from './sqlite-statements'

cacheSqliteStatements()

function database() {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
  return db
}

describe('cacheSqliteStatements', () => {
  it('prepares a statement once per connection and runs it again with new parameters', () => {
    const db = database()
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
    expect(db.prepare('INSERT INTO t (v) VALUES (?)')).toBe(insert)
    for (const v of ['a', 'b', 'c']) expect(db.prepare('INSERT INTO t (v) VALUES (?)').run([v]).changes).toBe(1)
    const select = db.prepare('SELECT id, v FROM t WHERE id >= ? ORDER BY id').raw(true)
    expect(select.all([2])).toEqual([
      [2, 'b'],
      [3, 'c'],
    ])
    // Left after one row, then run again: from the start, with the new parameter.
    select.iterate([1]).next()
    expect(db.prepare('SELECT id, v FROM t WHERE id >= ? ORDER BY id').raw(true).all([3])).toEqual([[3, 'c']])
    // Another connection has its own statements.
    const other = database()
    expect(other.prepare('INSERT INTO t (v) VALUES (?)')).not.toBe(insert)
  })

  it('remembers the columns, and that a statement returns no rows (raw() throws each time)', () => {
    const db = database()
    const select = db.prepare('SELECT id, v FROM t')
    expect(select.columns().map((c) => c.name)).toEqual(['id', 'v'])
    expect(select.columns()).toBe(select.columns())
    const update = db.prepare('UPDATE t SET v = ? WHERE id = ?')
    expect(() => update.raw(true)).toThrow(/only for statements that return data/)
    expect(() => db.prepare('UPDATE t SET v = ? WHERE id = ?').raw(true)).toThrow(
      /only for statements that return data/,
    )
    expect(update.run(['x', 1]).changes).toBe(0)
  })

  it('keeps at most STATEMENT_CACHE_LIMIT statements, dropping the least recently used; close forgets them', () => {
    const db = database()
    const first = db.prepare('SELECT 0')
    for (let i = 1; i < STATEMENT_CACHE_LIMIT; i++) db.prepare(`SELECT ${i}`)
    expect(db.prepare('SELECT 0')).toBe(first) // used again: now the most recent
    db.prepare('SELECT -1') // one more: drops `SELECT 1`, the least recently used
    expect(cachedStatementCount(db)).toBe(STATEMENT_CACHE_LIMIT)
    expect(db.prepare('SELECT 0')).toBe(first)
    db.close()
    expect(cachedStatementCount(db)).toBe(0)
  })
})
