/**
 * Migrations must carry an existing database over, not only build an empty one. A database is
 * migrated up to the migration before the agency code (the shape a running installation has),
 * given rows, then migrated with the real `prisma migrate deploy` of the repository.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AGENCY_CODE_PATTERN } from '@/lib/report/identity'
import { isPostgres, migrate, recreatePgDatabase } from '@/test/database'
import { PrismaClient } from '@/generated/prisma/client'

const root = path.resolve(__dirname, '..')
const MIGRATION = '20261128200000_agency_code_report_kind'
const migrations = path.join(root, isPostgres() ? 'prisma-pg/migrations' : 'prisma/migrations')
const schema = path.join(root, isPostgres() ? 'prisma-pg/schema.prisma' : 'prisma/schema.prisma')

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-migrate-'))
const pgName = `nianbao_migrate_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
let url = ''
let db: PrismaClient

/** `prisma migrate deploy` with only the migrations before `MIGRATION`. */
function migrateBefore(databaseUrl: string) {
  const older = path.join(dir, 'migrations')
  for (const name of readdirSync(migrations)) {
    if (name < MIGRATION || name === 'migration_lock.toml')
      cpSync(path.join(migrations, name), path.join(older, name), { recursive: true })
  }
  const config = path.join(dir, 'prisma.config.ts')
  writeFileSync(
    config,
    `import base from ${JSON.stringify(path.join(root, 'prisma.config'))}\n` +
      // Paths in a config are relative to its file: the schema is given in full.
      `export default { ...base, schema: ${JSON.stringify(schema)}, migrations: { path: ${JSON.stringify(older)} } }\n`,
  )
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', config], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  })
}

const GOV = 'cmigrategov000000000000001'
const DEPT = 'cmigratedept00000000000002'
const OTHER = 'cmigrateother0000000000003'

beforeAll(async () => {
  url = isPostgres() ? await recreatePgDatabase(pgName) : `file:${path.join(dir, 'old.db')}`
  migrateBefore(url)
  db = new PrismaClient({
    adapter: isPostgres() ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url }),
  })
  const run = (sql: string) => db.$executeRawUnsafe(sql)
  // Rows as the previous schema had them: agencies without codes, reports keyed by (agency, year).
  await run(`INSERT INTO "Agency" ("id", "name", "type", "level", "parentId") VALUES
    ('${GOV}', '张店区人民政府', 'government', 'county', NULL),
    ('${DEPT}', '张店区人民政府办公室', 'department', 'county', '${GOV}'),
    ('${OTHER}', '某某县某某局', 'department', NULL, '${GOV}')`)
  await run(`INSERT INTO "Report" ("id", "agencyId", "year", "formatVersion", "status", "edition", "version", "content", "updatedAt")
    VALUES ('r-dept-2022', '${DEPT}', 2022, '2021', 'approved', 1, 3, '{}', CURRENT_TIMESTAMP),
    ('r-other-2022', '${OTHER}', 2022, '2021', 'draft', 1, 1, '{}', CURRENT_TIMESTAMP)`)
  await run(`INSERT INTO "ReportEvent" ("id", "reportId", "kind", "version", "summary") VALUES
    ('e1', 'r-dept-2022', 'create', 1, '{}'), ('e2', 'r-dept-2022', 'approve', 3, '{}')`)
  await run(`INSERT INTO "ReportVersion" ("id", "reportId", "number", "content", "contentVersion", "approvedAt", "approvedById")
    VALUES ('v1', 'r-dept-2022', 1, '{}', 3, CURRENT_TIMESTAMP, 'u1')`)
  await run(`INSERT INTO "Comment" ("id", "reportId", "edition", "anchor", "body", "authorId")
    VALUES ('c1', 'r-dept-2022', 1, 'overview', '请补充', 'u1')`)
  await run(
    `INSERT INTO "user" ("id", "name", "email", "updatedAt") VALUES ('u1', '王填报', 'o@x.test', CURRENT_TIMESTAMP)`,
  )
  await run(`INSERT INTO "Membership" ("id", "userId", "agencyId", "role") VALUES ('m1', 'u1', '${DEPT}', 'officer')`)
  await db.$disconnect()
  // Now the repository's migrations, as `npm run setup` / `npm run db:deploy` run them.
  migrate(url)
  db = new PrismaClient({
    adapter: isPostgres() ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url }),
  })
}, 120_000)

afterAll(async () => {
  await db?.$disconnect()
  if (isPostgres()) {
    const pg = (await import('pg')).default
    const client = new pg.Client({ connectionString: url.replace(`/${pgName}`, '/postgres') })
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`)
    await client.end()
  }
  rmSync(dir, { recursive: true, force: true })
})

describe(`migration ${MIGRATION} on an existing database`, () => {
  it('gives every agency a valid, unique code: readable for the demo agencies, from the id for others', async () => {
    const agencies = await db.agency.findMany({
      select: { id: true, code: true, parentId: true, predecessorId: true },
      orderBy: { id: 'asc' },
    })
    expect(agencies.map((a) => [a.id, a.code, a.parentId, a.predecessorId])).toEqual([
      [DEPT, 'zhangdian-office', GOV, null],
      [GOV, 'zhangdian', null, null],
      [OTHER, `agency-${OTHER}`, GOV, null],
    ])
    for (const a of agencies) expect(a.code).toMatch(AGENCY_CODE_PATTERN)
  })

  it("makes every report the agency's own (report, 本级) and keeps its history", async () => {
    const reports = await db.report.findMany({
      select: { id: true, kind: true, scope: true, status: true, version: true },
      orderBy: { id: 'asc' },
    })
    expect(reports.map((r) => [r.id, r.kind, r.scope, r.status, r.version])).toEqual([
      ['r-dept-2022', 'report', 'self', 'approved', 3],
      ['r-other-2022', 'report', 'self', 'draft', 1],
    ])
    expect(await db.reportEvent.count({ where: { reportId: 'r-dept-2022' } })).toBe(2)
    expect(await db.reportVersion.count({ where: { reportId: 'r-dept-2022' } })).toBe(1)
    expect(await db.comment.count({ where: { reportId: 'r-dept-2022' } })).toBe(1)
    expect(await db.membership.count({ where: { agencyId: DEPT } })).toBe(1)
  })

  it('keys reports on (agency, year, kind) and agencies on a unique code', async () => {
    const row = (id: string, kind: string) => ({
      data: { id, agencyId: DEPT, year: 2022, kind, formatVersion: '2021', content: '{}' },
    })
    await db.report.create({ ...row('r-dept-2022-rollup', 'rollup'), select: { id: true } })
    await expect(db.report.create(row('r-dept-2022-again', 'report'))).rejects.toMatchObject({ code: 'P2002' })
    await expect(
      db.agency.create({ data: { code: 'zhangdian', name: '另一个机关', type: 'department' } }),
    ).rejects.toMatchObject({ code: 'P2002' })
    const successor = await db.agency.create({
      data: { code: 'zhangdian-new', name: '张店区新机关', type: 'department', predecessorId: DEPT },
      select: { predecessorId: true },
    })
    expect(successor.predecessorId).toBe(DEPT)
  })
})
