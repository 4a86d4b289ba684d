import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { agencyInput } from '@/lib/requests/accounts'
import { createAgency, listAgencies } from '@/lib/services/accounts'

export const GET = route({ access: () => apiGlobal('agency.manage') }, async () =>
  Response.json({ agencies: await listAgencies() }),
)

/** Body: {code, name, type, level?, parentId?, predecessorId?} → 201 the agency. */
export const POST = route({ body: agencyInput, access: () => apiGlobal('agency.manage') }, async ({ body, access }) =>
  Response.json(await createAgency(body, { actor: access, address: await requestAddress() }), { status: 201 }),
)
