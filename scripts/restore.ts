/**
 * npm run restore -- FILE [--replace]
 *
 * Restores a backup made by `npm run backup` into the database of DATABASE_URL / DB_PROVIDER.
 * Stop the app first. An existing database is only overwritten with --replace. See
 * docs/production.md.
 */
import 'dotenv/config'
import { databaseOfEnvironment, restoreDatabase } from '@/lib/backup'

async function main() {
  const args = process.argv.slice(2)
  const file = args.find((a) => !a.startsWith('--'))
  if (!file) {
    console.error('用法：npm run restore -- 备份文件 [--replace]')
    process.exitCode = 2
    return
  }
  const target = databaseOfEnvironment()
  const t0 = Date.now()
  await restoreDatabase(target, file, { replace: args.includes('--replace') })
  console.log(`已从 ${file} 恢复（${target.provider}，用时 ${Date.now() - t0} ms）`)
}

main().catch((e) => {
  const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim()
  console.error(`恢复失败：${e instanceof Error ? e.message : String(e)}${stderr ? `\n${stderr}` : ''}`)
  process.exitCode = 1
})
