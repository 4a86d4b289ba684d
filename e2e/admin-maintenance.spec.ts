/**
 * Administration that maintains (issue 16, decision 0360): memberships edited, a user
 * deactivated and reactivated, an agency renamed and moved (its report keeps its address), and
 * the forced password change at the first sign-in. Each test makes its own agencies and users.
 */
import { type Page, expect, test } from '@playwright/test'
import {
  clientAddress,
  createAccount,
  createAgency,
  E2E_ADMIN,
  E2E_PASSWORD,
  signedInRequest,
  signIn,
} from './accounts'

async function adminPage(page: Page, baseURL: string) {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await signIn(page.request, baseURL, E2E_ADMIN)
}

const YEAR = new Date().getFullYear() - 1

test("the administrator edits a user's memberships: several agencies, add and remove, refusals at the row", async ({
  page,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const gov = await createAgency(admin, 'government')
  const d1 = await createAgency(admin, 'department', gov.id)
  const d2 = await createAgency(admin, 'department', gov.id)
  const officer = await createAccount(admin, 'officer', d1.id)
  const asOfficer = await signedInRequest(baseURL as string, officer)
  const created = await asOfficer.post('/api/reports', { data: { formatVersion: '2021', year: YEAR, agencyId: d1.id } })
  expect(created.status()).toBe(201)
  const reportId = (await created.json()).id as string
  const otherOfficer = await signedInRequest(baseURL as string, await createAccount(admin, 'officer', d2.id))
  const other = await otherOfficer.post('/api/reports', {
    data: { formatVersion: '2021', year: YEAR, agencyId: d2.id },
  })
  expect(other.status()).toBe(201)
  const otherId = (await other.json()).id as string
  await otherOfficer.dispose()

  await adminPage(page, baseURL as string)
  await page.goto(`/admin?q=${encodeURIComponent(officer.email)}`)
  await expect(page.getByRole('status').filter({ hasText: '共1个用户' })).toBeVisible()
  await page.getByRole('link', { name: officer.email }).click()
  await page.waitForURL(/\/admin\/users\//)
  const form = page.getByRole('form', { name: '角色与机关' })
  await expect(form.locator('.membership-row')).toHaveCount(1)

  // A coordinator on a department is refused at its row's role.
  await form.getByRole('button', { name: '添加机关角色' }).click()
  const second = form.locator('.membership-row').nth(1)
  await second.getByLabel('机关').selectOption({ label: d2.name })
  await second.getByLabel('角色').selectOption('coordinator')
  await form.getByRole('button', { name: '保存角色' }).click()
  await expect(second.locator('.field-error')).toHaveText('政务公开办的角色只能设在人民政府上')

  // Reviewer of d2 and coordinator of the government; the officer role of d1 removed.
  await second.getByLabel('角色').selectOption('reviewer')
  await form.getByRole('button', { name: '添加机关角色' }).click()
  const third = form.locator('.membership-row').nth(2)
  await third.getByLabel('机关').selectOption({ label: gov.name })
  await third.getByLabel('角色').selectOption('coordinator')
  await form.locator('.membership-row').nth(0).getByRole('button', { name: '删除' }).click()
  await form.getByRole('button', { name: '保存角色' }).click()
  await expect(form.getByRole('status')).toHaveText(/角色已保存/)

  // In force at once: the session the user already has is judged by the new roles.
  expect((await asOfficer.patch(`/api/reports/${reportId}`, { data: { changes: [] } })).status()).toBe(403)
  expect((await asOfficer.get(`/api/reports/${otherId}`)).status()).toBe(200)

  await page.reload()
  await expect(form.locator('.membership-row')).toHaveCount(2)
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    // Rows stay within the form at either width.
    const box = (await form.boundingBox())!
    for (const row of await form.locator('.membership-row').all()) {
      const r = (await row.boundingBox())!
      expect(r.x).toBeGreaterThanOrEqual(box.x)
      expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 0.5)
    }
    await page.screenshot({ path: test.info().outputPath(`admin-user-${width}.png`), fullPage: true })
  }
  await page.goto('/admin')
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: test.info().outputPath(`admin-${width}.png`), fullPage: true })
  }
  await asOfficer.dispose()
  await admin.dispose()
})

test('a deactivated user is signed out at once and told why at sign-in; reactivated, signs in again', async ({
  page,
  browser,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const officer = await createAccount(admin, 'officer', (await createAgency(admin, 'department')).id)
  const elsewhere = await signedInRequest(baseURL as string, officer)
  expect((await elsewhere.get('/api/reports')).status()).toBe(200)

  await adminPage(page, baseURL as string)
  await page.goto(`/admin/users/${officer.id}`)
  const state = page.getByRole('region', { name: '账号状态' })
  await state.getByRole('button', { name: '停用账号' }).click()
  await expect(state.getByRole('status')).toHaveText(/账号已停用/)
  await expect(state.getByText('已停用', { exact: true })).toBeVisible()
  expect((await elsewhere.get('/api/reports')).status()).toBe(401)

  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } })
  const them = await context.newPage()
  await them.goto('/sign-in')
  await them.getByLabel('账号').fill(officer.email)
  await them.getByLabel('密码').fill(E2E_PASSWORD)
  await them.getByRole('button', { name: '登录' }).click()
  await expect(them.locator('p[role="alert"]')).toHaveText(/该账号已停用，无法登录/)

  await state.getByRole('button', { name: '恢复账号' }).click()
  await expect(state.getByRole('status')).toHaveText(/账号已恢复/)
  await them.getByRole('button', { name: '登录' }).click()
  await them.waitForURL((url) => url.pathname === '/')
  await context.close()
  await elsewhere.dispose()
  await admin.dispose()
})

test("an agency renamed and moved keeps its code and its report's address; who may read it follows the move", async ({
  page,
  baseURL,
}) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const g1 = await createAgency(admin, 'government')
  const g2 = await createAgency(admin, 'government')
  const d = await createAgency(admin, 'department', g1.id)
  const officer = await createAccount(admin, 'officer', d.id)
  const c1 = await signedInRequest(baseURL as string, await createAccount(admin, 'coordinator', g1.id))
  const c2 = await signedInRequest(baseURL as string, await createAccount(admin, 'coordinator', g2.id))
  const asOfficer = await signedInRequest(baseURL as string, officer)
  const created = await asOfficer.post('/api/reports', { data: { formatVersion: '2021', year: YEAR, agencyId: d.id } })
  const reportId = (await created.json()).id as string
  expect((await c1.get(`/api/reports/${reportId}`)).status()).toBe(200)
  expect((await c2.get(`/api/reports/${reportId}`)).status()).toBe(404)

  await adminPage(page, baseURL as string)
  await page.goto('/admin')
  const form = page.getByRole('form', { name: '修改机关' })
  await form.locator('select[name="agencyId"]').selectOption({ label: d.name })
  await expect(form.getByText(d.code)).toBeVisible()
  const renamed = `${d.name}（更名）`
  await form.getByLabel('新名称').fill(renamed)
  await form.getByLabel('新的上级机关').selectOption({ label: g2.name })
  await form.getByRole('button', { name: '保存机关' }).click()
  await expect(form.getByRole('status')).toHaveText(`已保存：${renamed}（代码 ${d.code} 不变）。`)
  await expect(page.locator('.agency-tree').first()).toContainText(renamed)

  // A government under its own department is refused, at the parent field.
  await form.locator('select[name="agencyId"]').selectOption({ label: g2.name })
  await form.getByLabel('新的上级机关').selectOption({ label: renamed })
  await form.getByRole('button', { name: '保存机关' }).click()
  await expect(form.getByRole('alert')).toContainText('人民政府不能移到自己的下属机关之下')
  await expect(form.locator('label', { hasText: '新的上级机关' }).locator('.field-error')).toBeVisible()

  // The report keeps its address; the new government's coordinator reads it, the old one no longer.
  expect((await c1.get(`/api/reports/${reportId}`)).status()).toBe(404)
  expect((await c2.get(`/api/reports/${reportId}`)).status()).toBe(200)
  const officerPage = await page
    .context()
    .browser()!
    .newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } })
  const p = await officerPage.newPage()
  await signIn(p.request, baseURL as string, officer)
  const opened = await p.goto(`/reports/${reportId}`)
  expect(opened?.status()).toBe(200)
  await expect(p.locator('main')).toBeVisible()
  await officerPage.close()
  for (const r of [c1, c2, asOfficer, admin]) await r.dispose()
})

test('a user made by the administrator changes the password at the first sign-in before anything else', async ({
  page,
  browser,
  baseURL,
}) => {
  await adminPage(page, baseURL as string)
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const agency = await createAgency(admin, 'department')
  await page.goto('/admin')
  const stamp = Date.now().toString(36)
  const email = `forced-${stamp}@e2e.test`
  const userForm = page.getByRole('form', { name: '新建用户' })
  await userForm.getByLabel('账号（邮箱格式）').fill(email)
  await userForm.getByLabel('姓名').fill('首次登录')
  await userForm.getByLabel('初始密码（至少12个字符）').fill('temporary-harbor-lantern-1')
  await userForm.getByLabel('机关').selectOption({ label: agency.name })
  await expect(userForm.getByLabel('首次登录须修改密码')).toBeChecked()
  await userForm.getByRole('button', { name: '新建用户' }).click()
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('须修改密码')

  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } })
  const them = await context.newPage()
  await them.goto('/sign-in')
  await them.getByLabel('账号').fill(email)
  await them.getByLabel('密码').fill('temporary-harbor-lantern-1')
  await them.getByRole('button', { name: '登录' }).click()
  await them.waitForURL(/\/account\/password\?next=/)
  await expect(them.getByRole('note')).toHaveText(/管理员为您设置了临时密码/)
  // Nothing else until it is changed: pages come back here, the API says why.
  await them.goto('/desk')
  await expect(them).toHaveURL(/\/account\/password\?next=%2Fdesk/)
  const api = await them.request.get('/api/reports')
  expect(api.status()).toBe(403)
  expect((await api.json()).error).toBe('password_change_required')
  for (const width of [1440, 390]) {
    await them.setViewportSize({ width, height: 800 })
    await them.screenshot({ path: test.info().outputPath(`forced-password-${width}.png`), fullPage: true })
  }

  await them.getByLabel('当前密码').fill('temporary-harbor-lantern-1')
  await them.getByLabel('新密码（至少12个字符）').fill('my-own-harbor-lantern-2')
  await them.getByLabel('再次输入新密码').fill('my-own-harbor-lantern-2')
  await them.getByRole('button', { name: '修改密码' }).click()
  await expect(them.locator('p[role="status"]')).toHaveText(/密码已修改/)
  await them.getByRole('link', { name: '继续使用' }).click()
  await expect(them).toHaveURL(/\/desk$/)
  expect((await them.request.get('/api/reports')).status()).toBe(200)
  await context.close()
  await admin.dispose()
})
