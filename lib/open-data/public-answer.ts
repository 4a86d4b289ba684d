/**
 * Answers of the open-data routes and the embeddable column (decision 0320): no session, an
 * ETag of the bytes (If-None-Match gives 304), a short public Cache-Control so a proxy or CDN in
 * front serves most readers, and a fixed script-free policy. The embeddable page alone names a
 * frame ancestor: the government's portal origin, else none.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import { etagMatches, MISS_CACHE, publicCsp, publicResponse } from '@/lib/security/public-headers'
import { embedMissPage } from './column-html'
import { csvDocument } from './index-table'
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

/**
 * How a route answers a refusal (an unknown government, an impossible year): in the kind of its
 * own answers, so a reader or a script gets what it asked for (the embed a page, index.json
 * JSON, index.csv CSV), with the column's 404 headers (decision 0540).
 */
export type PublicMiss = (request: Request, error: ServiceError) => Response

/** Runs a public handler: a ServiceError is answered by `miss`, the same 404 for every unknown. */
export async function publicRoute(request: Request, miss: PublicMiss, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ServiceError) return miss(request, error)
    throw error
  }
}

interface MissOptions {
  contentType: string
  anyOrigin?: boolean
}

/**
 * A refusal with the column's 404 headers (lib/security/public-headers.ts: fixed script-free
 * CSP with frame-ancestors 'none' and X-Frame-Options DENY, a 404 kept a minute); anything
 * but a 404 or 410 (a refusal that is not about the address) is not kept at all.
 */
function missAnswer(request: Request, error: ServiceError, body: string, options: MissOptions): Response {
  const response = publicResponse(request, {
    status: error.status,
    body,
    contentType: options.contentType,
    cacheControl: error.status === 404 || error.status === 410 ? MISS_CACHE : 'no-store',
  })
  if (options.anyOrigin) response.headers.set('access-control-allow-origin', '*')
  return response
}

/** index.json's refusal: {error: '…'} as JSON, readable by any site's script like the index. */
export const jsonMiss: PublicMiss = (request, error) =>
  missAnswer(request, error, JSON.stringify({ error: error.message }), {
    contentType: 'application/json; charset=utf-8',
    anyOrigin: true,
  })

/** index.csv's refusal: a one-column CSV (UTF-8 with a byte-order mark, as the index) saying why. */
export const csvMiss: PublicMiss = (request, error) =>
  missAnswer(request, error, csvDocument([['错误'], [error.message]]), {
    contentType: 'text/csv; charset=utf-8; header=present',
    anyOrigin: true,
  })

/**
 * The embeddable page's refusal: a small page in the embed's own style. The embed misses only
 * for a code that is no government (a government with nothing published gets its empty column,
 * framed by its portal origin), so there is no origin to allow: frame-ancestors 'none', as every
 * page but a government's embed.
 */
export const embedMiss: PublicMiss = (request, error) =>
  missAnswer(request, error, embedMissPage(error.message), { contentType: 'text/html; charset=utf-8' })
