import { type DocumentKind, documentRequestFromQuery } from '@/lib/export/document-export'
import { apiReportAccess } from '@/lib/auth/guards'
import { exportDocument, ServiceError } from '@/lib/services/reports'
import { handle } from './respond'

/** A published document of a report as a download (or inline, for the preview). */
export function documentResponse(request: Request, id: string, kind: DocumentKind) {
  return handle(async () => {
    await apiReportAccess(id, 'report.export')
    const options = documentRequestFromQuery(new URL(request.url).searchParams)
    if ('error' in options) throw new ServiceError(400, 'bad_request', options.error)
    const doc = await exportDocument(id, kind, options)
    const body = typeof doc.body === 'string' ? doc.body : new Uint8Array(doc.body)
    return new Response(body, {
      headers: {
        'content-type': doc.contentType,
        'content-disposition': doc.contentDisposition,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...(kind === 'html' ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {}),
      },
    })
  })
}
