import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams } from '@/lib/requests/reports'
import { reportHistory } from '@/lib/services/history'

/** {events}: every save, transition and comment, newest first, with who and what changed. */
export const GET = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params }) => Response.json({ events: await reportHistory(params.id) }),
)
