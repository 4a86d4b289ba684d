import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams, saveReportInput } from '@/lib/requests/reports'
import { getReport, ServiceError, saveReport } from '@/lib/services/reports'

export const GET = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params }) => {
    const report = await getReport(params.id)
    if (!report) throw new ServiceError(404, 'not_found', '年报不存在或已被删除')
    return Response.json(report)
  },
)

/** Body: {baseVersion, report} → {version, updatedAt, status}. The service checks the content. */
export const PUT = route(
  { params: reportParams, body: saveReportInput, access: ({ params }) => apiReportAccess(params.id, 'report.edit') },
  async ({ params, body, access }) =>
    Response.json(await saveReport(params.id, body.baseVersion, body.report, access.user.id)),
)
