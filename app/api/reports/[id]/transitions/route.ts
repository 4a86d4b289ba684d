import { after } from 'next/server'
import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams, transitionInput } from '@/lib/requests/reports'
import { freezePdfAfterPublish } from '@/lib/services/published-files'
import { transition } from '@/lib/services/transitions'

/**
 * Body: {transition, baseVersion, reason?} → {status, version, edition, updatedAt}. The workflow
 * table decides who may take it (403 forbidden), from which state (409 invalid_state); submitting
 * an incomplete report is 422 incomplete, a 退回 without reasons 422 reason_required. 发布 needs
 * `secrecy` {reviewer, reviewedOn, conclusion} (422 secrecy_required, errors keyed secrecy.*) and,
 * after an earlier publication, `correctionNote` (422 correction_note_required); 撤回发布
 * (transition unpublish) a reason.
 */
export const POST = route(
  { params: reportParams, body: transitionInput, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, body, access }) => {
    const result = await transition(params.id, body.transition, access.user, {
      baseVersion: body.baseVersion,
      reason: body.reason,
      secrecy: body.secrecy,
      correctionNote: body.correctionNote,
    })
    // The public PDF takes seconds to convert: frozen after the answer (decision 0301).
    if (body.transition === 'publish') after(() => freezePdfAfterPublish(params.id, result.edition))
    return Response.json(result)
  },
)
