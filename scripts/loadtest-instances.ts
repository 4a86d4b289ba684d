/**
 * npm run loadtest -- --instances 2 [--db sqlite|postgresql] [--readers 20] [--seconds 20]
 *
 * Two app instances (scripts/server.mjs, one process each) on one database (decision 0360).
 * Readers on instance B keep requesting while, in the middle of the run, the administrator makes
 * four changes through instance A's API: moves a department to another government, changes an
 * officer's role, deactivates an officer, renames a government. Four probe users on B, one per
 * change, ask without pause for what the change decides (the report, the agency's name). Every
 * answer to a request that B began after A acknowledged the change must be the new one: the
 * stated bound is 0 s (no per-process cache of sessions, memberships, the agency tree or names).
 * Prints the number of stale answers (must be 0), the answers checked, and for each change how
 * long after A's acknowledgment B's first new answer ended (negative: B answered anew before A's
 * answer reached this client, the commit being earlier than the acknowledgment).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { freshLoadtestDatabase, loadtestDatabaseUrl } from './loadtest-database'

const ROOT = path.resolve(__dirname, '..')

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback
}

const DB = arg('db', process.env.DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite')
const INSTANCES = Number(arg('instances', '2'))
const READERS = Number(arg('readers', '20'))
const SECONDS = Number(arg('seconds', '20'))
const PORT = Number(arg('port', '3510'))
/** The stated bound: a change is in force on every instance this many ms after it was acknowledged. */
const BOUND_MS = Number(arg('bound-ms', '0'))
const PASSWORD = 'loadtest-password'

const databaseUrl = loadtestDatabaseUrl(DB, 'loadtest-instances', 'nianbao_instances')

const env = {
  ...process.env,
  DB_PROVIDER: DB,
  DATABASE_URL: databaseUrl,
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? 'loadtest-secret-not-for-production-0123456789',
  NIANBAO_DEMO: '1',
  NIANBAO_WORKERS: '1',
  NIANBAO_TRUSTED_PROXIES: '127.0.0.1',
}

const base = (i: number) => `http://127.0.0.1:${PORT + i}`
const servers: ChildProcess[] = []

const freshDatabase = () => freshLoadtestDatabase(DB, databaseUrl, env)

/** One instance: its own server process (and process group) on its own port, the same database. */
async function startInstance(i: number) {
  const child = spawn(process.execPath, ['scripts/server.mjs', '-H', '127.0.0.1', '-p', String(PORT + i)], {
    cwd: ROOT,
    // Each instance knows itself by its own address (better-auth's origin check).
    env: { ...env, BETTER_AUTH_URL: base(i) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  servers.push(child)
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`instance ${'AB'[i] ?? i}: ${chunk}`))
  let ready = false
  child.stdout?.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('ready on')) ready = true
  })
  const started = Date.now()
  while (Date.now() - started < 90_000) {
    try {
      if (ready && (await fetch(`${base(i)}/api/reports`)).status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`instance ${i} did not start within 90 s`)
}

function stopInstances() {
  for (const child of servers.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}

let clientNumber = 0

async function signIn(instance: number, email: string): Promise<string> {
  clientNumber++
  const res = await fetch(`${base(instance)}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: base(instance),
      'x-forwarded-for': `10.${(clientNumber >> 16) & 255}.${(clientNumber >> 8) & 255}.${clientNumber & 255}`,
    },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (!res.ok) throw new Error(`sign-in of ${email} on instance ${instance} failed: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

/** The agencies, users and report of the run, made through the services before the instances start. */
async function makeWorld() {
  process.env.DB_PROVIDER = DB
  process.env.DATABASE_URL = databaseUrl
  const { createAgency, createUser } = await import('@/lib/services/accounts')
  const { createReport } = await import('@/lib/services/report-create')
  const { prisma } = await import('@/lib/db')
  const gov = (code: string, name: string) => createAgency({ code, name, type: 'government', level: 'county' })
  const g1 = await gov('instances-g1', '甲区人民政府')
  const g2 = await gov('instances-g2', '乙区人民政府')
  const dept = (code: string, name: string) =>
    createAgency({ code, name, type: 'department', level: 'county', parentId: g1.id })
  const d = await dept('instances-d', '甲区教育局')
  const other = await dept('instances-other', '甲区卫健局')
  const report = await createReport({ formatVersion: '2021', year: 2025, agencyId: d.id })
  const user = (email: string, memberships: { agencyId: string; role: 'officer' | 'coordinator' }[], isAdmin = false) =>
    createUser({ email, name: email.split('@')[0], password: PASSWORD, isAdmin, memberships })
  const admin = await user('admin@instances.test', [], true)
  const mover = await user('coordinator-move@instances.test', [{ agencyId: g1.id, role: 'coordinator' }])
  const roled = await user('officer-role@instances.test', [{ agencyId: d.id, role: 'officer' }])
  const deactivated = await user('officer-deactivate@instances.test', [{ agencyId: d.id, role: 'officer' }])
  const namer = await user('coordinator-rename@instances.test', [{ agencyId: g1.id, role: 'coordinator' }])
  const readers: string[] = []
  for (let i = 0; i < READERS; i++) {
    const email = `reader${i + 1}@instances.test`
    await user(email, [{ agencyId: i % 2 ? g1.id : g2.id, role: 'coordinator' }])
    readers.push(email)
  }
  await prisma.$disconnect()
  return { g1, g2, d, other, report, admin, mover, roled, deactivated, namer, readers }
}

interface Answer {
  probe: string
  startedAt: number
  endedAt: number
  /** 'old' | 'new' | something unexpected (a status or a name). */
  state: string
}

const answers: Answer[] = []
const errors: string[] = []
let stopAt = 0

/** One probe user on instance B: asks again and again, classifying each answer as old or new. */
async function probe(name: string, ask: () => Promise<Response>, classify: (res: Response) => Promise<string>) {
  while (Date.now() < stopAt) {
    const startedAt = Date.now()
    try {
      const res = await ask()
      const state = await classify(res)
      answers.push({ probe: name, startedAt, endedAt: Date.now(), state })
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message}`)
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A background reader on instance B: the home list, as a coordinator reads it. */
async function reader(cookie: string) {
  while (Date.now() < stopAt) {
    try {
      const res = await fetch(`${base(1)}/`, { headers: { cookie } })
      await res.arrayBuffer()
      if (!res.ok) errors.push(`reader: ${res.status}`)
    } catch (e) {
      errors.push(`reader: ${(e as Error).message}`)
    }
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 400))
  }
}

async function main() {
  if (INSTANCES !== 2) throw new Error('--instances: only 2 is supported (A changes, B reads)')
  await freshDatabase()
  const w = await makeWorld()
  await Promise.all([startInstance(0), startInstance(1)])
  const adminA = await signIn(0, w.admin.email)
  const onB = {
    mover: await signIn(1, w.mover.email),
    roled: await signIn(1, w.roled.email),
    deactivated: await signIn(1, w.deactivated.email),
    namer: await signIn(1, w.namer.email),
  }
  const readerCookies = await Promise.all(w.readers.map((e) => signIn(1, e)))
  const renamed = '甲区人民政府（更名）'

  const report = (cookie: string) => () => fetch(`${base(1)}/api/reports/${w.report.id}`, { headers: { cookie } })
  const readable = (gone: number) => async (res: Response) => {
    await res.arrayBuffer()
    return res.status === 200 ? 'old' : res.status === gone ? 'new' : `HTTP ${res.status}`
  }
  const admin = (method: string, url: string, json: unknown) =>
    fetch(`${base(0)}${url}`, {
      method,
      headers: { 'content-type': 'application/json', origin: base(0), cookie: adminA },
      body: JSON.stringify(json),
    })
  const changes: { name: string; make: () => Promise<Response>; acknowledgedAt?: number }[] = [
    { name: 'move', make: () => admin('PATCH', `/api/admin/agencies/${w.d.id}`, { parentId: w.g2.id }) },
    {
      name: 'role',
      make: () =>
        admin('PUT', `/api/admin/users/${w.roled.id}/access`, {
          isAdmin: false,
          memberships: [{ agencyId: w.other.id, role: 'officer' }],
        }),
    },
    { name: 'deactivate', make: () => admin('PUT', `/api/admin/users/${w.deactivated.id}/active`, { active: false }) },
    { name: 'rename', make: () => admin('PATCH', `/api/admin/agencies/${w.g1.id}`, { name: renamed }) },
  ]

  console.log(
    `loadtest --instances 2: ${DB}, instance A ${base(0)} makes the changes, instance B ${base(1)} answers 4 probes and ${READERS} readers for ${SECONDS} s; bound ${BOUND_MS} ms`,
  )
  stopAt = Date.now() + SECONDS * 1000
  const load = Promise.all([
    // A coordinator of the old government: the moved department's report becomes 404 (not theirs).
    probe('move', report(onB.mover), readable(404)),
    // An officer whose membership moves to another department: 404.
    probe('role', report(onB.roled), readable(404)),
    // A deactivated officer: 401 (the session is gone).
    probe('deactivate', report(onB.deactivated), readable(401)),
    // The renamed government's name, as its coordinator reads it.
    probe(
      'rename',
      () => fetch(`${base(1)}/api/agencies/${w.g1.id}/contact`, { headers: { cookie: onB.namer } }),
      async (res) => {
        if (!res.ok) return `HTTP ${res.status}`
        const { name } = (await res.json()) as { name: string }
        return name === w.g1.name ? 'old' : name === renamed ? 'new' : name
      },
    ),
    ...readerCookies.map(reader),
  ])
  // The changes in the middle of the run, a second apart.
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3))
  for (const change of changes) {
    const res = await change.make()
    change.acknowledgedAt = Date.now()
    if (!res.ok) errors.push(`change ${change.name}: ${res.status} ${await res.text()}`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  await load
  stopInstances()

  let stale = 0
  let checked = 0
  const line = (name: string, value: number | string, unit = '') =>
    console.log(`${name}: ${value}${unit ? ` ${unit}` : ''}`)
  for (const change of changes) {
    const mine = answers.filter((a) => a.probe === change.name)
    const at = change.acknowledgedAt ?? Number.POSITIVE_INFINITY
    const after = mine.filter((a) => a.startedAt > at + BOUND_MS)
    const before = mine.filter((a) => a.endedAt < at - 2000)
    const staleHere = after.filter((a) => a.state !== 'new')
    const unexpected = mine.filter((a) => a.state !== 'old' && a.state !== 'new')
    stale += staleHere.length
    checked += after.length
    const firstNew = mine.find((a) => a.state === 'new' && a.endedAt >= at - 60_000)
    line(
      `instances-${change.name}`,
      `${after.length} answers after, ${staleHere.length} stale; ${before.filter((a) => a.state === 'old').length}/${before.length} old before; first new answer ${firstNew ? `${firstNew.endedAt - at} ms after the acknowledgment` : 'never'}`,
    )
    for (const a of unexpected.slice(0, 3)) errors.push(`${change.name}: unexpected answer ${a.state}`)
    // The probe must have seen the old state before the change, or it proves nothing.
    if (!before.some((a) => a.state === 'old')) errors.push(`${change.name}: no old answer before the change`)
  }
  line('instances-bound', BOUND_MS, 'ms')
  line('instances-answers-checked', checked)
  line('instances-stale-answers', stale)
  line('instances-errors', errors.length)
  for (const e of errors.slice(0, 8)) console.log(`  error: ${e}`)
  console.log(`  load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
  process.exitCode = stale > 0 || errors.length > 0 || checked === 0 ? 1 : 0
}

main().catch((e) => {
  console.error(e)
  stopInstances()
  process.exitCode = 1
})
