import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { commentParams } from '@/lib/requests/reports'
import { resolveComment } from '@/lib/services/comments'

/** A reviewer marks a thread resolved (it stays in the history) → 204. */
export const POST = route(
  { params: commentParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, access }) => {
    await resolveComment(params.id, params.commentId, access.user)
    return new Response(null, { status: 204 })
  },
)
