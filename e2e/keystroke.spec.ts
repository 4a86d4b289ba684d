/**
 * Each cell, total and finding subscribes to its own part of the form (components/editor/
 * editor-store.ts): typing key by key in one cell must still reach every total it feeds and the
 * finding at the cell, and messages about an earlier state must not stay. How much renders per
 * keystroke is a figure of `npm run bench` (bench/keystroke.ts), not asserted here.
 */
import { GOV_2021 } from '../lib/format/gov-2021'
import { getAt, setAt } from '../lib/report/values'
import { deriveTotals } from '../lib/rules/derive'
import { expect, test } from './fixtures'
import { cell, cellValue, expectCellValue, fillCell, loadFixture, pasteInto } from './helpers'

const fixture = loadFixture('zhangdian-gov-2021')
const TYPED = 'applications.granted.natural'

async function importFixture(page: import('@playwright/test').Page): Promise<string> {
  const res = await page.context().request.post('/api/reports/import', {
    data: { file: JSON.stringify(fixture) },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()).id
}

/** The totals the format derives from the typed cell, with their values after the change. */
function totalsAfter(path: string, value: number): Map<string, number> {
  const sections = structuredClone(fixture.sections)
  setAt(sections, path.split('.'), value)
  return new Map(deriveTotals(GOV_2021, sections).map((p) => [p, getAt(sections, p.split('.')) as number]))
}

test('typing key by key in one cell updates the totals it feeds and the finding at the cell; Backspace undoes both', async ({
  page,
}) => {
  const id = await importFixture(page)
  await page.goto(`/reports/${id}?section=applications`)
  const typed = cell(page, TYPED)
  const original = Number(await cellValue(page, TYPED))
  const totals = totalsAfter(TYPED, original * 10 + 7)
  expect(totals.size).toBeGreaterThan(0)
  const before = new Map<string, string>()
  for (const p of totals.keys()) before.set(p, await cellValue(page, p))

  // The stepper's state and count and the export menu's note follow the key outside React
  // (decision 0760): what they show before, with the wrong digit, and after Backspace.
  const step = page.locator('.stepper [data-section="applications"]')
  const note = page.getByTestId('export-errors-note')
  const stepBefore = { text: await step.locator('.step-state').textContent(), cls: await step.getAttribute('class') }
  await expect(note).toHaveJSProperty('hidden', true)
  // The findings panel's counts and list follow the key outside React too (decision 0860): the
  // items already listed stay the same elements (a keyed list), only the key's findings come and go.
  const errors = page.getByTestId('count-error')
  const errorsBefore = (await errors.textContent()) ?? ''
  const items = page.locator('.findings-list > li')
  const itemsBefore = await items.count()
  await items.evaluateAll((lis) => {
    for (const li of lis) (li as HTMLElement & { kept?: boolean }).kept = true
  })

  await typed.click()
  await page.keyboard.press('End')
  await page.keyboard.press('7')
  await expectCellValue(page, TYPED, `${original}7`)
  await expect(step).toHaveClass(/step-hasErrors/)
  await expect(step.locator('.step-count')).toHaveText(/^[1-9]\d*$/)
  await expect(note).toHaveJSProperty('hidden', false)
  await expect(note).toHaveText(/^年报还有\d+项校验错误未改正/)
  for (const [p, v] of totals) await expectCellValue(page, p, String(v), p)
  // The balance no longer holds: the cells at fault are marked, each saying what it should be.
  const marked = page.locator('table[data-table="applications"] .cell-mark-error')
  await expect(marked.first()).toBeVisible()
  await expect(marked.first()).toHaveAttribute('title', /应为/)
  // Screen readers read the message through aria-describedby, though it is not drawn (hidden).
  await expect(marked.first()).toHaveAccessibleDescription(/应为/)
  const added = page.locator('.finding-error[data-rule^="A"]').first()
  await expect(added).toBeVisible()
  await expect(added.locator('.finding-values')).toHaveText(/应为 \d+，现为 \d+/)
  await expect(errors).not.toHaveText(errorsBefore)
  await expect(errors).toHaveText(/^错误 [1-9]\d*$/)
  expect(await items.evaluateAll((lis) => lis.filter((li) => (li as { kept?: boolean }).kept).length)).toBe(itemsBefore)
  await page.screenshot({ path: 'test-results/keystroke-finding.png', fullPage: true })

  await page.keyboard.press('Backspace')
  await expectCellValue(page, TYPED, String(original))
  for (const [p, v] of before) await expectCellValue(page, p, v, p)
  await expect(marked).toHaveCount(0)
  await expect(page.locator('.finding-error[data-rule^="A"]')).toHaveCount(0)
  await expect(step.locator('.step-state')).toHaveText(stepBefore.text ?? '')
  await expect(step).toHaveAttribute('class', stepBefore.cls ?? '')
  await expect(note).toHaveJSProperty('hidden', true)
  await expect(errors).toHaveText(errorsBefore)
  await expect(items).toHaveCount(itemsBefore)
  expect(await items.evaluateAll((lis) => lis.filter((li) => (li as { kept?: boolean }).kept).length)).toBe(itemsBefore)

  // 转到 from an item written outside React still goes to its cell: typed again, then chosen.
  await page.keyboard.press('7')
  await added.locator('.finding-go').click()
  await expect(
    page.locator('table[data-table="applications"] [contenteditable="plaintext-only"][data-path]:focus'),
  ).toHaveCount(1)
  await typed.click()
  await page.keyboard.press('End')
  await page.keyboard.press('Backspace')
  await expectCellValue(page, TYPED, String(original))

  // Refused input is the form's error at that path, shown at the cell and counted in the header.
  await page.keyboard.press('x')
  await expect(typed).toHaveClass(/cell-invalid/)
  await expect(page.locator('[data-save="invalid-input"]')).toContainText('1 处输入无法保存')
  await page.keyboard.press('Backspace')
  await expect(typed).not.toHaveClass(/cell-invalid/)
  await expect(page.locator('[data-save="invalid-input"]')).toHaveCount(0)

  // 全部填0 over entered values asks in the page (not the browser's confirm()); 取消 keeps them.
  await page.getByRole('button', { name: /全部填0/ }).click()
  const ask = page.getByRole('dialog', { name: '确认全部填0' })
  await expect(ask).toContainText('个非零数值')
  await ask.getByRole('button', { name: '取消' }).click()
  await expect(ask).toBeHidden()
  await expectCellValue(page, TYPED, String(original))
})

test('the line saying what a paste did goes away with the next change', async ({ page }) => {
  const id = await importFixture(page)
  await page.goto(`/reports/${id}?section=applications`)
  const { natural, commercial } = fixture.sections.applications.granted
  await pasteInto(page, `[data-path="${TYPED}"]`, `${natural}\t${commercial}`)
  const notice = page.getByRole('status').filter({ hasText: '已粘贴' })
  await expect(notice).toContainText('已粘贴 2 个单元格')
  await fillCell(page, 'applications.granted.natural', String(natural + 1))
  await expect(notice).toHaveCount(0)
})
