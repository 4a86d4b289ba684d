import { readFileSync } from 'node:fs'
import JSZip from 'jszip'
import { dataRows, leafColumns } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import type { MatrixTableDef } from '../lib/format/types'
import { expect, test } from './fixtures'
import {
  cell,
  createReportThroughUi,
  expectCellValue,
  expectSaved,
  fillCell,
  loadFixture,
  openSection,
  pasteInto,
} from './helpers'

const fixture = loadFixture('zhangdian-gov-2021')
const applications = GOV_2021.sections.find((s) => s.key === 'applications')
if (applications?.kind !== 'table' || applications.table.kind !== 'matrix') throw new Error('table 三 missing')
const matrix: MatrixTableDef = applications.table
const rows = dataRows(matrix.rows).map((r) => r.key)
const columns = leafColumns(matrix.columns).map((c) => c.key)
const tsv = rows.map((r) => columns.map((c) => String(fixture.sections.applications[r][c])).join('\t')).join('\r\n')

test('a sentence the table contradicts is found at its paragraph and fixed; linked numbers follow the cells into the documents', async ({
  page,
  officer,
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1440, height: 1000 })
  await createReportThroughUi(page, officer.agency.name)
  await openSection(page, 'applications')
  await pasteInto(page, '[data-path="applications.newReceived.natural"]', tsv)
  await expectCellValue(page, 'applications.resultsTotal.total', '105')

  await openSection(page, 'overview')
  const narrative = page.locator('textarea[data-path="overview"]')
  await narrative.fill('（二）依申请公开\n本年度共新收政府信息公开申请170件。')
  // The finding quotes the sentence, names its place, and offers the fix.
  const finding = page.locator('.finding[data-rule="N1"]')
  await expect(finding).toHaveCount(1)
  await expect(finding).toHaveAttribute('data-paragraph', 'overview.2')
  await expect(finding.locator('.finding-quote')).toHaveText('一、总体情况第2段：“本年度共新收政府信息公开申请170件。”')
  await expect(finding).toContainText('表中一、本年新收政府信息公开申请数量·总计为105件')
  await page.screenshot({ path: 'test-results/narrative-finding-1440.png' })
  // Going to the finding selects its sentence in the text.
  await finding.locator('.finding-go').click()
  await expect
    .poll(() => narrative.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)))
    .toBe('本年度共新收政府信息公开申请170件。')
  await expect(narrative).toBeFocused()
  await finding.getByRole('button', { name: '插入关联数据', exact: true }).click()
  await expect(narrative).toHaveValue(
    '（二）依申请公开\n本年度共新收政府信息公开申请{{applications.newReceived.total}}件。',
  )
  await expect(finding).toHaveCount(0)
  // The preview shows the number, as a chip naming the cell.
  const chip = page.locator('.narrative-preview .link-chip[data-link="applications.newReceived.total"]')
  await expect(chip).toHaveText('105')
  await expect(chip).toHaveAttribute('title', /关联数据：一、本年新收政府信息公开申请数量·总计/)

  // 插入数据 at the cursor: the cell chosen from the format's list.
  await narrative.press('End')
  await page.keyboard.insertText('其中予以公开')
  await page.locator('.narrative').getByRole('button', { name: '插入数据', exact: true }).click()
  await page.locator('.narrative').getByLabel('选择要插入的表中数据').selectOption('applications.granted.total')
  await page.keyboard.insertText('件。')
  await expect(narrative).toHaveValue(/其中予以公开\{\{applications\.granted\.total\}\}件。$/)
  const granted = page.locator('.narrative-preview .link-chip[data-link="applications.granted.total"]')
  await expect(granted).toHaveText('61')

  // 生成依申请公开情况表述: linked numbers and shares, no statement finding.
  await page.getByRole('button', { name: '生成依申请公开情况表述' }).click()
  await expect(narrative).toHaveValue(/占\{\{share:applications\.granted\.total\/applications\.resultsTotal\.total\}\}/)
  await expect(page.locator('.narrative-preview')).toContainText('予以公开61件，占58.10%')
  await expect(page.locator('.finding[data-rule^="N"]')).toHaveCount(0)

  // 插入数据 in the preamble too: the token at the cursor, the number in the documents.
  const preamble = page.locator('textarea[data-path="preamble"]')
  await preamble.fill('本年度共新收申请')
  await preamble.press('End')
  await page.locator('.preamble').getByRole('button', { name: '插入数据', exact: true }).click()
  await page.locator('.preamble').getByLabel('选择要插入的表中数据').selectOption('applications.newReceived.total')
  await page.keyboard.insertText('件。')
  await expect(preamble).toHaveValue('本年度共新收申请{{applications.newReceived.total}}件。')

  // The cell changes: the linked numbers follow.
  await openSection(page, 'applications')
  // One fewer 自然人 予以公开: the row's 总计 becomes 60.
  await fillCell(page, 'applications.granted.natural', String(fixture.sections.applications.granted.natural - 1))
  await cell(page, 'applications.granted.natural').press('Tab')
  await openSection(page, 'overview')
  await expect(granted.first()).toHaveText('60')
  await expect(page.locator('.narrative-preview')).toContainText('予以公开60件，占')
  await expect(page.locator('.finding[data-rule^="N"]')).toHaveCount(0)
  // Geometry: the chip sits inside its preview line.
  const line = await granted.first().evaluate((el) => {
    const row = el.closest('.pv-row')!.getBoundingClientRect()
    const r = el.getBoundingClientRect()
    return {
      inside: r.left >= row.left && r.right <= row.right && r.top >= row.top && r.bottom <= row.bottom,
      w: r.width,
    }
  })
  expect(line.inside).toBe(true)
  expect(line.w).toBeGreaterThan(8)
  await page.screenshot({ path: 'test-results/narrative-links-1440.png' })
  await expectSaved(page)

  // Every document prints the number, never the token.
  await page.getByText('导出 ▾').click()
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '下载 Word（.docx）' }).click(),
  ])
  const zip = await JSZip.loadAsync(readFileSync(await docx.path()))
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml).not.toContain('{{')
  expect(xml).toContain('其中予以公开60件')
  // The menu stays open after a download (as in export.spec.ts).
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '下载网页（.html）' }).click(),
  ])
  const text = readFileSync(await html.path(), 'utf8')
  expect(text).not.toContain('{{')
  expect(text).toContain('本年度共新收政府信息公开申请105件。')
  expect(text).toContain('本年度共新收申请105件。')

  // On a phone the tools and the finding list still fit.
  await page.setViewportSize({ width: 390, height: 900 })
  await narrative.fill('本年度共新收政府信息公开申请170件。')
  await expect(finding).toHaveCount(1)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  const tools = await page.locator('.narrative .link-tools').boundingBox()
  expect(tools && tools.x >= 0 && tools.x + tools.width <= 390).toBe(true)
  expect(width).toBeLessThanOrEqual(390 + 1)
  await page.screenshot({ path: 'test-results/narrative-finding-390.png', fullPage: false })
  await finding.getByRole('button', { name: '改为“105件”', exact: true }).click()
  await expect(narrative).toHaveValue('本年度共新收政府信息公开申请105件。')
  await expect(finding).toHaveCount(0)
})
