import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { historyQuery, reportParams } from '@/lib/requests/reports'
import { reportHistory } from '@/lib/services/history'

/**
 * {events, page, pageCount, total}: saves, transitions and comments, newest first, with who
 * and what changed; 200 events a page (?page=2 for older ones).
 */
export const GET = route(
  { params: reportParams, query: historyQuery, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, query }) => Response.json(await reportHistory(params.id, query.page ?? 1)),
)
