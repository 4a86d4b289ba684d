/**
 * The home list of a reviewer or coordinator is written outside Next's page renderer
 * (scripts/home-route.mjs, decision 0610). It must be the page Next's pages frame: the same
 * header (markup and geometry) as 我的工作台 (a Next page) at 1440 and 390 px, the page's own CSP
 * with a nonce and the headers of every page, its 退出登录 and idle guard working under that
 * CSP; an officer still gets Next's page with its forms, and a signed-out visit the sign-in.
 */
import { createAccount, createAgency, signedInRequest, signIn } from './accounts'
import { expectNoSeriousViolations } from './axe'
import { expect, test } from './fixtures'

/** The header's markup with the direct page's slot around 退出登录 taken away. */
const headerMarkup = (html: string) =>
  html.replace(/<span data-mount="sign-out" style="display:contents">(.*?)<\/span>/, '$1')

for (const width of [1440, 390]) {
  test(`a coordinator's home page outside Next at ${width} px: Next's header, the page's CSP, working scripts`, async ({
    browser,
    admin,
    baseURL,
  }) => {
    const gov = await createAgency(admin, 'government')
    const dept = await createAgency(admin, 'department', gov.id)
    const officer = await signedInRequest(baseURL as string, await createAccount(admin, 'officer', dept.id))
    const created = await officer.post('/api/reports', {
      data: { formatVersion: '2021', year: 2024, agencyId: dept.id },
    })
    expect(created.status(), await created.text()).toBe(201)
    await officer.dispose()
    const coordinator = await createAccount(admin, 'coordinator', gov.id)
    const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } })
    await signIn(context.request, baseURL as string, coordinator)
    const page = await context.newPage()
    const refused: string[] = []
    // Errors of the page and its scripts (a CSP refusal is one); the browser's own /favicon.ico
    // request answers 404 on every page of the app.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) refused.push(m.text())
    })
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') refused.push(`${r.status()} ${r.url()}`)
    })
    page.on('pageerror', (e) => refused.push(e.message))

    const res = await page.goto('/')
    expect(res?.status()).toBe(200)
    const html = await res?.text()
    expect(html).toMatch(/<script src="\/_nianbao\/home-[\w-]+\.js" nonce="[^"]+"/)
    const headers = res?.headers() ?? {}
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/)
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['cache-control']).toContain('no-store')
    await expect(page.locator(`tr[data-agency="${dept.name}"]`)).toHaveCount(1)
    await expect(page.getByRole('link', { name: '填报进度' })).toBeVisible()

    const header = page.locator('header.site-header')
    const boxes = async () =>
      header.evaluate((h) =>
        [...h.querySelectorAll('a, .user-name, .user-roles, button')].map((e) => {
          const r = e.getBoundingClientRect()
          return `${e.textContent} ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`
        }),
      )
    const direct = { markup: headerMarkup(await header.evaluate((h) => h.outerHTML)), boxes: await boxes() }
    await page.screenshot({ path: test.info().outputPath(`home-direct-${width}.png`), fullPage: true })
    await expectNoSeriousViolations(page, `the direct home page at ${width} px`)

    // 我的工作台 is rendered by Next with the root layout: the same header, the same places.
    await page.goto('/desk')
    await expect(page.locator('h1')).toBeVisible()
    expect(await header.evaluate((h) => h.outerHTML)).toBe(direct.markup)
    expect(await boxes()).toEqual(direct.boxes)

    // 退出登录, hydrated by the page's script under its CSP, signs out.
    await page.goto('/')
    await page.locator('header').getByRole('button', { name: '退出登录' }).click()
    await page.waitForURL(/\/sign-in/)
    expect((await context.request.get('/api/session')).status()).toBe(401)
    expect(refused).toEqual([])
    await context.close()
  })
}

test('the idle guard runs on the direct home page; an officer and a signed-out visit get Next’s page', async ({
  browser,
  admin,
  baseURL,
}) => {
  const dept = await createAgency(admin, 'department')
  const reviewer = await createAccount(admin, 'reviewer', dept.id)
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  // A test-only idle time for this browser (honoured by demo and e2e servers only): 4 s, warning at 2 s.
  await page.addInitScript(() => window.localStorage.setItem('nianbao.idle-ms', '4000'))
  await signIn(context.request, baseURL as string, reviewer)
  const res = await page.goto('/')
  expect(await res?.text()).toContain('/_nianbao/home-')
  const dialog = page.getByRole('alertdialog', { name: '即将退出登录' })
  await expect(dialog).toBeVisible({ timeout: 15_000 })
  await page.waitForURL(/\/sign-in\?next=%2F&idle=1/, { timeout: 15_000 })

  // Signed out: Next's redirect to the sign-in page.
  const out = await browser.newContext({ baseURL })
  const signedOut = await out.newPage()
  await signedOut.goto('/')
  await expect(signedOut).toHaveURL(/\/sign-in\?next=%2F/)
  await out.close()

  // An officer: Next's page with the create and import forms.
  const officer = await createAccount(admin, 'officer', dept.id)
  const officerContext = await browser.newContext({ baseURL })
  await signIn(officerContext.request, baseURL as string, officer)
  const officerPage = await officerContext.newPage()
  const officerRes = await officerPage.goto('/')
  expect(await officerRes?.text()).not.toContain('/_nianbao/home-')
  await expect(officerPage.locator('.home-actions')).toBeVisible()
  await expect(officerPage.getByRole('heading', { name: '年报', exact: true })).toBeVisible()
  await officerContext.close()
  await context.close()
})
