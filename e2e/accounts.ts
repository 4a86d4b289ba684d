/**
 * Accounts for e2e tests. The e2e database has one administrator (made by e2e/global-setup.ts,
 * never in production); every test makes its own agencies and users through the admin API, so
 * tests never share data. Each sign-in comes from its own client address (X-Forwarded-For, as a
 * reverse proxy would set it), so the sign-in rate limit never couples two tests.
 */
import { type APIRequestContext, type Browser, expect, type Page, request as requestFactory } from '@playwright/test'

export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-harbor-lantern-77', name: 'e2e 管理员' }
export const E2E_PASSWORD = 'e2e-user-password'

export type Role = 'officer' | 'reviewer' | 'coordinator'
export interface Agency {
  id: string
  code: string
  name: string
  type: 'government' | 'department'
  parentId: string | null
}
export interface Account {
  id: string
  email: string
  password: string
  name: string
}

const rand = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`

/** A unique private IPv4 address for one client. */
export function clientAddress(): string {
  const b = () => Math.floor(Math.random() * 254) + 1
  return `10.${b()}.${b()}.${b()}`
}

/** Signs a request context in (a browser context's `request` shares its cookies). */
export async function signIn(
  request: APIRequestContext,
  baseURL: string,
  account: { email: string; password: string },
) {
  const res = await request.post('/api/auth/sign-in/email', {
    data: { email: account.email, password: account.password },
    headers: { origin: baseURL, 'x-forwarded-for': clientAddress() },
  })
  expect(res.status(), `sign in ${account.email}`).toBe(200)
}

/** A page of a browser context of its own, signed in as `account`, `width` × 900. */
export async function signedInPage(browser: Browser, baseURL: string, account: Account, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  await signIn(context.request, baseURL, account)
  return context.newPage()
}

export async function signedInRequest(baseURL: string, account: { email: string; password: string }) {
  // Our routes refuse a state-changing request that names no origin of ours (CSRF guard).
  const request = await requestFactory.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  await signIn(request, baseURL, account)
  return request
}

export async function createAgency(
  admin: APIRequestContext,
  type: 'government' | 'department',
  parentId: string | null = null,
  prefix = type === 'government' ? '测试区人民政府' : '测试局',
): Promise<Agency> {
  const res = await admin.post('/api/admin/agencies', {
    data: { code: `e2e-${rand()}`, name: `${prefix}${rand()}`, type, level: 'county', parentId },
  })
  expect(res.status(), await res.text()).toBe(201)
  return res.json()
}

export async function createAccount(admin: APIRequestContext, role: Role, agencyId: string): Promise<Account> {
  const email = `${role}-${rand()}@e2e.test`
  const res = await admin.post('/api/admin/users', {
    data: {
      email,
      name: `${role}${rand().slice(-4)}`,
      password: E2E_PASSWORD,
      // Specs sign in straight away; the forced change has its own spec (admin-maintenance).
      mustChangePassword: false,
      memberships: [{ agencyId, role }],
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  const user = await res.json()
  return { id: user.id, email, password: E2E_PASSWORD, name: user.name }
}

/** A government with one department, its officer and reviewer, and the government's coordinator. */
export interface Cast {
  gov: Agency
  dept: Agency
  officer: Account
  reviewer: Account
  coordinator: Account
}

export async function createCast(baseURL: string): Promise<Cast> {
  const admin = await signedInRequest(baseURL, E2E_ADMIN)
  const gov = await createAgency(admin, 'government')
  const dept = await createAgency(admin, 'department', gov.id)
  const result = {
    gov,
    dept,
    officer: await createAccount(admin, 'officer', dept.id),
    reviewer: await createAccount(admin, 'reviewer', dept.id),
    coordinator: await createAccount(admin, 'coordinator', gov.id),
  }
  await admin.dispose()
  return result
}
