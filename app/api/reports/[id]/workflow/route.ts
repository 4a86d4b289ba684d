import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { rolesOn } from '@/lib/auth/permissions'
import { workflowView } from '@/lib/services/transitions'

/** The report's state and the transitions this user may take now. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    const { user, agencyId } = await apiReportAccess(id, 'report.read')
    return Response.json(await workflowView(id, rolesOn(user, agencyId)))
  })
}
