/**
 * The report list of an agency with more reports than a page holds: 50 a page, newest year
 * first, a pager with the total, and the next page shows the rest. A coordinator's list (its
 * statement walks the government's tree, its rows are written as markup: decision 0510) keeps
 * every cell in its row and under its header, at desktop and phone width.
 */
import { createAccount, createAgency, signedInRequest, signIn } from './accounts'
import { expectNoSeriousViolations } from './axe'
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

for (const width of [1440, 390]) {
  test(`a coordinator's list at ${width} px: every cell in its row and under its header, links, no serious axe finding`, async ({
    browser,
    admin,
    baseURL,
  }) => {
    // A government with three departments; each department's officer makes its report.
    const gov = await createAgency(admin, 'government')
    const departments = [
      await createAgency(admin, 'department', gov.id),
      await createAgency(admin, 'department', gov.id),
      await createAgency(admin, 'department', gov.id),
    ]
    const ids: string[] = []
    for (const dept of departments) {
      const officer = await signedInRequest(baseURL as string, await createAccount(admin, 'officer', dept.id))
      const res = await officer.post('/api/reports', { data: { formatVersion: '2021', year: 2024, agencyId: dept.id } })
      expect(res.status(), await res.text()).toBe(201)
      ids.push((await res.json()).id)
      await officer.dispose()
    }
    const coordinator = await createAccount(admin, 'coordinator', gov.id)
    const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } })
    await signIn(context.request, baseURL as string, coordinator)
    const page = await context.newPage()
    await page.goto('/')

    const table = page.locator('.list-table')
    const rows = table.locator('tbody tr')
    await expect(rows).toHaveCount(3)
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report')).sort())).toEqual(
      [...ids].sort(),
    )
    for (const dept of departments) {
      const row = table.locator(`tr[data-agency="${dept.name}"]`)
      await expect(row.getByRole('link', { name: dept.name })).toHaveAttribute('href', /^\/reports\/[^/]+$/)
      await expect(row.locator('td').nth(3)).toHaveText('草稿')
      await expect(row.locator('[data-deadline]')).toBeVisible()
    }

    // Geometry: every cell lies inside its row and under its own column's header.
    const misplaced = await table.evaluate((t) => {
      const heads = [...t.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect())
      const out: string[] = []
      for (const tr of t.querySelectorAll('tbody tr')) {
        const row = tr.getBoundingClientRect()
        const cells = [...tr.querySelectorAll('td')]
        if (cells.length !== heads.length) out.push(`${tr.getAttribute('data-agency')}: ${cells.length} cells`)
        cells.forEach((td, i) => {
          const box = td.getBoundingClientRect()
          const head = heads[i]
          const inside =
            box.top >= row.top - 0.5 &&
            box.bottom <= row.bottom + 0.5 &&
            Math.abs(box.left - head.left) < 1 &&
            Math.abs(box.right - head.right) < 1
          if (!inside) out.push(`${tr.getAttribute('data-agency')} cell ${i + 1}`)
        })
      }
      return out
    })
    expect(misplaced).toEqual([])
    // An agency's name is read in lines of nine characters or more, not three characters a line.
    const narrow = await table.evaluate((t) =>
      [...t.querySelectorAll<HTMLElement>('tbody td.agency')]
        .filter((td) => {
          const style = getComputedStyle(td)
          const content = td.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
          return content < 9 * Number.parseFloat(style.fontSize)
        })
        .map((td) => td.textContent),
    )
    expect(narrow).toEqual([])
    // The page does not scroll sideways; the list does, inside itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    if (width === 390) {
      // Scrolled to its right end, each row keeps its year and agency at the list's left edge,
      // side by side, drawn over the columns that scrolled under them.
      const kept = await table.evaluate((t) => {
        t.scrollLeft = t.scrollWidth
        const edge = t.getBoundingClientRect().left
        return {
          scrolled: t.scrollLeft,
          rows: [...t.querySelectorAll('tr')].map((tr) => {
            const [year, agency] = [...tr.children].map((c) => c.getBoundingClientRect())
            const hit = document.elementFromPoint(agency.right - 3, (agency.top + agency.bottom) / 2)
            return [
              Math.round(year.left - edge),
              Math.round(agency.left - year.right),
              Boolean(hit && tr.children[1].contains(hit)),
            ]
          }),
        }
      })
      expect(kept.scrolled).toBeGreaterThan(200)
      expect(kept.rows).toEqual(kept.rows.map(() => [0, 0, true]))
      await page.screenshot({ path: test.info().outputPath('coordinator-list-390-scrolled.png') })
      await table.evaluate((t) => {
        t.scrollLeft = 0
      })
    }
    await expectNoSeriousViolations(page, `the coordinator's list at ${width} px`)
    await page.screenshot({ path: test.info().outputPath(`coordinator-list-${width}.png`), fullPage: true })
    await context.close()
  })
}
