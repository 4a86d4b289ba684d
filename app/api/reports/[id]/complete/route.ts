import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { transition } from '@/lib/services/transitions'

/** Body: {baseVersion} → {version, updatedAt, status}; 422 incomplete with the completeness object. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.read')
    const body = await readJson(request)
    const baseVersion = isObject(body) ? body.baseVersion : undefined
    const { version, updatedAt, status } = await transition(id, 'complete', user, { baseVersion })
    return Response.json({ version, updatedAt, status })
  })
}
