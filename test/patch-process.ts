/**
 * One server process's saves, for lib/services/report-patch-processes.test.ts: run as its own
 * process (tsx) on the database of DATABASE_URL, it patches one cell of each report given, one
 * save after another, and exits 1 on the first save that fails.
 *   tsx --conditions=react-server test/patch-process.ts CELL_PATH SAVES REPORT_ID...
 */
import { prisma } from '@/lib/db'
import { patchReport } from '@/lib/services/report-patch'

async function main() {
  const [path, saves, ...reports] = process.argv.slice(2)
  let failed = false
  try {
    for (let i = 1; i <= Number(saves); i++) {
      for (const id of reports) {
        const result = await patchReport(id, [{ path, base: i === 1 ? null : i - 1, value: i }])
        if (result.applied !== 1) throw new Error(`save ${i} of ${id} not applied: ${JSON.stringify(result)}`)
      }
    }
  } catch (error) {
    console.error(error)
    failed = true
  }
  await prisma.$disconnect()
  process.exit(failed ? 1 : 0)
}

void main()
