/**
 * Issue 15 through the app, end to end, for the published documents themselves: a saved portal
 * page (.html), a Word file (.docx, a page saved through LibreOffice) and a PDF written by WPS
 * are uploaded on 导入已发布的年报, read by the import worker, shown side by side (the original
 * text, the recognised tables as printed, the reading notes, the findings of the rules on the
 * values as printed) and saved by each choice (新建草稿, 保存为历史年报). The recognised tables are
 * compared with the hand transcription of lib/import/published-expected.ts, and their cells must
 * lie in their rows and columns at 1440 and 390 wide.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { dataRows, leafColumns } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import { PUBLISHED } from '../lib/import/published-expected'
import { expect, test } from './fixtures'

const ROOT = path.resolve(__dirname, '..')
const MIME: Record<string, string> = {
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain',
}

// Reading a PDF in the worker, the preview at two widths and the choice: a loaded machine needs more than the default.
test.describe.configure({ timeout: 120_000 })

const table3 = (() => {
  const s = GOV_2021.sections.find((x) => x.key === 'applications')
  if (s?.kind !== 'table' || s.table.kind !== 'matrix') throw new Error('table 三')
  return { rows: dataRows(s.table.rows).map((r) => r.key), columns: leafColumns(s.table.columns).map((c) => c.key) }
})()

interface Shown {
  /** What the preview prints as the document's figure: the stated one where it differs. */
  printed: string
  recognition: string
  x: number
  y: number
  w: number
  h: number
  rowTop: number
  rowBottom: number
}

/** Every value cell of the preview's table 三: its printed figure, recognition and box. */
async function shownTable3(page: Page): Promise<Record<string, Shown>> {
  return page.locator('.table-applications').evaluate((table) => {
    const out: Record<string, Shown> = {}
    for (const td of Array.from(table.querySelectorAll<HTMLElement>('td[data-path]'))) {
      const stated = td.querySelector('.rec-stated')
      const own = Array.from(td.childNodes)
        .filter((n) => n !== stated)
        .map((n) => n.textContent ?? '')
        .join('')
      const box = td.getBoundingClientRect()
      const row = (td.parentElement as HTMLElement).getBoundingClientRect()
      out[td.dataset.path as string] = {
        printed: stated ? (stated.textContent ?? '').replace(/^印/, '') : own.trim(),
        recognition: td.dataset.recognition ?? '',
        x: box.left,
        y: box.top,
        w: box.width,
        h: box.height,
        rowTop: row.top,
        rowBottom: row.bottom,
      }
    }
    return out
  })
}

/** Table 三's cells are in their rows (inside the row's box, one top per row) and columns (one x per column, left to right). */
function expectGrid(cells: Record<string, Shown>, width: number) {
  const columnX = table3.columns.map((c) => cells[`applications.${table3.rows[0]}.${c}`].x)
  for (let i = 1; i < columnX.length; i++) expect(columnX[i], `column ${i} at ${width}`).toBeGreaterThan(columnX[i - 1])
  let previousTop = Number.NEGATIVE_INFINITY
  for (const row of table3.rows) {
    const boxes = table3.columns.map((c) => cells[`applications.${row}.${c}`])
    const top = boxes[0].y
    expect(top, `${row} below the row before at ${width}`).toBeGreaterThan(previousTop)
    previousTop = top
    boxes.forEach((b, i) => {
      expect(Math.abs(b.y - top), `${row} one top at ${width}`).toBeLessThan(1)
      expect(b.y, `${row} inside its row at ${width}`).toBeGreaterThanOrEqual(b.rowTop - 0.5)
      expect(b.y + b.h, `${row} inside its row at ${width}`).toBeLessThanOrEqual(b.rowBottom + 0.5)
      expect(Math.abs(b.x - columnX[i]), `${row} column ${i} at ${width}`).toBeLessThan(1)
      expect(b.w).toBeGreaterThan(8)
    })
  }
}

async function upload(page: Page, fixture: string) {
  await page.goto('/')
  await page.getByRole('link', { name: '导入已发布的年报' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入已发布的年报')
  const name = path.basename(fixture)
  const ext = name.split('.').pop() as string
  await page
    .getByLabel('选择文件')
    .setInputFiles({ name, mimeType: MIME[ext], buffer: readFileSync(path.join(ROOT, fixture)) })
  await page.waitForURL(/\/imports\/[^/]+\/items\/[^/]+$/, { timeout: 60_000 })
}

/** The side-by-side preview against the hand transcription, its geometry at 1440 and 390, screenshots. */
async function checkPreview(page: Page, file: string, shot: string) {
  const expected = PUBLISHED.find((e) => e.file === file)
  if (!expected) throw new Error(file)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${expected.agency}${expected.year}年度年报`)
  const facts = page.locator('.import-facts')
  await expect(facts).toContainText(expected.agency)
  await expect(facts).toContainText(String(expected.year))
  await expect(facts).toContainText('2021年格式')
  // The original text as read, beside what was recognised.
  const original = page.getByTestId('import-original')
  await expect(original).toContainText(expected.agency)
  await expect(original).toContainText('政府信息公开')
  const left = await original.boundingBox()
  const right = await page.getByRole('region', { name: '识别结果' }).boundingBox()
  expect(left && right && left.x + left.width <= right.x).toBe(true)
  // Every section found; no cell not found.
  await expect(page.locator('.import-sections li.missing')).toHaveCount(0)
  await expect(page.locator('.import-sections li')).toHaveCount(7)
  await expect(page.locator('td[data-recognition="notFound"]')).toHaveCount(0)

  const cells = await shownTable3(page)
  const printed = table3.rows.map((r) =>
    table3.columns.map((c) => cells[`applications.${r}.${c}`].printed || '_').join(' '),
  )
  expect(printed).toEqual(expected.table3)
  for (const four of ['reviewLitigation.review.upheld', 'reviewLitigation.review.total']) {
    await expect(page.locator(`td[data-path="${four}"]`)).toHaveAttribute('data-recognition', /recognised|blank/)
  }
  expectGrid(cells, 1440)
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    await page.screenshot({ path: `test-results/import-${shot}-${width}.png`, fullPage: true })
    if (width === 390) {
      // On a phone the two sides stack: the recognised tables come below the original text.
      const o = await original.boundingBox()
      const r = await page.getByRole('region', { name: '识别结果' }).boundingBox()
      expect(o && r && r.y >= o.y + o.height - 1).toBe(true)
      expectGrid(await shownTable3(page), 390)
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 })
  return expected
}

/** After a choice: the report page, or first the notices of what importing changed and their link to it. */
async function storedReport(page: Page) {
  const onReport = /\/reports\/[^/]+$/
  await Promise.race([
    page.waitForURL(onReport, { timeout: 30_000 }),
    page.locator('.import-done').waitFor({ timeout: 30_000 }),
  ])
  if (!onReport.test(page.url())) {
    await page.getByRole('link', { name: '打开导入的年报 →' }).click()
    await page.waitForURL(onReport)
  }
  const id = page.url().split('/').pop() as string
  const response = await page.context().request.get(`/api/reports/${id}`)
  expect(response.status()).toBe(200)
  return (await response.json()) as { kind: string; report: { year: number; sections: any; stated?: any } }
}

test('a saved portal page (.html) is previewed as printed and becomes a draft', async ({ page }) => {
  await upload(page, 'test/published/shuyang-fgj-2023.html')
  await checkPreview(page, 'shuyang-fgj-2023.html', 'html')
  // Printed blanks: table 三's empty columns are shown empty, recognised as blank, not as errors.
  await expect(page.locator('td[data-path="applications.newReceived.commercial"]')).toHaveAttribute(
    'data-recognition',
    'blank',
  )
  // The page's own scripts and site template are not in the text as read.
  await expect(page.getByTestId('import-original')).not.toContainText('function(')
  await page.getByRole('button', { name: '新建草稿' }).click()
  const stored = await storedReport(page)
  expect(stored.report.year).toBe(2023)
  expect(stored.report.sections.applications.newReceived.natural).toBe(26)
  expect(stored.report.sections.applications.newReceived.commercial).toBeNull()
  expect(stored.report.sections.reviewLitigation.review.pending).toBe(1)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2023')
})

test('a Word file (.docx) is previewed with the findings on the values as printed and kept as history', async ({
  page,
}) => {
  await upload(page, 'test/published-docx/pingtan-xzspj-2024.docx')
  await checkPreview(page, 'pingtan-xzspj-2024.html', 'docx')
  // As printed, 行政复议 结果维持 1 but 总计 0: the rule on the printed total says so, with the values.
  const findings = page.getByTestId('import-findings')
  await expect(findings).toContainText('行政复议')
  await expect(page.locator('td[data-path="reviewLitigation.review.total"] .rec-stated')).toHaveText('印0')
  await expect(page.getByTestId('recognition-notes')).toContainText('总计')
  await page.getByRole('button', { name: /保存为历史年报/ }).click()
  const stored = await storedReport(page)
  expect(stored.report.year).toBe(2024)
  expect(stored.kind).toBe('history')
  expect(stored.report.sections.applications.newReceived.natural).toBe(28)
  expect(stored.report.stated?.['reviewLitigation.review.total']).toBe(0)
})

test('a PDF written by WPS is previewed as printed and becomes a draft', async ({ page }) => {
  await upload(page, 'test/published/huaian-2024.pdf')
  await checkPreview(page, 'huaian-2024.pdf', 'pdf')
  await expect(page.locator('td[data-path="applications.newReceived.natural"]')).toHaveText('3001')
  await page.getByRole('button', { name: '新建草稿' }).click()
  const stored = await storedReport(page)
  expect(stored.report.year).toBe(2024)
  expect(stored.report.sections.applications.newReceived.natural).toBe(3001)
  expect(stored.report.sections.proactiveDisclosure.art20_8.adminFees.feeAmount).toBe('96171.6')
  expect(stored.report.sections.otherMatters.infoProcessingFee.amountCollectedYuan).toBe('3940')
})

test('text pasted without its title asks for the year before it is kept as history', async ({ page }) => {
  // The page's text from its first heading on (test/published/shuyang-fgj-2023-body.txt): no title.
  await upload(page, 'test/published/shuyang-fgj-2023-body.txt')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('（未识别年度）')
  const year = page.getByLabel('年报所属年度')
  await page.getByRole('button', { name: /保存为历史年报/ }).click()
  await expect(page.getByText('请填写年报所属年度（四位数字）。')).toBeVisible()
  await expect(year).toHaveAttribute('aria-invalid', 'true')
  // Full-width digits, as a Chinese input method types them.
  await year.fill('２０２３')
  await page.getByRole('button', { name: /保存为历史年报/ }).click()
  const stored = await storedReport(page)
  expect(stored.kind).toBe('history')
  expect(stored.report.year).toBe(2023)
  expect(stored.report.sections.applications.newReceived.natural).toBe(26)
})
