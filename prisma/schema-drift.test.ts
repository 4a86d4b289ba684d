/**
 * SQLite and PostgreSQL share one model definition and cannot drift: the PostgreSQL schema is
 * generated from the SQLite one, and each provider's migrations must produce exactly its schema.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPostgres } from '@/test/database'

const root = path.resolve(__dirname, '..')

describe('database schemas', () => {
  it('prisma-pg/schema.prisma is generated from prisma/schema.prisma (npm run db:schemas)', () => {
    const r = spawnSync(process.execPath, ['scripts/sync-pg-schema.mjs', '--check'], { cwd: root, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it(`the ${isPostgres() ? 'PostgreSQL' : 'SQLite'} migrations produce exactly the schema's models`, () => {
    const [schema, migrations] = isPostgres()
      ? ['prisma-pg/schema.prisma', 'prisma-pg/migrations']
      : ['prisma/schema.prisma', 'prisma/migrations']
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/prisma'),
      ['migrate', 'diff', '--from-migrations', migrations, '--to-schema-datamodel', schema, '--exit-code'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeout: 120_000 },
    )
    // 0: no difference; 2: the migrations are behind the schema (run npm run db:migrate).
    expect(r.stdout + r.stderr).toContain('No difference detected')
    expect(r.status).toBe(0)
  })
})
