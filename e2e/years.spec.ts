/**
 * Issue 13: last year's report feeds this one. A 2023 report created after the agency's 2022
 * report opens with 上年结转 equal to 2022's 结转下年度继续办理, per column; changing one asks for
 * an explanation (X1); a 现行有效 that does not follow from last year's shows P1 at the cell.
 */
import { leafColumns } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import type { MatrixTableDef } from '../lib/format/types'
import { expect, test } from './fixtures'
import { cell, createReportThroughUi, expectSaved, loadFixture, openSection } from './helpers'

const applications = GOV_2021.sections.find((s) => s.key === 'applications') as { table: MatrixTableDef }
const columns = leafColumns(applications.table.columns).map((c) => c.key)

test('a 2023 report opens with 2022’s 结转 as 上年结转; a changed one needs an explanation; P1 shows at the cell', async ({
  page,
  officer,
}) => {
  const last = loadFixture('zhangdian-office-2022')
  last.year = 2022
  last.sections.applications.carriedForward = {
    natural: 12,
    commercial: 2,
    research: 0,
    publicInterest: 0,
    legalService: 1,
    other: 0,
    total: 15,
  }
  const imported = await page.context().request.post('/api/reports/import', { data: { file: JSON.stringify(last) } })
  expect(imported.status(), await imported.text()).toBe(201)

  await createReportThroughUi(page, officer.agency.name, 2023)
  await openSection(page, 'applications')
  for (const c of columns) {
    await expect(cell(page, `applications.carriedOver.${c}`)).toHaveValue(
      String(last.sections.applications.carriedForward[c]),
    )
  }
  await expect(page.locator('.finding[data-rule^="X1."]')).toHaveCount(0)
  // The page says which report it was checked against, and the carried cells are marked.
  await expect(page.getByTestId('previous-report')).toContainText('已与本机关2022年度年报衔接核对')
  await expect(cell(page, 'applications.carriedOver.natural')).toHaveAttribute('data-origin', 'carried')

  // Changing a carried value: X1 at that cell, with last year's value, and the explanation it asks for.
  await cell(page, 'applications.carriedOver.natural').fill('10')
  const x1 = page.locator('.finding[data-rule="X1.natural"]')
  await expect(x1).toBeVisible()
  await expect(x1).toContainText('上年度结转下年度继续办理 12')
  await expect(cell(page, 'applications.carriedOver.natural')).not.toHaveAttribute('data-origin', 'carried')
  await expect(cell(page, 'applications.carriedOver.commercial')).toHaveAttribute('data-origin', 'carried')
  await expect(cell(page, 'applications.carriedOver.natural')).toHaveClass(/cell-mark-warning/)
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.screenshot({ path: 'test-results/years-x1-1440.png', fullPage: false })
  await expectSaved(page)

  // 现行有效 that does not follow: 17 last year + 3 − 1 = 19, typed 30.
  await openSection(page, 'proactiveDisclosure')
  const at = (col: string) => `proactiveDisclosure.art20_1.normativeDocuments.${col}`
  await cell(page, at('issued')).fill('3')
  await cell(page, at('repealed')).fill('1')
  await cell(page, at('inForce')).fill('30')
  const p1 = page.locator('.finding[data-rule="P1.normativeDocuments"]')
  await expect(p1).toBeVisible()
  await expect(p1).toContainText('上年度现行有效件数 17 + 本年制发件数 3 − 本年废止件数 1 = 19')
  await expect(cell(page, at('inForce'))).toHaveClass(/cell-mark-warning/)
  await cell(page, at('inForce')).fill('19')
  await expect(p1).toHaveCount(0)
  await page.setViewportSize({ width: 390, height: 844 })
  await cell(page, at('inForce')).fill('31')
  await expect(p1).toHaveCount(1)
  await page.screenshot({ path: 'test-results/years-p1-390.png', fullPage: true })
  await expectSaved(page)

  // After a reload the values and the finding are still there (the server passes last year's report).
  await page.reload()
  await openSection(page, 'applications')
  await expect(cell(page, 'applications.carriedOver.natural')).toHaveValue('10')
  await expect(page.locator('.finding[data-rule="X1.natural"]')).toBeVisible()
})

test('without last year’s report the officer imports it from the report page, and the checks use it', async ({
  page,
  officer,
}) => {
  await createReportThroughUi(page, officer.agency.name, 2023)
  await openSection(page, 'applications')
  const note = page.getByTestId('previous-report')
  await expect(note).toContainText('没有本机关2022年度的年报')
  const input = note.locator('input[type="file"]')

  // A file of the wrong year is refused where it was chosen.
  const wrong = loadFixture('zhangdian-office-2022')
  wrong.year = 2020
  await input.setInputFiles({
    name: 'wrong.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(wrong)),
  })
  await expect(note.locator('[role="alert"]')).toHaveText('所选文件是2020年度的年报，应导入2022年度的年报。')

  const last = loadFixture('zhangdian-office-2022')
  last.year = 2022
  await input.setInputFiles({
    name: 'last.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(last)),
  })
  await expect(page.getByTestId('previous-report')).toContainText('已与本机关2022年度年报衔接核对')
})
