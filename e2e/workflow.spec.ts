/**
 * The review workflow end to end, each role in its own browser: the officer fills and submits,
 * the reviewer comments on a cell and returns, the officer answers, fixes and resubmits, the
 * reviewer resolves and approves, the coordinator publishes, and the .docx downloads from the
 * lists. Then: tampering with the stored row after approval changes nothing in the exports.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'
import JSZip from 'jszip'
import { type Account, createCast, signIn } from './accounts'
import { E2E_DATABASE_URL } from './global-setup'
import { cell, cellValue, expectSaved, fillCell, loadFixture, openSection } from './helpers'

async function as(
  browser: Browser,
  baseURL: string,
  account: Account,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  await signIn(context.request, baseURL, account)
  return { context, page: await context.newPage() }
}

/** The fixture (its fee facts stated as 0), imported into the officer's agency. */
async function importDraft(context: BrowserContext): Promise<string> {
  const res = await context.request.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture('zhangdian-office-2022')) },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()).id
}

/**
 * Rewrites the working row's numbers and text straight in the e2e database, past every service
 * (in a tsx child process, as e2e/global-setup.ts reaches the database: the same client on
 * SQLite or PostgreSQL).
 */
function tamper(id: string) {
  const script = `(async () => {
    const db = await import('./lib/db')
    const prisma = db.prisma ?? db.default.prisma
    const row = await prisma.report.findUniqueOrThrow({ where: { id: ${JSON.stringify(id)} } })
    const content = JSON.parse(row.content)
    content.sections.applications.newReceived.natural = 987654
    content.sections.overview = '篡改后的总体情况。'
    await prisma.report.update({ where: { id: row.id }, data: { content: JSON.stringify(content), version: row.version + 1 } })
    await prisma.$disconnect()
  })()`
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', '-e', script], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

const status = (page: Page) => page.getByTestId('report-status')

/** Clicks a transition and confirms it in the page's dialog, which first says what will happen. */
async function confirmTransition(page: Page, label: string, saying: RegExp) {
  await page.getByTestId('workflow-actions').getByRole('button', { name: label, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: `确认${label}` })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(saying)
  // 发布 records the 保密审查 first (decision 0310); the date and conclusion come filled in.
  if (label === '发布') await dialog.getByLabel('审查人').fill('钱保密')
  await dialog.getByRole('button', { name: `确定${label}` }).click()
}

async function headersOf(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx)
  return (await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')))).join('')
}

test('officer submits, reviewer returns with a comment, officer fixes, reviewer approves, coordinator publishes, .docx downloads', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const c = await createCast(baseURL as string)
  const officer = await as(browser, baseURL as string, c.officer)
  const reviewer = await as(browser, baseURL as string, c.reviewer)
  const coordinator = await as(browser, baseURL as string, c.coordinator)
  const id = await importDraft(officer.context)

  // The officer fills what is blank and submits.
  const op = officer.page
  await op.goto(`/reports/${id}`)
  await expect(status(op)).toHaveText('草稿')
  await openSection(op, 'otherMatters')
  for (const f of ['noticesIssued', 'amountBilledYuan', 'amountCollectedYuan']) {
    await fillCell(op, `otherMatters.infoProcessingFee.${f}`, '0')
  }
  await expectSaved(op)
  // One click does not submit: the dialog says what will happen, and 取消 leaves it a draft.
  await op.getByRole('button', { name: '提交审核' }).click()
  const asked = op.getByRole('dialog', { name: '确认提交审核' })
  await expect(asked).toContainText('审核人退回之前不能再修改')
  await asked.getByRole('button', { name: '取消' }).click()
  await expect(asked).toBeHidden()
  await expect(status(op)).toHaveText('草稿')
  await confirmTransition(op, '提交审核', /可以撤回提交/)
  await expect(status(op)).toHaveText('已提交')
  await expect(op.getByTestId('read-only')).toContainText('退回之前不能修改')
  await openSection(op, 'applications')
  await expect(cell(op, 'applications.newReceived.natural')).not.toBeEditable()

  // The reviewer finds it waiting, comments on a cell and returns it with reasons.
  const rp = reviewer.page
  await rp.goto('/desk')
  const waiting = rp.getByTestId('reviewer-list')
  await expect(waiting).toContainText(c.dept.name)
  await waiting.getByRole('link', { name: c.dept.name }).click()
  await rp.waitForURL(/\/reports\//)
  await expect(status(rp)).toHaveText('已提交')
  await openSection(rp, 'applications')
  await cell(rp, 'applications.newReceived.natural').focus()
  await rp.getByRole('textbox', { name: '审核意见' }).fill('自然人申请数与登记台账不一致，请核对。')
  await rp.getByRole('button', { name: '提出意见' }).click()
  await expect(rp.locator('.comment')).toContainText('自然人申请数与登记台账不一致')
  await expect(rp.locator('.comment .comment-anchor')).toContainText('自然人')
  // The open comment keeps 审核通过 refused, with the list.
  await rp.reload()
  await expect(rp.getByRole('button', { name: '审核通过' })).toBeDisabled()
  await expect(rp.getByTestId('workflow-refusals')).toContainText('还有1条审核意见未解决，不能审核通过')
  await expect(rp.getByTestId('workflow-refusals')).toContainText('自然人申请数与登记台账不一致')
  await expect(rp.getByTestId('resubmission')).toHaveCount(0)
  await rp.getByRole('button', { name: '退回修改' }).click()
  const dialog = rp.getByRole('dialog', { name: '退回修改' })
  await dialog.getByRole('textbox').fill('表三第一行与台账不符，请核对后重新提交。')
  await dialog.getByRole('button', { name: '确定退回修改' }).click()
  await expect(status(rp)).toHaveText('已退回')

  // The officer sees the reasons and the comment on its cell, answers, fixes and resubmits.
  await op.reload()
  await expect(status(op)).toHaveText('已退回')
  await expect(op.getByTestId('return-reason')).toContainText('表三第一行与台账不符')
  await openSection(op, 'applications')
  await expect(op.locator('td.has-comment [data-path="applications.newReceived.natural"]')).toBeVisible()
  const thread = op.locator('.comment', { hasText: '自然人申请数与登记台账不一致' })
  await thread.getByLabel('回复').fill('已按台账更正为实际数。')
  await thread.getByRole('button', { name: '回复' }).click()
  await expect(thread).toContainText('已按台账更正为实际数。')
  const natural = 'applications.newReceived.natural'
  const before = Number(await cellValue(op, natural))
  await fillCell(op, natural, String(before + 1))
  await fillCell(
    op,
    'applications.granted.natural',
    String(Number(await cellValue(op, 'applications.granted.natural')) + 1),
  )
  // The text still says the old count: the finding offers the corrected number, one click writes it.
  const stale = op.locator('.finding[data-rule="N1"]').first()
  await expect(stale).toContainText('改为“108件”')
  await stale.getByRole('button', { name: /^改为/ }).click()
  await expect(op.locator('.finding[data-rule="N1"]')).toHaveCount(0)
  await expectSaved(op)
  await confirmTransition(op, '提交审核', /审核人退回之前不能再修改/)
  await expect(status(op)).toHaveText('已提交')

  // The reviewer sees what changed since the last submission.
  await rp.reload()
  const resubmission = rp.getByTestId('resubmission')
  await expect(resubmission).toContainText('与上次提交相比有')
  await resubmission.getByRole('link', { name: '查看改动' }).click()
  await rp.waitForURL(/\/versions\?a=s1&b=s2/)
  const changed = rp.locator('.compare-cells tr[data-path="applications.newReceived.natural"]')
  await expect(changed.locator('.diff-before')).toHaveText(String(before))
  await expect(changed.locator('.diff-after')).toHaveText(String(before + 1))
  await rp.goto(`/reports/${id}`)

  // The reviewer resolves the comment and approves.
  const rthread = rp.locator('.comment', { hasText: '自然人申请数与登记台账不一致' })
  await expect(rthread).toContainText('已按台账更正为实际数。')
  await rthread.getByRole('button', { name: '标记为已处理' }).click()
  await expect(rp.getByText('没有待处理的审核意见。')).toBeVisible()
  await rp.reload()
  await confirmTransition(rp, '审核通过', /冻结/)
  await expect(status(rp)).toHaveText('已审核')

  // The coordinator sees it among the government's agencies, with its deadline, and publishes.
  const cp = coordinator.page
  await cp.goto('/desk?year=2022')
  const row = cp.getByTestId('coordinator-list').locator('tr', { hasText: c.dept.name })
  await expect(row).toContainText('已审核')
  await expect(row).toContainText('2023-01-31')
  await expect(cp.getByTestId('coordinator-list').locator('tr', { hasText: c.gov.name })).toContainText('未新建')
  await row.getByRole('link', { name: c.dept.name }).click()
  await cp.waitForURL(/\/reports\/[^/]+$/)
  await confirmTransition(cp, '发布', /正式年报公开/)
  await expect(status(cp)).toHaveText('已发布')

  // Anyone entitled downloads the finished .docx from the list: no 草稿 mark, the fixed numbers.
  await cp.goto('/desk?year=2022')
  const [download] = await Promise.all([
    cp.waitForEvent('download'),
    cp
      .getByTestId('coordinator-list')
      .locator('tr', { hasText: c.dept.name })
      .getByRole('link', { name: 'Word' })
      .click(),
  ])
  const docx = readFileSync(await download.path())
  expect(await headersOf(docx)).not.toContain('草稿')
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
  expect(xml).toMatch(new RegExp(`<w:t[^>]*>${before + 1}</w:t>`))
  await op.goto('/desk')
  const [officerDownload] = await Promise.all([
    op.waitForEvent('download'),
    op.getByTestId('officer-list').locator('tr', { hasText: c.dept.name }).getByRole('link', { name: 'Word' }).click(),
  ])
  expect(Buffer.compare(readFileSync(await officerDownload.path()), docx)).toBe(0)

  // The history names who did what.
  await op.goto(`/reports/${id}/history`)
  const history = op.locator('.history-table')
  for (const label of ['提交审核', '退回修改', '审核通过', '发布', '保存', '提出审核意见', '回复审核意见']) {
    await expect(history).toContainText(label)
  }
  await expect(history.locator('tr[data-kind="return"]')).toContainText(c.reviewer.name)
  await expect(history.locator('tr[data-kind="publish"]')).toContainText(c.coordinator.name)
  await expect(history.locator('tr[data-kind="save"]').first()).toContainText(c.officer.name)

  for (const who of [officer, reviewer, coordinator]) await who.context.close()
})

test('the officer withdraws an untouched submission; after a reviewer’s comment withdrawal is refused', async ({
  browser,
  baseURL,
}) => {
  const c = await createCast(baseURL as string)
  const officer = await as(browser, baseURL as string, c.officer)
  const reviewer = await as(browser, baseURL as string, c.reviewer)
  const id = await importDraft(officer.context)
  const api = officer.context.request
  const stored = await (await api.get(`/api/reports/${id}`)).json()
  stored.report.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  const saved = await (await api.put(`/api/reports/${id}`, { data: { baseVersion: 1, report: stored.report } })).json()
  const submit = () =>
    api.post(`/api/reports/${id}/transitions`, { data: { transition: 'submit', baseVersion: saved.version } })
  expect((await submit()).status()).toBe(200)

  const op = officer.page
  await op.goto(`/reports/${id}`)
  await expect(status(op)).toHaveText('已提交')
  // The dialog fits the screen at both widths, its buttons inside it.
  await op.getByRole('button', { name: '撤回提交' }).click()
  const asked = op.getByRole('dialog', { name: '确认撤回提交' })
  for (const width of [1440, 390]) {
    await op.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    const box = (await asked.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(width)
    const ok = (await asked.getByRole('button', { name: '确定撤回提交' }).boundingBox())!
    expect(ok.x + ok.width).toBeLessThanOrEqual(box.x + box.width)
    await op.screenshot({ path: test.info().outputPath(`withdraw-dialog-${width}.png`) })
  }
  await op.setViewportSize({ width: 1440, height: 900 })
  await asked.getByRole('button', { name: '取消' }).click()
  await confirmTransition(op, '撤回提交', /回到草稿/)
  await expect(status(op)).toHaveText('草稿')
  await expect(op.getByTestId('read-only')).toHaveCount(0)

  // Submitted again; the reviewer comments: the officer can no longer withdraw.
  expect((await submit()).status()).toBe(200)
  const comment = await reviewer.context.request.post(`/api/reports/${id}/comments`, {
    data: { anchor: 'overview', body: '概述请补充本年度重点工作。' },
  })
  expect(comment.status(), await comment.text()).toBe(201)
  await op.reload()
  await expect(op.getByRole('button', { name: '撤回提交' })).toBeDisabled()
  await expect(op.getByTestId('workflow-refusals')).toContainText('不能撤回')
  const refusedWithdraw = await api.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'withdraw', baseVersion: saved.version },
  })
  expect(refusedWithdraw.status()).toBe(409)
  expect((await refusedWithdraw.json()).message).toContain('不能撤回')
  for (const who of [officer, reviewer]) await who.context.close()
})

test('an officer deletes a never-submitted draft after confirming; it leaves every list', async ({
  browser,
  baseURL,
}) => {
  const c = await createCast(baseURL as string)
  const officer = await as(browser, baseURL as string, c.officer)
  const id = await importDraft(officer.context)
  const op = officer.page
  await op.goto(`/reports/${id}`)
  await op.getByRole('button', { name: '删除草稿' }).click()
  const dialog = op.getByRole('dialog', { name: '删除草稿' })
  await expect(dialog).toContainText('审计记录')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(status(op)).toHaveText('草稿')
  await op.getByRole('button', { name: '删除草稿' }).click()
  await dialog.getByRole('button', { name: '确定删除' }).click()
  await op.waitForURL((url) => url.pathname === '/')
  await expect(op.locator(`a[href="/reports/${id}"]`)).toHaveCount(0)
  expect((await officer.context.request.get(`/api/reports/${id}`)).status()).toBe(404)
  await officer.context.close()
})

test('after approval, changing the stored draft row directly changes nothing in the exports', async ({
  browser,
  baseURL,
}) => {
  const c = await createCast(baseURL as string)
  const officer = await as(browser, baseURL as string, c.officer)
  const reviewer = await as(browser, baseURL as string, c.reviewer)
  const id = await importDraft(officer.context)
  const api = officer.context.request
  const serverTime = async (path: string) => Date.parse((await api.get(path)).headers().date)
  const get = async (path: string) => {
    const res = await api.get(path)
    expect(res.status()).toBe(200)
    return res.body()
  }
  // Fill the fee cells and submit through the API, approve as the reviewer.
  const stored = await (await api.get(`/api/reports/${id}`)).json()
  stored.report.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  const saved = await (await api.put(`/api/reports/${id}`, { data: { baseVersion: 1, report: stored.report } })).json()
  const submit = await api.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'submit', baseVersion: saved.version },
  })
  expect(submit.status(), await submit.text()).toBe(200)
  const approve = await reviewer.context.request.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'approve', baseVersion: saved.version },
  })
  expect(approve.status(), await approve.text()).toBe(200)

  const docx = await get(`/api/reports/${id}/docx`)
  const html = await get(`/api/reports/${id}/html`)
  const builtAt = await serverTime(`/api/reports/${id}`)
  expect(await headersOf(docx)).not.toContain('草稿')

  // Straight into the database, past every service: the working row's numbers and text.
  tamper(id)

  // Wait until the server's clock (whole seconds in the Date header) is over two seconds on, so
  // a build stamped with the current time would differ in its zip entries (two-second steps).
  await expect
    .poll(() => serverTime(`/api/reports/${id}`), { intervals: [250], timeout: 10_000 })
    .toBeGreaterThanOrEqual(builtAt + 3000)
  expect(Buffer.compare(await get(`/api/reports/${id}/docx`), docx)).toBe(0)
  expect(Buffer.compare(await get(`/api/reports/${id}/html`), html)).toBe(0)
  expect((await get(`/api/reports/${id}/html`)).toString('utf8')).not.toContain('篡改')
  // The tampered working copy is only what ?source=working gives, marked as a draft.
  const working = (await get(`/api/reports/${id}/html?source=working`)).toString('utf8')
  expect(working).toContain('篡改后的总体情况')
  expect(working).toContain('草稿')

  for (const who of [officer, reviewer]) await who.context.close()
})

test('a correction after publication opens version 2; the versions page lists both and compares them', async ({
  browser,
  baseURL,
}) => {
  const c = await createCast(baseURL as string)
  const officer = await as(browser, baseURL as string, c.officer)
  const reviewer = await as(browser, baseURL as string, c.reviewer)
  const coordinator = await as(browser, baseURL as string, c.coordinator)
  const id = await importDraft(officer.context)
  const api = officer.context.request
  const take = async (who: BrowserContext, transition: string, baseVersion: number, reason?: string) => {
    // 发布 carries the 保密审查 record (decision 0310), dated today in Beijing.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const secrecy =
      transition === 'publish' ? { reviewer: '钱保密', reviewedOn: today, conclusion: '经审查，不涉密。' } : undefined
    const res = await who.request.post(`/api/reports/${id}/transitions`, {
      data: { transition, baseVersion, reason, secrecy },
    })
    expect(res.status(), await res.text()).toBe(200)
    return res.json()
  }
  const save = async (edit: (report: any) => void) => {
    const stored = await (await api.get(`/api/reports/${id}`)).json()
    edit(stored.report)
    const res = await api.put(`/api/reports/${id}`, { data: { baseVersion: stored.version, report: stored.report } })
    expect(res.status(), await res.text()).toBe(200)
    return (await res.json()).version as number
  }
  let v = await save((r) => {
    r.sections.otherMatters.infoProcessingFee = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }
  })
  await take(officer.context, 'submit', v)
  await take(reviewer.context, 'approve', v)
  await take(coordinator.context, 'publish', v)
  const opened = await take(officer.context, 'correct', v, '表三数据有误，更正后重新发布')
  expect(opened).toMatchObject({ status: 'draft', edition: 2 })
  v = await save((r) => {
    r.sections.applications.newReceived.natural += 2
    r.sections.applications.granted.natural += 2
    // The text states the count too: corrected with the table (N1 would ask for it).
    r.sections.overview = r.sections.overview.replace('共收到依申请公开事项107件', '共收到依申请公开事项109件')
    r.sections.problemsImprovements = `${r.sections.problemsImprovements}\n（补充）加强信息公开培训。`
  })
  await take(officer.context, 'submit', v)
  await take(reviewer.context, 'approve', v)

  const page = officer.page
  await page.goto(`/reports/${id}/versions`)
  const versions = page.locator('.versions-table')
  await expect(versions.locator('tr[data-version="1"]')).toContainText('已发布')
  await expect(versions.locator('tr[data-version="1"]')).toContainText(c.coordinator.name)
  await expect(versions.locator('tr[data-version="2"]')).toContainText('已审核')
  await expect(versions.locator('tr[data-version="2"]')).toContainText(c.reviewer.name)
  const compare = page.getByRole('region', { name: '版本比较' })
  await expect(compare.locator('tr[data-path="applications.newReceived.natural"]')).toContainText('自然人')
  await expect(compare.locator('tr[data-path="applications.granted.natural"]')).toBeVisible()
  await expect(compare.locator('.para-added')).toContainText('（补充）加强信息公开培训。')
  await page.screenshot({ path: test.info().outputPath('versions.png'), fullPage: true })

  // Version 1 still downloads as it was published; the default download is now version 2.
  const v1 = await (await api.get(`/api/reports/${id}/html?version=1`)).text()
  const current = await (await api.get(`/api/reports/${id}/html`)).text()
  expect(v1).not.toContain('（补充）加强信息公开培训。')
  expect(current).toContain('（补充）加强信息公开培训。')
  for (const who of [officer, reviewer, coordinator]) await who.context.close()
})
