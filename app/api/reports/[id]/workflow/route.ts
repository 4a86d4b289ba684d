import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { rolesOn } from '@/lib/auth/permissions'
import { reportParams } from '@/lib/requests/reports'
import { workflowView } from '@/lib/services/workflow-view'

/** The report's state and the transitions this user may take now. */
export const GET = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, access }) =>
    Response.json(await workflowView(params.id, rolesOn(access.user, access.agencyId), access.user.id)),
)
