/**
 * A fresh, migrated database for the e2e server. Playwright starts `webServer` before
 * `globalSetup`, so this runs as the first step of the webServer command instead
 * (`tsx e2e/global-setup.ts && next start …`): the server never sees a half-made database.
 * SQLite: the file is deleted and migrated; PostgreSQL (DB_PROVIDER=postgresql): the database
 * named in E2E_DATABASE_URL is dropped and created again.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import { isPostgres, migrate, recreatePgDatabase } from '../test/database'
import { E2E_ADMIN } from './accounts'

export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  (isPostgres() ? 'postgresql://postgres@127.0.0.1:55432/nianbao_e2e' : 'file:./prisma/e2e.db')

export default async function prepareE2eDatabase() {
  if (isPostgres()) {
    await recreatePgDatabase(new URL(E2E_DATABASE_URL).pathname.slice(1))
  } else {
    const file = E2E_DATABASE_URL.replace(/^file:/, '')
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }
  migrate(E2E_DATABASE_URL)
  // The one account tests start from (test-only: production has no such user); tests make
  // their own agencies and users through the admin API with it.
  process.env.DATABASE_URL = E2E_DATABASE_URL
  const { createUser } = await import('../lib/services/accounts')
  const { prisma } = await import('../lib/db')
  await createUser({ ...E2E_ADMIN, isAdmin: true })
  await prisma.$disconnect()
  console.log(`e2e: fresh database ${E2E_DATABASE_URL}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  prepareE2eDatabase().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
