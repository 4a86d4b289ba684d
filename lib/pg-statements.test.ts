/**
 * Named statements per PostgreSQL connection (lib/pg-statements.ts), against the test's own
 * PostgreSQL server; on SQLite (the default run) there is no server to ask, and the suite says so.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { namedStatementCount, namePgStatements, PG_STATEMENT_LIMIT } from './pg-statements'

const url = process.env.DB_PROVIDER === 'postgresql' ? process.env.DATABASE_URL : undefined

describe.skipIf(!url)('namePgStatements', () => {
  let client: pg.Client
  beforeAll(async () => {
    namePgStatements()
    client = new pg.Client({ connectionString: url?.replace(/\?.*$/, '') })
    await client.connect()
  })
  afterAll(() => client.end())

  const prepared = async () =>
    (await client.query('SELECT name, statement FROM pg_prepared_statements ORDER BY name')).rows as {
      name: string
      statement: string
    }[]

  it('prepares a statement with parameters once per connection and runs it again with new ones', async () => {
    const text = 'SELECT $1::int + 1 AS "n"'
    for (const v of [1, 2, 3]) expect((await client.query({ text, values: [v] })).rows).toEqual([{ n: v + 1 }])
    expect((await client.query(text, [41])).rows).toEqual([{ n: 42 }])
    const statements = (await prepared()).filter((s) => s.statement === text)
    expect(statements).toHaveLength(1)
    expect(statements[0].name).toMatch(/^nianbao_\d+$/)
  })

  it('leaves statements without parameters unnamed (several statements in one text still run)', async () => {
    const before = namedStatementCount(client)
    await client.query('SELECT 1; SELECT 2')
    expect(namedStatementCount(client)).toBe(before)
    expect((await prepared()).some((s) => s.statement.includes('SELECT 1; SELECT 2'))).toBe(false)
  })

  it('recovers from a statement that fails to parse, and from an aborted transaction', async () => {
    await expect(client.query({ text: 'SELEC $1::int', values: [1] })).rejects.toThrow(/syntax/)
    await client.query('BEGIN')
    await expect(client.query({ text: 'SELECT 1 / $1::int AS "q"', values: [0] })).rejects.toThrow(/division/)
    await expect(client.query({ text: 'SELECT $1::int * 3 AS "t"', values: [2] })).rejects.toThrow(/aborted/)
    await client.query('ROLLBACK')
    expect((await client.query({ text: 'SELECT $1::int * 3 AS "t"', values: [2] })).rows).toEqual([{ t: 6 }])
    expect((await client.query({ text: 'SELECT 1 / $1::int AS "q"', values: [1] })).rows).toEqual([{ q: 1 }])
  })

  it(`names at most ${PG_STATEMENT_LIMIT} texts a connection; later ones run unnamed`, async () => {
    const start = namedStatementCount(client)
    for (let i = start; i < PG_STATEMENT_LIMIT + 5; i++) {
      expect((await client.query({ text: `SELECT $1::int + ${i} AS "v"`, values: [1] })).rows).toEqual([{ v: i + 1 }])
    }
    expect(namedStatementCount(client)).toBe(PG_STATEMENT_LIMIT)
    // The text that failed to parse above holds a name, but the server never kept it.
    expect(await prepared()).toHaveLength(PG_STATEMENT_LIMIT - 1)
  })

  it('gives another connection its own names', async () => {
    const other = new pg.Client({ connectionString: url?.replace(/\?.*$/, '') })
    await other.connect()
    try {
      expect(namedStatementCount(other)).toBe(0)
      expect((await other.query({ text: 'SELECT $1::int + 1 AS "n"', values: [9] })).rows).toEqual([{ n: 10 }])
      expect(namedStatementCount(other)).toBe(1)
    } finally {
      await other.end()
    }
  })
})
