/**
 * The PDF and the phone: a draft's export menu says why there is no PDF; once approved, the PDF
 * downloads from the menu (LibreOffice on the server) with the report's numbers in it; the HTML
 * at 390 px shows the numbers of 表三 and 表四 on the first screen, each table captioned by its
 * heading. Screenshots (390 and 1440 wide) go to test-results/ to be looked at.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'
import { type Account, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'
import { loadFixture } from './helpers'

const which = (cmd: string) => {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}
const HAVE_SOFFICE = which('soffice') !== null && which('pdftotext') !== null
const SHOTS = path.resolve('test-results', 'pdf-phone')

async function as(browser: Browser, baseURL: string, account: Account, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ baseURL, viewport, extraHTTPHeaders: { origin: baseURL } })
  await signIn(context.request, baseURL, account)
  return { context, page: await context.newPage() }
}

/** An officer and a reviewer of a new department, and a fixture imported as a draft. */
async function draft(browser: Browser, baseURL: string, name: string) {
  const admin = await signedInRequest(baseURL, E2E_ADMIN)
  const gov = await createAgency(admin, 'government')
  const dept = await createAgency(admin, 'department', gov.id)
  const officerAccount = await createAccount(admin, 'officer', dept.id)
  const reviewerAccount = await createAccount(admin, 'reviewer', dept.id)
  await admin.dispose()
  const officer = await as(browser, baseURL, officerAccount)
  const reviewer = await as(browser, baseURL, reviewerAccount)
  const fixture = loadFixture(name)
  const res = await officer.context.request.post('/api/reports/import', { data: { file: JSON.stringify(fixture) } })
  expect(res.status(), await res.text()).toBe(201)
  const id: string = (await res.json()).id
  return { id, officer, reviewer, officerAccount, fixture }
}

/** Fills the fixture's blank fee cells, submits as the officer and approves as the reviewer. */
async function approve(officer: BrowserContext, reviewer: BrowserContext, id: string) {
  const stored = await (await officer.request.get(`/api/reports/${id}`)).json()
  stored.report.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  const put = await officer.request.put(`/api/reports/${id}`, {
    data: { baseVersion: stored.version, report: stored.report },
  })
  expect(put.status(), await put.text()).toBe(200)
  const saved = await put.json()
  const submit = await officer.request.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'submit', baseVersion: saved.version },
  })
  expect(submit.status(), await submit.text()).toBe(200)
  const approved = await reviewer.request.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'approve', baseVersion: saved.version },
  })
  expect(approved.status(), await approved.text()).toBe(200)
}

const openExportMenu = async (page: Page) => {
  await page.getByText('导出 ▾').click()
  await expect(page.getByRole('menu', { name: '导出' })).toBeVisible()
}

test('the PDF: unavailable for a draft, saying why; after approval it downloads from the export menu with the numbers', async ({
  browser,
  baseURL,
}) => {
  test.skip(
    !HAVE_SOFFICE,
    'LibreOffice (soffice) or poppler-utils not installed: apt-get install libreoffice-writer-nogui poppler-utils',
  )
  test.setTimeout(180_000)
  const { id, officer, reviewer, fixture } = await draft(browser, baseURL as string, 'zhangdian-office-2022')
  const page = officer.page
  await page.goto(`/reports/${id}`)
  await openExportMenu(page)
  await expect(page.getByTestId('pdf-unavailable')).toContainText('审核通过后')
  await expect(page.getByRole('menuitem', { name: '下载 PDF' })).toHaveCount(0)

  await approve(officer.context, reviewer.context, id)
  await page.reload()
  await openExportMenu(page)
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    page.getByRole('menuitem', { name: '下载 PDF' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\d{4}年政府信息公开工作年度报告\.pdf$/)
  const file = await download.path()
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const words = new Set(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split(/\s+/))
  const apps = fixture.sections.applications
  for (const value of [apps.newReceived.total, apps.newReceived.natural, apps.granted.total]) {
    expect(words.has(String(value)), `${value} in the PDF`).toBe(true)
  }
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  expect(text).toContain('三、收到和处理政府信息公开申请情况')
  // The same bytes again: the PDF is stored with the version.
  const again = await officer.context.request.get(`/api/reports/${id}/pdf`)
  expect(again.status()).toBe(200)
  expect(Buffer.compare(await again.body(), fs.readFileSync(file))).toBe(0)
})

test('the HTML at 390 px: 表三 and 表四 show their numbers on the first screen, each table captioned by its heading', async ({
  browser,
  baseURL,
}) => {
  const { id, officerAccount } = await draft(browser, baseURL as string, 'zhangdian-gov-2021')
  fs.mkdirSync(SHOTS, { recursive: true })
  for (const width of [390, 1440]) {
    const { context, page } = await as(browser, baseURL as string, officerAccount, { width, height: 844 })
    await page.goto(`/api/reports/${id}/html?inline=1`)
    for (const key of ['applications', 'reviewLitigation']) {
      const heading = page.locator(`#h-${key}`)
      const table = page.locator(`#${key} table`)
      await expect(table).toHaveAttribute('aria-labelledby', `h-${key}`)
      await expect(table.locator('caption')).toHaveText((await heading.textContent()) ?? '')
      await heading.evaluate((h) => h.scrollIntoView())
      await page.screenshot({ path: path.join(SHOTS, `${key}-${width}.png`) })
      if (width !== 390) continue
      // The first numbers of the table lie inside the first screen, not off to the right.
      const values = table.locator('tbody td')
      const count = Math.min(4, await values.count())
      expect(count).toBeGreaterThan(0)
      for (let i = 0; i < count; i++) {
        const box = await values.nth(i).boundingBox()
        expect(box, `value ${i}`).not.toBeNull()
        expect(box!.x).toBeGreaterThanOrEqual(0)
        expect(box!.x + box!.width).toBeLessThanOrEqual(390)
        expect(box!.y + box!.height).toBeLessThanOrEqual(844)
        // Each number says which column it is.
        expect(await values.nth(i).getAttribute('data-label')).toBeTruthy()
      }
      // Nothing scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    }
    await context.close()
  }
})
