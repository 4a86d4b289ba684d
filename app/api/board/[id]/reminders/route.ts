import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { boardParams, reminderBody } from '@/lib/requests/board'
import { sendReminders } from '@/lib/services/notices'

/** 催报: body {year, agencyIds, message?} → {agencies, officers, skipped}; the government's coordinator or an administrator. */
export const POST = route(
  { params: boardParams, body: reminderBody, access: () => apiUser() },
  async ({ params, body, access }) => Response.json(await sendReminders(access, params.id, body)),
)
