import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams } from '@/lib/requests/reports'
import { transition } from '@/lib/services/transitions'

/** No body → {version, updatedAt, status}: the workflow table's 'reopen', back to draft as it is. */
export const POST = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, access }) => {
    const { version, updatedAt, status } = await transition(params.id, 'reopen', access.user, { baseVersion: 'stored' })
    return Response.json({ version, updatedAt, status })
  },
)
