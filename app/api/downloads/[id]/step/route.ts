import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { downloadParams } from '@/lib/requests/board'
import { stepBulkDownload } from '@/lib/services/bulk-download'

/** Builds the next entries of a bulk download for about a second and a half, then answers with the progress. */
export const POST = route({ params: downloadParams, access: () => apiUser() }, async ({ params, access }) =>
  Response.json(await stepBulkDownload(access, params.id)),
)
