#!/usr/bin/env node
/**
 * prisma-pg/schema.prisma is generated from prisma/schema.prisma: the same models, only the
 * datasource differs. `node scripts/sync-pg-schema.mjs` writes it; `--check` exits 1 when the
 * committed file is out of date (the test suite runs the same comparison).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SQLITE_SCHEMA = path.join(root, 'prisma', 'schema.prisma')
export const PG_SCHEMA = path.join(root, 'prisma-pg', 'schema.prisma')

export function pgSchemaFrom(sqliteSchema) {
  const datasource = /datasource db \{[^}]*\}/
  if (!datasource.test(sqliteSchema)) throw new Error('prisma/schema.prisma has no `datasource db { … }` block')
  const header =
    '// GENERATED from prisma/schema.prisma by scripts/sync-pg-schema.mjs: do not edit. Change the\n' +
    '// SQLite schema, then run `npm run db:schemas`.\n'
  return (
    header +
    sqliteSchema
      .replace(/^(\/\/[^\n]*\n)+/, '')
      .replace(datasource, 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}')
  )
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const wanted = pgSchemaFrom(readFileSync(SQLITE_SCHEMA, 'utf8'))
  const current = existsSync(PG_SCHEMA) ? readFileSync(PG_SCHEMA, 'utf8') : null
  if (process.argv.includes('--check')) {
    if (current !== wanted) {
      console.error('prisma-pg/schema.prisma is out of date: run `npm run db:schemas`')
      process.exit(1)
    }
  } else if (current !== wanted) {
    mkdirSync(path.dirname(PG_SCHEMA), { recursive: true })
    writeFileSync(PG_SCHEMA, wanted)
    console.log('wrote prisma-pg/schema.prisma')
  }
}
