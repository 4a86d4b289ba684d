import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { markComplete } from '@/lib/services/reports'

/** Body: {baseVersion} → {version, updatedAt, status}; 422 incomplete with the completeness object. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.complete')
    const body = await readJson(request)
    const baseVersion = isObject(body) ? body.baseVersion : undefined
    return Response.json(await markComplete(id, baseVersion as number, user.id))
  })
}
