/**
 * docs/security.md, against the real server and a real Chromium: a page on another port of our
 * host cannot change anything with the administrator's cookie (CSRF), the sign-in redirect stays
 * on our origin, and the security headers are on pages and API answers.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { clientAddress, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'

/** An attacker's page, on another port of the same host (same site: SameSite=Lax cookies go along). */
async function attackerPage(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }
}

test('a page on another port cannot create an agency or reset a password with the admin’s cookie', async ({
  browser,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const agency = await createAgency(admin, 'department')
  const victim = await createAccount(admin, 'officer', agency.id)
  const code = `csrf-${Date.now().toString(36)}`
  const json = JSON.stringify({ code, name: `跨站创建${code}`, type: 'department', level: 'county', parentId: null })
  // A text/plain form (no preflight) whose body is JSON, and a no-cors fetch: what a foreign page can send.
  const { server, url } = await attackerPage(`<!doctype html><meta charset="utf-8">
    <form id="f" method="POST" enctype="text/plain" action="${baseURL}/api/admin/agencies">
      <input name='${json.slice(0, -1)},"x":"' value='"}'>
    </form>
    <script>
      fetch(${JSON.stringify(`${baseURL}/api/admin/users/${victim.id}/password`)}, {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ password: 'attacker-chosen-1' }),
      }).finally(() => document.getElementById('f').submit())
    </script>`)
  try {
    // The browser's own headers only: no Origin forced by the test configuration.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: {} })
    await signIn(context.request, baseURL as string, E2E_ADMIN)
    const page = await context.newPage()
    const answers: { url: string; status: number }[] = []
    page.on('response', (r) => {
      if (r.url().includes('/api/admin/')) answers.push({ url: r.url(), status: r.status() })
    })
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/admin/agencies'))
    await page.goto(url)
    expect((await posted).status()).toBe(403)
    expect(await page.locator('body').textContent()).toContain('请求并非来自本系统的页面')
    expect(answers.map((a) => a.status)).not.toContain(201)
    expect(answers.map((a) => a.status)).not.toContain(204)

    // Nothing changed: no such agency, and the victim's password is still theirs.
    const agencies = (await (await admin.get('/api/admin/agencies')).json()).agencies as { code: string }[]
    expect(JSON.stringify(agencies)).not.toContain(code)
    const still = await signedInRequest(baseURL as string, victim)
    await still.dispose()

    // The same browser from our own page: the app's requests pass the same check.
    await page.goto('/admin')
    const own = await page.evaluate(async (body) => {
      const res = await fetch('/api/admin/agencies', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      return res.status
    }, json)
    expect(own).toBe(201)
    await context.close()
  } finally {
    server.close()
    await admin.dispose()
  }
})

test('foreign-origin and non-JSON requests are refused by the server and change nothing', async ({ baseURL }) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const agency = await createAgency(admin, 'department')
  const victim = await createAccount(admin, 'officer', agency.id)
  const reset = `/api/admin/users/${victim.id}/password`
  const body = JSON.stringify({ password: 'attacker-chosen-1' })
  const foreign = await admin.post(reset, {
    headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
    data: body,
  })
  expect(foreign.status()).toBe(403)
  expect((await foreign.json()).error).toBe('cross_origin')
  const plain = await admin.post(reset, { headers: { 'content-type': 'text/plain' }, data: body })
  expect(plain.status()).toBe(415)
  const created = await admin.post('/api/admin/agencies', {
    headers: { origin: 'http://127.0.0.1:1', 'content-type': 'application/json' },
    data: JSON.stringify({ code: 'csrf-x', name: '跨站机关', type: 'department' }),
  })
  expect(created.status()).toBe(403)
  // better-auth guards its own routes: a foreign origin cannot sign anyone out or in.
  const signOut = await admin.post('/api/auth/sign-out', { headers: { origin: 'http://evil.example' }, data: {} })
  expect(signOut.status()).toBe(403)
  expect((await admin.get('/api/admin/users')).status()).toBe(200)
  const still = await signedInRequest(baseURL as string, victim)
  await still.dispose()
  await admin.dispose()
})

test('after sign-in, ?next= leads only to a path of ours', async ({ page, baseURL }) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const agency = await createAgency(admin, 'department')
  const officer = await createAccount(admin, 'officer', agency.id)
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  for (const next of ['%2F%09%2F127.0.0.1:4000%2Fphish.html', '%2F%0A%2Fevil.example', '%2F%5Cevil.example']) {
    await page.context().clearCookies()
    await page.goto(`/sign-in?next=${next}`)
    await page.getByLabel('账号').fill(officer.email)
    await page.getByLabel('密码').fill(officer.password)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL((u) => u.pathname === '/' || u.origin !== new URL(baseURL as string).origin)
    expect(new URL(page.url()).origin, next).toBe(new URL(baseURL as string).origin)
    expect(new URL(page.url()).pathname, next).toBe('/')
  }
  await page.context().clearCookies()
  await page.goto(`/sign-in?next=${encodeURIComponent('/desk?year=2023')}`)
  await page.getByLabel('账号').fill(officer.email)
  await page.getByLabel('密码').fill(officer.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/desk\?year=2023$/)
  await admin.dispose()
})

test('security headers: a nonce CSP on pages, no framing, nosniff and no-store on API answers', async ({
  page,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const first = await page.goto('/sign-in')
  const second = await page.request.get('/sign-in')
  const policies = [first, second].map((r) => r?.headers()['content-security-policy'] ?? '')
  const nonces = policies.map((p) => /'nonce-([^']+)'/.exec(p)?.[1])
  expect(nonces[0]).toBeTruthy()
  expect(nonces[0]).not.toBe(nonces[1])
  expect(policies[0]).toContain("frame-ancestors 'none'")
  expect(policies[0]).toContain("object-src 'none'")
  // Next put the nonce on its scripts: the page is interactive under the policy.
  const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).nonce))
  expect(scripts.length).toBeGreaterThan(0)
  for (const n of scripts) expect(n).toBe(nonces[0])
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text())
  })
  await page.goto('/rules')
  expect(errors).toEqual([])
  expect(first?.headers()['x-content-type-options']).toBe('nosniff')
  expect(first?.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(first?.headers()['x-frame-options']).toBe('DENY')

  const api = await admin.get('/api/admin/users')
  const h = api.headers()
  expect(h['cache-control']).toBe('no-store')
  expect(h['x-content-type-options']).toBe('nosniff')
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin')

  // The autosave answers from its route handler without Next's router (scripts/direct-routes.mjs): the same headers.
  const save = await admin.patch('/api/reports/no-such-report', { data: { changes: [] } })
  expect(save.status()).toBe(404)
  const s = save.headers()
  expect(s['cache-control']).toBe('no-store')
  expect(s['x-content-type-options']).toBe('nosniff')
  expect(s['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(s['x-frame-options']).toBe('DENY')
  expect(s['referrer-policy']).toBe('strict-origin-when-cross-origin')
  await admin.dispose()
})
