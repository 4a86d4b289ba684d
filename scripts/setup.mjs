#!/usr/bin/env node
/**
 * `npm run setup`: prepares the database and the demo data on a fresh clone. Idempotent, writes
 * no secrets (no .env): the database defaults to the SQLite file prisma/dev.db.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
process.env.DATABASE_URL ??= 'file:./prisma/dev.db'
process.env.CHECKPOINT_DISABLE ??= '1'
process.env.NEXT_TELEMETRY_DISABLED ??= '1'

function run(bin, args) {
  console.log(`> ${bin} ${args.join(' ')}`)
  const result = spawnSync(path.join(root, 'node_modules', '.bin', bin), args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`setup: ${bin} ${args[0]} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status ?? 1)
  }
}

if (!existsSync(path.join(root, 'node_modules', '.bin', 'prisma'))) {
  console.error('setup: dependencies are missing, run `npm install` first')
  process.exit(1)
}
console.log(`setup: database ${process.env.DATABASE_URL}`)
// The generated client is provider-specific (DB_PROVIDER): generate it for this run, also in
// case install scripts were skipped or the last `npm test` was on the other provider.
run('prisma', ['generate'])
run('prisma', ['migrate', 'deploy'])
// Server code outside Next: `server-only` resolves as in Next's server layer.
run('tsx', ['--conditions=react-server', 'scripts/seed.ts'])
