/**
 * The board's charts and bulk download (decision 0350): the three server-drawn SVG charts sit
 * inside their boxes at 1440 and 390 wide, each with its data table and .svg download; 打包下载
 * builds the .zip of the year's approved reports with progress, and the .zip read back holds
 * each report's .docx and .html named by agency, with the UTF-8 flag.
 */
import JSZip from 'jszip'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { type Account, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'
import { explanationKey } from '../lib/rules/explanation-key'
import { loadFixture } from './helpers'

/** The fixture's year: its report is imported and approved as it is. */
const YEAR = 2021

async function as(browser: Browser, baseURL: string, account: Account, width = 1440) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width, height: 900 },
    extraHTTPHeaders: { origin: baseURL },
  })
  await signIn(context.request, baseURL, account)
  return { context, page: await context.newPage() }
}

/** Every chart's SVG is there, drawn with text, and inside its figure and the viewport. */
async function chartsInside(page: Page) {
  const figures = page.locator('figure.board-chart')
  await expect(figures).toHaveCount(3)
  const width = page.viewportSize()?.width ?? 0
  for (const kind of ['progress', 'outcomes', 'years']) {
    const figure = page.locator(`figure[data-chart="${kind}"]`)
    const svg = figure.locator('.chart-svg svg')
    await expect(svg).toHaveCount(1)
    expect(await svg.locator('text').count()).toBeGreaterThan(3)
    const f = await figure.boundingBox()
    const c = await figure.locator('.chart-svg').boundingBox()
    const s = await svg.boundingBox()
    if (!f || !c || !s) throw new Error(`no box for ${kind}`)
    expect(s.width).toBeGreaterThan(200)
    expect(s.height).toBeGreaterThan(100)
    // The drawing's box stays in the figure and the page; on a phone the drawing keeps a readable
    // scale (560 px) and scrolls sideways inside it (decision 0461), else it fits the box.
    expect(c.x).toBeGreaterThanOrEqual(f.x - 0.5)
    expect(c.x + c.width).toBeLessThanOrEqual(f.x + f.width + 0.5)
    expect(c.x + c.width).toBeLessThanOrEqual(width)
    expect(s.x).toBeGreaterThanOrEqual(c.x - 0.5)
    if (width <= 700) expect(s.width).toBeGreaterThanOrEqual(560)
    else expect(s.x + s.width).toBeLessThanOrEqual(c.x + c.width + 0.5)
    await expect(figure.locator('.chart-data table')).toHaveCount(1)
    await expect(figure.getByRole('link', { name: '下载 SVG' })).toHaveAttribute(
      'href',
      new RegExp(`/charts/${kind}\\?year=${YEAR}`),
    )
  }
}

test('the board draws its charts as SVG within their boxes and downloads the approved reports as one .zip', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const base = baseURL as string
  const admin = await signedInRequest(base, E2E_ADMIN)
  const gov = await createAgency(admin, 'government', null, '图表测试区人民政府')
  const dept = await createAgency(admin, 'department', gov.id, '图表甲局')
  await createAgency(admin, 'department', gov.id, '图表乙局')
  const coordinatorAccount = await createAccount(admin, 'coordinator', gov.id)
  const officerAccount = await createAccount(admin, 'officer', dept.id)
  const reviewerAccount = await createAccount(admin, 'reviewer', dept.id)
  await admin.dispose()

  // The department's report: imported, completed, submitted and approved.
  const officer = await as(browser, base, officerAccount)
  const reviewer = await as(browser, base, reviewerAccount)
  const imported = await officer.context.request.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture('zhangdian-gov-2021')) },
  })
  expect(imported.status(), await imported.text()).toBe(201)
  const id: string = (await imported.json()).id
  const stored = await (await officer.context.request.get(`/api/reports/${id}`)).json()
  stored.report.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  // Warnings the fixture raises are explained, as an officer would, until submission is accepted.
  let report = stored.report
  let baseVersion = stored.version
  for (let attempt = 0; ; attempt++) {
    const put = await officer.context.request.put(`/api/reports/${id}`, { data: { baseVersion, report } })
    expect(put.status(), await put.text()).toBe(200)
    baseVersion = (await put.json()).version
    const submit = await officer.context.request.post(`/api/reports/${id}/transitions`, {
      data: { transition: 'submit', baseVersion },
    })
    if (submit.status() === 200) break
    expect(submit.status(), await submit.text()).toBe(422)
    expect(attempt).toBeLessThan(2)
    const { completeness } = await submit.json()
    // A narrative sentence's finding is explained by itself (decision 0370): its explanation key.
    const keys = new Set<string>(completeness.unexplained.map(explanationKey))
    report = { ...report, explanations: { ...(report.explanations ?? {}) } }
    for (const key of keys) report.explanations[key] = '按已公开的原文保留，已核对。'
  }
  const approve = await reviewer.context.request.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'approve', baseVersion },
  })
  expect(approve.status(), await approve.text()).toBe(200)
  await officer.context.close()
  await reviewer.context.close()

  const { context, page } = await as(browser, base, coordinatorAccount)
  await page.goto('/')
  await page.getByRole('navigation').getByRole('link', { name: '填报进度' }).click()
  await page.waitForURL(/\/board/)
  await page.goto(`/board?gov=${gov.id}&year=${YEAR}`)
  await chartsInside(page)
  await expect(page.locator('figure[data-chart="outcomes"] figcaption')).toContainText('1 份已审核年报')
  await page.screenshot({ path: test.info().outputPath('board-charts-1440.png'), fullPage: true })

  // One chart as a file.
  const svg = await context.request.get(`/api/board/${gov.id}/charts/years?year=${YEAR}`)
  expect(svg.status()).toBe(200)
  expect(svg.headers()['content-type']).toContain('image/svg+xml')
  expect(await svg.text()).toMatch(/^<svg[^>]*viewBox=/)

  // 打包下载: progress, then the .zip.
  await page.getByRole('button', { name: /打包下载/ }).click()
  const link = page.getByTestId('bulk-zip')
  await expect(link).toBeVisible({ timeout: 60_000 })
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toContain(gov.name)
  const bytes = await (async () => {
    const stream = await download.createReadStream()
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(c as Buffer)
    return Buffer.concat(chunks)
  })()
  const zip = await JSZip.loadAsync(bytes)
  const names = Object.keys(zip.files).sort()
  expect(names).toEqual([
    expect.stringMatching(new RegExp(`^${dept.name}.*\\.docx$`)),
    expect.stringMatching(new RegExp(`^${dept.name}.*\\.html$`)),
  ])
  // General purpose bit 11 (UTF-8 names) on the first local header.
  expect(bytes.readUInt32LE(0)).toBe(0x04034b50)
  expect(bytes.readUInt16LE(6) & 0x800).toBe(0x800)
  expect(await zip.file(names[1])?.async('string')).toContain('<html')
  await context.close()

  // On a phone the charts stack and still fit.
  const phone = await as(browser, base, coordinatorAccount, 390)
  await phone.page.goto(`/board?gov=${gov.id}&year=${YEAR}`)
  await chartsInside(phone.page)
  await phone.page.screenshot({ path: test.info().outputPath('board-charts-390.png'), fullPage: true })
  await phone.context.close()
})
