import { expect, test } from './fixtures'
import { createReportThroughUi, expectCellValue, expectSaved, openSection, pasteInto } from './helpers'

const LONG_ITEM =
  '4.根据《2022年淄博市张店区政务公开工作方案》工作要求，结合机关事务工作实际，积极拟制《2022年张店区机关事务服务中心政务公开工作方案》，从总体要求、工作任务等六个方面进行工作部署，确保政府信息公开工作落实落细。'

test('the officer writes the opening paragraph from the agency details, and sets paragraph levels', async ({
  page,
  officer,
}) => {
  await page.setViewportSize({ width: 1440, height: 1000 })
  await createReportThroughUi(page, officer.agency.name)
  const preamble = page.locator('section.preamble')
  // First in the editor, before 一、总体情况.
  await expect(preamble.getByRole('heading', { name: '开头段落' })).toBeVisible()
  const box = await preamble.boundingBox()
  const overviewHeading = await page.getByRole('heading', { name: '一、总体情况' }).boundingBox()
  expect(box && overviewHeading && box.y < overviewHeading.y).toBe(true)

  await preamble.getByText('按本机关信息生成标准段落').click()
  await preamble.locator('input[name="address"]').fill('山东省淄博市张店区新村西路226号')
  await preamble.locator('input[name="postcode"]').fill('2550')
  await preamble.locator('input[name="telephone"]').fill('0533-2869928')
  await preamble.getByRole('button', { name: '生成开头段落' }).click()
  // A bad detail is said at its field, and nothing is generated.
  await expect(preamble.locator('.contact-field .field-error')).toHaveText(['邮政编码应为6位数字'])
  await expect(preamble.locator('input[name="postcode"]')).toHaveAttribute('aria-invalid', 'true')
  await expect(preamble.locator('textarea')).toHaveValue('')
  await preamble.locator('input[name="postcode"]').fill('255020')
  await preamble.getByRole('button', { name: '生成开头段落' }).click()
  const text = preamble.locator('textarea')
  await expect(text).toHaveValue(/统计期限自2021年1月1日起至2021年12月31日止/)
  await expect(text).toHaveValue(/地址：山东省淄博市张店区新村西路226号；邮编：255020；联系电话：0533-2869928/)
  await expect(text).not.toHaveValue(/网址/)
  await expect(page.locator('.finding[data-rule="D5"]')).toHaveCount(0)

  // The narrative: a pasted first line repeating the heading is dropped with a notice.
  const narrative = page.locator('textarea[data-path="overview"]')
  await pasteInto(
    page,
    'textarea[data-path="overview"]',
    `一、总体情况\n${LONG_ITEM}\n1、体制机制建设情况\n一是高度重视。`,
  )
  await expect(page.getByText('已去掉与本部分标题重复的首行“一、总体情况”')).toBeVisible()
  await expect(narrative).toHaveValue(new RegExp(`^${LONG_ITEM.slice(0, 10).replace(/[.()]/g, '\\$&')}`))
  // Levels beside each paragraph: the long numbered item is body text, 1、 a 三级标题.
  const rows = page.locator('.narrative-preview .pv-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toHaveAttribute('data-level', '0')
  await expect(rows.nth(1)).toHaveAttribute('data-level', '3')
  await expect(rows.nth(1).locator('.pv-heading-3')).toHaveText('1、体制机制建设情况')
  // The officer overrides one paragraph; the marker is stored in the text.
  await rows.nth(0).getByRole('combobox').selectOption('2')
  await expect(rows.nth(0)).toHaveAttribute('data-level', '2')
  await expect(narrative).toHaveValue(/^\{\{h:2\}\}4\.根据/)
  await rows.nth(0).getByRole('combobox').selectOption('auto')
  await expect(narrative).toHaveValue(/^4\.根据/)
  await page.screenshot({ path: 'test-results/preamble-1440.png', fullPage: false })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: 'test-results/preamble-390.png', fullPage: false })

  await expectSaved(page)
  await page.reload()
  await expect(page.locator('section.preamble textarea')).toHaveValue(/联系电话：0533-2869928/)
  await page.locator('section.preamble').getByText('按本机关信息生成标准段落').click()
  // The details are the agency's: kept for next year.
  await expect(page.locator('section.preamble input[name="postcode"]')).toHaveValue('255020')
  // 重新生成 over existing text asks in the page (not the browser's confirm()); 取消 keeps the text.
  const regenerate = preamble.getByRole('button', { name: '重新生成（替换现有内容）' })
  const confirm = page.getByRole('dialog', { name: '确认重新生成开头段落' })
  await page.locator('section.preamble input[name="telephone"]').fill('0533-2869929')
  await regenerate.click()
  await expect(confirm).toBeVisible()
  await expect(confirm).toContainText('替换现有的全部内容')
  await confirm.getByRole('button', { name: '取消' }).click()
  await expect(confirm).toBeHidden()
  await expect(text).toHaveValue(/联系电话：0533-2869928/)
  await regenerate.click()
  await confirm.getByRole('button', { name: '确定替换' }).click()
  await expect(confirm).toBeHidden()
  await expect(text).toHaveValue(/联系电话：0533-2869929/)
})

test('section 六 saying no fee was charged offers to fill the three fee facts with 0', async ({ page, officer }) => {
  await createReportThroughUi(page, officer.agency.name)
  await openSection(page, 'otherMatters')
  const offer = page.locator('.fee-zero-offer')
  await expect(offer).toHaveCount(0)
  await page.locator('[data-path="otherMatters.text"]').fill('本年度办理政府信息公开申请过程中，未收取任何信息处理费。')
  await expect(offer).toContainText('正文写明未收取信息处理费')
  await offer.getByRole('button', { name: '三项填0' }).click()
  for (const f of ['noticesIssued', 'amountBilledYuan', 'amountCollectedYuan']) {
    await expectCellValue(page, `otherMatters.infoProcessingFee.${f}`, '0')
  }
  await expect(offer).toHaveCount(0)
  await expectSaved(page)
})
