import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { downloadParams } from '@/lib/requests/board'
import { bulkDownloadView } from '@/lib/services/bulk-download'

/** A bulk download's progress. */
export const GET = route({ params: downloadParams, access: () => apiUser() }, async ({ params, access }) =>
  Response.json(await bulkDownloadView(access, params.id)),
)
