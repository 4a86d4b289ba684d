/**
 * Plain SQL for the hot paths, on both databases, through the driver the Prisma client is
 * connected with (lib/db.ts). Why: the Prisma 6 client compiles every query in WebAssembly and
 * copies its parameters through it, which costs 1–9 ms of CPU per query (most for a report's
 * content, long strings of Chinese); the driver itself takes 0.1–0.2 ms. Autosave and the
 * session lookup run on every request of every officer, so they go straight to the driver.
 * Everything else stays on the Prisma client.
 *
 * Statements are written once for both databases: quoted identifiers, and parameters as
 * `${value}` in the sql`…` template (numbered $1… on PostgreSQL, ? on SQLite). They live in one
 * module per table beside this one (report-table.ts, …), name their columns through the typed
 * declarations of tables.ts and read rows with table.ts `select`; nothing outside lib/data
 * imports this module (docs/decisions/0001-typed-plain-sql.md).
 */
import 'server-only'
import type { ArgType, SqlQuery, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils'
import { connectedDriver } from '@/lib/db'

export type SqlValue = string | number | boolean | Date | null

export interface Sql {
  strings: readonly string[]
  values: readonly SqlValue[]
}

const isSql = (v: unknown): v is Sql => typeof v === 'object' && v !== null && 'strings' in v && 'values' in v

/**
 * A statement with its parameters: sql`SELECT … WHERE "id" = ${id}`. A value may itself be a
 * statement fragment (sqlList, or another sql`…`), spliced in with its own parameters.
 */
export function sql(strings: readonly string[], ...values: (SqlValue | Sql)[]): Sql {
  const outStrings: string[] = [strings[0]]
  const outValues: SqlValue[] = []
  values.forEach((value, i) => {
    if (isSql(value)) {
      outStrings[outStrings.length - 1] += value.strings[0]
      outStrings.push(...value.strings.slice(1))
      outValues.push(...value.values)
      outStrings[outStrings.length - 1] += strings[i + 1]
    } else {
      outValues.push(value)
      outStrings.push(strings[i + 1])
    }
  })
  return { strings: outStrings, values: outValues }
}

/** `(v1, v2, …)` for IN; `(NULL)` (matches nothing) for an empty list. */
export function sqlList(values: readonly SqlValue[]): Sql {
  if (values.length === 0) return { strings: ['(NULL)'], values: [] }
  return { strings: ['(', ...values.slice(1).map(() => ', '), ')'], values }
}

function argType(value: SqlValue): ArgType {
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' }
  if (typeof value === 'number') return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' }
  if (typeof value === 'boolean') return { scalarType: 'boolean', arity: 'scalar' }
  return { scalarType: 'string', arity: 'scalar' }
}

function toQuery(statement: Sql, provider: string): SqlQuery {
  const pg = provider === 'postgres'
  let text = statement.strings[0]
  for (let i = 1; i < statement.strings.length; i++) text += (pg ? `$${i}` : '?') + statement.strings[i]
  // SQLite stores booleans as 0/1 (as Prisma does).
  const args = statement.values.map((v) => (!pg && typeof v === 'boolean' ? (v ? 1 : 0) : v))
  return { sql: text, args, argTypes: statement.values.map(argType) }
}

export type Row = Record<string, unknown>

/** Runs statements; inside sqlTransaction, all on the transaction's connection. */
export interface SqlRunner {
  rows<T extends Row = Row>(statement: Sql): Promise<T[]>
  execute(statement: Sql): Promise<number>
}

function runner(queryable: SqlQueryable): SqlRunner {
  return {
    async rows<T extends Row>(statement: Sql) {
      const result = await queryable.queryRaw(toQuery(statement, queryable.provider))
      return result.rows.map((values) => {
        const row: Row = {}
        result.columnNames.forEach((name, i) => {
          row[name] = values[i]
        })
        return row as T
      })
    },
    execute: (statement) => queryable.executeRaw(toQuery(statement, queryable.provider)),
  }
}

export async function sqlRows<T extends Row = Row>(statement: Sql): Promise<T[]> {
  return runner(await connectedDriver()).rows<T>(statement)
}

export async function sqlExecute(statement: Sql): Promise<number> {
  return runner(await connectedDriver()).execute(statement)
}

const phantom = (name: string): SqlQuery => ({ sql: name, args: [], argTypes: [] })

/**
 * fn's statements in one transaction: committed when fn returns, rolled back when it throws.
 * The adapter contract, as the Prisma client follows it: a driver that does not send COMMIT or
 * ROLLBACK itself (usePhantomQuery false: PostgreSQL) gets them as statements, then the
 * transaction is closed (which releases its connection).
 */
export async function sqlTransaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  const tx: Transaction = await (await connectedDriver()).startTransaction()
  let result: T
  try {
    result = await fn(runner(tx))
  } catch (error) {
    if (!tx.options.usePhantomQuery) await tx.executeRaw(phantom('ROLLBACK')).catch(() => undefined)
    await tx.rollback()
    throw error
  }
  if (!tx.options.usePhantomQuery) {
    try {
      await tx.executeRaw(phantom('COMMIT'))
    } catch (error) {
      await tx.rollback()
      throw error
    }
  }
  await tx.commit()
  return result
}

/**
 * SQLite: `write`, then `after` when it changed a row, else the rows of `otherwise`; one
 * transaction on the connection, committed before this resolves. PostgreSQL's writes are
 * asynchronous already and do not come here.
 */
export async function sqliteConditionalWrite(statements: {
  write: Sql
  after: Sql[]
  otherwise: Sql
}): Promise<{ written: true } | { written: false; rows: Row[] }> {
  return sqlTransaction(async (tx) => {
    if ((await tx.execute(statements.write)) === 0) return { written: false, rows: await tx.rows(statements.otherwise) }
    for (const statement of statements.after) await tx.execute(statement)
    return { written: true } as const
  })
}

// ————— reading values the same way on both databases —————

/** A DateTime column: a Date from PostgreSQL's text, SQLite's ISO text or epoch milliseconds. */
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value))
  const text = String(value)
  // PostgreSQL `timestamp(3)` (UTC, as Prisma writes it) comes without a zone.
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/.test(text)
  return new Date(hasZone ? text : `${text.replace(' ', 'T')}Z`)
}

export const asBoolean = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === '1'
