/**
 * axe-core on every page: no serious or critical violation. The editor is checked with findings
 * present (marked cells) and at phone width too, where the tables scroll sideways.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { E2E_ADMIN, signIn } from './accounts'
import { expect, test } from './fixtures'
import { cellValue, fillCell, loadFixture } from './helpers'

async function expectNoSeriousViolations(page: Page, what: string) {
  await page.waitForLoadState('networkidle')
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect.soft(serious, `${what}: ${serious.join('\n')}`).toEqual([])
}

test('sign-in, as nobody', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await page.goto('/sign-in')
  await expectNoSeriousViolations(page, 'sign-in')
  await context.close()
})

test('the officer pages: home, editor with findings, phone width, rules, history, versions, desk, preview', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const res = await page.context().request.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture('zhangdian-gov-2021')) },
  })
  expect(res.status(), await res.text()).toBe(201)
  const { id } = await res.json()

  await page.goto('/')
  await expectNoSeriousViolations(page, 'home')
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoSeriousViolations(page, 'home at 390 px')
  await page.screenshot({ path: 'test-results/home-390.png', fullPage: true })
  await page.goto('/desk')
  await page.screenshot({ path: 'test-results/desk-390.png', fullPage: true })
  await page.setViewportSize({ width: 1440, height: 900 })

  await page.goto(`/reports/${id}?section=applications`)
  const granted = 'applications.granted.natural'
  await fillCell(page, granted, String(Number(await cellValue(page, granted)) + 1))
  await expect(page.locator('.finding-error').first()).toBeVisible()
  await expectNoSeriousViolations(page, 'editor (table 三 with findings)')
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoSeriousViolations(page, 'editor at 390 px')
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`/reports/${id}?section=overview`)
  await expectNoSeriousViolations(page, 'editor (narrative)')

  for (const [path, what] of [
    ['/rules', 'rules'],
    [`/reports/${id}/history`, 'history'],
    [`/reports/${id}/versions`, 'versions'],
    ['/desk', 'desk'],
    ['/account/password', 'password'],
    // The document the preview shows, on its own: axe cannot enter the preview's sandboxed frame.
    [`/api/reports/${id}/html?inline=1`, 'preview document'],
  ] as const) {
    await page.goto(path)
    await expectNoSeriousViolations(page, what)
  }
  // The preview page around the document (the sandboxed frame taken out: axe would wait on it).
  await page.goto(`/reports/${id}/preview`)
  await page.locator('iframe').evaluateAll((frames) => {
    for (const f of frames) f.remove()
  })
  await expectNoSeriousViolations(page, 'preview')
})

test('admin', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL })
  await signIn(context.request, baseURL as string, E2E_ADMIN)
  const page = await context.newPage()
  await page.goto('/admin')
  await expectNoSeriousViolations(page, 'admin')
  await context.close()
})
