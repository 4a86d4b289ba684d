import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { userActiveInput } from '@/lib/requests/account-maintenance'
import { userParams } from '@/lib/requests/accounts'
import { setUserActive } from '@/lib/services/account-maintenance'

/** Body: {active} → 200 the user. Deactivating ends the user's sessions at once. */
export const PUT = route(
  { params: userParams, body: userActiveInput, access: () => apiGlobal('user.manage') },
  async ({ params, body, access }) =>
    Response.json(await setUserActive(params.id, body, { actor: access, address: await requestAddress() })),
)
