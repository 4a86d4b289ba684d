import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { contentDisposition } from '@/lib/export/document-export'
import { downloadParams } from '@/lib/requests/board'
import { bulkDownloadZip } from '@/lib/services/bulk-download'

/** The finished .zip, streamed entry by entry from the database. */
export const GET = route({ params: downloadParams, access: () => apiUser() }, async ({ params, access }) => {
  const { fileName, stream } = await bulkDownloadZip(access, params.id)
  return new Response(stream, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': contentDisposition(fileName, `reports-${params.id}.zip`),
      'cache-control': 'no-store',
    },
  })
})
