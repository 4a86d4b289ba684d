import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { contentDisposition } from '@/lib/export/document-export'
import { boardParams } from '@/lib/requests/board'
import { rollupWorkbook } from '@/lib/services/rollup-xlsx'

/** A stored roll-up as .xlsx (the government's coordinator or an administrator). */
export const GET = route({ params: boardParams, access: () => apiUser() }, async ({ params, access }) => {
  const { name, body } = await rollupWorkbook(access, params.id)
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': contentDisposition(name, `rollup-${params.id}.xlsx`),
      'cache-control': 'no-store',
    },
  })
})
