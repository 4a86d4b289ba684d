import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { completeInput, reportParams } from '@/lib/requests/reports'
import { markComplete } from '@/lib/services/reports'

/** Body: {baseVersion} → {version, updatedAt, status}; 422 incomplete with the completeness object. */
export const POST = route(
  { params: reportParams, body: completeInput, access: ({ params }) => apiReportAccess(params.id, 'report.complete') },
  async ({ params, body, access }) => Response.json(await markComplete(params.id, body.baseVersion, access.user.id)),
)
