import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { boardParams, bulkDownloadBody } from '@/lib/requests/board'
import { startBulkDownload } from '@/lib/services/bulk-download'

/** 打包下载: body {year} → a new bulk download job (built by POST /api/downloads/:id/step). */
export const POST = route(
  { params: boardParams, body: bulkDownloadBody, access: () => apiUser() },
  async ({ params, body, access }) =>
    Response.json(await startBulkDownload(access, params.id, body.year), { status: 201 }),
)
