/**
 * Issue 13: last year's report feeds this one. A 2023 report created after the agency's 2022
 * report opens with 上年结转 equal to 2022's 结转下年度继续办理, per column; changing one asks for
 * an explanation (X1); a 现行有效 that does not follow from last year's shows P1 at the cell.
 */
import { leafColumns } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import type { MatrixTableDef } from '../lib/format/types'
import { createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'
import { expect, test } from './fixtures'
import {
  cell,
  createReportThroughUi,
  expectCellValue,
  expectSaved,
  fillCell,
  loadFixture,
  openSection,
} from './helpers'

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
    await expectCellValue(page, `applications.carriedOver.${c}`, String(last.sections.applications.carriedForward[c]))
  }
  await expect(page.locator('.finding[data-rule^="X1."]')).toHaveCount(0)
  // The page says which report it was checked against, and the carried cells are marked.
  await expect(page.getByTestId('previous-report')).toContainText('已与本机关2022年度年报衔接核对')
  await expect(cell(page, 'applications.carriedOver.natural')).toHaveAttribute('data-origin', 'carried')

  // Changing a carried value: X1 at that cell, with last year's value, and the explanation it asks for.
  await fillCell(page, 'applications.carriedOver.natural', '10')
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
  await fillCell(page, at('issued'), '3')
  await fillCell(page, at('repealed'), '1')
  await fillCell(page, at('inForce'), '30')
  const p1 = page.locator('.finding[data-rule="P1.normativeDocuments"]')
  await expect(p1).toBeVisible()
  await expect(p1).toContainText('上年度现行有效件数 17 + 本年制发件数 3 − 本年废止件数 1 = 19')
  await expect(cell(page, at('inForce'))).toHaveClass(/cell-mark-warning/)
  await fillCell(page, at('inForce'), '19')
  await expect(p1).toHaveCount(0)
  await page.setViewportSize({ width: 390, height: 844 })
  await fillCell(page, at('inForce'), '31')
  await expect(p1).toHaveCount(1)
  await page.screenshot({ path: 'test-results/years-p1-390.png', fullPage: true })
  await expectSaved(page)

  // After a reload the values and the finding are still there (the server passes last year's report).
  await page.reload()
  await openSection(page, 'applications')
  await expectCellValue(page, 'applications.carriedOver.natural', '10')
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

/** Last year's zhangdian 2022 report (2021 format), with narratives, imported for the officer's agency. */
async function importLastYear(page: import('@playwright/test').Page, mutate?: (last: any) => void) {
  const last = loadFixture('zhangdian-office-2022')
  last.year = 2022
  mutate?.(last)
  const imported = await page.context().request.post('/api/reports/import', { data: { file: JSON.stringify(last) } })
  expect(imported.status(), await imported.text()).toBe(201)
  return last
}

/** The box of `inner` lies inside the box of `outer` (half a pixel of rounding). */
async function expectInside(inner: import('@playwright/test').Locator, outer: import('@playwright/test').Locator) {
  const a = await inner.boundingBox()
  const b = await outer.boundingBox()
  expect(a && b).toBeTruthy()
  if (!a || !b) return
  expect(a.x).toBeGreaterThanOrEqual(b.x - 0.5)
  expect(a.y).toBeGreaterThanOrEqual(b.y - 0.5)
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5)
  expect(a.y + a.height).toBeLessThanOrEqual(b.y + b.height + 0.5)
}

test('对照上年: last year’s value and the change inside each cell, a five-fold jump marked, at 1440 and 390 wide', async ({
  page,
  officer,
}) => {
  const last = await importLastYear(page)
  await createReportThroughUi(page, officer.agency.name, 2023)
  await openSection(page, 'applications')
  const path = 'applications.newReceived.natural'
  const was = Number(last.sections.applications.newReceived.natural)
  expect(was).toBeGreaterThanOrEqual(10)
  // Off by default: no box is drawn.
  await expect(page.locator('[data-beside]')).toHaveCount(0)
  await page.getByLabel('对照上年').check()
  const beside = page.locator(`[data-beside="${path}"]`)
  await expect(beside.locator('.beside-was')).toHaveText(String(was))
  // Beside 上年结转 (carried from last year's 结转 12) stands last year's 上年结转 (0).
  const carriedBox = page.locator('[data-beside="applications.carriedOver.natural"]')
  await expect(carriedBox.locator('.beside-was')).toHaveText('0')
  await expect(carriedBox.locator('.beside-change')).toHaveText('+12')

  await fillCell(page, path, String(was + 3))
  await expect(beside.locator('.beside-change')).toHaveText('+3')
  await expect(beside).not.toHaveClass(/beside-jump/)
  await fillCell(page, path, String(was * 6))
  await expect(beside.locator('.beside-change')).toHaveText('×6.0')
  await expect(beside).toHaveClass(/beside-jump/)
  // X4 is the same rule: an info finding at the cell, with both years' values.
  const x4 = page.locator('.finding[data-rule="X4"]')
  await expect(x4).toContainText(`${was}→${was * 6}`)
  await expect(cell(page, path)).toHaveClass(/cell-mark-info/)

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    for (const p of [path, 'applications.carriedOver.natural', 'applications.carriedForward.total']) {
      const box = page.locator(`[data-beside="${p}"]`)
      await box.scrollIntoViewIfNeeded()
      await expectInside(box, box.locator('xpath=ancestor::td[1]'))
      await expectInside(box, box.locator('xpath=ancestor::tr[1]'))
    }
    await page.screenshot({ path: `test-results/years-beside-${width}.png`, fullPage: width === 390 })
  }

  // Table 四 (15 narrow columns) and table 二 too.
  await openSection(page, 'reviewLitigation')
  const review = page.locator('[data-beside]').first()
  await expect(review).toBeVisible()
  await expectInside(review, review.locator('xpath=ancestor::td[1]'))
  await page.screenshot({ path: 'test-results/years-beside-review-390.png', fullPage: true })
  await openSection(page, 'proactiveDisclosure')
  await expect(
    page.locator('[data-beside="proactiveDisclosure.art20_1.normativeDocuments.inForce"] .beside-was'),
  ).toHaveText(String(last.sections.proactiveDisclosure.art20_1.normativeDocuments.inForce))
  await page.getByLabel('对照上年').uncheck()
  await expect(page.locator('[data-beside]')).toHaveCount(0)
  await expectSaved(page)
})

test('对照上年 across the format change: a 2021 report beside its 2020 report (2019 format)', async ({
  page,
  officer,
}) => {
  const last = loadFixture('zichuan-gov-2020')
  const imported = await page.context().request.post('/api/reports/import', { data: { file: JSON.stringify(last) } })
  expect(imported.status(), await imported.text()).toBe(201)
  await createReportThroughUi(page, officer.agency.name, 2021)
  await openSection(page, 'applications')
  await page.getByLabel('对照上年').check()
  // Table 三 keeps its cells; 2021's （六）其他处理 rows come from 2019's one row (§3.4).
  await expect(page.locator('[data-beside="applications.newReceived.natural"] .beside-was')).toHaveText(
    String(last.sections.applications.newReceived.natural),
  )
  // Table 二 does not map across the change: nothing beside it.
  await openSection(page, 'proactiveDisclosure')
  await expect(page.locator('[data-beside]')).toHaveCount(0)
})

test('沿用上年度正文: copied narratives are marked until 确认 or changed; the report cannot be completed meanwhile', async ({
  page,
  officer,
}) => {
  // Two reloads, a save and a refused completion: more than the default budget on a busy machine.
  test.setTimeout(90_000)
  const last = await importLastYear(page, (r) => {
    r.preamble = '本报告根据《中华人民共和国政府信息公开条例》编制。'
  })
  await createReportThroughUi(page, officer.agency.name, 2023)
  const offer = page.getByTestId('start-from-previous')
  await expect(offer).toContainText('可将2022年度年报的开头段落和各部分文字复制过来')
  await offer.getByRole('button', { name: '沿用上年度正文' }).click()
  // The page reloads with the text and a mark per narrative.
  await expect(page.locator('[data-prefilled="overview"]')).toBeVisible()
  await expect(page.locator('[data-prefilled="preamble"]')).toBeVisible()
  await expect(page.locator('textarea[data-path="overview"]')).toHaveValue(last.sections.overview)
  await expect(offer).toHaveCount(0)
  await page.screenshot({ path: 'test-results/years-prefilled-1440.png' })

  // 确认 the overview; edit the preamble (the mark goes with the edit).
  await page.locator('[data-prefilled="overview"]').getByRole('button', { name: '确认' }).click()
  await expect(page.locator('[data-prefilled="overview"]')).toHaveCount(0)
  await page.locator('textarea[data-path="preamble"]').fill('本报告根据条例编制，数据统计期限为2023年全年。')
  await expect(page.locator('[data-prefilled="preamble"]')).toHaveCount(0)
  await expectSaved(page)

  // Still marked: 五、六. Completing is refused and says why.
  await page.getByRole('button', { name: '标记为完成' }).click()
  await expect(page.getByTestId('completion-refusal')).toContainText('处沿用上年度的内容尚未确认')

  await page.reload()
  await expect(page.locator('[data-prefilled="overview"]')).toHaveCount(0)
  await openSection(page, 'problemsImprovements')
  await expect(page.locator('[data-prefilled="problemsImprovements"]')).toBeVisible()
})

test('机构改革: the administrator links the agency to its predecessor; the new report carries over from the predecessor’s', async ({
  page,
  officer,
  admin,
  browser,
  baseURL,
}) => {
  // A second browser context for the administrator, then the officer's report.
  test.setTimeout(90_000)
  const old = await createAgency(admin, 'department', null, '旧局')
  const oldOfficer = await createAccount(admin, 'officer', old.id)
  const oldRequest = await signedInRequest(baseURL as string, oldOfficer)
  const last = loadFixture('zhangdian-office-2022')
  last.year = 2022
  const imported = await oldRequest.post('/api/reports/import', { data: { file: JSON.stringify(last) } })
  expect(imported.status(), await imported.text()).toBe(201)
  await oldRequest.dispose()

  // The administrator's page: 设置前身机关.
  const adminContext = await browser.newContext()
  await signIn(adminContext.request, baseURL as string, E2E_ADMIN)
  const adminPage = await adminContext.newPage()
  await adminPage.goto('/admin')
  const form = adminPage.getByRole('form', { name: '设置前身机关' })
  await expect(form.getByRole('button', { name: '保存前身机关' })).toBeEnabled()
  await form.locator('select[name="agencyId"]').selectOption({ label: officer.agency.name })
  await form.locator('select[name="predecessorId"]').selectOption({ label: old.name })
  await form.getByRole('button', { name: '保存前身机关' }).click()
  await expect(form.getByRole('status')).toHaveText(`已设置：${officer.agency.name}的前身为${old.name}。`)
  await expect(adminPage.locator('.agency-tree').first()).toContainText(`前身：${old.name}`)
  await adminPage.goto('/admin/audit')
  await expect(adminPage.locator('body')).toContainText('设置前身机关')
  await adminContext.close()

  await createReportThroughUi(page, officer.agency.name, 2023)
  await openSection(page, 'applications')
  await expect(page.getByTestId('previous-source')).toHaveText(`上年度年报：${old.name}（前身）2022年`)
  await expectCellValue(
    page,
    'applications.carriedOver.natural',
    String(last.sections.applications.carriedForward.natural),
  )
  await expect(cell(page, 'applications.carriedOver.natural')).toHaveAttribute('data-origin', 'carried')
})
