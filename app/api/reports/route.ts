import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { apiAgencyAccess, apiUser } from '@/lib/auth/guards'
import { agenciesFor, reportTarget } from '@/lib/auth/permissions'
import { createReport } from '@/lib/services/report-create'
import { listReports } from '@/lib/services/report-lists'
import { ServiceError } from '@/lib/services/errors'

/** The reports this user may read. */
export async function GET() {
  return handle(async () => {
    const user = await apiUser()
    return Response.json({ reports: await listReports(agenciesFor(user, 'report.read')) })
  })
}

/** Body: {formatVersion, year, agencyId?} → 201 StoredReport. The agency is one the user writes for. */
export async function POST(request: Request) {
  return handle(async () => {
    const user = await apiUser()
    const body = await readJson(request)
    const input = isObject(body) ? body : {}
    const target = reportTarget(user, typeof input.agencyId === 'string' ? input.agencyId : null)
    if ('refusal' in target) throw new ServiceError(403, 'forbidden', target.refusal)
    await apiAgencyAccess(target.agencyId, 'report.create')
    const stored = await createReport(
      { formatVersion: input.formatVersion as string, year: input.year as number, agencyId: target.agencyId },
      user.id,
    )
    return Response.json(stored, { status: 201 })
  })
}
