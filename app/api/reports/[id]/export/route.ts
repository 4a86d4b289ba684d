import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams } from '@/lib/requests/reports'
import { exportReport } from '@/lib/services/report-export'

/** The stored report as an interchange JSON download. */
export const GET = route(
  { params: reportParams, access: ({ params }) => apiReportAccess(params.id, 'report.export') },
  async ({ params }) => {
    const { json, contentDisposition } = await exportReport(params.id)
    return new Response(json, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': contentDisposition,
        'cache-control': 'no-store',
      },
    })
  },
)
