import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportHistory } from '@/lib/services/history'

/** {events}: every save, transition and comment, newest first, with who and what changed. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    await apiReportAccess(id, 'report.read')
    return Response.json({ events: await reportHistory(id) })
  })
}
