import { documentResponse } from '@/app/api/_lib/document'
import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { documentQuery, reportParams } from '@/lib/requests/reports'

/** The report as a Word document (GB/T 9704 layout). ?fonts=stock&signature=YYYY-MM-DD */
export const GET = route(
  { params: reportParams, query: documentQuery, access: ({ params }) => apiReportAccess(params.id, 'report.export') },
  async ({ params, query }) => documentResponse(params.id, 'docx', query),
)
