/**
 * The throw-away database of a load-test run (scripts/loadtest.ts, scripts/loadtest-instances.ts):
 * a SQLite file under prisma/, or a database of its own on the PostgreSQL server of DATABASE_URL
 * (scripts/pg-cluster.sh start prints one), LOADTEST_DATABASE_URL overriding it.
 */
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')

/** The run's database address: `prisma/{name}.db`, or the PostgreSQL database `{pgName}`. */
export function loadtestDatabaseUrl(db: string, name: string, pgName: string): string {
  if (db !== 'postgresql') return `file:${path.join(ROOT, 'prisma', `${name}.db`)}`
  if (process.env.LOADTEST_DATABASE_URL) return process.env.LOADTEST_DATABASE_URL
  const url = new URL(
    process.env.DATABASE_URL?.startsWith('postgres')
      ? process.env.DATABASE_URL
      : 'postgresql://postgres@127.0.0.1:55432/x',
  )
  url.pathname = `/${pgName}`
  url.search = ''
  return url.toString()
}

/** Empties the run's database and migrates it (env: the servers' environment, with DATABASE_URL). */
export async function freshLoadtestDatabase(db: string, databaseUrl: string, env: NodeJS.ProcessEnv) {
  if (db === 'postgresql') {
    const { recreatePgDatabase } = await import('@/test/database')
    await recreatePgDatabase(new URL(databaseUrl).pathname.slice(1))
  } else {
    for (const s of ['', '-journal', '-wal', '-shm']) rmSync(`${databaseUrl.slice(5)}${s}`, { force: true })
  }
  execFileSync(path.join(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: ROOT, env, stdio: 'ignore' })
}
