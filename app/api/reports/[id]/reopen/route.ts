import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { reopen } from '@/lib/services/reports'

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.complete')
    return Response.json(await reopen(id, user.id))
  })
}
