/**
 * Prepared statements kept per SQLite connection (docs/decisions/0450-save-cpu.md).
 *
 * @libsql/client prepares every statement it runs again (`db.prepare(sql)` in its executeStmt),
 * then asks the statement twice for its columns and, for a statement that returns no rows
 * (BEGIN, UPDATE, INSERT, COMMIT), makes it throw an exception to find that out. Each of those
 * costs 30–150 µs of CPU; a save runs eight statements, a session lookup one, so about a fifth
 * of a save's CPU went to preparing the same few statements again. Here the libsql `Database`
 * remembers the statements it prepared, by their text (at most STATEMENT_CACHE_LIMIT a
 * connection, least recently used dropped), with each one's columns and whether it returns
 * rows. A statement runs again from the start with its new parameters (libsql resets it);
 * @libsql/client always runs one to its end (`all` or `run`) before the next, in one synchronous
 * call, so no two uses of a statement overlap. The statements are the connection's: closing it
 * forgets them.
 */
import 'server-only'
import Database from 'libsql'

/** Distinct statements kept per connection (the app has a few hundred shapes, IN lists included). */
export const STATEMENT_CACHE_LIMIT = 500

const PATCHED = Symbol.for('nianbao.libsql-statement-cache')

type Connection = Database.Database
type Statement = Database.Statement
type Prepare = (this: Connection, sql: string) => Statement

const caches = new WeakMap<Connection, Map<string, Statement>>()

/** The statement with its columns remembered, and its "returns no rows" answer remembered. */
function remembered(statement: Statement): Statement {
  const columns = statement.columns.bind(statement)
  const raw = statement.raw.bind(statement)
  let known: ReturnType<Statement['columns']> | null = null
  let notReader: unknown = null
  statement.columns = () => {
    known ??= columns()
    return known
  }
  statement.raw = (toggle?: boolean) => {
    if (notReader) throw notReader
    try {
      return raw(toggle)
    } catch (error) {
      notReader = error
      throw error
    }
  }
  return statement
}

/** Makes every libsql connection of this process keep its prepared statements (idempotent). */
export function cacheSqliteStatements(): void {
  const proto = Database.prototype as Connection & { [PATCHED]?: true }
  if (proto[PATCHED]) return
  proto[PATCHED] = true
  const prepare = proto.prepare as Prepare
  const close = proto.close
  proto.prepare = function (this: Connection, sql: string): Statement {
    let cache = caches.get(this)
    if (!cache) {
      cache = new Map()
      caches.set(this, cache)
    }
    const hit = cache.get(sql)
    if (hit) {
      cache.delete(sql)
      cache.set(sql, hit)
      return hit
    }
    const statement = remembered(prepare.call(this, sql))
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
    cache.set(sql, statement)
    return statement
  } as Connection['prepare']
  proto.close = function (this: Connection) {
    caches.delete(this)
    return close.call(this)
  }
}

/** How many statements a connection keeps now (for tests). */
export const cachedStatementCount = (db: Connection): number => caches.get(db)?.size ?? 0
