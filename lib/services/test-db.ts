/**
 * A fresh, migrated database per test file (SQLite file, or a PostgreSQL database with
 * DB_PROVIDER=postgresql). Import it before anything that imports lib/db: the client is created
 * from DATABASE_URL on first import.
 */
import { afterAll } from 'vitest'
import { freshTestDatabase } from '@/lib/testing/database'

const database = await freshTestDatabase('svc')
export const testDatabaseUrl = database.url
process.env.DATABASE_URL = testDatabaseUrl
// A client cached by an earlier test file in the same worker points at another database.
delete (globalThis as { prisma?: unknown }).prisma

afterAll(async () => {
  const { prisma } = await import('@/lib/db')
  await prisma.$disconnect()
  await database.drop()
})
