import { handle, readJson } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { addComment, listComments } from '@/lib/services/comments'

type Context = { params: Promise<{ id: string }> }

/** {comments: threads, oldest first, each with its replies}; resolved ones included. */
export async function GET(_request: Request, { params }: Context) {
  return handle(async () => {
    const { id } = await params
    await apiReportAccess(id, 'report.read')
    return Response.json({ comments: await listComments(id) })
  })
}

/** Body: {anchor, body} (a reviewer's new comment) or {parentId, body} (an answer) → 201 the comment. */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.read')
    const body = await readJson(request)
    const input = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
    return Response.json(await addComment(id, user, input), { status: 201 })
  })
}
