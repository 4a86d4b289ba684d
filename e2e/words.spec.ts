/**
 * Words a user reads: a new report waits (待填写) rather than showing red errors, one wrong cell
 * is one finding, times are China time whatever the browser's zone, the home list and the desk
 * are one list with the same columns, and a duplicate agency name is said once.
 */
import type { Page } from '@playwright/test'
import { chinaClock } from '../lib/china-time'
import { E2E_ADMIN, signIn } from './accounts'
import { expect, test } from './fixtures'
import { cellValue, createReportThroughUi, expectSaved, fillCell, loadFixture, openSection } from './helpers'

async function importFixture(page: Page, name: string): Promise<string> {
  const res = await page.context().request.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture(name)) },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()).id
}

test('a new, empty report opens with every section 待填写 and no error', async ({ page, officer }) => {
  await createReportThroughUi(page, officer.agency.name)
  const states = page.locator('.stepper .step-state')
  await expect(states.first()).toBeVisible()
  const count = await states.count()
  expect(count).toBeGreaterThanOrEqual(6)
  for (let i = 0; i < count; i++) await expect(states.nth(i)).toHaveText('待填写')
  await expect(page.getByTestId('count-error')).toHaveText('错误 0')
  await expect(page.locator('.finding-error')).toHaveCount(0)
  await expect(page.locator('.cell-mark-error')).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('new-report.png') })

  // Started, table 三 is in progress; the untouched sections still wait, and nothing is red.
  await openSection(page, 'applications')
  await fillCell(page, 'applications.newReceived.natural', '3')
  await expect(page.locator('.stepper [data-section="applications"] .step-state')).toContainText('填写中')
  await expect(page.locator('.stepper [data-section="overview"] .step-state')).toHaveText('待填写')
  await expect(page.getByTestId('count-error')).toHaveText('错误 0')
  await expectSaved(page)
})

test('one wrong cell of table 三 is one finding naming its columns, 应为/现为 in words', async ({ page }) => {
  const id = await importFixture(page, 'zhangdian-gov-2021')
  await page.goto(`/reports/${id}?section=applications`)
  await expect(page.getByTestId('count-error')).toHaveText('错误 0')
  const granted = 'applications.granted.natural'
  await fillCell(page, granted, String(Number(await cellValue(page, granted)) + 1))
  // The balance of 自然人 and of 总计 fail (and their bounds): one finding, counted once.
  const findings = page.locator('.finding-error')
  await expect(findings).toHaveCount(1)
  await expect(page.getByTestId('count-error')).toHaveText('错误 1')
  await expect(findings).toHaveAttribute('data-rules', /A3\.natural.*A3\.total/)
  await expect(findings.locator('.finding-values')).toContainText(/自然人 应为 \d+，现为 \d+；总计 应为 \d+，现为 \d+/)
  // No rule code in the officer's text; it stays in the tooltip.
  await expect(findings).not.toContainText('A3')
  await expect(findings.locator('.finding-go')).toHaveAttribute('title', /规则 A3\.natural/)
})

test.describe('in a browser set to New York time', () => {
  test.use({ timezoneId: 'America/New_York' })

  test('the editor’s save time is China time', async ({ page }) => {
    const id = await importFixture(page, 'zhangdian-office-2022')
    await page.goto(`/reports/${id}?section=applications`)
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York')
    const natural = 'applications.newReceived.natural'
    await fillCell(page, natural, String(Number(await cellValue(page, natural)) + 1))
    await expectSaved(page)
    const stored = await (await page.context().request.get(`/api/reports/${id}`)).json()
    const china = chinaClock(stored.updatedAt)
    // New York is 12 or 13 hours behind: the two clocks never show the same hour.
    const newYork = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(stored.updatedAt))
    expect(china.slice(0, 2)).not.toBe(newYork)
    await expect(page.locator('[data-save="saved"]')).toHaveText(`✓ 已保存 ${china}`)
  })
})

for (const width of [1440, 390]) {
  test(`the home list and 我的工作台 show one list with the same columns at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 })
    await importFixture(page, 'zhangdian-office-2022')
    const headers = async () => page.locator('.list-table').first().locator('thead th').allInnerTexts()
    await page.goto('/')
    const home = await headers()
    expect(home).toEqual(expect.arrayContaining(['截止日期', '待处理意见', '更新时间']))
    await page.goto('/desk')
    await expect(page.getByTestId('officer-list')).toBeVisible()
    expect(await headers()).toEqual(home)
    const row = page.getByTestId('officer-list').locator('tbody tr').first()
    await expect(row.locator('[data-deadline]')).toBeVisible()
    // Headers keep their words on one line: no header is taller than one line of its text.
    for (const path of ['/', '/desk']) {
      await page.goto(path)
      const boxes = await page
        .locator('.list-table')
        .first()
        .locator('thead th')
        .evaluateAll((ths) =>
          ths.map((th) => {
            const style = getComputedStyle(th)
            const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.6
            const inner = th.getBoundingClientRect().height - Number.parseFloat(style.paddingTop) * 2
            return { text: th.textContent, lines: inner / line }
          }),
        )
      for (const b of boxes) expect(b.lines, `${path} ${b.text}`).toBeLessThan(1.5)
      // The page itself does not scroll sideways; the list does, inside itself.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      await page.screenshot({ path: test.info().outputPath(`list-${path === '/' ? 'home' : 'desk'}-${width}.png`) })
    }
  })
}

test('a duplicate agency name is said once, clearly', async ({ browser, admin, baseURL }) => {
  const existing = (await (await admin.get('/api/admin/agencies')).json()).agencies[0]
  const context = await browser.newContext()
  await signIn(context.request, baseURL as string, E2E_ADMIN)
  const page = await context.newPage()
  await page.goto('/admin')
  const form = page.getByRole('form', { name: '新建机关' })
  await form.getByLabel('机关名称').fill(existing.name)
  await form.getByLabel('代码').fill(`e2e-dup-${Date.now().toString(36)}`)
  await form.getByRole('button', { name: '新建机关' }).click()
  const alert = form.getByRole('alert')
  await expect(alert).toHaveText(`机关名称“${existing.name}”已被使用，请换一个名称`)
  await expect(form.locator('label', { hasText: '机关名称' }).locator('.field-error')).toHaveText('名称已被使用')
  // What the form says about it names the name once (the choices of 上级机关 list every agency).
  const said = (await form.locator('[role="alert"], .field-error').allInnerTexts()).join('\n')
  expect(said.split(existing.name).length - 1).toBe(1)
  await form.screenshot({ path: test.info().outputPath('duplicate-agency.png') })
  await context.close()
})

test('the sign-in field shows no demo account', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/sign-in')
  const account = page.getByLabel('账号')
  await expect(account).toBeVisible()
  expect(await account.getAttribute('placeholder')).not.toMatch(/@|demo/)
  await context.close()
})
