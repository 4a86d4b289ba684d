import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { createUser } from '@/lib/services/accounts'
import { auth } from './auth'
import { DEFAULT_IDLE_MINUTES, idleMsFrom, idleVerdict, TOUCH_MS, warnBeforeMs } from './idle'
import { cookieValue, quickSession, verifySigned } from './session'

const PASSWORD = 'idle-test-password-river'
let email = ''

async function signIn(): Promise<{ cookie: string; token: string }> {
  const res = await auth.api.signInEmail({
    body: { email, password: PASSWORD },
    headers: new Headers({
      host: '127.0.0.1:3000',
      'x-nianbao-client-ip': `10.8.${Math.floor(Math.random() * 250)}.1`,
    }),
    asResponse: true,
  })
  expect(res.status).toBe(200)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const ctx = await auth.$context
  return {
    cookie,
    token: verifySigned(cookieValue(cookie, ctx.authCookies.sessionToken.name) ?? '', ctx.secret) as string,
  }
}

beforeAll(async () => {
  email = `idle${Date.now()}@x.test`
  await createUser({ email, name: '闲置', password: PASSWORD })
})

describe('idle timeout', () => {
  it('reads NIANBAO_IDLE_MINUTES, default 30', () => {
    expect(idleMsFrom(undefined)).toBe(DEFAULT_IDLE_MINUTES * 60_000)
    expect(idleMsFrom('abc')).toBe(DEFAULT_IDLE_MINUTES * 60_000)
    expect(idleMsFrom('-5')).toBe(DEFAULT_IDLE_MINUTES * 60_000)
    expect(idleMsFrom('15')).toBe(15 * 60_000)
    expect(idleMsFrom('0.5')).toBe(30_000)
    expect(warnBeforeMs(30 * 60_000)).toBe(60_000)
    expect(warnBeforeMs(30_000)).toBe(15_000)
  })

  it('ends a session idle longer than the limit, touches a quiet one at most once a minute', () => {
    const idle = 30 * 60_000
    expect(idleVerdict(0, 10_000, idle)).toBe('fresh')
    expect(idleVerdict(0, TOUCH_MS, idle)).toBe('touch')
    expect(idleVerdict(0, idle + TOUCH_MS, idle)).toBe('touch')
    expect(idleVerdict(0, idle + TOUCH_MS + 1, idle)).toBe('ended')
  })

  it('the session lookup ends an idle session and moves the last-seen time of an active one', async () => {
    const { cookie, token } = await signIn()
    expect(await quickSession(cookie)).toMatchObject({ email })

    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000)
    await prisma.session.update({ where: { token }, data: { updatedAt: fiveMinutesAgo } })
    expect(await quickSession(cookie)).toMatchObject({ email })
    const touched = await prisma.session.findUniqueOrThrow({ where: { token } })
    expect(touched.updatedAt.getTime()).toBeGreaterThan(fiveMinutesAgo.getTime() + 60_000)

    await prisma.session.update({ where: { token }, data: { updatedAt: new Date(Date.now() - 32 * 60_000) } })
    expect(await quickSession(cookie)).toBe('none')
    expect(await prisma.session.findUnique({ where: { token } })).toBeNull()
  })
})
