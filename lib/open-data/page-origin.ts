import 'server-only'
import { headers } from 'next/headers'

/**
 * Our origin as a page sees it, for absolute addresses in what leaves the app (the fragment for
 * the portal): BETTER_AUTH_URL's when set (behind a proxy the Host may be internal), else the
 * Host the browser addressed, as app/api/_lib/same-origin.ts does for routes.
 */
export async function pageOrigin(): Promise<string> {
  const configured = process.env.BETTER_AUTH_URL
  if (configured) return new URL(configured).origin
  const h = await headers()
  const host = h.get('host') ?? 'localhost:3000'
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'
  return `${proto}://${host}`
}
