import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { createImportInput } from '@/lib/requests/imports'
import { createBatch } from '@/lib/services/document-import'

/** Starts an import: {agencyId, purpose, expected} → 201 {id}. The files follow one by one. */
export const POST = route({ body: createImportInput, access: () => apiUser() }, async ({ body, access }) =>
  Response.json(await createBatch(access, body), { status: 201 }),
)
