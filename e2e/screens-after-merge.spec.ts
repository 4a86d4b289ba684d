/**
 * Layout of the screens merged in session 6, looked at together (decision 0461): the geometry of
 * each fix, so it cannot come back. At 390 the administration's user list and the publication
 * record list each row as a block with every field in view; the report's tabs stay whole words;
 * the editor's state badge sits in its row of buttons; 年报所属年度 is a short field beside its
 * label with the refusal below it; the board's 打包下载 is its own card below the table and the
 * charts keep their type size.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, type Locator, type Page, test } from '@playwright/test'
import { clientAddress, createCast, E2E_ADMIN, signIn } from './accounts'
import { approvedReport } from './reports'
import { expectNoSeriousViolations } from './axe'

type Box = { x: number; y: number; width: number; height: number }

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox()
  expect(b, 'laid out').not.toBeNull()
  return b as Box
}

/** Every box inside the viewport's width, none squeezed to a few characters a line. */
async function expectWithinWidth(page: Page, cells: Locator, what: string) {
  const width = page.viewportSize()?.width ?? 0
  for (const c of await cells.all()) {
    if (!(await c.isVisible())) continue
    const b = await box(c)
    expect(b.x, `${what}: left edge`).toBeGreaterThanOrEqual(0)
    expect(b.x + b.width, `${what}: right edge`).toBeLessThanOrEqual(width + 0.5)
  }
}

/** This page signed in as `account`, from a client address of its own. */
async function signInPage(page: Page, baseURL: string, account: { email: string; password: string }) {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await signIn(page.request, baseURL, account)
}

test('at 390 the administration lists each user as a block: name, roles, state and the password reset in view', async ({
  page,
  baseURL,
}) => {
  const base = baseURL as string
  const cast = await createCast(base)
  await signInPage(page, base, E2E_ADMIN)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`/admin?q=${encodeURIComponent(cast.officer.email)}`)
  const table = page.getByTestId('user-table')
  const row = table.locator('tbody tr').first()
  await expect(row).toContainText(cast.officer.email)
  await expectWithinWidth(page, row.locator('td'), 'user row at 390')
  // The roles read as a line, not two characters a line: the cell spans the row.
  const roles = await box(row.locator('td[data-label="角色"]'))
  expect(roles.width).toBeGreaterThan(300)
  expect(roles.height).toBeLessThan(60)
  const reset = await box(row.getByPlaceholder('新密码'))
  expect(reset.x + reset.width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: test.info().outputPath('admin-390.png'), fullPage: true })
  await expectNoSeriousViolations(page, 'admin at 390')
  // At 1440 it stays a table: one row, the header shown.
  await page.setViewportSize({ width: 1440, height: 900 })
  await expect(table.locator('thead')).toBeVisible()
  const cells = await Promise.all((await row.locator('td').all()).map(box))
  for (const c of cells) expect(Math.abs(c.y - cells[0].y)).toBeLessThan(1)
})

test("the editor's state badge sits in its row of buttons; the publication record and the tabs fit 390", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const base = baseURL as string
  const cast = await createCast(base)
  const { id } = await approvedReport(base, cast.officer, cast.reviewer)
  await signInPage(page, base, cast.coordinator)

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(`/reports/${id}`)
    const badge = await box(page.getByTestId('report-status'))
    // 导出 comes first in the row (the transitions wrap below it at 390).
    const exportMenu = await box(page.locator('.editor-actions .export-menu > summary'))
    // Not stretched to the row's height, and centred on the button beside it.
    expect(badge.height, `badge at ${width}`).toBeLessThan(exportMenu.height)
    expect(
      Math.abs(badge.y + badge.height / 2 - (exportMenu.y + exportMenu.height / 2)),
      `badge at ${width}`,
    ).toBeLessThan(2)
  }

  await page.goto(`/reports/${id}/publication`)
  await page.screenshot({ path: test.info().outputPath('publication-390.png'), fullPage: true })
  // Each tab one line (a word never broken into one character a line).
  const tabs = page.locator('.report-subnav > a, .report-subnav > strong')
  await expect(tabs).toHaveCount(4)
  const first = await box(tabs.first())
  for (const t of await tabs.all()) {
    const b = await box(t)
    expect(b.height, 'one line').toBeLessThanOrEqual(first.height + 0.5)
    expect(b.height, 'one line').toBeLessThan(30)
  }
  const record = page.getByTestId('publication-record')
  await expect(record.locator('td[data-label="审核通过"]')).toContainText(cast.reviewer.name)
  await expectWithinWidth(page, record.locator('td'), 'publication record at 390')
  // The portal check's card starts below the record, apart from it.
  const recordBox = await box(record)
  const card = await box(page.locator('section.card[aria-labelledby="portal-copy-title"]'))
  expect(card.y).toBeGreaterThanOrEqual(recordBox.y + recordBox.height + 8)
  await expectNoSeriousViolations(page, 'publication record at 390')

  // The versions page at 390: each version a block, the comparison's choices one a line, the
  // submission compared with the version it became, nothing wider than the screen.
  await page.goto(`/reports/${id}/versions?a=s1&b=1`)
  await expect(page.getByRole('region', { name: '版本比较' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('versions-390.png'), fullPage: true })
  await expectWithinWidth(page, page.locator('.versions-table td'), 'versions at 390')
  await expectWithinWidth(page, page.locator('.compare-form > *'), 'compare form at 390')
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width at 390').toBeLessThanOrEqual(390)
  const word = await box(page.locator('.compare-form > button'))
  expect(word.height, '比较 on one line').toBeLessThan(40)
  await expectNoSeriousViolations(page, 'versions at 390')
})

test('年报所属年度 is a short field beside its label; the refusal is under it', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  const base = baseURL as string
  const cast = await createCast(base)
  await signInPage(page, base, cast.officer)
  await page.goto('/imports/new')
  await page.getByLabel('选择文件').setInputFiles({
    name: 'shuyang-fgj-2023-body.txt',
    mimeType: 'text/plain',
    buffer: readFileSync(path.join(process.cwd(), 'test/published/shuyang-fgj-2023-body.txt')),
  })
  await page.waitForURL(/\/imports\/[^/]+\/items\/[^/]+$/, { timeout: 60_000 })
  const year = page.getByLabel('年报所属年度')
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.getByRole('button', { name: /保存为历史年报/ }).click()
    const error = page.locator('#import-year-error')
    await expect(error).toHaveText('请填写年报所属年度（四位数字）。')
    const label = await box(page.locator('label[for="import-year"]'))
    const field = await box(year)
    expect(field.width, `four digits at ${width}`).toBeLessThan(120)
    expect(field.x, `beside its label at ${width}`).toBeGreaterThanOrEqual(label.x + label.width + 4)
    expect(Math.abs(label.y + label.height / 2 - (field.y + field.height / 2))).toBeLessThan(3)
    const refusal = await box(error)
    expect(refusal.y, `the refusal under the field at ${width}`).toBeGreaterThanOrEqual(field.y + field.height - 0.5)
    await page.screenshot({ path: test.info().outputPath(`import-year-${width}.png`) })
    await expectNoSeriousViolations(page, `import preview at ${width}`)
  }
})

test("the board's 打包下载 is a card of its own below the table; at 390 the charts keep their type size", async ({
  page,
  baseURL,
}) => {
  const base = baseURL as string
  const cast = await createCast(base)
  await signInPage(page, base, cast.coordinator)
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(`/board?gov=${cast.gov.id}`)
    const bulk = page.getByTestId('bulk-download')
    await expect(bulk.getByRole('heading', { name: '打包下载' })).toBeVisible()
    const table = await box(page.getByTestId('board-table'))
    const card = await box(bulk)
    expect(card.y, `apart from the table at ${width}`).toBeGreaterThanOrEqual(table.y + table.height + 8)
    // The year and 年度 stay together in the title.
    const year = await box(page.locator('h1 .nowrap'))
    expect(year.height).toBeLessThan(40)
    const figure = await box(page.locator('[data-chart="progress"]'))
    const svg = await box(page.locator('[data-chart="progress"] .chart-svg svg'))
    expect(figure.x + figure.width).toBeLessThanOrEqual(width + 0.5)
    if (width === 390) expect(svg.width, 'drawn at a readable scale').toBeGreaterThanOrEqual(560)
    await page.screenshot({ path: test.info().outputPath(`board-${width}.png`), fullPage: true })
    await expectNoSeriousViolations(page, `board at ${width}`)
  }
})
