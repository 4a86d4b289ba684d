/**
 * Issue 14 (leftovers and copied text): a narrative finding shows at its paragraph, in the list
 * under the text and in the preview, and the share of the narrative repeated from last year's
 * report is shown; both follow the text once the officer pauses.
 */
import { expect, test } from './fixtures'
import { createReportThroughUi, expectSaved, loadFixture, openSection } from './helpers'

test('OCR debris is marked at its paragraph; text copied from last year shows the repeated share and the L10 warning', async ({
  page,
  officer,
}) => {
  const last = loadFixture('zhangdian-office-2022')
  last.year = 2022
  const imported = await page.context().request.post('/api/reports/import', { data: { file: JSON.stringify(last) } })
  expect(imported.status(), await imported.text()).toBe(201)

  await createReportThroughUi(page, officer.agency.name, 2023)
  await openSection(page, 'overview')
  // A new report: nothing repeated yet, no narrative finding.
  await expect(page.locator('.narrative-mark')).toHaveCount(0)

  // Last year's section 一 with this year's numbers: every paragraph repeats last year's.
  const overview = (last.sections.overview as string).replace(/2022/g, '2023')
  const textarea = page.locator('textarea[data-path="overview"]')
  await textarea.fill(overview)
  const share = page.getByTestId('repeated-share')
  await expect(share).toContainText('与上年重复 100%')
  await expect(share).toHaveClass(/repeated-share-above/)
  await expect(page.locator('.finding[data-rule="L10"]')).toBeVisible()
  await expect(page.locator('.narrative-mark[data-rule="L11"]').first()).toBeVisible()

  // Own text with OCR debris on its third line: L1 at paragraph 3, marked in the preview too.
  const own = [
    '2023年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕年度重点任务推进政务公开，主动公开政府信息312条。',
    '（一）依申请公开',
    'ENELRTRESRURESEE. TEDERATLSEEHRS AT TFEER, THIEABRESATHREN',
    '全年共收到政府信息公开申请8件，均在法定期限内答复，申请人对答复结果无异议。',
  ].join('\n')
  await textarea.fill(own)
  const debris = page.locator('.narrative-mark[data-rule="L1"]')
  await expect(debris).toHaveAttribute('data-paragraph', '3')
  await expect(debris).toContainText('ENELRTRESRURESEE')
  await expect(page.locator('.pv-row[data-line="3"]')).toHaveAttribute('data-mark', 'warning')
  await expect(page.locator('.finding[data-rule="L1"][data-paragraph="overview.3"]')).toContainText('第3段')
  await expect(share).toContainText('与上年重复 0%')
  await expect(share).not.toHaveClass(/repeated-share-above/)
  await expect(page.locator('.finding[data-rule="L10"]')).toHaveCount(0)

  // 第3段 selects that paragraph in the text.
  await debris.getByRole('button', { name: '第3段' }).click()
  const selected = await textarea.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(el.selectionStart, el.selectionEnd),
  )
  expect(selected).toBe('ENELRTRESRURESEE. TEDERATLSEEHRS AT TFEER, THIEABRESATHREN')

  // The list sits under the text, inside the page, at both widths.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    const box = await debris.boundingBox()
    const text = await textarea.boundingBox()
    expect(box && text).toBeTruthy()
    expect(box!.y).toBeGreaterThan(text!.y)
    expect(box!.x + box!.width).toBeLessThanOrEqual(width)
    await page.screenshot({ path: `test-results/narrative-lint-${width}.png`, fullPage: false })
  }

  // Removing the debris removes its marks.
  await textarea.fill(own.replace(/\nENELRT.*\n/, '\n'))
  await expect(debris).toHaveCount(0)
  await expect(page.locator('.finding[data-rule="L1"]')).toHaveCount(0)
  // The one mark left is where 一's missing topics belong (D2 at its paragraph, decision 0370).
  const marked = page.locator('.pv-row[data-mark]')
  await expect(marked).toHaveCount(1)
  const line = await marked.getAttribute('data-line')
  await expect(page.locator(`.finding[data-rule="D2"][data-paragraph="overview.${line}"]`)).toHaveCount(1)
  await expectSaved(page)
})
