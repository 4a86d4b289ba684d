import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { resolveComment } from '@/lib/services/comments'

/** A reviewer marks a thread resolved (it stays in the history) → 204. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string; commentId: string }> }) {
  return handle(async () => {
    const { id, commentId } = await params
    const { user } = await apiReportAccess(id, 'report.read')
    await resolveComment(id, commentId, user)
    return new Response(null, { status: 204 })
  })
}
