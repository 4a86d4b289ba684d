/**
 * Runs before each test file's own imports (vitest setupFiles): the file gets its own database,
 * a copy of the migrated template, and DATABASE_URL points at it before lib/db is first loaded.
 * So a test never depends on the order of its imports, and test files never share data.
 */
import { afterAll, inject } from 'vitest'
import { copyTestDatabase } from './database'

const database = await copyTestDatabase(inject('templateDatabaseUrl'), 'svc')
process.env.DATABASE_URL = database.url
// A client cached by an earlier test file in the same worker points at another database.
delete (globalThis as { prisma?: unknown }).prisma

afterAll(async () => {
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> } }
  await g.prisma?.$disconnect()
  await database.drop()
})
