/**
 * 汇总范围 (decision 0411): a coordinator saves a named selection of agencies (the townships),
 * changes it, rolls it up (only its agencies are summed, the drill-down lists them) and deletes it.
 */
import { createAccount, createAgency, signedInPage } from './accounts'
import { expect, test } from './fixtures'
import { filedTableThree, RESULTS_TOTAL } from './reports'

test('a coordinator saves, changes, rolls up and deletes a selection of agencies', async ({
  admin,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const gov = await createAgency(admin, 'government', null, '范围测试区人民政府')
  const townA = await createAgency(admin, 'government', gov.id, '范围甲镇人民政府')
  const townB = await createAgency(admin, 'government', gov.id, '范围乙街道办事处')
  const dept = await createAgency(admin, 'department', gov.id, '范围测试局')
  const coordinator = await createAccount(admin, 'coordinator', gov.id)

  // Three agencies file table 三 with different figures (working copies: the roll-up 含未审核).
  const totals = await filedTableThree(admin, baseURL as string, [
    [townA, 0],
    [townB, 5],
    [dept, 40],
  ])

  const page = await signedInPage(browser, baseURL as string, coordinator)
  await page.goto('/board')
  const section = page.getByRole('region', { name: '汇总范围' })
  await expect(section).toContainText('还没有保存的汇总范围')

  // New: the two townships by the quick pick.
  await section.getByRole('button', { name: '新建汇总范围' }).click()
  const editor = section.getByRole('form', { name: '新建汇总范围' })
  await editor.getByLabel('名称').fill('乡镇街道')
  await editor.getByRole('button', { name: '选择全部下级政府（2）' }).click()
  await expect(editor.locator('[data-chosen-count]')).toHaveText('2')
  await expect(editor.getByRole('checkbox', { name: townA.name })).toBeChecked()
  await expect(editor.getByRole('checkbox', { name: dept.name })).not.toBeChecked()
  // Geometry: every agency's box sits inside the list, one column or more, none cut off at the side.
  const list = editor.locator('fieldset.selection-agencies')
  const listBox = await list.boundingBox()
  for (const label of await list.locator('label').all()) {
    const box = await label.boundingBox()
    expect(listBox && box).toBeTruthy()
    if (!listBox || !box) continue
    expect(box.x).toBeGreaterThanOrEqual(listBox.x - 0.5)
    expect(box.x + box.width).toBeLessThanOrEqual(listBox.x + listBox.width + 0.5)
  }
  await page.screenshot({ path: test.info().outputPath('selection-editor-1440.png'), fullPage: true })
  await editor.getByRole('button', { name: '保存汇总范围' }).click()
  await expect(section.getByRole('status')).toContainText('已保存汇总范围“乡镇街道”（2个机关）')
  const row = section.locator('tr[data-selection="乡镇街道"]')
  await expect(row.locator('[data-selection-count]')).toHaveText('2')

  // A second one of the same name is refused where it happened.
  await section.getByRole('button', { name: '新建汇总范围' }).click()
  await section.getByLabel('名称').fill('乡镇街道')
  await section.getByRole('checkbox', { name: dept.name }).check()
  await section.getByRole('button', { name: '保存汇总范围' }).click()
  await expect(section.getByRole('status')).toContainText('已有名为“乡镇街道”的汇总范围')
  await section.getByRole('button', { name: '取消' }).click()

  // Change: rename, take 乙 out and the department in.
  await row.getByRole('button', { name: '修改' }).click()
  const change = section.getByRole('form', { name: '修改汇总范围' })
  await expect(change.getByLabel('名称')).toHaveValue('乡镇街道')
  await change.getByLabel('名称').fill('甲镇和部门')
  await change.getByRole('checkbox', { name: townB.name }).uncheck()
  await change.getByLabel('筛选机关').fill('范围测试局')
  await expect(change.locator('fieldset label')).toHaveCount(1)
  await change.getByRole('button', { name: '选择筛选出的' }).click()
  await expect(change.locator('[data-chosen-count]')).toHaveText('2')
  await change.getByRole('button', { name: '保存汇总范围' }).click()
  const changed = section.locator('tr[data-selection="甲镇和部门"]')
  await expect(changed.locator('[data-selection-count]')).toHaveText('2')
  await expect(section.locator('tr[data-selection="乡镇街道"]')).toHaveCount(0)

  // Roll it up: only its two agencies, the 总计 their sum, the drill-down naming them.
  await changed.getByRole('button', { name: '汇总（含未审核）' }).click()
  await page.waitForURL(/\/board\/rollup\//)
  await expect(page.locator('[data-selection="甲镇和部门"]')).toContainText('汇总范围：甲镇和部门')
  await expect(page.locator('[data-count="included"]')).toHaveText('2')
  const sum = totals[townA.name] + totals[dept.name]
  const totalCell = page.locator(`table.rollup-grid td[data-path="${RESULTS_TOTAL}"]`)
  await expect(totalCell).toHaveText(String(sum))
  await totalCell.getByRole('link').click()
  await page.waitForURL(/cell=/)
  const drill = page.getByTestId('drill-table')
  await expect(drill.locator('tbody tr')).toHaveCount(2)
  await expect(drill.locator(`tr[data-agency="${townB.name}"]`)).toHaveCount(0)
  await expect(drill.locator(`tr[data-agency="${dept.name}"] td[data-value]`)).toHaveText(String(totals[dept.name]))

  // Delete, after the question in the page.
  await page.goto('/board')
  const again = page.getByRole('region', { name: '汇总范围' })
  await again.locator('tr[data-selection="甲镇和部门"]').getByRole('button', { name: '删除' }).click()
  await again.getByRole('button', { name: '确定删除' }).click()
  await expect(again.getByRole('status')).toContainText('已删除汇总范围“甲镇和部门”')
  await expect(again.locator('tr[data-selection]')).toHaveCount(0)

  // On a phone the section and its editor fit the width.
  const phone = await signedInPage(browser, baseURL as string, coordinator, 390)
  await phone.goto('/board')
  const small = phone.getByRole('region', { name: '汇总范围' })
  await small.getByRole('button', { name: '新建汇总范围' }).click()
  await small.getByRole('button', { name: /选择全部部门/ }).click()
  const smallList = await small.locator('fieldset.selection-agencies').boundingBox()
  expect(smallList && smallList.x + smallList.width).toBeLessThanOrEqual(390)
  await phone.screenshot({ path: test.info().outputPath('selection-editor-390.png'), fullPage: true })
})
