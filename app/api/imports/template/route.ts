import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { contentDisposition } from '@/lib/export/document-export'
import { FORMATS } from '@/lib/format/index'
import { templateQuery } from '@/lib/requests/imports'

/** The .xlsx template of tables 二/三/四 (?format=2021|2019). */
export const GET = route({ query: templateQuery, access: () => apiUser() }, async ({ query }) => {
  const format = FORMATS[query.format]
  // Loaded when asked for: the workbook library is large.
  const { templateBytes, templateFileName } = await import('@/lib/import/xlsx-template')
  return new Response(Buffer.from(await templateBytes(format)), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': contentDisposition(templateFileName(format), `nianbao-template-${format.version}.xlsx`),
    },
  })
})
