import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { agencyParams, predecessorInput } from '@/lib/requests/agency-predecessor'
import { setPredecessor } from '@/lib/services/agency-predecessor'

/** Body: {predecessorId: string | null} → 200 the link (机构改革). */
export const PUT = route(
  { params: agencyParams, body: predecessorInput, access: () => apiGlobal('agency.manage') },
  async ({ params, body, access }) =>
    Response.json(await setPredecessor(params.id, body, { actor: access, address: await requestAddress() })),
)
