import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { transition } from '@/lib/services/transitions'

/** No body → {version, updatedAt, status}: back to draft, the content as it is. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.read')
    const { version, updatedAt, status } = await transition(id, 'reopen', user, { baseVersion: 'stored' })
    return Response.json({ version, updatedAt, status })
  })
}
