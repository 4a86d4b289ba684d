/**
 * L12 on the 政务公开办's board (decision 0420): two agencies of one government print the same
 * narratives, a third its own. The coordinator sees the share repeated on each row, a warning
 * mark above 50 % inside its row, and a page per report quoting each repeated paragraph beside the
 * sibling's, linked to that report. The officer sees none of it: not the page, not in the editor.
 */
import type { Browser } from '@playwright/test'
import { narrativePath } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import { type Account, createAccount, createAgency, signIn } from './accounts'
import { expect, test } from './fixtures'
import { loadFixture } from './helpers'

const YEAR =
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) - 1

async function contextAs(browser: Browser, baseURL: string, account: Account, width = 1440) {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  await signIn(context.request, baseURL, account)
  return context
}

/** The narratives of `from` (preamble and every narrative section) written over `report`. */
function withNarratives(report: any, from: any) {
  const next = structuredClone(report)
  if (typeof from.preamble === 'string') next.preamble = from.preamble
  for (const section of GOV_2021.sections) {
    const at = narrativePath(section)?.split('.')
    if (!at) continue
    let src = from.sections
    for (const k of at) src = src?.[k]
    let dst = next.sections
    for (const k of at.slice(0, -1)) dst = dst[k] ??= {}
    dst[at.at(-1) as string] = typeof src === 'string' ? src : ''
  }
  return next
}

test('the board marks agencies whose narrative repeats a sibling’s, and lists the paragraphs with their source', async ({
  admin,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const gov = await createAgency(admin, 'government', null, '雷同测试区人民政府')
  const a = await createAgency(admin, 'department', gov.id, '雷同甲局')
  const b = await createAgency(admin, 'department', gov.id, '雷同乙局')
  const c = await createAgency(admin, 'department', gov.id, '雷同丙局')
  const coordinator = await createAccount(admin, 'coordinator', gov.id)
  const own = loadFixture('zhangdian-gov-2021')
  const another = loadFixture('zhangdian-office-2022')
  const reportIds: Record<string, string> = {}
  const officers: Record<string, Account> = {}
  for (const [agency, text] of [
    [a, own],
    [b, own],
    [c, another],
  ] as const) {
    const officer = await createAccount(admin, 'officer', agency.id)
    officers[agency.name] = officer
    const context = await contextAs(browser, baseURL as string, officer)
    const created = await context.request.post('/api/reports', {
      data: { formatVersion: '2021', year: YEAR, agencyId: agency.id },
    })
    expect(created.status(), await created.text()).toBe(201)
    const stored = await created.json()
    const saved = await context.request.put(`/api/reports/${stored.id}`, {
      data: { baseVersion: 1, report: withNarratives(stored.report, text) },
    })
    expect(saved.status(), await saved.text()).toBe(200)
    reportIds[agency.name] = stored.id
    await context.close()
  }

  const context = await contextAs(browser, baseURL as string, coordinator)
  const page = await context.newPage()
  await page.goto('/board')
  await expect(page.locator('[data-count="sibling-above"]')).toHaveText('2')
  const table = page.getByTestId('board-table')
  const header = table.locator('th', { hasText: '同级雷同' })
  for (const [agency, above] of [
    [a, true],
    [b, true],
    [c, false],
  ] as const) {
    const row = table.locator(`tr[data-agency="${agency.name}"]`)
    const mark = row.locator('[data-above="1"]')
    if (!above) {
      await expect(mark).toHaveCount(0)
      continue
    }
    await expect(mark).toHaveText('⚠ 100%')
    // Geometry: the mark sits inside its own row, under the 同级雷同 column's header.
    const [markBox, rowBox, headerBox] = [await mark.boundingBox(), await row.boundingBox(), await header.boundingBox()]
    expect(markBox && rowBox && headerBox).toBeTruthy()
    expect(markBox!.y).toBeGreaterThanOrEqual(rowBox!.y - 0.5)
    expect(markBox!.y + markBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height + 0.5)
    expect(markBox!.x).toBeGreaterThanOrEqual(headerBox!.x - 0.5)
    expect(markBox!.x + markBox!.width).toBeLessThanOrEqual(headerBox!.x + headerBox!.width + 0.5)
  }
  await page.screenshot({ path: test.info().outputPath('sibling-board-1440.png'), fullPage: true })

  // 乙's page: every paragraph quoted beside 甲's, with a link to 甲's report.
  await table.locator(`tr[data-agency="${b.name}"] [data-above="1"]`).click()
  await page.waitForURL(/\/board\/siblings\//)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(b.name)
  await expect(page.getByTestId('sibling-summary')).toContainText('100%')
  const matches = page.getByTestId('sibling-matches').locator('li.sibling-match')
  expect(await matches.count()).toBeGreaterThan(3)
  const first = matches.first()
  await expect(first).toHaveAttribute('data-other', a.name)
  const quotes = first.locator('blockquote.sibling-quote')
  await expect(quotes).toHaveCount(2)
  expect(await quotes.nth(0).textContent()).toBe(await quotes.nth(1).textContent())
  await expect(first).toContainText('相同')
  // Side by side at 1440, one under the other at 390; both inside the page.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    const [left, right] = [await quotes.nth(0).boundingBox(), await quotes.nth(1).boundingBox()]
    expect(left && right).toBeTruthy()
    if (width === 1440) {
      expect(Math.abs(left!.y - right!.y)).toBeLessThan(2)
      expect(right!.x).toBeGreaterThanOrEqual(left!.x + left!.width)
    } else {
      expect(right!.y).toBeGreaterThanOrEqual(left!.y + left!.height)
    }
    expect(right!.x + right!.width).toBeLessThanOrEqual(width)
    await page.screenshot({ path: test.info().outputPath(`sibling-page-${width}.png`) })
  }
  await page.setViewportSize({ width: 1440, height: 900 })
  await first.getByRole('link', { name: a.name }).click()
  await page.waitForURL(new RegExp(`/reports/${reportIds[a.name]}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(a.name)
  await context.close()

  // The officer of 乙: no sibling page, and nothing of L12 in the editor.
  const officerContext = await contextAs(browser, baseURL as string, officers[b.name])
  const officerPage = await officerContext.newPage()
  const refused = await officerPage.goto(`/board/siblings/${reportIds[b.name]}`)
  expect(refused?.status()).toBe(403)
  await officerPage.goto(`/reports/${reportIds[b.name]}`)
  await expect(officerPage.locator('.finding').first()).toBeVisible()
  await expect(officerPage.locator('.finding[data-rule="L12"]')).toHaveCount(0)
  await expect(officerPage.locator('.narrative-mark[data-rule="L12"]')).toHaveCount(0)
  await expect(officerPage.locator('body')).not.toContainText(a.name)
  await officerContext.close()
})
