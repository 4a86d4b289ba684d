/**
 * The CPU of one autosave inside the server process: the route's PATCH handler (route() with its
 * guards, the session lookup, the permission, the body's schema, the patch, the counts, the write
 * and its audit event) called in-process with a Request as scripts/direct-routes.mjs builds it,
 * on a fresh database (SQLite, or PostgreSQL with DB_PROVIDER=postgresql) holding the load test's report (zhangdian-gov-2021). What is left
 * out is Node's HTTP parsing and the answer's headers. One cell of table 四 per save, as the load
 * test's CPU probe sends it, one save after another.
 *
 *   npm run bench -- save                  (figure `save-inprocess-cpu-ms`)
 *   node --cpu-prof --conditions=react-server --import tsx bench/save.ts   (a profile of the saves)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { freshLoadtestDatabase, loadtestDatabaseUrl } from '../scripts/loadtest-database'
import { processTreeCpuMs } from '../scripts/process-cpu'
import type { BenchResult } from './lib'

const ROOT = path.resolve(__dirname, '..')

/**
 * Outside Next's bundler, `next/navigation` is the client module even under the react-server
 * condition; the route's guards import the server one (redirect, notFound: used by pages only).
 */
function serverNavigation() {
  const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string }
  const resolve = Module._resolveFilename
  const target = require.resolve('next/dist/client/components/navigation.react-server')
  Module._resolveFilename = (request, ...rest) =>
    request === 'next/navigation' ? target : resolve.call(Module, request, ...rest)
}
const ORIGIN = 'http://127.0.0.1:3999'
const CELL = 'reviewLitigation.review.upheld'

/** CPU of this process's main thread (user + system, from /proc), in ms; Linux only, else 0. */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

/**
 * CPU of the PostgreSQL server (postmaster and its backends, ended ones included through
 * cutime/cstime), in ms, when PG_DIR names the cluster (scripts/pg-cluster.sh): a cluster of
 * its own makes this the saves' database CPU. Else null.
 */
function databaseCpuMs(): number | null {
  if (!process.env.PG_DIR) return null
  let pid: number
  try {
    pid = Number(readFileSync(path.join(process.env.PG_DIR, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return null
  }
  return processTreeCpuMs(pid)
}

export async function run(saves = Number(process.env.BENCH_SAVES ?? 1500)): Promise<BenchResult[]> {
  const db = process.env.DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite'
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-save-'))
  const url =
    db === 'postgresql'
      ? loadtestDatabaseUrl(db, 'bench-save', 'nianbao_bench_save')
      : `file:${path.join(dir, 'save.db')}`
  process.env.DATABASE_URL = url
  process.env.BETTER_AUTH_SECRET ??= 'bench-secret-not-for-production-0123456789'
  process.env.BETTER_AUTH_URL = ORIGIN
  await freshLoadtestDatabase(db, url, process.env)
  serverNavigation()
  try {
    const { createAgency, createUser } = await import('@/lib/services/accounts')
    const { importReport } = await import('@/lib/services/report-import')
    const { auth } = await import('@/lib/auth/auth')
    const { PATCH } = await import('@/app/api/reports/[id]/route')
    const { prisma } = await import('@/lib/db')
    const { writtenTaken } = await import('@/lib/services/save-memo')
    const agency = await createAgency({ code: 'bench-save', name: '压测区第1局', type: 'department', level: 'county' })
    const email = 'officer@bench.test'
    const password = 'bench-save-password-1'
    await createUser({ email, name: '填报人', password, memberships: [{ agencyId: agency.id, role: 'officer' }] })
    const fixture = readFileSync(path.join(ROOT, 'fixtures', 'zhangdian-gov-2021.json'), 'utf8')
    const { report } = await importReport(fixture, { agencyId: agency.id })
    const signedIn = await auth.api.signInEmail({ body: { email, password }, asResponse: true })
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    let value = (CELL.split('.').reduce<any>((n, k) => n?.[k], report.report.sections) as number | null) ?? 0
    const save = async () => {
      const body = JSON.stringify({ changes: [{ path: `sections.${CELL}`, base: value, value: value + 1 }] })
      const request = new Request(`${ORIGIN}/api/reports/${report.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
        body,
      })
      const response = await PATCH(request, { params: Promise.resolve({ id: report.id }) })
      const answer = (await response.json()) as { applied?: number; message?: string }
      if (response.status !== 200 || answer.applied !== 1) {
        throw new Error(`save refused: ${response.status} ${JSON.stringify(answer)}`)
      }
      value++
    }
    for (let i = 0; i < 300; i++) await save()
    const before = process.cpuUsage()
    const mainBefore = mainThreadCpuMs()
    // The event loop's busy time: what a save keeps every other request of the process waiting
    // (COMMIT's fsync included: SQLite commits on the event loop).
    const loopBefore = performance.eventLoopUtilization()
    const wallBefore = performance.now()
    const dbBefore = db === 'postgresql' ? databaseCpuMs() : null
    for (let i = 0; i < saves; i++) await save()
    const loop = performance.eventLoopUtilization(loopBefore)
    const wall = performance.now() - wallBefore
    const used = process.cpuUsage(before)
    const mainUsed = mainThreadCpuMs() - mainBefore
    const dbAfter = dbBefore === null ? null : databaseCpuMs()
    await prisma.$disconnect()
    return [
      { name: `save-inprocess-loop-busy-ms-${db}`, value: loop.active / saves, unit: 'ms' },
      { name: `save-inprocess-wall-ms-${db}`, value: wall / saves, unit: 'ms' },
      { name: `save-inprocess-cpu-ms-${db}`, value: (used.user + used.system) / 1000 / saves, unit: 'ms' },
      { name: `save-inprocess-main-thread-ms-${db}`, value: mainUsed / saves, unit: 'ms' },
      ...(dbBefore !== null && dbAfter !== null
        ? [{ name: 'save-inprocess-db-cpu-ms-postgresql', value: (dbAfter - dbBefore) / saves, unit: 'ms' }]
        : []),
      { name: 'save-inprocess-written-taken', value: writtenTaken() / (saves + 300), unit: 'of saves' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(3)} ${r.unit}`)
  })
}
