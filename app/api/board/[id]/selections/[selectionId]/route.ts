import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { selectionBody, selectionParams } from '@/lib/requests/board'
import { deleteSelection, updateSelection } from '@/lib/services/agency-selections'

/** Renames a saved selection or changes its agencies: body {name, agencyIds} (decision 0411). */
export const PUT = route(
  { params: selectionParams, body: selectionBody, access: () => apiUser() },
  async ({ params, body, access }) => Response.json(await updateSelection(access, params.id, params.selectionId, body)),
)

export const DELETE = route({ params: selectionParams, access: () => apiUser() }, async ({ params, access }) => {
  await deleteSelection(access, params.id, params.selectionId)
  return new Response(null, { status: 204 })
})
