/**
 * Throw-away databases for tests, on the provider in force: a SQLite file in a temp folder, or
 * a new database on the PostgreSQL server of DATABASE_URL (DB_PROVIDER=postgresql). Migrated
 * with the real `prisma migrate deploy`; never a mock.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

export const isPostgres = () => process.env.DB_PROVIDER === 'postgresql'

/** The server's maintenance database, for CREATE / DROP DATABASE. */
function adminUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55432/nianbao')
  url.pathname = '/postgres'
  url.search = ''
  return url.toString()
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export function migrate(databaseUrl: string) {
  execFileSync(path.resolve('node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  })
}

/** (Re)creates a named PostgreSQL database, empty. */
export async function recreatePgDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`)
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await c.query(`CREATE DATABASE "${name}"`)
  })
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}

export interface TestDatabase {
  url: string
  drop: () => Promise<void>
}

/**
 * One migrated database for a whole test run (vitest globalSetup): each test file then starts
 * from a copy of it (copyTestDatabase), which costs milliseconds instead of a migration.
 */
export async function templateTestDatabase(): Promise<TestDatabase> {
  if (isPostgres()) {
    const name = `nianbao_template_${process.pid}`
    const url = await recreatePgDatabase(name)
    migrate(url)
    return { url, drop: () => dropPgDatabase(name) }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-template-'))
  const url = `file:${path.join(dir, 'test.db')}`
  migrate(url)
  return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) }
}

/** A fresh database with the template's schema, for one test file. */
export async function copyTestDatabase(templateUrl: string, label = 'test'): Promise<TestDatabase> {
  if (isPostgres()) {
    const template = new URL(templateUrl).pathname.slice(1)
    const name = `nianbao_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`))
    const url = new URL(adminUrl())
    url.pathname = `/${name}`
    return { url: url.toString(), drop: () => dropPgDatabase(name) }
  }
  const dir = mkdtempSync(path.join(tmpdir(), `nianbao-${label}-`))
  const file = path.join(dir, 'test.db')
  copyFileSync(templateUrl.replace(/^file:/, ''), file)
  return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
}

export const dropPgDatabase = (name: string) =>
  admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))
