/**
 * The Content-Security-Policy of pages (docs/security.md, finding 9), set per request by
 * proxy.ts. The headers of every answer (frame-ancestors, nosniff, Referrer-Policy) are in
 * next.config.js.
 */

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}

/**
 * The policy of a page: scripts only with this request's nonce (and what they load,
 * 'strict-dynamic'), no plugins, no <base>, forms only to us, never framed. Styles may be
 * inline (React's style attributes); they cannot run code. `dev`: React's development build
 * needs eval. `https`: upgrade any plain-http subresource.
 */
export function pageCsp(nonce: string, { dev = false, https = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The preview page frames our own HTML document (/api/reports/:id/html?inline=1).
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}
