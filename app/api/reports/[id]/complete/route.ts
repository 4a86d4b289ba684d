import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { completeInput, reportParams } from '@/lib/requests/reports'
import { transition } from '@/lib/services/transitions'

/**
 * Body: {baseVersion} → {version, updatedAt, status}; 422 incomplete with the completeness object.
 * The workflow table's 'complete' transition: who may take it is decided there, as for every other.
 */
export const POST = route(
  { params: reportParams, body: completeInput, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, body, access }) => {
    const { version, updatedAt, status } = await transition(params.id, 'complete', access.user, {
      baseVersion: body.baseVersion,
    })
    return Response.json({ version, updatedAt, status })
  },
)
