/**
 * `test` for specs that act as an officer: each test gets its own department and an officer of
 * it, and both `page` (through its context) and `request` are signed in as that officer.
 */
import { type APIRequestContext, test as base } from '@playwright/test'
import { type Account, type Agency, createAccount, createAgency, E2E_ADMIN, signedInRequest, signIn } from './accounts'

export { expect } from '@playwright/test'

export const test = base.extend<{ officer: Account & { agency: Agency } }, { admin: APIRequestContext }>({
  admin: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from the destructuring
    async ({}, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL as string
      const admin = await signedInRequest(baseURL, E2E_ADMIN)
      await use(admin)
      await admin.dispose()
    },
    { scope: 'worker' },
  ],
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
