import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { userAccessInput } from '@/lib/requests/account-maintenance'
import { userParams } from '@/lib/requests/accounts'
import { updateUserAccess } from '@/lib/services/account-maintenance'

/** Body: {isAdmin, memberships: [{agencyId, role}]} (the whole set) → 200 the user. In force on every instance at once. */
export const PUT = route(
  { params: userParams, body: userAccessInput, access: () => apiGlobal('user.manage') },
  async ({ params, body, access }) =>
    Response.json(await updateUserAccess(params.id, body, { actor: access, address: await requestAddress() })),
)
