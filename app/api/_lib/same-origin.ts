/**
 * The CSRF guard of our own routes (better-auth guards /api/auth/* itself): a state-changing
 * request must come from a page of ours, and its body must be JSON. A browser cannot send a
 * cross-site request with Content-Type application/json without a preflight we never answer, and
 * it always names the page's origin (Origin) or its relation to us (Sec-Fetch-Site); our own
 * tools (the bench, the load test, the e2e helpers) send Origin. So a request that shows neither
 * is refused too: SameSite=Lax cookies alone leave other ports and subdomains of the host open.
 */
import 'server-only'
import { HttpError } from './respond'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Our origin: BETTER_AUTH_URL's when set (behind a proxy the request's host may be internal),
 * else the host the client addressed (the Host header: under `next start` request.url names
 * localhost whatever host was asked for), with the request's scheme.
 */
export function ownOrigin(request: Request): string {
  const configured = process.env.BETTER_AUTH_URL
  if (configured) return new URL(configured).origin
  const url = new URL(request.url)
  const host = request.headers.get('host')
  if (!host) return url.origin
  try {
    return new URL(`${url.protocol}//${host}`).origin
  } catch {
    return url.origin
  }
}

/** Whether the request comes from a page of ours, by Origin or Sec-Fetch-Site. */
export function fromOwnPage(request: Request): boolean {
  const origin = request.headers.get('origin')
  const site = request.headers.get('sec-fetch-site')
  if (site !== null && site !== 'same-origin') return false
  if (origin !== null && origin !== ownOrigin(request)) return false
  return origin !== null || site !== null
}

const isJson = (contentType: string | null) =>
  contentType !== null && contentType.split(';')[0].trim().toLowerCase() === 'application/json'

/**
 * Refuses a state-changing request from elsewhere (403) or with a body that is not JSON (415).
 * `hasBody`: the route reads a body, so the request must declare it as JSON; a route without
 * one still refuses a declared non-JSON body (a form post).
 */
export function checkStateChange(request: Request, hasBody: boolean): void {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return
  if (!fromOwnPage(request)) {
    throw new HttpError(
      403,
      'cross_origin',
      '请求并非来自本系统的页面，已拒绝。请在本系统的页面中操作；如果是从其他网站跳转过来，请关闭该网站。',
    )
  }
  const contentType = request.headers.get('content-type')
  if (hasBody ? !isJson(contentType) : contentType !== null && !isJson(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', '提交内容的格式不对（应为 JSON），未能保存。请刷新页面后重试。')
  }
}
