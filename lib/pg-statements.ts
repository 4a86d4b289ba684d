/**
 * Named (prepared) statements per PostgreSQL connection (docs/decisions/0508-pg-named-statements.md).
 *
 * @prisma/adapter-pg runs every statement as an unnamed one: PostgreSQL parses, analyses and
 * plans it again each time. Measured with pg_stat_statements under the save load, planning cost
 * more than executing for most of a save's statements (the session lookup 0.84 ms of planning
 * against 0.24 ms of execution), and the database shares the app's two cores. Here every pg
 * `Client` gives each distinct statement text with parameters a name of its own the first time
 * it runs it; pg then sends Parse once per connection and only Bind/Execute afterwards, and the
 * server keeps the plan (a generic one once it is as good, PostgreSQL's own choice).
 *
 * Only statements with parameters are named: one without goes as a simple query, which may hold
 * several statements (migrations, executeScript) and cannot be prepared. At most
 * PG_STATEMENT_LIMIT texts a connection are named (the app has a few hundred shapes, IN lists
 * included); later ones run unnamed as before, so the server's memory stays bounded.
 * DB_NAMED_STATEMENTS=off turns this off, for a pooler in transaction mode that cannot keep a
 * connection's statements (PgBouncer before 1.21).
 */
import 'server-only'
import pg from 'pg'

/** Distinct statement texts named per connection. */
export const PG_STATEMENT_LIMIT = 400

const PATCHED = Symbol.for('nianbao.pg-named-statements')

const named = new WeakMap<pg.Client, Map<string, string>>()

interface QueryConfig {
  text?: unknown
  name?: unknown
  values?: unknown
  submit?: unknown
}

/** The name this connection gives a statement text, or undefined to run it unnamed. */
function nameFor(client: pg.Client, text: string): string | undefined {
  let names = named.get(client)
  if (!names) {
    names = new Map()
    named.set(client, names)
  }
  let name = names.get(text)
  if (name === undefined && names.size < PG_STATEMENT_LIMIT) {
    name = `nianbao_${names.size + 1}`
    names.set(text, name)
  }
  return name
}

/** How many statement texts a connection has named (for tests). */
export function namedStatementCount(client: pg.Client): number {
  return named.get(client)?.size ?? 0
}

/** Makes every pg connection of this process name its statements with parameters (idempotent). */
export function namePgStatements(): void {
  if (process.env.DB_NAMED_STATEMENTS === 'off') return
  const proto = pg.Client.prototype as pg.Client & { [PATCHED]?: true }
  if (proto[PATCHED]) return
  proto[PATCHED] = true
  const query = proto.query as (this: pg.Client, ...args: unknown[]) => unknown
  proto.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    if (config !== null && typeof config === 'object' && typeof (config as QueryConfig).submit !== 'function') {
      const c = config as QueryConfig
      const params = values ?? c.values
      if (typeof c.text === 'string' && c.name === undefined && Array.isArray(params) && params.length > 0) {
        const name = nameFor(this, c.text)
        if (name !== undefined) return query.call(this, { ...c, name }, values, callback)
      }
    }
    return query.call(this, config, values, callback)
  } as typeof proto.query
}
