/**
 * The headers of everything under /gk, the public column (decision 0301): a fixed policy that
 * runs no script at all (so no per-request nonce: proxy.ts leaves /gk alone), an ETag with
 * 304 on If-None-Match, and Cache-Control. Only the embeddable page (/gk/{gov}/embed) passes a
 * frame-ancestors of its own (the government's portal origin); everything else is never framed.
 */

/** The policy of a public answer: no scripts, no requests, styles inline, never framed by default. */
export function publicCsp(frameAncestors = "'none'"): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')
}

/** Pages may change (a correction supersedes, a 撤回 takes down): a minute, then revalidate. */
export const PAGE_CACHE = 'public, max-age=60'
/** A frozen file's bytes never change; it can only be withdrawn, so five minutes, then revalidate. */
export const FILE_CACHE = 'public, max-age=300'
/** 404 and 410 answers. */
export const MISS_CACHE = 'public, max-age=60'

export interface PublicAnswer {
  body: string | Uint8Array
  contentType: string
  /** Quoted ETag: '"<sha256>"' for a file, 'W/"…"' for a page. */
  etag?: string
  status?: number
  cacheControl?: string
  contentDisposition?: string
  /** A CSP source list for frame-ancestors, e.g. "https://www.example.gov.cn"; default 'none'. */
  frameAncestors?: string
}

/** The headers of a public answer. */
export function publicHeaders(answer: Omit<PublicAnswer, 'body' | 'status'>): Headers {
  const headers = new Headers({
    'content-type': answer.contentType,
    'content-security-policy': publicCsp(answer.frameAncestors),
    'cache-control': answer.cacheControl ?? PAGE_CACHE,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  })
  if (!answer.frameAncestors || answer.frameAncestors === "'none'") headers.set('x-frame-options', 'DENY')
  if (answer.etag) headers.set('etag', answer.etag)
  if (answer.contentDisposition) headers.set('content-disposition', answer.contentDisposition)
  return headers
}

/** Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag))
}

/** The answer, or 304 without a body when the client already holds this ETag. */
export function publicResponse(request: Request, answer: PublicAnswer): Response {
  const headers = publicHeaders(answer)
  const status = answer.status ?? 200
  if (status === 200 && answer.etag && etagMatches(request.headers.get('if-none-match'), answer.etag)) {
    headers.delete('content-type')
    return new Response(null, { status: 304, headers })
  }
  if (request.method === 'HEAD') return new Response(null, { status, headers })
  if ((request as Request & { [DIRECT_BODY]?: boolean })[DIRECT_BODY]) {
    // The server's own path (scripts/public-routes.mjs) writes the stored bytes itself: a Response
    // made with a body copies it and wraps it in a web stream the server then reads back (most of
    // a cached page's CPU, and all of its garbage), so the bytes ride beside a body-less one.
    const bytes = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body
    const response = new Response(null, { status, headers })
    Object.defineProperty(response, DIRECT_BODY, { value: bytes })
    return response
  }
  // Response copies a byte body itself (fetch's extract a body): no copy of ours first.
  const body = answer.body as string | Uint8Array<ArrayBuffer>
  return new Response(body, { status, headers })
}

/**
 * Set by scripts/public-routes.mjs on the requests it hands to a route, and read there off the
 * answer: the answer's bytes as stored (decision 0700).
 */
export const DIRECT_BODY = Symbol.for('nianbao.public-direct-body')

/** A weak ETag from the things a page is rendered from. */
export function pageEtag(parts: readonly unknown[]): string {
  // FNV-1a over the JSON: cheap; the markup's revision (lib/public/pages-revision.ts) is one of the parts.
  const text = JSON.stringify(parts)
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
  }
  return `W/"${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}-${text.length.toString(16)}"`
}
