import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess, apiReportRowAccess } from '@/lib/auth/guards'
import { deleteReportInput, patchReportInput, reportParams, saveReportInput } from '@/lib/requests/reports'
import { notFound } from '@/lib/services/errors'
import { deleteDraft } from '@/lib/services/report-delete'
import { getReport } from '@/lib/services/report-read'
import { patchReport } from '@/lib/services/report-patch'
import { saveReport } from '@/lib/services/report-save'
import { offerServerWarmup } from '@/lib/services/save-warmup'
import { offerSchemaCheck } from '@/lib/services/schema-check'

// scripts/server.mjs checks the schema (decision 0910) and warms the autosave (decision 0710)
// through this module's instances before it listens: a route module may export only its handlers.
offerSchemaCheck()
offerServerWarmup()

export const GET = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params }) => {
    const report = await getReport(params.id)
    if (!report) throw notFound()
    return Response.json(report)
  },
)

/**
 * Body: {baseVersion} → {id, agencyId, year, deletedAt}. Only a draft never submitted, by an
 * officer of its agency; the deletion is kept in the audit trail (docs/decisions/0070).
 */
export const DELETE = route(
  { params: reportParams, body: deleteReportInput, access: ({ params }) => apiReportAccess(params.id, 'report.edit') },
  async ({ params, body, access }) => Response.json(await deleteDraft(params.id, access.user, body.baseVersion)),
)

/** Body: {baseVersion, report} → {version, updatedAt, status}. The service checks the content. */
export const PUT = route(
  { params: reportParams, body: saveReportInput, access: ({ params }) => apiReportAccess(params.id, 'report.edit') },
  async ({ params, body, access }) =>
    Response.json(await saveReport(params.id, body.baseVersion, body.report, access.user.id)),
)

/** Body: {changes: [{path, base, value}]} → {version, updatedAt, status, applied, conflicts}: what autosave sends. */
export const PATCH = route(
  {
    params: reportParams,
    body: patchReportInput,
    access: ({ params }) => apiReportRowAccess(params.id, 'report.edit'),
  },
  async ({ params, body, access }) =>
    Response.json(await patchReport(params.id, body.changes, access.user.id, access.row)),
)
