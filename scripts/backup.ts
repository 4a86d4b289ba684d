/**
 * npm run backup [-- FILE]
 *
 * An online backup of the database of DATABASE_URL / DB_PROVIDER (the app may keep running):
 * SQLite `VACUUM INTO`, PostgreSQL `pg_dump -Fc`. Without FILE it writes
 * backups/nianbao-<UTC time>.db (SQLite) or .dump (PostgreSQL). See docs/production.md.
 */
import 'dotenv/config'
import { mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { backupDatabase, databaseOfEnvironment } from '@/lib/backup'

async function main() {
  const source = databaseOfEnvironment()
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const file = path.resolve(
    process.argv[2] ?? path.join('backups', `nianbao-${stamp}.${source.provider === 'sqlite' ? 'db' : 'dump'}`),
  )
  mkdirSync(path.dirname(file), { recursive: true })
  const t0 = Date.now()
  await backupDatabase(source, file)
  console.log(`已备份到 ${file}（${(statSync(file).size / 1024 / 1024).toFixed(1)} MB，用时 ${Date.now() - t0} ms）`)
}

main().catch((e) => {
  console.error(`备份失败：${e instanceof Error ? e.message : String(e)}`)
  process.exitCode = 1
})
