import { type DocumentKind, documentRequestFromQuery } from '@/lib/export/document-export'
import { apiReportAccess } from '@/lib/auth/guards'
import { type DocumentSource, exportDocument } from '@/lib/services/report-export'
import { ServiceError } from '@/lib/services/errors'
import { handle } from './respond'

/** A published document of a report as a download (or inline, for the preview). */
export function documentResponse(request: Request, id: string, kind: DocumentKind) {
  return handle(async () => {
    await apiReportAccess(id, 'report.export')
    const query = new URL(request.url).searchParams
    const options = documentRequestFromQuery(query)
    if ('error' in options) throw new ServiceError(400, 'bad_request', options.error)
    // ?version=2 a frozen version, ?source=working the working copy; by default the latest frozen one.
    const version = query.get('version')
    if (version !== null && !/^[1-9]\d{0,3}$/.test(version)) throw new ServiceError(400, 'bad_request', '版本号无效')
    const source: DocumentSource = version ? Number(version) : query.get('source') === 'working' ? 'working' : 'auto'
    const doc = await exportDocument(id, kind, options, source)
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
