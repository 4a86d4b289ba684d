/**
 * An operator upgrades the code and forgets `prisma migrate deploy`: the server must refuse to
 * start and say what to run, instead of failing page by page (decision 0910). The built app is
 * started the production way (scripts/server.mjs) on a database of its own, one process and then
 * two workers, with the newest migration marked as not applied.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient } from '@libsql/client'
import { expect, test } from '@playwright/test'
import pg from 'pg'
import { isPostgres, migrate, recreatePgDatabase } from '../test/database'

const PORT = Number(process.env.E2E_PORT ?? 3100) + 40

/** The newest migration shipped for the provider in force (lib/services/schema-check.ts reads the same folders). */
function newestMigration(): string {
  const dir = path.resolve(isPostgres() ? 'prisma-pg' : 'prisma', 'migrations')
  const names = readdirSync(dir).filter((name) => existsSync(path.join(dir, name, 'migration.sql')))
  return names.sort()[names.length - 1]
}

async function runSql(url: string, sql: string) {
  if (isPostgres()) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  } else {
    const client = createClient({ url })
    try {
      await client.execute(sql)
    } finally {
      client.close()
    }
  }
}

/** Starts the server and waits for it to end (it should) or to listen (it should not). */
function startServer(url: string, workers: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
      // NIANBAO_DEMO: plain http and the development secret, as playwright.config.ts's server.
      env: { ...process.env, DATABASE_URL: url, NIANBAO_WORKERS: workers, NIANBAO_DEMO: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not stop within 60 s:\n${output}`))
    }, 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('年报 ready on')) child.kill('SIGTERM')
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

test('a server whose database lacks a migration refuses to start and says what to run', async () => {
  test.setTimeout(180_000)
  let url: string
  let folder: string | null = null
  if (isPostgres()) {
    url = await recreatePgDatabase('nianbao_e2e_schema_behind')
  } else {
    folder = mkdtempSync(path.join(tmpdir(), 'nianbao-schema-'))
    url = `file:${path.join(folder, 'behind.db')}`
  }
  try {
    migrate(url)
    const newest = newestMigration()
    await runSql(url, `UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = '${newest}'`)

    for (const workers of ['1', '2']) {
      const { code, output } = await startServer(url, workers)
      expect(output, output).not.toContain('年报 ready on')
      expect(code, output).toBe(78)
      expect(output).toContain(`数据库结构比程序旧：有 1 个迁移尚未应用（${newest}），服务未启动。`)
      expect(output).toContain('npx prisma migrate deploy')
      // The workers stop: none is started again in a loop.
      expect(output).not.toContain('starting another')
    }

    // Once migrated, the same database starts.
    await runSql(url, `UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = '${newest}'`)
    const { output } = await startServer(url, '1')
    expect(output).toContain('年报 ready on')
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true })
  }
})
