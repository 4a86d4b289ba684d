import 'server-only'
import type { DocumentKind, DocumentRequest } from '@/lib/export/document-export'
import { type DocumentSource, exportDocument } from '@/lib/services/report-export'

/** A document of a report as a download (or inline, for the preview); the route has checked access. */
export async function documentResponse(
  id: string,
  kind: DocumentKind,
  { request, source }: { request: DocumentRequest; source: DocumentSource },
): Promise<Response> {
  const doc = await exportDocument(id, kind, request, source)
  const body = typeof doc.body === 'string' ? doc.body : new Uint8Array(doc.body)
  return new Response(body, {
    headers: {
      'content-type': doc.contentType,
      'content-disposition': doc.contentDisposition,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // The document runs nothing; only our preview page may frame it, and only inline.
      ...(kind === 'html'
        ? {
            'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${request.inline ? "'self'" : "'none'"}`,
            'x-frame-options': request.inline ? 'SAMEORIGIN' : 'DENY',
          }
        : {}),
    },
  })
}
