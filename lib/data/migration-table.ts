/**
 * Prisma's own record of applied migrations (`_prisma_migrations`, not in schema.prisma), for the
 * server's start-up check (lib/services/schema-check.ts, decision 0910).
 */
import 'server-only'
import { DB_PROVIDER, prisma } from '@/lib/db'

/** Migrations recorded as applied; none when Prisma's table does not exist (a database never migrated). */
export async function appliedMigrations(): Promise<string[]> {
  const table = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    DB_PROVIDER === 'postgresql'
      ? "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'"
      : "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  )
  if (Number(table[0]?.n ?? 0) === 0) return []
  const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  )
  return rows.map((row) => row.migration_name)
}
