import { expect, test } from '@playwright/test'
import { clientAddress, createAccount, createAgency, E2E_ADMIN, signedInRequest } from './accounts'

test('sign in: wrong password, then the right one; the header names the user; sign out', async ({ page, baseURL }) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const agency = await createAgency(admin, 'department')
  const officer = await createAccount(admin, 'officer', agency.id)
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })

  await page.goto('/')
  await page.waitForURL(/\/sign-in\?next=%2F$/)
  await page.getByLabel('账号').fill(officer.email)
  await page.getByLabel('密码').fill('not-the-password')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.locator('p[role="alert"]')).toHaveText(/账号或密码不正确/)

  await page.getByLabel('密码').fill(officer.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/$/)
  await expect(page.locator('.user-menu')).toContainText(officer.name)
  await expect(page.locator('.user-menu')).toContainText(`填报人（${agency.name}）`)
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith('session_token'))
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' })

  await page.getByRole('button', { name: '退出登录' }).click()
  await page.waitForURL(/\/sign-in/)
  expect((await page.request.get('/api/reports')).status()).toBe(401)
  await admin.dispose()
})

test('sign-in attempts are rate-limited with a message in Chinese', async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await page.goto('/sign-in')
  await page.getByLabel('账号').fill('nobody@e2e.test')
  await page.getByLabel('密码').fill('wrong-password')
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.locator('p[role="alert"]')).toHaveText(/账号或密码不正确/)
    await expect(page.getByRole('button', { name: '登录' })).toBeEnabled()
  }
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.locator('p[role="alert"]')).toHaveText(/登录尝试次数过多，请\d+秒后再试/)
})

test('the administrator makes an agency and a user; the user changes the password', async ({ page, baseURL }) => {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': clientAddress() })
  await page.goto('/sign-in')
  await page.getByLabel('账号').fill(E2E_ADMIN.email)
  await page.getByLabel('密码').fill(E2E_ADMIN.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/$/)
  await page.getByRole('link', { name: '系统管理' }).click()

  const stamp = Date.now().toString(36)
  const agencyName = `管理页测试局${stamp}`
  const agencyForm = page.getByRole('form', { name: '新建机关' })
  await agencyForm.getByLabel('机关名称').fill(agencyName)
  await agencyForm.getByLabel('代码').fill(`admin-page-${stamp}`)
  await agencyForm.getByRole('button', { name: '新建机关' }).click()
  await expect(page.locator('.agency-tree').first()).toContainText(agencyName)
  await expect(page.locator('.agency-tree').first()).toContainText(`admin-page-${stamp}`)
  // A code is never reused, whatever the name.
  await agencyForm.getByLabel('机关名称').fill(`${agencyName}乙`)
  await agencyForm.getByLabel('代码').fill(`admin-page-${stamp}`)
  await agencyForm.getByRole('button', { name: '新建机关' }).click()
  // The summary says which code; the field itself carries the reason.
  await expect(agencyForm.getByRole('alert')).toContainText(`机关代码“admin-page-${stamp}”已存在`)
  await expect(agencyForm.locator('label', { hasText: '代码' }).locator('.field-error')).toHaveText('代码已存在')

  const email = `reviewer-${stamp}@e2e.test`
  const userForm = page.getByRole('form', { name: '新建用户' })
  await userForm.getByLabel('账号（邮箱格式）').fill(email)
  await userForm.getByLabel('姓名').fill('管理页审核人')
  await userForm.getByLabel('初始密码（至少12个字符）').fill('first-harbor-lantern-1')
  await userForm.getByLabel('机关').selectOption({ label: agencyName })
  await userForm.getByLabel('角色').selectOption('reviewer')
  // The forced change at first sign-in has its own spec (admin-maintenance); here it is turned off.
  await userForm.getByLabel('首次登录须修改密码').uncheck()
  await userForm.getByRole('button', { name: '新建用户' }).click()
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText(`审核人（${agencyName}）`)

  const reviewer = await signedInRequest(baseURL as string, { email, password: 'first-harbor-lantern-1' })
  expect((await reviewer.get('/api/reports')).status()).toBe(200)
  expect((await reviewer.get('/admin', { maxRedirects: 0 })).status()).toBe(403)

  // The administrator resets the password: the old one and the old session stop working.
  const reset = page.getByRole('form', { name: `重置${email}的密码` })
  await reset.getByLabel('新密码').fill('second-harbor-lantern-2')
  await reset.getByRole('button', { name: '重置密码' }).click()
  await expect(reset.getByRole('status')).toHaveText(/密码已重置/)
  expect((await reviewer.get('/api/reports')).status()).toBe(401)
  await reviewer.dispose()

  // The user signs in with it and changes it.
  await page.getByRole('button', { name: '退出登录' }).click()
  await page.waitForURL(/\/sign-in/)
  await page.getByLabel('账号').fill(email)
  await page.getByLabel('密码').fill('second-harbor-lantern-2')
  await page.getByRole('button', { name: '登录' }).click()
  // A password the administrator set: the user is sent to change it first.
  await page.waitForURL(/\/account\/password\?next=/)
  await page.getByLabel('当前密码').fill('wrong-password')
  await page.getByLabel('新密码（至少12个字符）').fill('third-harbor-lantern-3')
  await page.getByLabel('再次输入新密码').fill('third-harbor-lantern-3')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.locator('p[role="alert"]')).toHaveText(/当前密码不正确/)
  await page.getByLabel('当前密码').fill('second-harbor-lantern-2')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.locator('p[role="status"]')).toHaveText(/密码已修改/)
  const again = await signedInRequest(baseURL as string, { email, password: 'third-harbor-lantern-3' })
  await again.dispose()
})

test("a reviewer and the government's coordinator see the officer's report read-only", async ({ browser, baseURL }) => {
  const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
  const gov = await createAgency(admin, 'government')
  const dept = await createAgency(admin, 'department', gov.id)
  const officer = await signedInRequest(baseURL as string, await createAccount(admin, 'officer', dept.id))
  const { id } = await (await officer.post('/api/reports', { data: { formatVersion: '2021', year: 2024 } })).json()
  for (const [role, agencyId] of [
    ['reviewer', dept.id],
    ['coordinator', gov.id],
  ] as const) {
    const account = await createAccount(admin, role, agencyId)
    const context = await browser.newContext({
      extraHTTPHeaders: { 'x-forwarded-for': clientAddress(), origin: baseURL as string },
    })
    const res = await context.request.post('/api/auth/sign-in/email', {
      data: { email: account.email, password: account.password },
      headers: { origin: baseURL as string },
    })
    expect(res.status()).toBe(200)
    const page = await context.newPage()
    await page.goto(`/reports/${id}`)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(dept.name)
    await page.locator('.stepper [data-section="applications"]').click()
    await expect(page.locator('[data-path="applications.newReceived.natural"]')).not.toBeEditable()
    await context.close()
  }
  await officer.dispose()
  await admin.dispose()
})
