/**
 * `test` for specs that act as an officer: each test gets its own department and an officer of
 * it, and both `page` (through its context) and `request` are signed in as that officer.
 */
import { type APIRequestContext, test as base } from '@playwright/test'
import { type Account, type Agency, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'

export { expect } from '@playwright/test'

export const test = base.extend<{ admin: APIRequestContext; officer: Account & { agency: Agency } }>({
  // Per test, not per worker: a context kept for the whole run reused a keep-alive connection
  // that had idled for about the server's keepAliveTimeout (65 s) as the server closed it, and the
  // request failed with ECONNRESET (api-smoke, after a minute of accessibility checks).
  admin: async ({ baseURL }, use) => {
    const admin = await signedInRequest(baseURL as string, E2E_ADMIN)
    await use(admin)
    await admin.dispose()
  },
  officer: async ({ admin }, use) => {
    const agency = await createAgency(admin, 'department')
    const account = await createAccount(admin, 'officer', agency.id)
    await use({ ...account, agency })
  },
  context: async ({ context, officer, baseURL }, use) => {
    await signIn(context.request, baseURL as string, officer)
    await use(context)
  },
  request: async ({ officer, baseURL }, use) => {
    const request = await signedInRequest(baseURL as string, officer)
    await use(request)
    await request.dispose()
  },
})
