import { readFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { expect, test } from '@playwright/test'
import { clientAddress, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'
import { fillCell, openSection } from './helpers'

/** A sign-in attempt over plain Node http from a chosen local address (127.0.0.2: not a trusted proxy). */
function signInFrom(baseURL: string, localAddress: string, email: string, forwardedFor: string): Promise<number> {
  const url = new URL('/api/auth/sign-in/email', baseURL)
  const body = JSON.stringify({ email, password: 'wrong-password-123' })
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: baseURL,
          'x-forwarded-for': forwardedFor,
          // Our server's own header, forged: it is replaced by the socket address.
          'x-nianbao-client-ip': forwardedFor,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

test('25 wrong passwords from 25 X-Forwarded-For values of an untrusted peer get 429', async ({ baseURL }) => {
  const statuses: number[] = []
  for (let i = 0; i < 25; i++) {
    statuses.push(
      await signInFrom(baseURL as string, '127.0.0.2', `nobody${i}-${Date.now()}@e2e.test`, clientAddress()),
    )
  }
  // The peer's own address is the key: the header it sends changes nothing.
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
  expect(statuses.slice(5).every((s) => s === 429)).toBe(true)
})

test('the same account: wrong passwords make the next attempt wait, in Chinese, then it may try again', async ({
  page,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const officer = await createAccount(admin, 'officer', (await createAgency(admin, 'department')).id)
  // Five failures from five addresses (behind the trusted proxy): the per-address limit is not reached.
  for (let i = 0; i < 5; i++) {
    const res = await page.request.post('/api/auth/sign-in/email', {
      data: { email: officer.email, password: 'wrong-password-123' },
      headers: { origin: baseURL as string, 'x-forwarded-for': clientAddress() },
    })
    expect(res.status()).toBe(401)
  }
  // Even the right password waits now (from yet another address), with the reason in Chinese.
  const throttled = await page.request.post('/api/auth/sign-in/email', {
    data: { email: officer.email, password: officer.password },
    headers: { origin: baseURL as string, 'x-forwarded-for': clientAddress() },
  })
  expect(throttled.status()).toBe(429)
  expect(await throttled.json()).toMatchObject({
    code: 'ACCOUNT_THROTTLED',
    message: expect.stringMatching(/该账号连续登录失败，请\d+秒后再试/),
  })
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await page.goto('/sign-in')
  await page.getByLabel('账号').fill(officer.email)
  await page.getByLabel('密码').fill(officer.password)
  // A delay, not a lockout: the right password works once it has passed (1 s after five failures).
  await expect(async () => {
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(/\/$/, { timeout: 2_000 })
  }).toPass({ timeout: 10_000 })
  await admin.dispose()
})

test('weak passwords are refused in Chinese; a changed password ends the other sessions', async ({ page, baseURL }) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const officer = await createAccount(admin, 'officer', (await createAgency(admin, 'department')).id)
  for (const [password, message] of [
    ['            ', /空格/],
    ['12345678', /至少需要12个字符/],
    [officer.email, /账号名/],
    ['password1234', /过于常见/],
  ] as const) {
    const res = await admin.post(`/api/admin/users/${officer.id}/password`, { data: { password } })
    expect(res.status(), password).toBe(422)
    expect((await res.json()).message).toMatch(message)
  }

  const elsewhere = await signedInRequest(baseURL as string, officer)
  expect((await elsewhere.get('/api/reports')).status()).toBe(200)

  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await signIn(page.request, baseURL as string, officer)
  await page.goto('/account/password')
  await page.getByLabel('当前密码').fill(officer.password)
  await page.getByLabel('新密码（至少12个字符）').fill('qwertyuiopas')
  await page.getByLabel('再次输入新密码').fill('qwertyuiopas')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.locator('p[role="alert"]')).toHaveText(/过于常见或容易猜到/)
  expect((await elsewhere.get('/api/reports')).status()).toBe(200)

  // The client does not ask for the other sessions to end: the server ends them anyway.
  const res = await page.request.post('/api/auth/change-password', {
    data: { currentPassword: officer.password, newPassword: 'amber-harbor-lantern-58', revokeOtherSessions: false },
    headers: { origin: baseURL as string },
  })
  expect(res.status()).toBe(200)
  expect((await elsewhere.get('/api/reports')).status()).toBe(401)
  expect((await page.request.get('/api/reports')).status()).toBe(200)
  await elsewhere.dispose()
  await admin.dispose()
})

test('the audit log lists a sign-in failure and an admin action, and downloads as CSV', async ({ page, baseURL }) => {
  const stranger = `stranger-${Date.now()}@e2e.test`
  const failed = await page.request.post('/api/auth/sign-in/email', {
    data: { email: stranger, password: 'wrong-password-123' },
    headers: { origin: baseURL as string, 'x-forwarded-for': '10.77.0.1' },
  })
  expect(failed.status()).toBe(401)
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await signIn(page.request, baseURL as string, E2E_ADMIN)
  const agency = await createAgency(page.request, 'department')

  await page.goto('/admin')
  await page.getByRole('link', { name: '审计日志' }).click()
  const log = page.getByRole('table', { name: '审计日志' })
  await expect(log.getByRole('row', { name: new RegExp(stranger) })).toContainText('登录')
  await expect(log.getByRole('row', { name: new RegExp(stranger) })).toContainText('失败')
  await expect(log.getByRole('row', { name: new RegExp(stranger) })).toContainText('10.77.0.1')
  await expect(log.getByRole('row', { name: new RegExp(agency.code) })).toContainText('新建机关')
  await expect(log.getByRole('row', { name: new RegExp(agency.code) })).toContainText(E2E_ADMIN.name)
  await page.screenshot({ path: 'test-results/audit-log-1440.png', fullPage: false })

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载全部（CSV）' }).click(),
  ])
  const bytes = await readFile(await download.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.toString('utf8')
  expect(text).toContain(`登录,失败,,,${stranger},10.77.0.1`)
  expect(text).toContain(agency.code)

  // Not for anyone else.
  const officer = await signedInRequest(baseURL as string, await createAccount(page.request, 'officer', agency.id))
  expect((await officer.get('/api/admin/audit?format=csv')).status()).toBe(403)
  await officer.dispose()
})

test('an idle session warns, 继续工作 keeps it, then the draft is saved and the user goes to sign in', async ({
  page,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const officer = await createAccount(admin, 'officer', (await createAgency(admin, 'department')).id)
  // A test-only idle time for this browser (honoured by demo and e2e servers only): 8 s, warning at 4 s.
  await page.addInitScript(() => window.localStorage.setItem('nianbao.idle-ms', '8000'))
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await signIn(page.request, baseURL as string, officer)
  const created = await page.request.post('/api/reports', {
    data: { formatVersion: '2021', year: 2024 },
    headers: { origin: baseURL as string },
  })
  expect(created.status()).toBe(201)
  const { id } = await created.json()
  await page.goto(`/reports/${id}`)
  await openSection(page, 'applications')
  await fillCell(page, 'applications.newReceived.natural', '7')

  const dialog = page.getByRole('alertdialog', { name: '即将退出登录' })
  await expect(dialog).toBeVisible({ timeout: 15_000 })
  await page.setViewportSize({ width: 390, height: 800 })
  await page.screenshot({ path: 'test-results/idle-dialog-390.png' })
  await page.setViewportSize({ width: 1440, height: 900 })
  await dialog.getByRole('button', { name: '继续工作' }).click()
  await expect(dialog).toBeHidden()
  await expect(page).toHaveURL(new RegExp(`/reports/${id}`))

  await page.waitForURL(/\/sign-in\?next=.*idle=1/, { timeout: 30_000 })
  expect(decodeURIComponent(new URL(page.url()).searchParams.get('next') ?? '')).toBe(
    `/reports/${id}?section=applications`,
  )
  await expect(page.getByRole('status')).toContainText('由于长时间没有操作')
  const again = await signedInRequest(baseURL as string, officer)
  const stored = await (await again.get(`/api/reports/${id}`)).json()
  expect(stored.report.sections.applications.newReceived.natural).toBe(7)
  await again.dispose()
  await admin.dispose()
})
