/**
 * Backups that restore: an online, consistent copy of the database while the app keeps
 * serving, and its restore into a database that is not in use.
 *
 * - SQLite: `VACUUM INTO` (SQLite ≥ 3.27) writes a compacted copy of the database as one read
 *   transaction sees it, so saves that commit meanwhile are either wholly in it or not at all;
 *   writers are not blocked in WAL mode. Restore writes the copy beside the target and renames
 *   it into place (the app must be stopped: another process's open connection would keep the
 *   old file).
 * - PostgreSQL: `pg_dump -Fc` (one repeatable-read snapshot, the app keeps running) and
 *   `pg_restore --single-transaction` into an empty database (or over an existing one with
 *   `--clean`), with Debian's client tools of the server's major version or newer.
 */
import 'server-only'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PrismaLibSQL } from '@prisma/adapter-libsql'

export type Provider = 'sqlite' | 'postgresql'

export interface DatabaseTarget {
  provider: Provider
  /** DATABASE_URL: file:… or postgresql://… */
  url: string
}

/** The file a SQLite URL names, resolved as Prisma and the app resolve it (from the working directory). */
export function sqlitePath(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`不是 SQLite 数据库地址：${url}`)
  return path.resolve(url.slice('file:'.length).replace(/\?.*$/, ''))
}

/** libpq does not know Prisma's ?schema=…: the URL without its query. */
function libpqUrl(url: string): string {
  const u = new URL(url)
  u.search = ''
  return u.toString()
}

/** pg_dump / pg_restore: on PATH, else the newest of Debian's /usr/lib/postgresql/N/bin. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))
    if (versions.length) return path.join(root, versions[0], 'bin', name)
  }
  return name
}

async function sqliteRun(url: string, statement: string): Promise<void> {
  const driver = await new PrismaLibSQL({ url }).connect()
  try {
    await driver.executeScript(statement)
  } finally {
    await driver.dispose()
  }
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`

/** Writes a consistent copy of the database to `file` (which must not exist). */
export async function backupDatabase(source: DatabaseTarget, file: string): Promise<void> {
  const out = path.resolve(file)
  if (existsSync(out)) throw new Error(`备份文件已存在：${out}`)
  if (source.provider === 'sqlite') {
    await sqliteRun(source.url, `VACUUM INTO ${sqlString(out)}`)
    return
  }
  execFileSync(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--file', out, '--dbname', libpqUrl(source.url)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

/**
 * Restores a backup into the target database. Refuses to overwrite one that has data unless
 * `replace` is set (then SQLite's file is replaced, PostgreSQL's objects dropped and recreated).
 */
export async function restoreDatabase(target: DatabaseTarget, file: string, { replace = false } = {}): Promise<void> {
  const backup = path.resolve(file)
  if (!existsSync(backup)) throw new Error(`找不到备份文件：${backup}`)
  if (target.provider === 'sqlite') {
    const dest = sqlitePath(target.url)
    if (existsSync(dest) && !replace) throw new Error(`数据库文件已存在：${dest}（确认覆盖请加 --replace）`)
    // Copy into a temporary file beside the target (VACUUM INTO checks the copy as it writes
    // it), then rename: the target is either the old database or the whole restored one.
    const temp = `${dest}.restoring-${process.pid}`
    rmSync(temp, { force: true })
    await sqliteRun(`file:${backup}`, `VACUUM INTO ${sqlString(temp)}`)
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${dest}${suffix}`, { force: true })
    renameSync(temp, dest)
    return
  }
  execFileSync(
    pgTool('pg_restore'),
    [
      '--single-transaction',
      '--no-owner',
      '--exit-on-error',
      ...(replace ? ['--clean', '--if-exists'] : []),
      '--dbname',
      libpqUrl(target.url),
      backup,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
}

/** The database of this process's environment (DB_PROVIDER, DATABASE_URL), as lib/db.ts reads it. */
export function databaseOfEnvironment(): DatabaseTarget {
  const provider: Provider = process.env.DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite'
  const url = process.env.DATABASE_URL ?? (provider === 'sqlite' ? 'file:./prisma/dev.db' : '')
  if (provider === 'postgresql' && !url.startsWith('postgres')) {
    throw new Error('DB_PROVIDER=postgresql 需要 DATABASE_URL=postgresql://user:password@host:port/database')
  }
  return { provider, url }
}
