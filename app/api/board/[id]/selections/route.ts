import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { boardParams, selectionBody } from '@/lib/requests/board'
import { createSelection, listSelections } from '@/lib/services/agency-selections'

/** The government's saved selections of agencies, and every agency under it to choose from (decision 0411). */
export const GET = route({ params: boardParams, access: () => apiUser() }, async ({ params, access }) =>
  Response.json(await listSelections(access, params.id)),
)

/** Saves a named selection: body {name, agencyIds}. Its coordinator or an administrator. */
export const POST = route(
  { params: boardParams, body: selectionBody, access: () => apiUser() },
  async ({ params, body, access }) => Response.json(await createSelection(access, params.id, body), { status: 201 }),
)
