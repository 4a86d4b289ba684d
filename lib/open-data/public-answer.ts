/**
 * Answers of the open-data routes and the embeddable column (decision 0320): no session, an
 * ETag of the bytes (If-None-Match gives 304), a short public Cache-Control so a proxy or CDN in
 * front serves most readers, and a fixed script-free policy. The embeddable page alone names a
 * frame ancestor: the government's portal origin, else none.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import { etagMatches, publicCsp } from '@/lib/security/public-headers'
import { ServiceError } from '@/lib/services/errors'

/** Public data changes when a report is published, corrected or withdrawn: a minute's staleness at most. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, must-revalidate'

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

export interface PublicAnswerOptions {
  contentType: string
  /** The embeddable page: the one origin that may frame it (null: none). Other answers are never framed. */
  frameAncestor?: string | null
  /** Open data may be read by any site's script (no credentials are ever sent or honoured). */
  anyOrigin?: boolean
  /** A download's file name (Content-Disposition inline, so a browser may still show it). */
  fileName?: string
}

export function publicAnswer(request: Request, body: string, options: PublicAnswerOptions): Response {
  // The embeddable page's policy is part of what a cache keeps: a new portal origin is a new ETag.
  const etag = etagOf(options.frameAncestor ? `${body}\n${options.frameAncestor}` : body)
  const headers = new Headers({
    'content-type': options.contentType,
    etag,
    // The framed column is revalidated on every load (a 304 while unchanged): a portal origin just
    // saved must take effect at once, not after a cached copy with the old policy expires.
    'cache-control': options.frameAncestor === undefined ? PUBLIC_CACHE_CONTROL : 'no-cache',
    'content-security-policy': publicCsp(options.frameAncestor ?? undefined),
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  })
  if (options.frameAncestor === undefined) headers.set('x-frame-options', 'DENY')
  if (options.anyOrigin) headers.set('access-control-allow-origin', '*')
  if (options.fileName)
    headers.set('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(options.fileName)}`)
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers })
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers })
}

/** Runs a public handler: a ServiceError answers with its status and message as plain text (404 alike for every unknown). */
export async function publicRoute(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ServiceError) {
      return new Response(error.message, {
        status: error.status,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': publicCsp(),
          'x-content-type-options': 'nosniff',
        },
      })
    }
    throw error
  }
}
