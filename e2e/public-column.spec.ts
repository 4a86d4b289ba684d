/**
 * The public column (decision 0301): a report published through the app is read without an
 * account at its public address; the downloads are the bytes whose SHA-256 the page prints; a
 * draft's and a submitted report's addresses answer 404; axe-core finds no serious or critical
 * violation; at 390 px the page body never scrolls sideways.
 */
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { type APIRequestContext, type Page, request as requestFactory } from '@playwright/test'
import { type Account, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'
import { expect, test } from './fixtures'
import { loadFixture } from './helpers'
import { expectNoSeriousViolations } from './axe'

const SHOTS = process.env.E2E_SHOTS_DIR ?? 'test-results/public-column'
/** Imports the office fixture (complete as it is) as the officer; returns its id and content version. */
async function importReport(officer: APIRequestContext): Promise<{ id: string; version: number }> {
  const res = await officer.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture('zhangdian-office-2022')) },
  })
  expect(res.status(), await res.text()).toBe(201)
  const { id } = await res.json()
  const stored = await (await officer.get(`/api/reports/${id}`)).json()
  return { id, version: stored.version as number }
}

async function take(who: APIRequestContext, id: string, transition: string, baseVersion: number) {
  const res = await who.post(`/api/reports/${id}/transitions`, { data: { transition, baseVersion } })
  expect(res.status(), `${transition}: ${await res.text()}`).toBe(200)
}

/** The page body does not scroll sideways (tables may, inside their own container). */
async function expectNoHorizontalOverflow(page: Page, what: string) {
  const widths = await page.evaluate(() => ({
    viewport: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }))
  expect(widths.scroll, `${what}: ${JSON.stringify(widths)}`).toBeLessThanOrEqual(widths.viewport)
  expect(widths.body, `${what}: ${JSON.stringify(widths)}`).toBeLessThanOrEqual(widths.viewport)
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex')

test('a published report is public at its address, with downloads matching the printed SHA-256; drafts answer 404', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const base = baseURL as string
  const admin = await signedInRequest(base, E2E_ADMIN)
  const gov = await createAgency(admin, 'government')
  const dept = await createAgency(admin, 'department', gov.id)
  const draftDept = await createAgency(admin, 'department', gov.id)
  const submittedDept = await createAgency(admin, 'department', gov.id)
  const officer = await createAccount(admin, 'officer', dept.id)
  const reviewer = await createAccount(admin, 'reviewer', dept.id)
  const coordinator = await createAccount(admin, 'coordinator', gov.id)
  const draftOfficer = await createAccount(admin, 'officer', draftDept.id)
  const submittedOfficer = await createAccount(admin, 'officer', submittedDept.id)
  const as = (a: Account) => signedInRequest(base, a)

  // The report goes 提交 → 审核通过 by the API; the coordinator publishes in the page.
  const officerApi = await as(officer)
  const { id, version } = await importReport(officerApi)
  await take(officerApi, id, 'submit', version)
  await take(await as(reviewer), id, 'approve', version)
  const coordContext = await browser.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } })
  await signIn(coordContext.request, base, coordinator)
  const cp = await coordContext.newPage()
  await cp.goto(`/reports/${id}`)
  await cp.getByTestId('workflow-actions').getByRole('button', { name: '发布', exact: true }).click()
  const dialog = cp.getByRole('dialog', { name: '确认发布' })
  // The 保密审查 record (decision 0310): the date and conclusion come filled in.
  await dialog.getByLabel('审查人').fill('钱保密')
  await dialog.getByRole('button', { name: '确定发布' }).click()
  // 发布 builds and stores the files first: give a loaded machine time.
  await expect(cp.getByTestId('report-status')).toHaveText('已发布', { timeout: 30_000 })
  // The signed-in report page names the public address.
  const address = `/gk/${gov.code}/2022/${dept.code}`
  await expect(cp.getByTestId('public-address')).toHaveAttribute('href', address)
  await coordContext.close()

  // Draft and submitted reports of the same government.
  const draftApi = await as(draftOfficer)
  await importReport(draftApi)
  const submittedApi = await as(submittedOfficer)
  const sub = await importReport(submittedApi)
  await take(submittedApi, sub.id, 'submit', sub.version)

  // Nobody signed in from here on.
  const context = await browser.newContext({ baseURL: base })
  const page = await context.newPage()
  const anonymous = await requestFactory.newContext({ baseURL: base })
  mkdirSync(SHOTS, { recursive: true })

  // The column: the published report only, linked.
  const column = await page.goto(`/gk/${gov.code}`)
  expect(column?.status()).toBe(200)
  expect(column?.headers()['content-security-policy']).toContain("default-src 'none'")
  expect(column?.headers()['content-security-policy']).not.toContain('nonce-')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(gov.name)
  await expect(page).toHaveTitle(new RegExp(gov.name))
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toContain(gov.name)
  const rows = page.locator('table tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(dept.name)
  await expect(page.getByText(draftDept.name)).toHaveCount(0)
  await expect(page.getByText(submittedDept.name)).toHaveCount(0)
  await expectNoSeriousViolations(page, 'column')
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.screenshot({ path: `${SHOTS}/column-1440.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoHorizontalOverflow(page, 'column at 390')
  await page.screenshot({ path: `${SHOTS}/column-390.png`, fullPage: true })
  await page.setViewportSize({ width: 1440, height: 900 })

  // The report page, reached from the column by keyboard-focusable links.
  await rows.first().getByRole('link', { name: dept.name }).click()
  await expect(page).toHaveURL(new RegExp(`${address}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('政府信息公开工作年度报告')
  await expect(page.getByRole('heading', { name: '发布记录' })).toBeVisible()
  await expect(page.locator('.gk-record')).toContainText(coordinator.name)
  const printed = new Map<string, string>()
  for (const row of await page.locator('.gk-record table tbody tr').all()) {
    const cells = await row.locator('th, td').allInnerTexts()
    printed.set(cells[0].split('\n')[0].trim(), cells[2].trim())
  }
  expect([...printed.keys()]).toEqual(expect.arrayContaining(['网页', 'Word', '数据（JSON）']))
  await expectNoSeriousViolations(page, 'report page')
  await page.screenshot({ path: `${SHOTS}/report-1440.png`, fullPage: false })
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoHorizontalOverflow(page, 'report page at 390')
  await page.screenshot({ path: `${SHOTS}/report-390.png`, fullPage: false })
  await expectNoSeriousViolations(page, 'report page at 390')

  // The downloads, without an account, are the bytes the page prints the hash of.
  for (const [kind, label] of [
    ['docx', 'Word'],
    ['html', '网页'],
    ['json', '数据（JSON）'],
  ]) {
    const res = await anonymous.get(`${address}/v1/report.${kind}`)
    expect(res.status(), kind).toBe(200)
    const body = await res.body()
    expect(sha256(body), kind).toBe(printed.get(label))
    expect(res.headers().etag).toBe(`"${sha256(body)}"`)
    expect(res.headers()['content-disposition']).toContain("filename*=UTF-8''")
    const again = await anonymous.get(`${address}/v1/report.${kind}`, {
      headers: { 'if-none-match': res.headers().etag },
    })
    expect(again.status(), `${kind} revalidated`).toBe(304)
  }
  const docx = await anonymous.get(`${address}/v1/report.docx`)
  expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  // The current version's page and /v1 are the same version.
  expect((await anonymous.get(`${address}/v1`)).status()).toBe(200)

  // Unpublished and unknown addresses answer 404 alike.
  for (const path of [
    `/gk/${gov.code}/2022/${draftDept.code}`,
    `/gk/${gov.code}/2022/${submittedDept.code}`,
    `/gk/${gov.code}/2022/${submittedDept.code}/v1/report.docx`,
    `/gk/${gov.code}/2022/${dept.code}/v2`,
    `/gk/${gov.code}/2021/${dept.code}`,
    `/gk/${dept.code}`,
    '/gk/e2e-no-such-government',
    // Deeper than the routes, and /gk alone: the column's own 404 too (decision 0400), not Next's.
    `/gk/${gov.code}/2022/${dept.code}/v1/report.docx/more`,
    '/gk',
  ]) {
    const res = await anonymous.get(path)
    expect(res.status(), path).toBe(404)
    expect(res.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'")
    expect(res.headers()['content-security-policy'], path).toContain("default-src 'none'")
    expect(res.headers()['cache-control'], path).toBe('public, max-age=60')
    expect(await res.text(), path).toContain('<h1>页面不存在</h1>')
  }
  await anonymous.dispose()
  await context.close()
})
