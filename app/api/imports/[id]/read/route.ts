import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { importBatchParams } from '@/lib/requests/imports'
import { readNext } from '@/lib/services/document-import'

/** Reads the next waiting file of the batch and answers the batch as it now stands. */
export const POST = route({ params: importBatchParams, access: () => apiUser() }, async ({ params, access }) =>
  Response.json(await readNext(access, params.id)),
)
