import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { MAX_PORTAL_COPY_BYTES, portalCopyInput } from '@/lib/requests/publication'
import { reportParams } from '@/lib/requests/reports'
import { checkPortalCopy } from '@/lib/services/portal-copy'

/**
 * Body: {fileName, data: base64} → the comparison with the latest approved version (decision
 * 0310): {same, cells, paragraphs, agency, year, format, …}. A file of the wrong kind is 415, too
 * large 413, unreadable or not a report 422; nothing is stored.
 */
export const POST = route(
  {
    params: reportParams,
    body: portalCopyInput,
    maxBodyBytes: Math.ceil((MAX_PORTAL_COPY_BYTES * 4) / 3) + 4096,
    access: ({ params }) => apiReportAccess(params.id, 'report.read'),
  },
  async ({ params, body, access }) =>
    Response.json(
      await checkPortalCopy(access.user, params.id, body.fileName, new Uint8Array(Buffer.from(body.data, 'base64'))),
    ),
)
