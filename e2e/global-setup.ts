/**
 * A fresh, migrated database for the e2e server. Playwright starts `webServer` before
 * `globalSetup`, so this runs as the first step of the webServer command instead
 * (`tsx e2e/global-setup.ts && next start …`): the server never sees a half-made file.
 */
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'

export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'file:./prisma/e2e.db'

export default function prepareE2eDatabase() {
  const file = E2E_DATABASE_URL.replace(/^file:/, '')
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  execFileSync(path.resolve('node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  console.log(`e2e: fresh database ${E2E_DATABASE_URL}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) prepareE2eDatabase()
