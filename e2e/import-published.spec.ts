/**
 * Issue 15, in the app: 导入已发布的年报. A report JSON with an unknown key shows it before
 * anything is saved; closing saves nothing; an .xlsx filled from the downloaded template is
 * previewed and becomes a draft whose cells equal the sheet; a batch of several files with a
 * .zip whose names are GBK (as Windows writes them) gives the table of agencies × findings,
 * each opening the side-by-side view, and exports it as .xlsx.
 */
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { GOV_2021 } from '../lib/format/gov-2021'
import { sheetLayouts } from '../lib/import/xlsx-layout'
import { GBK_NIANBAO, GBK_ZHANGDIANQU, gbkName, zipFile } from '../test/zip-file'
import { expect, test } from './fixtures'
import { expectCellValue, loadFixture, openSection } from './helpers'

const json = (value: unknown) => Buffer.from(JSON.stringify(value))
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// Reading in the worker, two screenshots and the editor after a choice: more than the default on a loaded machine.
test.describe.configure({ timeout: 90_000 })

async function shoot(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    await page.screenshot({ path: `test-results/import-${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1440, height: 900 })
}

async function openImport(page: Page) {
  await page.goto('/')
  await page.getByRole('link', { name: '导入已发布的年报' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入已发布的年报')
}

test('a report JSON with an unknown key shows it before saving; closing saves nothing', async ({ page, request }) => {
  const report = loadFixture('zhangdian-gov-2021')
  report.sections.applications.newReceived.legalSubtotal = 5
  await openImport(page)
  await page
    .getByLabel('选择文件')
    .setInputFiles({ name: '张店区2021.json', mimeType: 'application/json', buffer: json(report) })
  await page.waitForURL(/\/imports\/[^/]+\/items\/[^/]+$/)
  const unknown = page.getByTestId('unknown-keys')
  await expect(unknown).toContainText('sections.applications.newReceived.legalSubtotal')
  await expect(unknown).toContainText('保存时不会保留')
  // Side by side: the original text on the left, the recognised tables on the right, at one height.
  const original = await page.getByTestId('import-original').boundingBox()
  const read = await page.getByRole('region', { name: '识别结果' }).boundingBox()
  expect(original && read && original.x + original.width <= read.x).toBe(true)
  expect(Math.abs((original?.y ?? 0) - (read?.y ?? 100)) < 60).toBe(true)
  await expect(page.locator('td[data-path="applications.newReceived.natural"]')).toHaveAttribute(
    'data-recognition',
    'recognised',
  )
  await shoot(page, 'json-preview')

  await page.getByRole('button', { name: '关闭（不保存）' }).click()
  await page.waitForURL(/\/imports\/[^/]+$/)
  await expect(page.locator('.import-table tbody tr')).toContainText('已核对（未保存）')
  const list = await request.get('/api/reports')
  expect(list.status()).toBe(200)
  expect(JSON.stringify(await list.json())).not.toContain('张店区人民政府')
  await page.goto('/')
  await expect(page.getByText('还没有年报')).toBeVisible()
})

test('an .xlsx filled from the template is previewed, then becomes a draft whose cells equal the sheet', async ({
  page,
  officer,
}) => {
  await openImport(page)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '下载模板（2021年格式）' }).click()
  const template = await (await download).path()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(template)
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '表二', '表三', '表四'])
  const info = workbook.getWorksheet('说明') as ExcelJS.Worksheet
  info.getCell('B3').value = officer.agency.name
  info.getCell('B5').value = 2024
  // Every typed cell of table 三 and 四 gets a distinct number; derived totals stay empty.
  const filled: Record<string, number> = {}
  let n = 1
  for (const layout of sheetLayouts(GOV_2021)) {
    if (layout.name === '表二') continue
    const sheet = workbook.getWorksheet(layout.name) as ExcelJS.Worksheet
    for (const placed of layout.cells) {
      if (placed.cell.kind !== 'value' || placed.cell.derived) continue
      const value = n++ % 7
      sheet.getCell(placed.row, placed.col).value = value
      filled[placed.cell.path] = value
    }
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  await page.getByLabel('选择文件').setInputFiles({ name: '表格.xlsx', mimeType: XLSX, buffer })
  await page.waitForURL(/\/imports\/[^/]+\/items\/[^/]+$/)
  await expect(page.locator('.import-facts')).toContainText('2024')
  await expect(page.locator('td[data-path="applications.newReceived.natural"]')).toHaveText(
    String(filled['applications.newReceived.natural']),
  )
  await expect(page.getByTestId('import-original')).toContainText('【表三】')
  await shoot(page, 'xlsx-preview')

  await page.getByRole('button', { name: '新建草稿' }).click()
  await page.waitForURL(/\/reports\/[^/]+$/)
  const id = page.url().split('/').pop() as string
  const stored = await (await page.context().request.get(`/api/reports/${id}`)).json()
  for (const [path, value] of Object.entries(filled)) {
    const got = path.split('.').reduce((o: any, k) => o?.[k], stored.report.sections)
    expect(got, path).toBe(value)
  }
  await openSection(page, 'applications')
  await expectCellValue(page, 'applications.newReceived.natural', String(filled['applications.newReceived.natural']))
})

test('a batch of several files with a GBK-named .zip: progress, the table of agencies × findings, its export', async ({
  page,
}) => {
  const gov = loadFixture('zhangdian-gov-2021')
  const office = loadFixture('zhangdian-office-2022')
  // A published arithmetic error: 新收 natural off by 1, so the total no longer adds up.
  office.sections.applications.newReceived.natural += 1
  const zichuan = loadFixture('zichuan-gov-2020')
  const zip = zipFile([
    { name: gbkName(GBK_ZHANGDIANQU, GBK_NIANBAO, '.json'), bytes: json(office) },
    { name: gbkName('2020', GBK_NIANBAO, '.json'), bytes: json(zichuan) },
  ])
  await openImport(page)
  await page.getByLabel('选择文件').setInputFiles([
    { name: 'gov-2021.json', mimeType: 'application/json', buffer: json(gov) },
    { name: '各机关.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
    { name: 'notes.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
  ])
  await page.waitForURL(/\/imports\/[^/]+$/)
  await expect(page.locator('.import-progress')).toContainText('已读取 4 个文件')
  const rows = page.locator('.import-table tbody tr')
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1)).toContainText('张店区年报.json')
  await expect(rows.nth(2)).toContainText('2020年报.json')
  await expect(rows.nth(3)).toContainText('不是可以导入的文件类型')
  await expect(rows.nth(0)).toContainText('张店区人民政府')
  // The published arithmetic error of the office's table 三 is found, with the values.
  await expect(rows.nth(1).locator('td[data-label="错误"]')).toHaveText('2')
  await expect(rows.nth(1)).toContainText('应为 108，现为 107')
  await shoot(page, 'batch')

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '导出核对结果（.xlsx）' }).click()
  const table = new ExcelJS.Workbook()
  await table.xlsx.readFile(await (await download).path())
  const sheet = table.getWorksheet('核对结果') as ExcelJS.Worksheet
  expect(sheet.rowCount).toBe(5)
  expect(sheet.getCell('D3').value).toBe('张店区年报.json')

  await rows.nth(1).getByRole('link').first().click()
  await page.waitForURL(/\/items\//)
  await expect(page.getByRole('region', { name: '识别结果' })).toBeVisible()
  await expect(page.getByTestId('import-original')).toContainText('"formatVersion": "2021"')
})
