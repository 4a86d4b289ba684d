/**
 * A fresh SQLite file per test file, migrated with the real `prisma migrate deploy`. Import it
 * before anything that imports lib/db: the client is created from DATABASE_URL on first import.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-test-'))
export const testDatabaseUrl = `file:${path.join(dir, 'test.db')}`
process.env.DATABASE_URL = testDatabaseUrl
// A client cached by an earlier test file in the same worker points at another database.
delete (globalThis as { prisma?: unknown }).prisma

execFileSync(path.resolve('node_modules/.bin/prisma'), ['migrate', 'deploy'], {
  env: { ...process.env, DATABASE_URL: testDatabaseUrl, CHECKPOINT_DISABLE: '1' },
  stdio: 'pipe',
})

afterAll(async () => {
  const { prisma } = await import('@/lib/db')
  await prisma.$disconnect()
  rmSync(dir, { recursive: true, force: true })
})
