import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { contentDisposition } from '@/lib/export/document-export'
import { importBatchParams } from '@/lib/requests/imports'
import { batchTableBytes } from '@/lib/services/document-import'

/** The batch's table of agencies × findings as .xlsx. */
export const GET = route({ params: importBatchParams, access: () => apiUser() }, async ({ params, access }) => {
  const bytes = await batchTableBytes(access, params.id)
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': contentDisposition('年报核对结果.xlsx', 'import-findings.xlsx'),
    },
  })
})
