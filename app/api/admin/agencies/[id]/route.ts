import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { agencyUpdateInput } from '@/lib/requests/account-maintenance'
import { agencyParams } from '@/lib/requests/agency-predecessor'
import { updateAgency } from '@/lib/services/account-maintenance'

/** Body: {name?, parentId?} → 200 the agency. The code never changes. */
export const PATCH = route(
  { params: agencyParams, body: agencyUpdateInput, access: () => apiGlobal('agency.manage') },
  async ({ params, body, access }) =>
    Response.json(await updateAgency(params.id, body, { actor: access, address: await requestAddress() })),
)
