import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DB_PROVIDER, prisma } from '@/lib/db'
import {
  availableMigrations,
  migrationsDirectory,
  pendingMigrations,
  schemaBehind,
  schemaBehindMessage,
} from './schema-check'

describe('pendingMigrations', () => {
  it('lists the shipped migrations the database has not applied, in order', () => {
    expect(pendingMigrations(['a', 'b'], ['a', 'b', 'c', 'd'])).toEqual(['c', 'd'])
    expect(pendingMigrations(['a', 'b', 'x'], ['a', 'b'])).toEqual([])
    expect(pendingMigrations([], ['a'])).toEqual(['a'])
  })
})

describe('availableMigrations', () => {
  it('takes the folders that hold a migration.sql, sorted, and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-migrations-'))
    for (const name of ['20261130110000_b', '20250101000000_a', 'not_a_migration']) mkdirSync(path.join(dir, name))
    writeFileSync(path.join(dir, '20261130110000_b', 'migration.sql'), 'SELECT 1;')
    writeFileSync(path.join(dir, '20250101000000_a', 'migration.sql'), 'SELECT 1;')
    writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "sqlite"')
    expect(availableMigrations(dir)).toEqual(['20250101000000_a', '20261130110000_b'])
    expect(availableMigrations(path.join(dir, 'missing'))).toEqual([])
  })
})

describe('schemaBehindMessage', () => {
  it('names the missing migrations and the command, in Chinese first', () => {
    const text = schemaBehindMessage(['20261130110000_report_text'], 'sqlite')
    expect(text).toContain('有 1 个迁移尚未应用（20261130110000_report_text）')
    expect(text).toContain('npx prisma migrate deploy')
    expect(schemaBehindMessage(['a'], 'postgresql')).toContain('DB_PROVIDER=postgresql npx prisma migrate deploy')
    const many = schemaBehindMessage(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'sqlite')
    expect(many).toContain('a、b、c、d、e、……共 7 个')
  })
})

// The test database is migrated by `prisma migrate deploy` (test/database.ts), as a real one is.
describe('schemaBehind, on a real database', () => {
  const shipped = availableMigrations(migrationsDirectory(DB_PROVIDER))

  it('is null when every shipped migration is applied', async () => {
    expect(shipped.length).toBeGreaterThan(10)
    expect(await schemaBehind()).toBeNull()
  })

  it('names the one migration the database has not recorded', async () => {
    const last = shipped[shipped.length - 1]
    await prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = '${last}'`,
    )
    try {
      const message = await schemaBehind()
      expect(message).toContain(`有 1 个迁移尚未应用（${last}）`)
    } finally {
      await prisma.$executeRawUnsafe(
        `UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = '${last}'`,
      )
    }
    expect(await schemaBehind()).toBeNull()
  })

  it('is null when no migrations are shipped beside the code', async () => {
    expect(await schemaBehind(mkdtempSync(path.join(tmpdir(), 'nianbao-no-migrations-')))).toBeNull()
  })
})
