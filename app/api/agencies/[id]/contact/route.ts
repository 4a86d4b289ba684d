import { route } from '@/app/api/_lib/api-route'
import { apiAgencyAccess } from '@/lib/auth/guards'
import { requestAddress } from '@/lib/auth/request-address'
import { agencyContactInput, agencyParams } from '@/lib/requests/agency-contact'
import { getAgencyContact, saveAgencyContact } from '@/lib/services/agency-contact'

/** The agency's contact details for the report's opening paragraph. */
export const GET = route(
  { params: agencyParams, access: ({ params }) => apiAgencyAccess(params.id, 'report.read') },
  async ({ params }) => Response.json(await getAgencyContact(params.id)),
)

/** Body: {portalUrl?, address?, postcode?, telephone?, email?} ('' clears one); officers of the agency. */
export const PUT = route(
  {
    params: agencyParams,
    body: agencyContactInput,
    access: ({ params }) => apiAgencyAccess(params.id, 'report.edit'),
  },
  async ({ params, body, access }) =>
    Response.json(await saveAgencyContact(params.id, body, { actor: access, address: await requestAddress() })),
)
