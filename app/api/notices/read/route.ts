import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { noticesReadBody } from '@/lib/requests/board'
import { markNoticesRead } from '@/lib/services/notices'

/** Marks the signed-in user's notices read: body {ids} → {count}. */
export const POST = route({ body: noticesReadBody, access: () => apiUser() }, async ({ body, access }) =>
  Response.json({ count: await markNoticesRead(access.id, body.ids) }),
)
