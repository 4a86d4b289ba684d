/**
 * The report list of an agency with more reports than a page holds: 50 a page, newest year
 * first, a pager with the total, and the next page shows the rest.
 */
import { expect, test } from './fixtures'

test('the home list shows 50 reports a page and pages through the rest', async ({ page, request, officer }) => {
  const years = Array.from({ length: 52 }, (_, i) => 2030 + i)
  for (const year of years) {
    const res = await request.post('/api/reports', {
      data: { formatVersion: '2021', year, agencyId: officer.agency.id },
    })
    expect(res.status(), await res.text()).toBe(201)
  }

  await page.goto('/')
  const rows = page.locator('.list-table tbody tr')
  await expect(rows).toHaveCount(50)
  await expect(rows.first().locator('td').first()).toHaveText('2081')
  const pager = page.getByRole('navigation', { name: '翻页' })
  await expect(pager).toContainText('第 1 / 2 页，共 52 份')

  await pager.getByRole('link', { name: '下一页' }).click()
  await page.waitForURL(/\?page=2$/)
  await expect(rows).toHaveCount(2)
  await expect(rows.locator('td:first-child')).toHaveText(['2031', '2030'])
  await expect(pager).toContainText('第 2 / 2 页，共 52 份')

  // A page number past the end, or not a number, shows the nearest page.
  await page.goto('/?page=99')
  await expect(rows).toHaveCount(2)
  await page.goto('/?page=abc')
  await expect(rows).toHaveCount(50)
  await pager.screenshot({ path: test.info().outputPath('pager.png') })
})
