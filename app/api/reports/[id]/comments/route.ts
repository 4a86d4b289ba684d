import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { commentInput, reportParams } from '@/lib/requests/reports'
import { addComment, listComments } from '@/lib/services/comments'

/** {comments: threads, oldest first, each with its replies}; resolved ones included. */
export const GET = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params }) => Response.json({ comments: await listComments(params.id) }),
)

/** Body: {anchor, body} (a reviewer's new comment) or {parentId, body} (an answer) → 201 the comment. */
export const POST = route(
  { params: reportParams, body: commentInput, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, body, access }) => Response.json(await addComment(params.id, access.user, body), { status: 201 }),
)
