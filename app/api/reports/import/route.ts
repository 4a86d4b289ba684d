import { handle, readBodyText } from '@/app/api/_lib/respond'
import { apiAgencyAccess, apiUser } from '@/lib/auth/guards'
import { reportTarget } from '@/lib/auth/permissions'
import { importReport } from '@/lib/services/report-import'
import { ServiceError } from '@/lib/services/errors'

/**
 * Body: the file's text (JSON, as exported) → 201 {id, notices}. The report goes to the
 * officer's agency (?agencyId= when there are several), never to the agency the file names.
 */
export async function POST(request: Request) {
  return handle(async () => {
    const user = await apiUser()
    const target = reportTarget(user, new URL(request.url).searchParams.get('agencyId'))
    if ('refusal' in target) throw new ServiceError(403, 'forbidden', target.refusal)
    await apiAgencyAccess(target.agencyId, 'report.import')
    const text = await readBodyText(request)
    const { report, notices } = await importReport(text, { agencyId: target.agencyId, actor: user.id })
    return Response.json({ id: report.id, notices }, { status: 201 })
  })
}
