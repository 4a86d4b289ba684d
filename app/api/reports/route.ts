import { route } from '@/app/api/_lib/api-route'
import { apiAgencyAccess, apiUser } from '@/lib/auth/guards'
import { readScope, reportTarget } from '@/lib/auth/permissions'
import { createReportInput } from '@/lib/requests/create-report'
import { ServiceError } from '@/lib/services/errors'
import { createReport } from '@/lib/services/report-create'
import { listReports } from '@/lib/services/report-lists'

/** The reports this user may read. */
export const GET = route({ access: () => apiUser() }, async ({ access }) =>
  Response.json({ reports: await listReports(readScope(access, 'report.read')) }),
)

/** Body: {formatVersion, year, agencyId?} → 201 StoredReport. The agency is one the user writes for. */
export const POST = route({ body: createReportInput, access: () => apiUser() }, async ({ body, access }) => {
  const target = reportTarget(access, body.agencyId ?? null)
  if ('refusal' in target) throw new ServiceError(403, 'forbidden', target.refusal)
  await apiAgencyAccess(target.agencyId, 'report.create')
  const stored = await createReport(
    {
      formatVersion: body.formatVersion,
      year: body.year,
      agencyId: target.agencyId,
      startFromPreviousText: body.startFromPreviousText,
    },
    access.id,
  )
  return Response.json(stored, { status: 201 })
})
