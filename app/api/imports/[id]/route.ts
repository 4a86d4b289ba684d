import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { importBatchParams } from '@/lib/requests/imports'
import { batchView } from '@/lib/services/document-import'

/** The batch and its items: progress and the table of agencies × findings. */
export const GET = route({ params: importBatchParams, access: () => apiUser() }, async ({ params, access }) =>
  Response.json(await batchView(access, params.id)),
)
