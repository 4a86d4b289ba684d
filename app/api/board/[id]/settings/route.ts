import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { boardParams, settingsBody } from '@/lib/requests/board'
import { updateGovernmentSettings } from '@/lib/services/government-settings'

/** The government's deadlines and reminder days: body {departmentDeadline?, governmentDeadline?, reminderDays?} ('' clears a deadline). */
export const PUT = route(
  { params: boardParams, body: settingsBody, access: () => apiUser() },
  async ({ params, body, access }) => Response.json(await updateGovernmentSettings(params.id, body, access)),
)
