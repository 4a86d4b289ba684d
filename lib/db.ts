import 'server-only'
import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils'
import type { Client as LibsqlClient, Transaction as LibsqlTransaction } from '@libsql/client'
import { PrismaClient } from '@/generated/prisma/client'
import { namePgStatements } from '@/lib/pg-statements'
import { cacheSqliteStatements } from '@/lib/sqlite-statements'

/**
 * The database: SQLite in a file by default, PostgreSQL with DB_PROVIDER=postgresql. The
 * generated client is provider-specific: `prisma generate` (run by `npm install`, `npm test`
 * and `npm run setup`) builds it for the DB_PROVIDER in force.
 *
 * Besides the Prisma client, the few hot paths (autosave, session lookup, lists) run plain SQL
 * (lib/data/sql.ts, typed per table in lib/data) on the very connection the client uses: the driver adapter Prisma connected.
 * On SQLite that matters, since the adapter serializes every statement of its one connection.
 */
export const DB_PROVIDER = process.env.DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite'

interface DriverHolder {
  driver: SqlDriverAdapter | null
}

/** Kept on the client itself, so a client reused across reloads keeps its driver. */
const DRIVER = Symbol.for('nianbao.prisma-driver')

/** Remembers a connected driver until it is disposed ($disconnect). */
function remember<T extends SqlDriverAdapter>(holder: DriverHolder, driver: T): T {
  holder.driver = driver
  const dispose = driver.dispose.bind(driver)
  driver.dispose = () => {
    if (holder.driver === driver) holder.driver = null
    return dispose()
  }
  return driver
}

/**
 * @libsql/client runs a transaction on the connection it has and opens a new SQLite connection
 * for everything after it (so that statements outside the transaction can run meanwhile), and
 * never closes the old one. Every save paid for opening a database file and parsing its schema
 * again, about a third of a save's CPU (docs/decisions/0120-save-path.md). Prisma's adapter
 * already holds its lock from BEGIN to COMMIT, so nothing else runs on the connection meanwhile:
 * the transaction can stay on the one connection, which keeps its PRAGMAs (synchronous=FULL).
 */
export function sameConnectionTransactions(client: LibsqlClient): void {
  const ending = async (statement: 'COMMIT' | 'ROLLBACK', state: { open: boolean }) => {
    if (!state.open) return
    state.open = false
    try {
      await client.execute(statement)
    } catch (error) {
      // A failed COMMIT leaves the transaction open: end it, so that the connection is clean.
      await client.execute('ROLLBACK').catch(() => undefined)
      if (statement === 'COMMIT') throw error
    }
  }
  client.transaction = async (mode = 'write') => {
    // Prisma asks for 'deferred'. A deferred transaction that reads and then writes fails with
    // SQLITE_BUSY (no wait helps) when another process wrote in between (NIANBAO_WORKERS > 1):
    // every transaction that may write takes the write lock at BEGIN, waiting for it (busy_timeout).
    await client.execute(mode === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE')
    const state = { open: true }
    const live = () => {
      if (!state.open) throw new Error('the transaction is closed')
    }
    return {
      execute: (statement: Parameters<LibsqlTransaction['execute']>[0]) => {
        live()
        return client.execute(statement)
      },
      batch: async (statements: Parameters<LibsqlTransaction['batch']>[0]) => {
        live()
        const out = []
        for (const statement of statements) out.push(await client.execute(statement))
        return out
      },
      executeMultiple: async (script: string) => {
        live()
        return client.executeMultiple(script)
      },
      commit: () => ending('COMMIT', state),
      rollback: () => ending('ROLLBACK', state),
      close: () => {
        void ending('ROLLBACK', state)
      },
      get closed() {
        return !state.open
      },
    } as LibsqlTransaction
  }
}

/** How long a SQLite statement waits for another connection's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000

function adapter(holder: DriverHolder) {
  // Each adapter factory remembers the driver it connects (again after a reconnect).
  if (DB_PROVIDER === 'postgresql') {
    const connectionString = process.env.DATABASE_URL
    if (!connectionString?.startsWith('postgres')) {
      throw new Error('DB_PROVIDER=postgresql needs DATABASE_URL=postgresql://user:password@host:port/database')
    }
    // Statements are parsed and planned once per connection, not once per use (lib/pg-statements.ts).
    namePgStatements()
    // Each app instance keeps a small pool; size it so instances × pool < max_connections.
    return new (class extends PrismaPg {
      async connect() {
        return remember(holder, await super.connect())
      }
    })({
      connectionString,
      max: Number(process.env.DB_POOL_SIZE ?? 10),
      // An unreachable server fails a request within seconds (503) instead of hanging it; the pool
      // drops connections the server closed (a restart) and opens new ones on demand.
      connectionTimeoutMillis: 5000,
      // Connections stay open while idle (pg closes them after 10 s by default): the process opens
      // the whole pool before it listens (decision 0710), and each connection keeps the statements
      // it prepared; a burst after a quiet moment would otherwise wait for new connections, which
      // under load timed out (503). The pool is bounded by DB_POOL_SIZE all the same.
      idleTimeoutMillis: 0,
      // …without keeping a script's process alive once its work is done (a server has its listener).
      allowExitOnIdle: true,
    })
  }
  // Statements are prepared once per connection, not once per use (lib/sqlite-statements.ts).
  cacheSqliteStatements()
  const url = process.env.DATABASE_URL ?? 'file:./prisma/dev.db'
  // Saves commit on this connection, on the event loop: a writer thread and a checkpointer thread
  // were tried and deleted (decisions 0640, 0700, 0740).
  return new (class extends PrismaLibSQL {
    async connect() {
      const driver = await super.connect()
      const client = (driver as unknown as { client: LibsqlClient }).client
      sameConnectionTransactions(client)
      // Several server processes (NIANBAO_WORKERS) write the one file: a writer waits up to
      // 5 s for another's transaction to end instead of failing with SQLITE_BUSY (a save's
      // transaction holds the lock for about a millisecond).
      await client.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
      // Write-ahead log: one fsync per commit instead of a journal file made and deleted each
      // time, and readers never wait for the writer. Durable on commit (synchronous stays FULL);
      // the mode is kept in the file. A read-only or in-memory database keeps its mode.
      await driver.executeScript('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL').catch(() => undefined)
      remember(holder, driver)
      return driver
    }
  })({ url })
}

function createClient(): PrismaClient {
  const holder: DriverHolder = { driver: null }
  const client = new PrismaClient({ adapter: adapter(holder) })
  Object.defineProperty(client, DRIVER, { value: holder })
  return client
}

const g = globalThis as unknown as { prisma?: PrismaClient }
export const prisma = g.prisma ?? createClient()
if (process.env.NODE_ENV !== 'production') g.prisma = prisma

/** The driver the Prisma client is connected through (connecting it first if need be). */
export async function connectedDriver(): Promise<SqlDriverAdapter> {
  const holder = (prisma as unknown as Record<symbol, DriverHolder>)[DRIVER]
  if (!holder.driver) await prisma.$connect()
  if (!holder.driver) throw new Error('the database driver did not connect')
  return holder.driver
}
