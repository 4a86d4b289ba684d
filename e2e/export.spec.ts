import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import JSZip from 'jszip'
import { createReportThroughUi, expectSaved, fillCell, openSection } from './helpers'

test('the officer downloads the Word document and the HTML page, marked 草稿 until the report is complete', async ({
  page,
  officer,
}) => {
  const agency = officer.agency.name
  await createReportThroughUi(page, agency)
  await openSection(page, 'reviewLitigation')
  await fillCell(page, 'reviewLitigation.review.upheld', '6')

  await page.getByText('导出 ▾').click()
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '下载 Word（.docx）' }).click(),
  ])
  expect(docx.suggestedFilename()).toBe(`${agency}2021年政府信息公开工作年度报告.docx`)
  const zip = await JSZip.loadAsync(readFileSync(await docx.path()))
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml).toContain(agency)
  // The 草稿 mark sits in the page headers.
  const headers = await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')))
  expect(headers.join('')).toContain('草稿')
  // The change typed just before exporting is in the document (saved first).
  expect(xml).toMatch(/<w:t[^>]*>6<\/w:t>/)

  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '下载网页（.html）' }).click(),
  ])
  const text = readFileSync(await html.path(), 'utf8')
  expect(text).toContain(`<table`)
  expect(text).toContain(agency)
})

test("the 落款 date is shown as it will be printed, whatever the browser's language, and printed so", async ({
  page,
  officer,
}) => {
  await createReportThroughUi(page, officer.agency.name)
  await page.getByText('导出 ▾').click()
  const date = page.getByLabel('落款日期')
  await expect(date).toBeDisabled()
  await page.getByRole('checkbox', { name: /文末加落款/ }).check()
  await date.fill('2026-01-05')
  // The browser writes the field in its own language (01/05/2026 in English): the line under it does not.
  await expect(date).toHaveAccessibleDescription('落款日期印为2026年1月5日')
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '下载 Word（.docx）' }).click(),
  ])
  const zip = await JSZip.loadAsync(readFileSync(await docx.path()))
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml).toContain('2026年1月5日')
  expect(xml).toContain(officer.agency.name)

  // On a phone the open menu lies inside the screen (导出 is the first button of its row there).
  await page.setViewportSize({ width: 390, height: 844 })
  const panel = await page.locator('.export-panel').boundingBox()
  expect(panel && panel.x >= 0 && panel.x + panel.width <= 390, `panel at 390: ${JSON.stringify(panel)}`).toBe(true)
  await page.getByRole('checkbox', { name: /文末加落款/ }).uncheck()
  await expect(date).toBeDisabled()
})

test('a <script> or onerror payload in the narrative never runs, in the editor or in the preview', async ({
  page,
  officer,
}) => {
  const dialogs: string[] = []
  page.on('dialog', async (d) => {
    dialogs.push(d.message())
    await d.dismiss()
  })
  await createReportThroughUi(page, officer.agency.name)
  await openSection(page, 'overview')
  const payload =
    '一、总体情况<script>window.__pwned=1;alert(1)</script>\n（一）<img src=x onerror="window.__pwned=2;alert(2)">主动公开"\'&'
  await page.locator('[data-path="overview"]').fill(payload)
  await expect(page.locator('.preview-page')).toContainText('<img src=x onerror=')
  await expectSaved(page)
  await page.reload()
  await openSection(page, 'overview')
  await page.getByText('导出 ▾').click()
  await page.getByRole('menuitem', { name: '预览网页版' }).click()
  await page.waitForURL(/\/preview/)
  const frame = page.frameLocator('iframe.preview-frame')
  await expect(frame.locator('body')).toContainText('onerror=')
  // Once the frame has loaded, every image has failed and any handler that could run has run.
  const loaded = await (await page.locator('iframe.preview-frame').elementHandle())?.contentFrame()
  await loaded?.waitForLoadState('load')
  expect(dialogs).toEqual([])
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
})
