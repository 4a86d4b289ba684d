/**
 * The government portal's origin (GovernmentSetting.portalOrigin, decision 0320): the one origin
 * that may frame /gk/{gov}/embed. An http(s) origin only (scheme, host, optional port): it is
 * written into a Content-Security-Policy header, so nothing else may pass (no path, no spaces,
 * no quotes, no wildcard).
 */
import { z } from 'zod'

export const PORTAL_ORIGIN_HINT = '只写协议、域名和端口，如 https://www.example.gov.cn'

/** The origin of the text, or null when it is not exactly an http(s) origin (a trailing / is allowed). */
export function portalOriginOf(text: string): string | null {
  const trimmed = text.trim().replace(/\/$/, '')
  if (!/^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(trimmed)) return null
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.username || url.password || !url.hostname) return null
  return url.origin.toLowerCase() === trimmed.toLowerCase() ? url.origin : null
}

/** What the settings form sends: an origin, or '' to clear it. Gives the normalised origin. */
export const portalOriginInput = z
  .string()
  .trim()
  .max(200, { error: '门户网站地址过长' })
  .refine((s) => s === '' || portalOriginOf(s) !== null, {
    error: `门户网站地址应为 http 或 https 开头的站点地址，${PORTAL_ORIGIN_HINT}`,
  })
  .transform((s) => (s === '' ? '' : (portalOriginOf(s) as string)))
