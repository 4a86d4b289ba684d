import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { transition } from '@/lib/services/transitions'

/**
 * Body: {transition, baseVersion, reason?} → {status, version, edition, updatedAt}. The workflow
 * table decides who may take it (403 forbidden), from which state (409 invalid_state); submitting
 * an incomplete report is 422 incomplete, a 退回 without reasons 422 reason_required.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.read')
    const body = await readJson(request)
    const b = isObject(body) ? body : {}
    return Response.json(
      await transition(id, String(b.transition ?? ''), user, { baseVersion: b.baseVersion, reason: b.reason }),
    )
  })
}
