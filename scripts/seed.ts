/**
 * Demo data: imports the fixture reports (fixtures/ in the repo, plus ../shared/fixtures when
 * that folder sits beside the clone). Idempotent: a report whose agency and year exist is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { importReport, ServiceError } from '@/lib/services/reports'

process.env.DATABASE_URL ??= 'file:./prisma/dev.db'

const root = path.resolve(__dirname, '..')
const folders = [path.join(root, 'fixtures'), path.resolve(root, '..', 'shared', 'fixtures')]

async function main() {
  const files = new Map<string, string>()
  for (const folder of folders) {
    if (!existsSync(folder)) continue
    for (const name of readdirSync(folder).sort()) {
      if (name.endsWith('.json') && !files.has(name)) files.set(name, path.join(folder, name))
    }
  }
  let created = 0
  let skipped = 0
  for (const [name, file] of files) {
    try {
      const { report, notices } = await importReport(readFileSync(file, 'utf8'))
      created++
      console.log(`seed: ${name} → ${report.report.agency.name} ${report.report.year}`)
      for (const notice of notices) console.log(`      ${notice}`)
    } catch (e) {
      if (e instanceof ServiceError && e.code === 'duplicate') {
        skipped++
        continue
      }
      console.error(`seed: ${name}: ${e instanceof Error ? e.message : e}`)
      process.exitCode = 1
    }
  }
  console.log(`seed: ${created} imported, ${skipped} already present`)
}

main()
