/**
 * The publication record through the real UI (decision 0310): 发布 is refused until the 保密审查
 * record is given in the dialog, then done with it; the coordinator checks the portal's copy (the
 * exported HTML: 一致; with one number changed: exactly that cell); 撤回发布 needs a reason.
 */
import { type Browser, expect, type Page, test } from '@playwright/test'
import { type Account, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'
import { approvedReport } from './reports'

async function pageAs(browser: Browser, baseURL: string, account: Account, width: number) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width, height: 900 },
    extraHTTPHeaders: { origin: baseURL },
  })
  await signIn(context.request, baseURL, account)
  return context.newPage()
}

const status = (page: Page) => page.getByTestId('report-status')

/** Both widths of what the user is looking at now. */
async function shots(page: Page, name: string, fullPage = false) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `test-results/publication-${name}-${width}.png`, fullPage })
  }
  await page.setViewportSize({ width: 1440, height: 900 })
}

/** A value printed once in the HTML as a whole table cell, to change on the "portal". */
function uniqueCellNumber(html: string): number {
  const counts = new Map<string, number>()
  for (const m of html.matchAll(/>(\d{2,6})</g)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1)
  const once = [...html.matchAll(/<td[^>]*>(\d{2,6})<\/td>/g)].map((m) => m[1]).find((n) => counts.get(n) === 1)
  if (!once) throw new Error('no number printed once')
  return Number(once)
}

test('发布 needs the 保密审查 record; the portal copy is checked; 撤回发布 needs a reason', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const base = baseURL as string
  const admin = await signedInRequest(base, E2E_ADMIN)
  const gov = await createAgency(admin, 'government', null, '发布记录测试区人民政府')
  const dept = await createAgency(admin, 'department', gov.id, '发布记录测试局')
  const officer = await createAccount(admin, 'officer', dept.id)
  const reviewer = await createAccount(admin, 'reviewer', dept.id)
  const coordinator = await createAccount(admin, 'coordinator', gov.id)
  await admin.dispose()

  // The officer's report, submitted and approved (the workflow spec walks these steps in the UI).
  const { id, version } = await approvedReport(base, officer, reviewer)

  // The server refuses 发布 without the record, whatever the client sends.
  const cp = await signedInRequest(base, coordinator)
  const bare = await cp.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'publish', baseVersion: version },
  })
  expect(bare.status()).toBe(422)
  expect((await bare.json()).error).toBe('secrecy_required')

  // In the page: the dialog asks for the record; without a reviewer it says so and publishes nothing.
  const page = await pageAs(browser, base, coordinator, 1440)
  await page.goto(`/reports/${id}`)
  await expect(status(page)).toHaveText('已审核')
  await page.getByTestId('workflow-actions').getByRole('button', { name: '发布', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '确认发布' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('保密审查')
  await expect(dialog.getByLabel('审查结论')).toHaveValue(/不涉及国家秘密/)
  // The date field is written in the browser's language; the line under it in the printed words.
  await expect(dialog.getByLabel('审查日期')).toHaveAccessibleDescription(/^即\d{4}年\d{1,2}月\d{1,2}日$/)
  await dialog.getByRole('button', { name: '确定发布' }).click()
  await expect(dialog.getByText('请填写保密审查人')).toBeVisible()
  await expect(dialog.getByLabel('审查人')).toHaveAttribute('aria-invalid', 'true')
  await expect(status(page)).toHaveText('已审核')
  await shots(page, 'dialog-refused')
  // The dialog fits the narrow screen: nothing wider than the viewport.
  await page.setViewportSize({ width: 390, height: 900 })
  const box = await dialog.boundingBox()
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
  await page.setViewportSize({ width: 1440, height: 900 })

  await dialog.getByLabel('审查人').fill('钱保密')
  await dialog.getByRole('button', { name: '确定发布' }).click()
  await expect(status(page)).toHaveText('已发布')

  // The record is on the report's publication page.
  await page.getByRole('link', { name: '发布记录与门户核对' }).click()
  await page.waitForURL(/\/publication$/)
  const record = page.getByTestId('publication-record').locator('tr[data-version="1"]')
  await expect(record.getByTestId('secrecy-record')).toContainText('钱保密')
  await expect(record.getByTestId('secrecy-record')).toContainText('不涉及国家秘密')

  // The portal's copy: the exported HTML of the approved version is 一致 …
  const html = await (await cp.get(`/api/reports/${id}/html`)).text()
  const upload = page.getByLabel('门户网站上的年报文件')
  await upload.setInputFiles({ name: '门户网站年报.html', mimeType: 'text/html', buffer: Buffer.from(html) })
  const result = page.getByTestId('portal-copy-result')
  await expect(result).toHaveAttribute('data-same', '1')
  await expect(result).toContainText('与审核版本一致')
  await shots(page, 'copy-same', true)

  // … and with one number changed, exactly that cell is listed, approved beside portal.
  const n = uniqueCellNumber(html)
  const changed = html.replace(`>${n}<`, `>${n + 1}<`)
  await upload.setInputFiles({ name: '门户网站年报（改）.html', mimeType: 'text/html', buffer: Buffer.from(changed) })
  await expect(result).toHaveAttribute('data-same', '0')
  const rows = result.locator('.copy-cells tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.locator('.approved-value')).toHaveText(n.toLocaleString('en-US'))
  await expect(rows.locator('.portal-value')).toHaveText((n + 1).toLocaleString('en-US'))
  await expect(result.locator('.copy-paragraphs')).toHaveCount(0)
  await shots(page, 'copy-differs', true)
  // On a phone both values of the cell are on screen (stacked), not cut off or scrolled away.
  await page.setViewportSize({ width: 390, height: 900 })
  for (const value of [rows.locator('.approved-value'), rows.locator('.portal-value')]) {
    await expect(value).toBeVisible()
    const box = await value.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
  }
  await page.setViewportSize({ width: 1440, height: 900 })

  // A file that is not a report gets a clear Chinese message.
  await upload.setInputFiles({
    name: '新闻.html',
    mimeType: 'text/html',
    buffer: Buffer.from('<html><body><p>今日新闻：天气晴。</p></body></html>'),
  })
  await expect(page.getByTestId('portal-copy-error')).toContainText('不像一份政府信息公开工作年度报告')
  await upload.setInputFiles({ name: '年报.txt', mimeType: 'text/plain', buffer: Buffer.from('年报') })
  await expect(page.getByTestId('portal-copy-error')).toContainText('不是可以核对的文件')

  // 撤回发布 needs a reason: the button waits for one, and the server refuses without it.
  const noReason = await cp.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'unpublish', baseVersion: version },
  })
  expect(noReason.status()).toBe(422)
  expect((await noReason.json()).error).toBe('reason_required')
  await page.goto(`/reports/${id}`)
  await page.getByTestId('workflow-actions').getByRole('button', { name: '撤回发布', exact: true }).click()
  const withdraw = page.getByRole('dialog', { name: '确认撤回发布' })
  await expect(withdraw).toContainText('公开栏目')
  const confirm = withdraw.getByRole('button', { name: '确定撤回发布' })
  await expect(confirm).toBeDisabled()
  await withdraw.getByLabel(/撤回理由/).fill('表三数据与台账不符，核实后重新发布。')
  await shots(page, 'withdraw-dialog')
  await confirm.click()
  await expect(status(page)).toHaveText('已撤回发布')
  await page.goto(`/reports/${id}/publication`)
  await expect(
    page.getByTestId('publication-record').locator('tr[data-version="1"]').getByTestId('withdrawn-record'),
  ).toContainText('表三数据与台账不符')
  await shots(page, 'record', true)
  await cp.dispose()
  await page.context().close()
})
