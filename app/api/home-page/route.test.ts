import { describe, expect, it } from 'vitest'
import { auth } from '@/lib/auth/auth'
import { createAgency, createUser } from '@/lib/services/accounts'
import { testAgencyCode } from '@/test/agency-code'
import { GET } from './route'

const PASSWORD = 'home-page-test-password'

/** A user of that role in a new department, signed in through better-auth: the Cookie header. */
async function signedIn(role: 'reviewer' | 'officer' | 'coordinator'): Promise<string> {
  const agency = await createAgency({
    code: testAgencyCode('home'),
    name: `首页测试局${Math.random().toString(36).slice(2, 8)}`,
    type: role === 'coordinator' ? 'government' : 'department',
  })
  const email = `home-${role}-${Math.random().toString(36).slice(2, 10)}@x.test`
  await createUser({ email, name: `首页${role}`, password: PASSWORD, memberships: [{ agencyId: agency.id, role }] })
  const res = await auth.api.signInEmail({
    body: { email, password: PASSWORD },
    headers: new Headers({
      host: '127.0.0.1:3000',
      'x-nianbao-client-ip': `10.8.${Math.floor(Math.random() * 250)}.1`,
    }),
    asResponse: true,
  })
  expect(res.status).toBe(200)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

const params = { script: '/_nianbao/home-abc.js', styles: ['/_next/static/chunks/a.css'] }
const get = (p: unknown, headers: Record<string, string> = {}) =>
  GET(new Request('http://localhost:3000/', { headers }), { params: Promise.resolve(p) })

describe('GET of the home page handler (scripts/home-route.mjs, decision 0610)', () => {
  it('answers 404 without the dispatcher’s params, as at /api/home-page through Next', async () => {
    expect((await get({})).status).toBe(404)
    expect((await get({ ...params, script: 'https://elsewhere.example/x.js' })).status).toBe(404)
    expect((await get({ ...params, styles: ['/x.css"><script>'] })).status).toBe(404)
  })

  it('answers 401 when signed out, which the dispatcher leaves to Next’s sign-in redirect', async () => {
    expect((await get(params)).status).toBe(401)
    expect((await get(params, { cookie: 'other=1' })).status).toBe(401)
  })

  it('writes the page for a reviewer or coordinator, its script under the nonce of its CSP; an officer is Next’s', async () => {
    for (const role of ['reviewer', 'coordinator'] as const) {
      const res = await get(params, { cookie: await signedIn(role) })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1]
      expect(nonce).toBeTruthy()
      const html = await res.text()
      expect(html).toContain(`<script src="/_nianbao/home-abc.js" nonce="${nonce}"`)
      expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>')
      expect(html.includes('href="/board"')).toBe(role === 'coordinator')
    }
    expect((await get(params, { cookie: await signedIn('officer') })).status).toBe(204)
  })
})
