/**
 * Two instances on one database (issue 16, decision 0360): a rename, a move, a role change and a
 * deactivation made here (instance A) are in force at once in another process (instance B,
 * test/permission-process.ts) that keeps asking about the same session. The bound is 0: every
 * lookup that began after a change committed answers with the new state.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { auth } from '@/lib/auth/auth'
import { testAgencyCode } from '@/test/agency-code'
import { setUserActive, updateAgency, updateUserAccess } from './account-maintenance'
import { type AdminBy, createAgency, createUser } from './accounts'

const ROOT = path.resolve(__dirname, '../..')
const PASSWORD = 'instances-harbor-lantern-5'

interface Answer {
  startedAt: number
  endedAt: number
  userId: string | null
  read: boolean
  agencyName: string | null
}

function reader(cookie: string, agencyId: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'test/permission-process.ts', cookie, agencyId],
    { cwd: ROOT, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  const answers: Answer[] = []
  let rest = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    rest += chunk
    const lines = rest.split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) if (line) answers.push(JSON.parse(line))
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  /** Resolves once the reader has given `count` answers begun after `since` (a count, not a time). */
  const more = (count: number, since = Date.now()) => {
    return new Promise<void>((resolve, reject) => {
      const tick = setInterval(() => {
        if (answers.filter((a) => a.startedAt > since).length >= count) {
          clearInterval(tick)
          resolve()
        } else if (child.exitCode !== null) {
          clearInterval(tick)
          reject(new Error(`reader exited: ${stderr}`))
        }
      }, 10)
    })
  }
  const stop = async () => {
    child.stdin?.end()
    return { code: await exited, stderr }
  }
  return { answers, more, stop }
}

async function signIn(email: string): Promise<string> {
  const res = await auth.api.signInEmail({
    body: { email, password: PASSWORD },
    headers: new Headers({ host: '127.0.0.1:3000', 'x-nianbao-client-ip': '10.77.0.1' }),
    asResponse: true,
  })
  expect(res.status).toBe(200)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

describe('two processes on one database', () => {
  it('a rename, a move, a role change and a deactivation made in one are in force in the other at once', async () => {
    const s = Date.now() % 1000000
    const g1 = await createAgency({ code: testAgencyCode('ia'), name: `甲区人民政府${s}`, type: 'government' })
    const g2 = await createAgency({ code: testAgencyCode('ib'), name: `乙区人民政府${s}`, type: 'government' })
    const d = await createAgency({
      code: testAgencyCode('ic'),
      name: `甲区教育局${s}`,
      type: 'department',
      parentId: g1.id,
    })
    const admin = await createUser({ email: `inst-admin${s}@t.demo`, name: '管理', password: PASSWORD, isAdmin: true })
    const by: AdminBy = { actor: { id: admin.id, name: admin.name }, address: null }
    const c = await createUser({
      email: `inst-coord${s}@t.demo`,
      name: '统筹',
      password: PASSWORD,
      memberships: [{ agencyId: g1.id, role: 'coordinator' }],
    })
    const b = reader(await signIn(c.email), d.id)
    await b.more(10)

    // Each step: what instance A changes, and what B must answer from then on.
    const renamed = `甲区人民政府（新）${s}`
    const steps: { change: () => Promise<unknown>; expect: Pick<Answer, 'userId' | 'read' | 'agencyName'> }[] = [
      {
        change: () => updateAgency(g1.id, { name: renamed }, by),
        expect: { userId: c.id, read: true, agencyName: renamed },
      },
      {
        change: () => updateAgency(d.id, { parentId: g2.id }, by),
        expect: { userId: c.id, read: false, agencyName: renamed },
      },
      {
        change: () =>
          updateUserAccess(c.id, { isAdmin: false, memberships: [{ agencyId: g2.id, role: 'coordinator' }] }, by),
        expect: { userId: c.id, read: true, agencyName: g2.name },
      },
      {
        change: () => setUserActive(c.id, { active: false }, by),
        expect: { userId: null, read: false, agencyName: null },
      },
    ]
    const before = { userId: c.id, read: true, agencyName: g1.name }
    const began: number[] = []
    const committed: number[] = []
    for (const step of steps) {
      began.push(Date.now())
      await step.change()
      committed.push(Date.now())
      await b.more(10, committed[committed.length - 1])
    }
    const { code, stderr } = await b.stop()
    expect(stderr).toBe('')
    expect(code).toBe(0)

    const state = (a: Answer) => ({ userId: a.userId, read: a.read, agencyName: a.agencyName })
    // Before the first change B saw the old state: the test can tell old from new.
    const old = b.answers.filter((a) => a.endedAt < began[0])
    expect(old.length).toBeGreaterThanOrEqual(5)
    for (const a of old) expect(state(a)).toEqual(before)
    // Every lookup that began after a change committed, and ended before the next began, is new.
    let stale = 0
    steps.forEach((step, i) => {
      const phase = b.answers.filter(
        (a) => a.startedAt > committed[i] && a.endedAt < (began[i + 1] ?? Number.POSITIVE_INFINITY),
      )
      expect(phase.length, `answers after step ${i + 1}`).toBeGreaterThanOrEqual(5)
      stale += phase.filter((a) => JSON.stringify(state(a)) !== JSON.stringify(step.expect)).length
    })
    expect(stale).toBe(0)
  }, 120_000)
})
