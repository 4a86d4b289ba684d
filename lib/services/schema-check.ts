import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { appliedMigrations } from '@/lib/data/migration-table'
import { DB_PROVIDER } from '@/lib/db'

/**
 * Is the database's schema as new as the code? A server started after `git pull` without
 * `prisma migrate deploy` would answer every page that reads a new table with a 500 and a message
 * about the database being unreachable. scripts/server.mjs asks this before it listens and
 * refuses to start, saying which migrations are missing and what to run (decision 0910).
 */

/** The migrations shipped with the code for a provider (prisma/ or prisma-pg/, as prisma.config.ts). */
export function migrationsDirectory(provider: 'sqlite' | 'postgresql', root = process.cwd()): string {
  return path.join(root, provider === 'postgresql' ? 'prisma-pg' : 'prisma', 'migrations')
}

/** The migration folders in `dir` (each holds a migration.sql), in the order Prisma applies them. */
export function availableMigrations(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
}

/** Shipped migrations the database has not applied, in order. */
export function pendingMigrations(applied: Iterable<string>, available: readonly string[]): string[] {
  const done = new Set(applied)
  return available.filter((name) => !done.has(name))
}

/** What the operator reads in the server's log. */
export function schemaBehindMessage(pending: readonly string[], provider: 'sqlite' | 'postgresql'): string {
  const run =
    provider === 'postgresql' ? 'DB_PROVIDER=postgresql npx prisma migrate deploy' : 'npx prisma migrate deploy'
  const shown = pending.length > 5 ? [...pending.slice(0, 5), `……共 ${pending.length} 个`] : pending
  return [
    `数据库结构比程序旧：有 ${pending.length} 个迁移尚未应用（${shown.join('、')}），服务未启动。`,
    `请先备份数据库，再运行 ${run}（使用与服务相同的 DATABASE_URL），然后重新启动服务。`,
    `The database is behind the code: ${pending.length} migration(s) not applied. Run \`${run}\`, then start again.`,
  ].join('\n')
}

/**
 * The server's question: null when the schema is current (or no migrations are shipped beside the
 * code to compare with), else the message to print.
 */
export async function schemaBehind(root = process.cwd()): Promise<string | null> {
  const available = availableMigrations(migrationsDirectory(DB_PROVIDER, root))
  if (available.length === 0) return null
  const pending = pendingMigrations(await appliedMigrations(), available)
  return pending.length === 0 ? null : schemaBehindMessage(pending, DB_PROVIDER)
}

/** Where a route module offers the check to scripts/server.mjs (a route may export nothing else). */
const SCHEMA_CHECK = Symbol.for('nianbao.schema-check')

export function offerSchemaCheck(): void {
  ;(globalThis as Record<symbol, unknown>)[SCHEMA_CHECK] = schemaBehind
}
