import { documentResponse } from '@/app/api/_lib/document'
import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { documentQuery, reportParams } from '@/lib/requests/reports'

/** The report as one self-contained HTML page. ?inline=1 for the in-app preview. */
export const GET = route(
  { params: reportParams, query: documentQuery, access: ({ params }) => apiReportAccess(params.id, 'report.export') },
  async ({ params, query }) => documentResponse(params.id, 'html', query),
)
