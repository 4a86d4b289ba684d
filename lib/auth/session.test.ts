import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { createAgency, createUser } from '@/lib/services/accounts'
import { auth } from './auth'
import { cookieValue, quickSession, sessionActor, sessionSummary, verifySigned } from './session'
import { testAgencyCode } from '@/test/agency-code'

/** Request headers as the browser sends them (better-auth takes the origin from the host). */
const browser = (cookie?: string | null) => new Headers({ host: '127.0.0.1:3000', ...(cookie ? { cookie } : {}) })

const PASSWORD = 'session-test-password'
let userId = ''
let email = ''

/** Signs in through better-auth, as the sign-in page does, and returns the Cookie header. */
async function signIn(): Promise<string> {
  const res = await auth.api.signInEmail({
    body: { email, password: PASSWORD },
    headers: new Headers({
      host: '127.0.0.1:3000',
      'x-nianbao-client-ip': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    }),
    asResponse: true,
  })
  expect(res.status).toBe(200)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

const idOf = async (p: Promise<unknown>) => {
  const v = await p
  return typeof v === 'object' && v ? (v as { id: string }).id : v
}

const tokenOf = async (cookie: string) => {
  const ctx = await auth.$context
  return verifySigned(cookieValue(cookie, ctx.authCookies.sessionToken.name) ?? '', ctx.secret) as string
}

beforeAll(async () => {
  const agency = await createAgency({
    code: testAgencyCode('session'),
    name: `会话测试局${Date.now() % 100000}`,
    type: 'department',
  })
  email = `session${Date.now()}@x.test`
  const user = await createUser({
    email,
    name: '会话',
    password: PASSWORD,
    memberships: [{ agencyId: agency.id, role: 'officer' }],
  })
  userId = user.id
})

describe('the quick session lookup agrees with better-auth', () => {
  it('knows the user of a fresh session without asking better-auth', async () => {
    const cookie = await signIn()
    expect(await idOf(quickSession(cookie))).toBe(userId)
    const theirs = await auth.api.getSession({ headers: browser(cookie) })
    expect(theirs?.user.id).toBe(userId)
  })

  it('answers no one for no cookie, a forged signature or a tampered token', async () => {
    const cookie = await signIn()
    const ctx = await auth.$context
    const name = ctx.authCookies.sessionToken.name
    const value = cookieValue(cookie, name) as string
    const [token, signature] = [value.slice(0, value.lastIndexOf('.')), value.slice(value.lastIndexOf('.') + 1)]
    const forged = `${name}=${encodeURIComponent(`${token}.${'A'.repeat(43)}=`)}`
    const tampered = `${name}=${encodeURIComponent(`${token}x.${signature}`)}`
    for (const c of [null, 'other=1', forged, tampered, `${name}=%E0%A4%A`]) {
      expect(await quickSession(c)).toBe('none')
      expect(await sessionActor(browser(c))).toBeNull()
      expect(await auth.api.getSession({ headers: browser(c) })).toBeNull()
    }
  })

  it('leaves an ended or expired session to better-auth, which refuses it', async () => {
    const ended = await signIn()
    await prisma.session.delete({ where: { token: await tokenOf(ended) } })
    expect(await quickSession(ended)).toBe('ask-better-auth')
    expect(await sessionActor(browser(ended))).toBeNull()

    const expired = await signIn()
    await prisma.session.update({
      where: { token: await tokenOf(expired) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expect(await quickSession(expired)).toBe('ask-better-auth')
    expect(await sessionActor(browser(expired))).toBeNull()
  })

  it('leaves a session due for its sliding refresh to better-auth, which extends it', async () => {
    const cookie = await signIn()
    const token = await tokenOf(cookie)
    const ctx = await auth.$context
    // Signed in longer ago than updateAge: better-auth moves the expiry forward.
    const due = new Date(Date.now() + (ctx.sessionConfig.expiresIn - ctx.sessionConfig.updateAge - 60) * 1000)
    await prisma.session.update({ where: { token }, data: { expiresAt: due } })
    expect(await quickSession(cookie)).toBe('ask-better-auth')
    expect((await sessionActor(browser(cookie)))?.id).toBe(userId)
    const after = await prisma.session.findUniqueOrThrow({ where: { token } })
    expect(after.expiresAt.getTime()).toBeGreaterThan(due.getTime())
    expect(await idOf(quickSession(cookie))).toBe(userId)
  })
})

describe('sessionSummary (the home list, decision 0610)', () => {
  it('is sessionActor without the coordinator’s agency tree, and refuses what it refuses', async () => {
    const gov = await createAgency({
      code: testAgencyCode('sgov'),
      name: `会话测试政府${Date.now() % 100000}`,
      type: 'government',
    })
    const dept = await createAgency({
      code: testAgencyCode('sdept'),
      name: `会话测试部门${Date.now() % 100000}`,
      type: 'department',
      parentId: gov.id,
    })
    const coordinatorEmail = `session-coord${Date.now()}@x.test`
    await createUser({
      email: coordinatorEmail,
      name: '统筹',
      password: PASSWORD,
      memberships: [{ agencyId: gov.id, role: 'coordinator' }],
    })
    const saved = email
    email = coordinatorEmail
    const cookie = await signIn()
    email = saved
    const full = await sessionActor(browser(cookie))
    expect(full?.memberships[0].subtree).toEqual(expect.arrayContaining([gov.id, dept.id]))
    const summary = await sessionSummary(browser(cookie))
    expect(summary).toEqual({ ...full, memberships: full?.memberships.map(({ subtree, ...m }) => m) })
    expect(summary?.memberships[0]).not.toHaveProperty('subtree')

    const ended = await signIn()
    await prisma.session.delete({ where: { token: await tokenOf(ended) } })
    for (const c of [null, 'other=1', ended]) expect(await sessionSummary(browser(c))).toBeNull()
  })
})
