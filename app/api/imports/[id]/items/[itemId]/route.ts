import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { importChoiceInput, importItemParams } from '@/lib/requests/imports'
import { decideItem, itemPreview } from '@/lib/services/document-import'

/** The preview of one read file: the result with its recognition record and findings. */
export const GET = route({ params: importItemParams, access: () => apiUser() }, async ({ params, access }) =>
  Response.json(await itemPreview(access, params.id, params.itemId)),
)

/**
 * {choice: draft | history | close | into | retry, reportId?} → {reportId, notices}; close saves
 * nothing but the audit event; into fills an existing draft's tables; retry puts an abandoned
 * reading back in the queue.
 */
export const POST = route(
  { params: importItemParams, body: importChoiceInput, access: () => apiUser() },
  async ({ params, body, access }) =>
    Response.json(await decideItem(access, params.id, params.itemId, body.choice, body.reportId, body.year)),
)
