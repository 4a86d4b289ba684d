import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { reportParams, versionsQuery } from '@/lib/requests/reports'
import { compareVersions, listVersions } from '@/lib/services/versions'

/** {versions}; with ?a=1&b=2 (or b=working) also {compare: {a, b, diff}}. */
export const GET = route(
  { params: reportParams, query: versionsQuery, access: ({ params }) => apiReportAccess(params.id, 'report.read') },
  async ({ params, query: { a, b } }) =>
    Response.json({
      versions: await listVersions(params.id),
      ...(a && b ? { compare: await compareVersions(params.id, a, b) } : {}),
    }),
)
