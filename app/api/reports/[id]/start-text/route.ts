import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams } from '@/lib/requests/reports'
import { startFromPreviousText } from '@/lib/services/report-start-text'

/** No body → 200 {version, updatedAt, status, copied, source}: 沿用上年度正文, each narrative marked to confirm. */
export const POST = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.edit') },
  async ({ params, access }) => Response.json(await startFromPreviousText(params.id, access.user.id)),
)
