/**
 * npm run loadtest [-- --db sqlite|postgresql] [--clients 200] [--seconds 30] [--kill]
 *
 * Plays many officers autosaving their reports concurrently while reviewers read the lists,
 * against the built app (`npm run build` first) on 127.0.0.1 only, bounded in time and
 * requests. Prints throughput, latency percentiles and errors, then checks that every save the
 * server acknowledged is in the database. With --kill the server is SIGKILLed in the middle of
 * the load and started again; the check must still find every acknowledged save.
 * --timeline prints the save latency for each 5 s of the run, beside what every server process
 * logged in those seconds (scripts/stall-monitor.mjs: event-loop delay, GC pauses, SQLite commits
 * and checkpoints), then `loadtest-stalls`: the worker-seconds with the loop held 50 ms or more.
 * --stalls prints beside each 5 s the same server lines with the disk's flush time and
 * (PostgreSQL) the database's waits, then WAL per save and checkpoints (scripts/loadtest-stalls.ts),
 * and the workers' heap: scavenges, the young generation's size, the old one's growth.
 * LOADTEST_SERVER_LOG=FILE appends the server's standard output to FILE and its per-second lines
 * to FILE.stalls.jsonl: with NIANBAO_WORKER_V8_FLAGS=--trace-gc-nvp, scripts/gc-trace-slices.ts
 * sums every GC per 5 s of the run (decision 0870).
 * With --profile DIR the server runs under `node --cpu-prof` and writes its profile to DIR.
 * With --db-restart (PostgreSQL, a cluster of scripts/pg-cluster.sh: PG_DIR as there) the
 * database is stopped in the middle of the load, kept down --db-down seconds (default 10) and
 * started again: requests meanwhile must be refused with 503 (counted on their own line), the
 * app must serve again by itself (recovery: the first acknowledged save after the database is
 * back), and every acknowledged save must be in the database.
 * Officers send what the editor sends: --save patch (default) the 1–3 changed cells with their
 * bases (PATCH), --save put the whole report with its version (PUT, the import/API path). Each
 * officer and reviewer keeps its own connection, as a browser does, and the timed requests go
 * through Node's HTTP client (scripts/loadtest-http.ts; decision 1020).
 * After the load, `save-cpu-ms` is the server's CPU time per save (user + system, from
 * /proc/<pid>/stat of the server and its child processes) over CPU_PROBE_SAVES saves sent one
 * after another with nothing else running, so it is the cost of a save, not of the load around it.
 * On PostgreSQL `save-db-cpu-ms` is the same for the database's processes (postmaster and backends).
 * `loadtest-server-cpu` is the CPU the server used during the measured time, in % of one core,
 * beside the machine's load average: a server far below 100 % while its requests wait was starved
 * by other work on the machine, and its latencies are the machine's, not the app's.
 * `loadtest-client-cpu` is the same for this load generator, which times the requests, and on
 * PostgreSQL `loadtest-db-cpu` for the database's processes.
 * `loadtest-server-waiting-for-cpu`: how long the server's threads were ready to run but had no
 * core (summed over threads, so it may pass 100 %).
 * --workers N runs the server with NIANBAO_WORKERS=N (default: one per core, `auto`); every CPU
 * figure sums the server's processes (the primary and its workers). `list-cpu-ms` is the
 * server's CPU per home list page, measured as save-cpu-ms: `list-cpu-ms-reviewer` (a reviewer
 * of one department) and `list-cpu-ms-coordinator` (the government's coordinator), and their mean.
 *
 * Public readers (decision 0320): --public-rps N requests public addresses at a fixed rate (an
 * open loop: one request every 1/N s whatever the answers, as readers arrive) during the measured
 * time, beside the autosaving editors (--editors N, the same as --clients; 0 for readers alone).
 * --published N reports (default 10) are published through the API first, in departments of
 * their own; the readers' addresses are read from the year's index.json (every report's page
 * and version page: kind `report`; its report JSON: kind `file`), plus the column (/gk/{gov},
 * /gk/{gov}/{year}), index.json, index.csv and /gk/{gov}/embed; an address that does not answer
 * 200 before the load is left out and named. `public-report-cpu-ms` is the server's CPU per
 * report page (decision 0400), measured alone as save-cpu-ms.
 * Prints the p50/p95/p99 of each kind of public address (`loadtest-public-report-p95`: the bar
 * is ≤ 20 ms at 200 req/s on one instance alone) beside the editors' save p99 (≤ 150 ms with
 * 100 editors at the same time).
 *
 * --instances 2: two instances on one database; a move, a role change, a deactivation and a
 * rename through one must be in force on the other at once (scripts/loadtest-instances.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Agent } from 'node:http'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import path from 'node:path'
import { freshLoadtestDatabase, loadtestDatabaseUrl } from './loadtest-database'
import { leanFetch, userAgent } from './loadtest-http'
import { printStalls, type StallLine, startDbSampler, startFsyncProbe } from './loadtest-stalls'
import { processTreeCpuMs, visitProcessTree } from './process-cpu'
import { PrismaClient } from '@/generated/prisma/client'
import { formatCells } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { getAt, setAt } from '@/lib/report/values'
import { derivedCells } from '@/lib/rules/derive'

const ROOT = path.resolve(__dirname, '..')

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback
}

const DB = arg('db', process.env.DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite')
const CLIENTS = Number(arg('editors', arg('clients', '200')))
const SECONDS = Number(arg('seconds', '30'))
/**
 * The same load first runs this long unmeasured: a server just started runs its code cold (not
 * yet compiled by V8, route modules not loaded, no database connections open), which is the
 * first seconds after a deploy, not the week of the deadline. Its figures print on their own line.
 */
const WARMUP = Number(arg('warmup', '5'))
const REVIEWERS = Number(arg('reviewers', String(CLIENTS === 0 ? 0 : Math.max(1, Math.round(CLIENTS / 10)))))
/** Public readers: requests per second at a fixed rate (0: none), and how many reports are published for them. */
const PUBLIC_RPS = Number(arg('public-rps', '0'))
const PUBLISHED = PUBLIC_RPS > 0 ? Number(arg('published', '10')) : 0
const KILL = process.argv.includes('--kill')
const DB_RESTART = process.argv.includes('--db-restart')
const DB_DOWN_SECONDS = Number(arg('db-down', '10'))
const PORT = Number(arg('port', '3500'))
/** Autosave fires about once a second while an officer types. */
const THINK_MS = Number(arg('think-ms', '1000'))
/** A hard cap on requests, whatever the timing. */
const MAX_REQUESTS = Number(
  arg('max-requests', String(CLIENTS * (SECONDS + WARMUP) * 4 + PUBLIC_RPS * (SECONDS + WARMUP) * 2)),
)
const BASE = `http://127.0.0.1:${PORT}`
const SAVE_MODE = arg('save', 'patch') === 'put' ? 'put' : 'patch'
const CPU_PROBE_SAVES = Number(arg('cpu-probe', '400'))
const CPU_PROBE_LISTS = Number(arg('list-probe', '40'))
/** Server processes (NIANBAO_WORKERS): default one per core. */
const WORKERS = Number(arg('workers', process.env.NIANBAO_WORKERS ?? String(availableParallelism())))
/** --stalls: event-loop delay, GC pauses and database waits beside the latency (scripts/loadtest-stalls.ts). */
const STALLS = process.argv.includes('--stalls')
const PROFILE_DIR = process.argv.includes('--profile') ? path.resolve(arg('profile', 'loadtest-profile')) : null

const STALL_DIR = path.join(tmpdir(), `nianbao-stalls-${process.pid}`)

const databaseUrl = loadtestDatabaseUrl(DB, 'loadtest', 'nianbao_load')

const env = {
  ...process.env,
  DB_PROVIDER: DB,
  DATABASE_URL: databaseUrl,
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? 'loadtest-secret-not-for-production-0123456789',
  BETTER_AUTH_URL: BASE,
  NIANBAO_DEMO: '1',
  NIANBAO_WORKERS: String(WORKERS),
  // --timeline and --stalls: every server process logs its event loop delay and GC pauses each
  // second (scripts/stall-monitor.mjs), printed beside the latency slices.
  ...(process.argv.includes('--timeline') || STALLS ? { NIANBAO_STALL_LOG: STALL_DIR } : {}),
}

const freshDatabase = () => freshLoadtestDatabase(DB, databaseUrl, env)

/** scripts/pg-cluster.sh stop|start on the cluster of PG_DIR (its port from the URL), without blocking the clients. */
async function pgCluster(action: 'stop' | 'start') {
  const child = spawn(path.join(ROOT, 'scripts/pg-cluster.sh'), [action], {
    cwd: ROOT,
    env: { ...process.env, PG_PORT: new URL(databaseUrl).port || '5432' },
    stdio: 'ignore',
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`scripts/pg-cluster.sh ${action} failed (${code})`)
}

let server: ChildProcess | null = null

async function startServer() {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []
  // Our server (scripts/server.mjs), as `npm start` runs it. The simulated clients come through
  // a "proxy" on loopback, each with its own X-Forwarded-For, as behind a real reverse proxy.
  // Its own process group, so that --kill ends the primary and every worker at once.
  const child = spawn(process.execPath, [...profile, 'scripts/server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    cwd: ROOT,
    env: { ...env, NIANBAO_TRUSTED_PROXIES: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  server = child
  // What the server logs as an error is shown: an error behind a 500 names its cause there.
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`server: ${chunk}`))
  // "ready" is printed once every worker listens (the first one alone would take all the load).
  let ready = false
  // LOADTEST_SERVER_LOG=FILE: the server's standard output appended there (e.g. V8's --trace-gc-nvp
  // lines through NIANBAO_WORKER_V8_FLAGS, for scripts/gc-trace-slices.ts; decision 0870).
  const serverLog = process.env.LOADTEST_SERVER_LOG
  child.stdout?.on('data', (chunk: Buffer) => {
    if (serverLog) appendFileSync(serverLog, chunk)
    if (chunk.toString().includes('ready on')) ready = true
  })
  const started = Date.now()
  while (Date.now() - started < 60_000) {
    try {
      if (ready && (await fetch(`${BASE}/api/reports`)).status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the server did not start within 60 s')
}

/** SIGKILL to the server's process group: the primary and all its workers, as a crash of the machine would. */
function killServer() {
  const pid = server?.pid
  if (pid) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  server = null
}

/** A clean stop, so that --cpu-prof writes its profile. */
async function stopServer() {
  const running = server
  if (!running) return
  server = null
  const exited = new Promise((resolve) => running.once('exit', resolve))
  running.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  try {
    if (running.pid) process.kill(-running.pid, 'SIGKILL')
  } catch {
    // every process of the group has ended
  }
}

interface Sample {
  kind: 'save' | 'list' | 'read' | `public-${PublicKind}`
  ms: number
  ok: boolean
  /** When it started, ms since the measured load began (negative while warming up). */
  at: number
}

const samples: Sample[] = []
let requests = 0
let stopAt = 0
let measureFrom = 0
let serverDown = false
const downErrors = { count: 0 }
/** --db-restart: the database is stopped (or back but not yet serving a save). */
let dbOutage = false
/** When the database was started again (0: not yet). */
let dbBackAt = 0
/** The first acknowledged save after that. */
let firstSaveAfterDb = 0
/** Answers during the outage, by kind and status (0: no answer), e.g. `save 503`. */
const outageAnswers = new Map<string, number>()
const outageMessages = new Set<string>()
const otherErrors: string[] = []

/** The last acknowledged save of each report: version and the value written. */
const acknowledged = new Map<string, { version: number; value: number }>()

async function timed<R extends { ok: boolean; status: number }>(
  kind: Sample['kind'],
  fn: () => Promise<R>,
): Promise<R | null> {
  requests++
  const t0 = performance.now()
  const at = Date.now() - measureFrom
  try {
    const res = await fn()
    samples.push({ kind, ms: performance.now() - t0, ok: res.ok, at })
    if (!res.ok && serverDown) downErrors.count++
    if (dbOutage && !res.ok)
      outageAnswers.set(`${kind} ${res.status}`, (outageAnswers.get(`${kind} ${res.status}`) ?? 0) + 1)
    if (res.ok && kind === 'save' && dbBackAt && !firstSaveAfterDb) {
      firstSaveAfterDb = Date.now()
      dbOutage = false
    }
    return res
  } catch (e) {
    // Connection refused while the server is being restarted is expected in --kill mode.
    if (serverDown) downErrors.count++
    else if (dbOutage) outageAnswers.set(`${kind} 0`, (outageAnswers.get(`${kind} 0`) ?? 0) + 1)
    else {
      // fetch names the cause apart ("fetch failed": reset, closed, refused, timed out).
      const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause
      otherErrors.push(
        `${kind}: ${(e as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`,
      )
    }
    samples.push({ kind, ms: performance.now() - t0, ok: false, at })
    return null
  }
}

/** The cells an officer's patch changes besides the tracked one: typed cells of table 三. */
const FORMAT = FORMATS['2021']
const EXTRA_CELLS = (() => {
  const derived = derivedCells(FORMAT)
  return formatCells(FORMAT).filter((c) => c.sectionKey === 'applications' && !derived.has(c.path))
})()
const TRACKED = 'reviewLitigation.review.upheld'.split('.')

/** One save as the editor sends it: the whole report (put) or the changed cells with their bases (patch). */
function saveRequest(
  id: string,
  report: Record<string, any>,
  version: number,
  value: number,
  cookie: string,
  agent: Agent,
) {
  // Origin as a browser sends it: state-changing requests without it are refused (CSRF guard).
  const headers = { 'content-type': 'application/json', origin: BASE, cookie }
  if (SAVE_MODE === 'put') {
    setAt(report.sections, TRACKED, value)
    return {
      send: () =>
        leanFetch(
          `${BASE}/api/reports/${id}`,
          { method: 'PUT', headers, body: JSON.stringify({ baseVersion: version, report }) },
          agent,
        ),
      acknowledge: () => {},
    }
  }
  const changes = [{ segments: TRACKED, value }]
  const extra = Math.floor(Math.random() * 3)
  for (let i = 0; i < extra; i++) {
    const cell = EXTRA_CELLS[Math.floor(Math.random() * EXTRA_CELLS.length)]
    if (!changes.some((c) => c.segments === cell.segments)) {
      changes.push({ segments: cell.segments, value: Math.floor(Math.random() * 50) })
    }
  }
  const body = {
    changes: changes.map((c) => ({
      path: `sections.${c.segments.join('.')}`,
      base: getAt(report.sections, c.segments) ?? null,
      value: c.value,
    })),
  }
  return {
    send: () => leanFetch(`${BASE}/api/reports/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }, agent),
    acknowledge: (conflicts: { path: string; theirs: unknown }[]) => {
      for (const c of changes) setAt(report.sections, c.segments, c.value)
      // Only after a crash can a base be stale (a save applied but never answered): take theirs, as the editor would.
      for (const c of conflicts) setAt(report.sections, c.path.split('.').slice(1), c.theirs)
    },
  }
}

async function officer(id: string, report: Record<string, any>, cookie: string) {
  const agent = userAgent()
  let version = 1
  let value = 0
  // Officers do not all press a key in the same millisecond: spread the first saves.
  await new Promise((r) => setTimeout(r, Math.random() * THINK_MS))
  while (Date.now() < stopAt && requests < MAX_REQUESTS) {
    value++
    const save = saveRequest(id, report, version, value, cookie, agent)
    const res = await timed('save', save.send)
    if (res?.ok) {
      const answer = (await res.json()) as { version: number; conflicts?: { path: string; theirs: unknown }[] }
      version = answer.version
      const conflicts = answer.conflicts ?? []
      save.acknowledge(conflicts)
      const tracked = conflicts.find((c) => c.path === `sections.${TRACKED.join('.')}`)
      if (tracked) value = Number(tracked.theirs)
      else acknowledged.set(id, { version, value })
    } else if (res) {
      const body = await res.text()
      if (res.status === 409) {
        // Only after a crash can the client's version be stale: reload as the editor would.
        try {
          const current = (await (await fetch(`${BASE}/api/reports/${id}`, { headers: { cookie } })).json()) as {
            version: number
            report: any
          }
          version = current.version
          report.sections = current.report.sections
          value = (getAt(current.report.sections, TRACKED) as number | undefined) ?? value
        } catch {
          // not reloaded (the server or its database is away): the next save answers 409 again
        }
      } else if (dbOutage) {
        if (res.status === 503) outageMessages.add(body.slice(0, 160))
        value-- // refused, nothing written: the same value again
      } else if (!serverDown) otherErrors.push(`save ${res.status}: ${body.slice(0, 120)}`)
    } else {
      value-- // not written: try the same value again
    }
    await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())))
  }
}

/**
 * Time the server's threads spent runnable but waiting for a core (/proc/<pid>/task/<tid>/schedstat,
 * second field, ns), in ms, summed over the server and its workers: the machine's share of a
 * request's latency.
 */
function runQueueWaitMs(pid: number): number {
  let total = 0
  visitProcessTree(pid, (p) => {
    for (const task of readdirSync(`/proc/${p}/task`))
      total += Number(readFileSync(`/proc/${p}/task/${task}/schedstat`, 'utf8').split(' ')[1]) / 1e6
  })
  return total
}

/**
 * The PostgreSQL server of the load's database (its postmaster; processTreeCpuMs adds the backends,
 * its children): PG_DIR's postmaster.pid when given (scripts/pg-cluster.sh), else the postgres
 * process started with the URL's port. On SQLite the database runs inside the server: null.
 */
function databasePid(): number | null {
  if (DB !== 'postgresql') return null
  try {
    if (process.env.PG_DIR)
      return Number(readFileSync(path.join(process.env.PG_DIR, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    // no cluster of pg-cluster.sh there: look for the process below
  }
  const port = new URL(databaseUrl).port || '5432'
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (
        argv[0].endsWith('postgres') &&
        argv.some((a, i) => (a === '-p' && argv[i + 1] === port) || a.includes(`-p ${port} `))
      )
        return Number(entry)
    } catch {
      // the process ended meanwhile
    }
  }
  return null
}

/**
 * Server CPU per save with nothing else running: saves sent one after another by the officers
 * in turn, the CPU the server used over them divided by their number.
 */
async function cpuProbe(
  officers: { id: string; report: Record<string, any>; cookie: string }[],
): Promise<{ server: number; database: number }> {
  const pid = server?.pid
  if (!pid || CPU_PROBE_SAVES <= 0 || officers.length === 0) return { server: Number.NaN, database: Number.NaN }
  const versions = new Map<string, number>()
  for (const o of officers.slice(0, 20)) {
    const current = (await (await fetch(`${BASE}/api/reports/${o.id}`, { headers: { cookie: o.cookie } })).json()) as {
      version: number
      report: any
    }
    versions.set(o.id, current.version)
    o.report.sections = current.report.sections
  }
  const probe = officers.slice(0, 20).map((o) => ({ ...o, agent: userAgent() }))
  const dbPid = databasePid()
  const dbBefore = dbPid ? processTreeCpuMs(dbPid) : 0
  const before = processTreeCpuMs(pid)
  for (let i = 0; i < CPU_PROBE_SAVES; i++) {
    const o = probe[i % probe.length]
    const value = ((getAt(o.report.sections, TRACKED) as number | undefined) ?? 0) + 1
    const save = saveRequest(o.id, o.report, versions.get(o.id) ?? 1, value, o.cookie, o.agent)
    const res = await save.send()
    if (!res.ok) throw new Error(`CPU probe save failed: ${res.status} ${await res.text()}`)
    const answer = (await res.json()) as { version: number; conflicts?: { path: string; theirs: unknown }[] }
    versions.set(o.id, answer.version)
    save.acknowledge(answer.conflicts ?? [])
    acknowledged.set(o.id, { version: answer.version, value })
  }
  return {
    server: (processTreeCpuMs(pid) - before) / CPU_PROBE_SAVES,
    database: dbPid ? (processTreeCpuMs(dbPid) - dbBefore) / CPU_PROBE_SAVES : Number.NaN,
  }
}

/**
 * Server CPU per home list page, as cpuProbe: the reviewers' pages (one department: one report)
 * and the coordinators' (the whole government: the first page of 50 of every department's
 * report), each kind one after another; `all` is their mean, the pages in turn as before.
 */
async function listCpuProbe(cookies: string[]): Promise<{ all: number; reviewer: number; coordinator: number }> {
  const pid = server?.pid
  const none = { all: Number.NaN, reviewer: Number.NaN, coordinator: Number.NaN }
  if (!pid || CPU_PROBE_LISTS <= 0 || cookies.length === 0) return none
  // makeAccounts: even places are reviewers of one department, odd places coordinators.
  const probe = async (group: string[]) => {
    if (group.length === 0) return Number.NaN
    const before = processTreeCpuMs(pid)
    for (let i = 0; i < CPU_PROBE_LISTS; i++) {
      const res = await fetch(`${BASE}/`, { headers: { cookie: group[i % group.length] } })
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`CPU probe list failed: ${res.status}`)
    }
    return (processTreeCpuMs(pid) - before) / CPU_PROBE_LISTS
  }
  const reviewer = await probe(cookies.filter((_, i) => i % 2 === 0))
  const coordinator = await probe(cookies.filter((_, i) => i % 2 === 1))
  const both = [reviewer, coordinator].filter((x) => !Number.isNaN(x))
  return { all: both.reduce((a, b) => a + b, 0) / both.length, reviewer, coordinator }
}

/**
 * Server CPU per public request of each kind, as cpuProbe: requests one after another with
 * nothing else running, the server's CPU over them divided by their number. Unlike the latency
 * under load, it does not depend on what else the machine runs.
 */
async function publicCpuProbe(targets: { kind: PublicKind; url: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const pid = server?.pid
  if (!pid) return out
  // 200 a kind: the CPU clock ticks in 10 ms, so fewer would round a 1 ms request badly.
  const n = 200
  const probe = async (name: string, urls: string[], headers: (url: string) => Record<string, string>) => {
    const before = processTreeCpuMs(pid)
    for (let i = 0; i < n; i++) {
      const url = urls[i % urls.length]
      await (await fetch(url, { headers: headers(url) })).arrayBuffer()
    }
    out.set(name, (processTreeCpuMs(pid) - before) / n)
  }
  for (const kind of PUBLIC_KINDS) {
    const urls = targets.filter((t) => t.kind === kind).map((t) => t.url)
    if (urls.length > 0) await probe(kind, urls, () => ({}))
  }
  // A reader's revalidation of a report page it holds (If-None-Match): the 304 path.
  const pages = targets.filter((t) => t.kind === 'report').map((t) => t.url)
  const etags = new Map<string, string>()
  for (const url of pages) {
    const res = await fetch(url)
    await res.arrayBuffer()
    etags.set(url, res.headers.get('etag') ?? '')
  }
  if (pages.length > 0) await probe('report-304', pages, (url) => ({ 'if-none-match': etags.get(url) ?? '' }))
  return out
}

async function reviewer(cookie: string) {
  const agent = userAgent()
  while (Date.now() < stopAt && requests < MAX_REQUESTS) {
    const res = await timed('list', () => leanFetch(`${BASE}/`, { headers: { cookie } }, agent))
    if (res) await res.arrayBuffer()
    await new Promise((r) => setTimeout(r, THINK_MS * 2 * (0.5 + Math.random())))
  }
}

/** What a public address is: a report's page or version page; its report JSON; the column; the year's index; the embeddable column. */
type PublicKind = 'report' | 'file' | 'column' | 'index' | 'embed'
const PUBLIC_KINDS: PublicKind[] = ['report', 'file', 'column', 'index', 'embed']
const PUBLIC_GOV = 'loadtest-gov'
const PUBLIC_YEAR = 2022

/**
 * The public addresses of the published year: index.json and what it lists, index.csv, the
 * embeddable column. Each is requested once; one that does not answer 200 is left out and named
 * (a build without the public report pages, say).
 */
async function publicTargets(): Promise<{ targets: { kind: PublicKind; url: string }[]; skipped: string[] }> {
  const indexUrl = `${BASE}/gk/${PUBLIC_GOV}/${PUBLIC_YEAR}/index.json`
  const res = await fetch(indexUrl)
  if (!res.ok) throw new Error(`${indexUrl}: ${res.status}`)
  const index = (await res.json()) as { reports: { url: string; versionUrl: string; jsonUrl: string | null }[] }
  const candidates: { kind: PublicKind; url: string }[] = [
    ...index.reports.flatMap((r) => [
      ...[r.url, r.versionUrl].filter((u): u is string => !!u).map((url) => ({ kind: 'report' as const, url })),
      ...(r.jsonUrl ? [{ kind: 'file' as const, url: r.jsonUrl }] : []),
    ]),
    { kind: 'column', url: `${BASE}/gk/${PUBLIC_GOV}` },
    { kind: 'column', url: `${BASE}/gk/${PUBLIC_GOV}/${PUBLIC_YEAR}` },
    { kind: 'index', url: indexUrl },
    { kind: 'index', url: indexUrl.replace(/json$/, 'csv') },
    { kind: 'embed', url: `${BASE}/gk/${PUBLIC_GOV}/embed` },
  ]
  const targets: { kind: PublicKind; url: string }[] = []
  const skipped: string[] = []
  for (const t of candidates) {
    const answer = await fetch(t.url)
    await answer.arrayBuffer()
    if (answer.status === 200) targets.push(t)
    else skipped.push(`${answer.status} ${t.url.slice(BASE.length)}`)
  }
  return { targets, skipped }
}

/**
 * Readers at a fixed rate (an open loop): request i leaves at start + i/rps whatever the answers
 * before it, so a slow server meets the same arrivals, as readers do. Addresses in turn.
 */
async function publicReaders(targets: { kind: PublicKind; url: string }[]) {
  if (PUBLIC_RPS <= 0 || targets.length === 0) return
  const start = Date.now()
  const interval = 1000 / PUBLIC_RPS
  const inFlight: Promise<unknown>[] = []
  for (let i = 0; ; i++) {
    const due = start + i * interval
    if (due >= stopAt || requests >= MAX_REQUESTS) break
    const wait = due - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const target = targets[i % targets.length]
    inFlight.push(timed(`public-${target.kind}`, () => leanFetch(target.url)).then((res) => res?.arrayBuffer()))
    // Keep the list short: answered requests need not be held.
    if (inFlight.length > 2000) await Promise.all(inFlight.splice(0, 1000))
  }
  await Promise.all(inFlight)
}

const PASSWORD = 'loadtest-password'

/**
 * A government with one department per officer, an officer of each, and reviewers: half of
 * them reviewers of one department, half coordinators who list every report under the
 * government. Made through the services, as the administrator would through the admin pages.
 */
async function makeAccounts() {
  process.env.DB_PROVIDER = DB
  process.env.DATABASE_URL = databaseUrl
  const { createAgency, createUser } = await import('@/lib/services/accounts')
  const { prisma } = await import('@/lib/db')
  const government = await createAgency({
    code: 'loadtest-gov',
    name: '压测区人民政府',
    type: 'government',
    level: 'county',
  })
  const officers: string[] = []
  const departments: string[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const agency = await createAgency({
      code: `loadtest-${i + 1}`,
      name: `压测区第${i + 1}局`,
      type: 'department',
      level: 'county',
      parentId: government.id,
    })
    departments.push(agency.id)
    const email = `officer${i + 1}@load.test`
    await createUser({
      email,
      name: `填报人${i + 1}`,
      password: PASSWORD,
      memberships: [{ agencyId: agency.id, role: 'officer' }],
    })
    officers.push(email)
  }
  const reviewers: string[] = []
  for (let i = 0; i < REVIEWERS; i++) {
    const email = `reviewer${i + 1}@load.test`
    const membership =
      i % 2 === 0
        ? { agencyId: departments[i % departments.length], role: 'reviewer' as const }
        : { agencyId: government.id, role: 'coordinator' as const }
    await createUser({ email, name: `审核人${i + 1}`, password: PASSWORD, memberships: [membership] })
    reviewers.push(email)
  }
  // Departments whose reports are published for the public readers (not autosaved: a published
  // report cannot be saved), an officer each, one reviewer of them all, and the coordinator.
  const publishers: string[] = []
  const publishedDepartments: string[] = []
  for (let i = 0; i < PUBLISHED; i++) {
    const agency = await createAgency({
      code: `loadtest-pub-${i + 1}`,
      name: `压测区第${i + 1}公开局`,
      type: 'department',
      level: 'county',
      parentId: government.id,
    })
    publishedDepartments.push(agency.id)
    const email = `publisher${i + 1}@load.test`
    await createUser({
      email,
      name: `发布填报人${i + 1}`,
      password: PASSWORD,
      memberships: [{ agencyId: agency.id, role: 'officer' }],
    })
    publishers.push(email)
  }
  if (PUBLISHED > 0) {
    await createUser({
      email: 'pub-reviewer@load.test',
      name: '发布审核人',
      password: PASSWORD,
      memberships: publishedDepartments.map((agencyId) => ({ agencyId, role: 'reviewer' as const })),
    })
    await createUser({
      email: 'pub-coordinator@load.test',
      name: '发布统筹人',
      password: PASSWORD,
      memberships: [{ agencyId: government.id, role: 'coordinator' }],
    })
  }
  await prisma.$disconnect()
  return { officers, reviewers, publishers }
}

/**
 * Publishes one report per publisher through the API, as the app's users do: import, submit,
 * approve (another person), publish (the government's coordinator).
 */
async function publishReports(publishers: string[]) {
  if (publishers.length === 0) return
  const fixture = JSON.parse(readFileSync(path.join(ROOT, 'fixtures', 'zhangdian-office-2022.json'), 'utf8'))
  // The fee facts stated as 0: the report is complete (as e2e/open-data.spec.ts publishes it).
  fixture.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  const reviewer = await signIn('pub-reviewer@load.test')
  const coordinator = await signIn('pub-coordinator@load.test')
  const post = async (url: string, cookie: string, body: unknown) => {
    const res = await fetch(`${BASE}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, cookie },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`publishing for the public readers: ${url} ${res.status} ${await res.text()}`)
    return res.json() as Promise<Record<string, any>>
  }
  for (const email of publishers) {
    const officer = await signIn(email)
    const { id } = await post('/api/reports/import', officer, { file: JSON.stringify(fixture) })
    const stored = (await (await fetch(`${BASE}/api/reports/${id}`, { headers: { cookie: officer } })).json()) as {
      version: number
    }
    await post(`/api/reports/${id}/transitions`, officer, { transition: 'submit', baseVersion: stored.version })
    await post(`/api/reports/${id}/transitions`, reviewer, { transition: 'approve', baseVersion: stored.version })
    await post(`/api/reports/${id}/transitions`, coordinator, {
      transition: 'publish',
      baseVersion: stored.version,
      // The 保密审查 record 发布 requires (decision 0310), dated today in Beijing.
      secrecy: {
        reviewer: '钱保密',
        reviewedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
        conclusion: '经审查，不涉密。',
      },
    })
  }
}

/**
 * Publishing freezes each version's PDF in the background (LibreOffice, seconds of CPU each,
 * decision 0660). The run measures readers beside editors, not ten publications at once: wait
 * until every published version has its PDF (or LibreOffice is missing), and say how long it took.
 */
async function publishedPdfsFrozen(published: number) {
  if (published === 0) return
  const { pdfUnavailableReason } = await import('@/lib/export/pdf')
  if (pdfUnavailableReason() !== null) {
    console.log(`  published PDFs: none (${pdfUnavailableReason()})`)
    return
  }
  const db = new PrismaClient({
    adapter:
      DB === 'postgresql'
        ? new (await import('@prisma/adapter-pg')).PrismaPg({ connectionString: databaseUrl })
        : new (await import('@prisma/adapter-libsql')).PrismaLibSQL({ url: databaseUrl }),
  })
  const started = Date.now()
  try {
    for (;;) {
      const frozen = await db.publishedFile.count({ where: { kind: 'pdf' } })
      if (frozen >= published) break
      if (Date.now() - started > 300_000) throw new Error(`published PDFs: ${frozen} of ${published} after 300 s`)
      await new Promise((r) => setTimeout(r, 250))
    }
  } finally {
    await db.$disconnect()
  }
  console.log(
    `  published PDFs frozen in the background: ${published}, waited ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}

let clientNumber = 0

/** Signs in through the app (each client from its own address, as behind a proxy). */
async function signIn(email: string): Promise<string> {
  clientNumber++
  const res = await fetch(`${BASE}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: BASE,
      'x-forwarded-for': `10.${(clientNumber >> 16) & 255}.${(clientNumber >> 8) & 255}.${clientNumber & 255}`,
    },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

async function main() {
  await freshDatabase()
  const accounts = await makeAccounts()
  await startServer()
  const fixture = JSON.parse(readFileSync(path.join(ROOT, 'fixtures', 'zhangdian-gov-2021.json'), 'utf8'))
  const officers: { id: string; report: Record<string, any>; cookie: string }[] = []
  for (const email of accounts.officers) {
    const cookie = await signIn(email)
    const res = await fetch(`${BASE}/api/reports/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, cookie },
      body: JSON.stringify({ file: JSON.stringify(fixture) }),
    })
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`)
    const { id } = (await res.json()) as { id: string }
    const stored = (await (await fetch(`${BASE}/api/reports/${id}`, { headers: { cookie } })).json()) as {
      report: Record<string, any>
    }
    officers.push({ id, report: stored.report, cookie })
  }
  const reviewerCookies = await Promise.all(accounts.reviewers.map(signIn))
  await publishReports(accounts.publishers)
  await publishedPdfsFrozen(accounts.publishers.length)
  const publicSet = PUBLIC_RPS > 0 ? await publicTargets() : { targets: [], skipped: [] }
  console.log(
    `loadtest: ${DB}, ${WORKERS} server process${WORKERS > 1 ? 'es' : ''}, ${SAVE_MODE === 'patch' ? 'PATCH of 1–3 cells' : 'PUT of the whole report'}, ${CLIENTS} officers autosaving (one save every ${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms each), ${REVIEWERS} reviewers reading lists, ${WARMUP} s warm-up + ${SECONDS} s measured${KILL ? ', SIGKILL + restart in the middle' : ''}${DB_RESTART ? `, database stopped for ${DB_DOWN_SECONDS} s in the middle` : ''}${PUBLIC_RPS > 0 ? `, public readers at ${PUBLIC_RPS} req/s over ${publicSet.targets.length} addresses of ${PUBLISHED} published reports` : ''}`,
  )
  if (publicSet.skipped.length > 0)
    console.log(
      `  ${publicSet.skipped.length} public addresses left out (not 200 before the load), e.g. ${publicSet.skipped.slice(0, 3).join(', ')}`,
    )
  measureFrom = Date.now() + WARMUP * 1000
  // The clock times, to read beside the database's log (autovacuum, checkpoints) and a profile.
  console.log(
    `  load from ${new Date(measureFrom - WARMUP * 1000).toISOString()}, measured from ${new Date(measureFrom).toISOString()}`,
  )
  stopAt = measureFrom + SECONDS * 1000
  const load = Promise.all([
    ...officers.map((o) => officer(o.id, o.report, o.cookie)),
    ...reviewerCookies.map((c) => reviewer(c)),
    // Readers during the warm-up too (not counted), so that the measured ones meet a warm server.
    publicReaders(publicSet.targets),
  ])
  let restartMs = 0
  let dbDownAt = 0
  await new Promise((r) => setTimeout(r, measureFrom - Date.now()))
  const started = Date.now()
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  const firstServer = server?.pid
  const serverCpuAtStart = firstServer ? processTreeCpuMs(firstServer) : 0
  const clientCpuAtStart = process.cpuUsage()
  const databaseAtStart = databasePid()
  const databaseCpuAtStart = databaseAtStart ? processTreeCpuMs(databaseAtStart) : 0
  const serverWaitAtStart = firstServer ? runQueueWaitMs(firstServer) : 0
  const dbSampler = STALLS && DB === 'postgresql' ? await startDbSampler(databaseUrl) : null
  // On the database's file system: PG_DIR (scripts/pg-cluster.sh), SQLite's prisma/.
  const fsyncProbe = STALLS
    ? startFsyncProbe(DB === 'postgresql' ? (process.env.PG_DIR ?? tmpdir()) : path.dirname(databaseUrl.slice(5)))
    : null
  if (DB_RESTART) {
    await new Promise((r) => setTimeout(r, Math.max(0, (SECONDS * 1000) / 2 - (DB_DOWN_SECONDS * 1000) / 2)))
    dbOutage = true
    dbDownAt = Date.now()
    await pgCluster('stop')
    await new Promise((r) => setTimeout(r, DB_DOWN_SECONDS * 1000))
    await pgCluster('start')
    dbBackAt = Date.now()
  }
  if (KILL) {
    await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2))
    serverDown = true
    killServer()
    const t0 = Date.now()
    await startServer()
    restartMs = Date.now() - t0
    serverDown = false
  }
  await load
  const dbStalls = dbSampler ? await dbSampler.stop() : null
  const flushes = fsyncProbe ? fsyncProbe.stop() : []
  const elapsed = (Date.now() - started) / 1000
  // What the server got of the machine meanwhile: far below one core with requests waiting means
  // the machine was busy with other work, not that the server was (not with --kill: a new process).
  const clientCpu = process.cpuUsage(clientCpuAtStart)
  // The load generator's own share: near 100 % it cannot send or time requests on time itself.
  const clientCpuShare = (clientCpu.user + clientCpu.system) / 1000 / (elapsed * 10)
  const serverWaitShare =
    firstServer && server?.pid === firstServer
      ? (runQueueWaitMs(firstServer) - serverWaitAtStart) / (elapsed * 10)
      : null
  const serverCpuShare =
    firstServer && server?.pid === firstServer
      ? (processTreeCpuMs(firstServer) - serverCpuAtStart) / (elapsed * 10)
      : null
  // The database's processes (postmaster and backends) on the same cores: the third share of the
  // machine beside the server's and the load generator's (not across a database restart).
  const databaseCpuShare =
    databaseAtStart && databasePid() === databaseAtStart
      ? (processTreeCpuMs(databaseAtStart) - databaseCpuAtStart) / (elapsed * 10)
      : null
  const { server: saveCpuMs, database: saveDbCpuMs } = await cpuProbe(officers)
  const listCpuMs = await listCpuProbe(reviewerCookies)
  const publicCpuMs = PUBLIC_RPS > 0 ? await publicCpuProbe(publicSet.targets) : new Map<string, number>()
  await stopServer()

  // Every acknowledged save is in the database: its version and its value.
  const prisma = new PrismaClient({
    adapter:
      DB === 'postgresql'
        ? new (await import('@prisma/adapter-pg')).PrismaPg({ connectionString: databaseUrl })
        : new (await import('@prisma/adapter-libsql')).PrismaLibSQL({ url: databaseUrl }),
  })
  let missing = 0
  for (const [id, ack] of acknowledged) {
    const row = await prisma.report.findUniqueOrThrow({ where: { id } })
    const stored = getAt(JSON.parse(row.content).sections, TRACKED)
    if (row.version < ack.version || (row.version === ack.version && stored !== ack.value)) missing++
  }
  await prisma.$disconnect()

  const warmup = samples.filter((s) => s.at < 0)
  const measured = samples.filter((s) => s.at >= 0)
  const saves = measured.filter((s) => s.kind === 'save')
  const lists = measured.filter((s) => s.kind === 'list')
  const okSaves = saves.filter((s) => s.ok).map((s) => s.ms)
  const line = (name: string, value: number | string, unit = '') =>
    console.log(`${name}: ${value}${unit ? ` ${unit}` : ''}`)
  line('loadtest-db', DB)
  line('loadtest-save-mode', SAVE_MODE)
  const warmSaves = warmup.filter((s) => s.kind === 'save' && s.ok).map((s) => s.ms)
  console.log(
    `  warm-up (not counted): ${warmup.length} requests, save p50 ${percentile(warmSaves, 50).toFixed(1)} ms, p99 ${percentile(warmSaves, 99).toFixed(1)} ms`,
  )
  line('loadtest-requests', measured.length)
  line('loadtest-throughput', (measured.length / elapsed).toFixed(1), 'req/s')
  line('loadtest-saves-acknowledged', okSaves.length)
  line('loadtest-save-latency-p50', percentile(okSaves, 50).toFixed(1), 'ms')
  line('loadtest-save-latency-p95', percentile(okSaves, 95).toFixed(1), 'ms')
  line('loadtest-save-latency-p99', percentile(okSaves, 99).toFixed(1), 'ms')
  line(
    'loadtest-list-latency-p50',
    percentile(
      lists.filter((s) => s.ok).map((s) => s.ms),
      50,
    ).toFixed(1),
    'ms',
  )
  line(
    'loadtest-list-latency-p99',
    percentile(
      lists.filter((s) => s.ok).map((s) => s.ms),
      99,
    ).toFixed(1),
    'ms',
  )
  if (PUBLIC_RPS > 0) {
    const pub = measured.filter((x) => x.kind.startsWith('public-'))
    line('loadtest-public-rate', (pub.length / elapsed).toFixed(1), `req/s (asked ${PUBLIC_RPS})`)
    line('loadtest-public-errors', pub.filter((x) => !x.ok).length)
    const all = pub.filter((x) => x.ok).map((x) => x.ms)
    line('loadtest-public-p95', percentile(all, 95).toFixed(1), 'ms')
    for (const kind of PUBLIC_KINDS) {
      const ms = pub.filter((x) => x.kind === `public-${kind}` && x.ok).map((x) => x.ms)
      if (ms.length === 0) {
        line(`loadtest-public-${kind}`, 'none requested (no such address answered 200 before the load)')
        continue
      }
      const bar = kind === 'report' ? ' (bar: p95 ≤ 20 ms at 200 req/s alone)' : ''
      console.log(
        `loadtest-public-${kind}-p95: ${percentile(ms, 95).toFixed(1)} ms${bar}  [${ms.length} requests, p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms]`,
      )
    }
    for (const [kind, ms] of publicCpuMs)
      line(`public-${kind}-cpu-ms`, ms.toFixed(2), 'ms (server CPU per request, alone)')
    if (CLIENTS > 0)
      line(
        'loadtest-editors-save-p99',
        percentile(okSaves, 99).toFixed(1),
        `ms with ${CLIENTS} editors (bar: ≤ 150 ms with 100)`,
      )
  }
  const stalls = process.argv.includes('--timeline') || STALLS ? stallLines() : []
  if (process.argv.includes('--timeline'))
    printTimeline(
      measured,
      stalls.map((l) => ({ ...l, t: l.t - measureFrom })),
    )
  if (STALLS)
    printStalls({
      probe: stalls.filter((l) => l.role !== 'primary'),
      flushes,
      db: dbStalls,
      measureFrom,
      seconds: SECONDS,
      saves,
      savesAcknowledged: okSaves.length,
      percentile,
    })
  line('loadtest-workers', WORKERS)
  line('save-cpu-ms', saveCpuMs.toFixed(2), 'ms')
  // PostgreSQL's own processes per save (SQLite's work is inside save-cpu-ms): both share the cores.
  if (!Number.isNaN(saveDbCpuMs)) line('save-db-cpu-ms', saveDbCpuMs.toFixed(2), 'ms')
  line('list-cpu-ms', listCpuMs.all.toFixed(2), 'ms')
  line('list-cpu-ms-reviewer', listCpuMs.reviewer.toFixed(2), 'ms (one department: one report)')
  line(
    'list-cpu-ms-coordinator',
    listCpuMs.coordinator.toFixed(2),
    `ms (the government: ${CLIENTS} reports, 50 a page)`,
  )
  if (serverCpuShare !== null)
    line('loadtest-server-cpu', serverCpuShare.toFixed(0), '% of one core over the measured time')
  if (serverWaitShare !== null)
    line(
      'loadtest-server-waiting-for-cpu',
      serverWaitShare.toFixed(0),
      '% of the measured time (runnable, no core free)',
    )
  line('loadtest-client-cpu', clientCpuShare.toFixed(0), '% of one core (this load generator)')
  if (databaseCpuShare !== null)
    line('loadtest-db-cpu', databaseCpuShare.toFixed(0), '% of one core over the measured time (the database)')
  console.log(
    `  load average at the start: ${loadAtStart}, at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${cpus().length} cores)`,
  )
  line('loadtest-errors', otherErrors.length)
  if (DB_RESTART) {
    line('loadtest-db-down', ((dbBackAt - dbDownAt) / 1000).toFixed(1), 's')
    // Saves and reads answer 503 db_unavailable; the list page renders the Chinese error page (500).
    const answers = [...outageAnswers].sort(([a], [b]) => a.localeCompare(b))
    line(
      'loadtest-refused-while-db-down',
      answers.map(([what, n]) => `${n} × ${what.replace(/ 0$/, ' no answer')}`).join(', ') || '0',
    )
    for (const m of outageMessages) console.log(`  503: ${m}`)
    line('loadtest-db-recovery', firstSaveAfterDb ? firstSaveAfterDb - dbBackAt : 'never', firstSaveAfterDb ? 'ms' : '')
  }
  if (KILL) {
    line('loadtest-restart', restartMs, 'ms')
    line('loadtest-refused-while-down', downErrors.count)
  }
  line('loadtest-acknowledged-saves-missing', missing)
  for (const e of otherErrors.slice(0, 5)) console.log(`  error: ${e}`)
  // A save refused with anything but 503 during the outage is not the clear answer it should be.
  const unclear = [...outageAnswers.keys()].filter((what) => what.startsWith('save') && !/ (503|0)$/.test(what))
  process.exitCode =
    missing > 0 || otherErrors.length > 0 || (DB_RESTART && (!firstSaveAfterDb || unclear.length > 0)) ? 1 : 0
}

/** What the server processes logged each second (scripts/stall-monitor.mjs), read once: the folder goes. */
function stallLines(): StallLine[] {
  if (!existsSync(STALL_DIR)) return []
  const lines: StallLine[] = []
  for (const file of readdirSync(STALL_DIR)) {
    for (const text of readFileSync(path.join(STALL_DIR, file), 'utf8').split('\n')) {
      if (text) lines.push(JSON.parse(text) as StallLine)
    }
  }
  // Kept beside the server's log: each process's start time places its --trace-gc lines.
  const serverLog = process.env.LOADTEST_SERVER_LOG
  if (serverLog) appendFileSync(`${serverLog}.stalls.jsonl`, lines.map((l) => `${JSON.stringify(l)}\n`).join(''))
  rmSync(STALL_DIR, { recursive: true, force: true })
  return lines
}

/**
 * Latency over the run, 5 s at a time (saves, public report pages), beside what the server's
 * processes logged in those seconds: the workers' longest event-loop delay, their GC pauses,
 * the cluster primary's longest loop delay. Then the stalls:
 * seconds in which a worker's loop was held 50 ms or more.
 */
/** `stalls`: the server processes' lines, their times relative to measureFrom. */
function printTimeline(measured: Sample[], stalls: StallLine[]) {
  const worker = (l: StallLine) => l.role !== 'primary'
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0)
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  for (let from = 0; from < SECONDS * 1000; from += 5000) {
    const inSlice = (x: { at: number }) => x.at >= from && x.at < from + 5000
    const slice = measured.filter((x) => x.kind === 'save' && x.ok && inSlice(x)).map((x) => x.ms)
    const pages = measured.filter((x) => x.kind === 'public-report' && x.ok && inSlice(x)).map((x) => x.ms)
    // A line logged at t covers the second before it.
    const logged = stalls.filter((l) => l.t > from && l.t <= from + 5000)
    const workers = logged.filter(worker)
    const primary = logged.filter((l) => !worker(l))
    console.log(
      `  ${from / 1000}–${from / 1000 + 5} s: ${slice.length} saves, p50 ${percentile(slice, 50).toFixed(1)} ms, p99 ${percentile(slice, 99).toFixed(1)} ms; report pages p95 ${percentile(pages, 95).toFixed(1)} ms` +
        (logged.length
          ? ` | loop max ${max(workers.map((l) => l.loopMax)).toFixed(0)} ms, gc ${sum(workers.map((l) => l.gcMs)).toFixed(0)} ms (max ${max(workers.map((l) => l.gcMax)).toFixed(0)})` +
            (primary.length ? `, primary loop max ${max(primary.map((l) => l.loopMax)).toFixed(0)} ms` : '')
          : ''),
    )
  }
  const measuredLines = stalls.filter((l) => worker(l) && l.t > 0 && l.t <= SECONDS * 1000)
  if (measuredLines.length === 0) return
  const held = measuredLines.filter((l) => l.loopMax >= 50)
  console.log(
    `loadtest-stalls: ${held.length} worker-seconds of ${measuredLines.length} with the event loop held ≥ 50 ms (longest ${max(measuredLines.map((l) => l.loopMax)).toFixed(0)} ms); GC ${sum(measuredLines.map((l) => l.gcMs)).toFixed(0)} ms in ${sum(measuredLines.map((l) => l.gcCount))} pauses (longest ${max(measuredLines.map((l) => l.gcMax)).toFixed(0)} ms)`,
  )
}

// --instances 2: two app instances on one database, changes through one, reads on the other.
if (process.argv.includes('--instances')) void import('./loadtest-instances')
else
  main().catch((e) => {
    console.error(e)
    killServer()
    process.exitCode = 1
  })
