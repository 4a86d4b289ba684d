/**
 * The 政务公开办's board (decision 0270): a coordinator sees every agency of its government for
 * the year just ended, one without a report among them; rolls up; the roll-up's 表三 总计 is the
 * sum of the agencies' and drills down to them; sends a 催报 that the officer then sees.
 */
import type { Page } from '@playwright/test'
import { createAccount, createAgency, signedInPage } from './accounts'
import { expectNoSeriousViolations } from './axe'
import { expect, test } from './fixtures'
import { filedTableThree, RESULTS_TOTAL, YEAR_JUST_ENDED as YEAR } from './reports'

/** The board table's scrolling box: the table itself where a phone makes it a block, else its wrapper. */
const scrollBox = (page: Page) =>
  page.getByTestId('board-table').evaluate((table) => {
    const scroller = table.scrollWidth > table.clientWidth ? table : (table.parentElement as HTMLElement)
    const r = scroller.getBoundingClientRect()
    return {
      left: r.left,
      right: r.left + scroller.clientWidth,
      scrollWidth: scroller.scrollWidth,
      clientWidth: scroller.clientWidth,
    }
  })

/** Each cell's box, and how many lines its text takes (tops of its text's line boxes). */
const cellBoxes = (page: Page, selector: string) =>
  page
    .getByTestId('board-table')
    .locator(selector)
    .evaluateAll((cells) =>
      cells.map((cell) => {
        const r = cell.getBoundingClientRect()
        const range = document.createRange()
        range.selectNodeContents(cell)
        const tops = new Set([...range.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)))
        return { text: (cell.textContent ?? '').trim(), left: r.left, right: r.right, lines: tops.size }
      }),
    )

/**
 * At 1440 (decision 0540): the table does not scroll sideways, every header cell and every cell
 * of every row lies inside its box, and each header is on one line.
 */
async function expectBoardFits(page: Page) {
  const box = await scrollBox(page)
  expect(box.scrollWidth, 'no sideways scroll').toBeLessThanOrEqual(box.clientWidth)
  const headers = await cellBoxes(page, 'thead th')
  expect(headers.map((h) => h.text)).toContain('最近活动')
  for (const cell of [...headers, ...(await cellBoxes(page, 'tbody tr > *'))]) {
    expect(cell.left, `${cell.text} starts inside the table`).toBeGreaterThanOrEqual(box.left - 0.5)
    expect(cell.right, `${cell.text} ends inside the table`).toBeLessThanOrEqual(box.right + 0.5)
  }
  for (const header of headers) expect(header.lines, `header ${header.text} on one line`).toBe(1)
}

/** At a phone's width: the table scrolls sideways, and scrolled to its end the agency column is still in view. */
async function expectAgencyPinned(page: Page, agency: string) {
  const box = await scrollBox(page)
  expect(box.scrollWidth, 'the table scrolls sideways').toBeGreaterThan(box.clientWidth)
  await page.getByTestId('board-table').evaluate((table) => {
    const scroller = table.scrollWidth > table.clientWidth ? table : (table.parentElement as HTMLElement)
    scroller.scrollLeft = scroller.scrollWidth
  })
  const name = page.getByTestId('board-table').locator(`tr[data-agency="${agency}"] .board-agency`)
  const last = page.getByTestId('board-table').locator(`tr[data-agency="${agency}"] > :last-child`)
  await expect(async () => {
    const [n, l] = [await name.boundingBox(), await last.boundingBox()]
    expect(n && l).toBeTruthy()
    if (!n || !l) return
    expect(n.x, 'the agency column at the left edge').toBeGreaterThanOrEqual(box.left - 0.5)
    expect(n.x, 'the agency column at the left edge').toBeLessThanOrEqual(box.left + 0.5)
    // The last column scrolled into view beside it, not under it.
    expect(l.x).toBeGreaterThanOrEqual(n.x + n.width - 0.5)
    expect(l.x + l.width).toBeLessThanOrEqual(box.right + 0.5)
  }).toPass()
}

test('a coordinator sees every agency for the year, rolls up with drill-down, and 催报 reaches the officer', async ({
  admin,
  browser,
  baseURL,
}) => {
  // A long walk through several pages and accounts (the machine may be busy).
  test.setTimeout(180_000)
  const gov = await createAgency(admin, 'government', null, '进度测试区人民政府')
  const a = await createAgency(admin, 'department', gov.id, '进度甲局')
  const b = await createAgency(admin, 'department', gov.id, '进度乙局')
  const c = await createAgency(admin, 'department', gov.id, '进度丙局')
  const coordinator = await createAccount(admin, 'coordinator', gov.id)
  const officerC = await createAccount(admin, 'officer', c.id)

  // Two agencies file their reports for the year just ended with different table 三 figures.
  const expected = await filedTableThree(admin, baseURL as string, [
    [a, 0],
    [b, 17],
  ])

  const page = await signedInPage(browser, baseURL as string, coordinator)
  await page.goto('/board')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${gov.name} · ${YEAR} 年度`)
  const table = page.getByTestId('board-table')
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(4)
  await expect(rows.first()).toHaveAttribute('data-agency', gov.name)
  await expect(table.locator(`tr[data-agency="${c.name}"]`)).toHaveAttribute('data-state', 'none')
  await expect(table.locator(`tr[data-agency="${c.name}"] .status`)).toHaveText('未创建')
  await expect(table.locator(`tr[data-agency="${a.name}"] .status`)).toHaveText('草稿')
  await expect(page.locator('[data-count="published"]')).toHaveText('0/4')
  await expect(page.locator('[data-count="none"]')).toHaveText('2')
  // The year picker offers the year just ended and years without any report.
  await expect(page.locator('select[name="year"] option')).toContainText([String(YEAR), String(YEAR - 5)])
  await expectBoardFits(page)
  await page.screenshot({ path: test.info().outputPath('board-1440.png'), fullPage: true })
  await expectNoSeriousViolations(page, 'board at 1440')

  // The filter 未创建 leaves the two agencies without a report.
  await page.locator('select[name="state"]').selectOption('none')
  await page.getByRole('button', { name: '查看' }).click()
  await page.waitForURL(/state=none/)
  await expect(rows).toHaveCount(2)
  await page.goto('/board')

  // Roll-up over every agency's working copy: the 表三 总计 is the sum of the two reports.
  await page.getByRole('button', { name: '汇总全部（含未审核）' }).click()
  await page.waitForURL(/\/board\/rollup\//)
  await expect(page.locator('[data-count="included"]')).toHaveText('2')
  const excluded = page.getByTestId('excluded')
  await expect(excluded.locator(`li[data-agency="${c.name}"]`)).toContainText('未创建年报')
  await expect(excluded.locator(`li[data-agency="${gov.name}"]`)).toContainText('未创建年报')
  expect(expected[b.name]).toBe(expected[a.name] + 17)
  const sum = expected[a.name] + expected[b.name]
  const totalCell = page.locator(`table.rollup-grid td[data-path="${RESULTS_TOTAL}"]`)
  await expect(totalCell).toHaveText(String(sum))
  await totalCell.getByRole('link').click()
  await page.waitForURL(/cell=/)
  const drill = page.getByTestId('drill-table')
  await expect(page.locator('[data-drill-total]')).toHaveText(String(sum))
  const drillRows = drill.locator('tbody tr')
  await expect(drillRows).toHaveCount(2)
  for (const name of [a.name, b.name]) {
    await expect(drill.locator(`tr[data-agency="${name}"] td[data-value]`)).toHaveText(String(expected[name]))
  }
  // Geometry: each drill-down row is inside the drill-down table, one under the other.
  const box = await drill.boundingBox()
  let previousBottom = -1
  for (const row of await drillRows.all()) {
    const r = await row.boundingBox()
    expect(box && r).toBeTruthy()
    if (!box || !r) continue
    expect(r.x).toBeGreaterThanOrEqual(box.x - 0.5)
    expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 0.5)
    expect(r.y).toBeGreaterThanOrEqual(box.y - 0.5)
    expect(r.y + r.height).toBeLessThanOrEqual(box.y + box.height + 0.5)
    expect(r.y).toBeGreaterThanOrEqual(previousBottom - 0.5)
    previousBottom = r.y + r.height
  }
  await page.screenshot({ path: test.info().outputPath('rollup-1440.png'), fullPage: true })

  // The roll-up downloads as .xlsx.
  const xlsx = await page.request.get(page.url().replace(/\/board\/rollup\/([^?]+).*$/, '/api/rollups/$1/xlsx'))
  expect(xlsx.status()).toBe(200)
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml')

  // 催报 to the agency without a report; its officer sees it on the desk.
  await page.goto('/board')
  await table.getByRole('checkbox', { name: `选择${c.name}` }).check()
  await page.getByLabel('附言').fill('请于本周内创建并报送年报')
  await page.getByRole('button', { name: /催报所选/ }).click()
  await expect(page.getByRole('status')).toContainText('已向1个机关的1名填报人发出催报')

  const phone = await signedInPage(browser, baseURL as string, coordinator, 390)
  await phone.goto('/board')
  await expect(phone.getByTestId('board-table').locator('tbody tr')).toHaveCount(4)
  await expectAgencyPinned(phone, a.name)
  await phone.screenshot({ path: test.info().outputPath('board-390.png'), fullPage: true })

  const officerPage = await signedInPage(browser, baseURL as string, officerC, 390)
  await officerPage.goto('/desk')
  const notices = officerPage.getByTestId('notices')
  await expect(notices.locator('li[data-kind="reminder"]')).toContainText(
    `请尽快报送${YEAR}年度政府信息公开工作年度报告`,
  )
  await expect(notices).toContainText('请于本周内创建并报送年报')
  await officerPage.screenshot({ path: test.info().outputPath('desk-notices-390.png'), fullPage: true })
  await officerPage.getByRole('button', { name: '全部标为已读' }).click()
  await expect(officerPage.getByRole('button', { name: '全部标为已读' })).toHaveCount(0)

  // An officer cannot open the board.
  const refused = await officerPage.goto('/board')
  expect(refused?.status()).toBe(403)
})
