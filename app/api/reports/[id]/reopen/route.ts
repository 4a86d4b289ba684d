import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams } from '@/lib/requests/reports'
import { reopen } from '@/lib/services/reports'

export const POST = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.complete') },
  async ({ params, access }) => Response.json(await reopen(params.id, access.user.id)),
)
