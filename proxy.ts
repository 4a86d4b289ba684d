/**
 * Next's proxy (formerly middleware), for pages only: each page answer gets a Content-Security-
 * Policy with a nonce of its own, which Next reads from the request's copy of the header and
 * puts on its scripts. API routes never pass through here (the matcher), so a save pays nothing
 * for it; their headers come from next.config.js.
 */
import { type NextRequest, NextResponse } from 'next/server'
import { newNonce, pageCsp } from '@/lib/security/headers'

export function proxy(request: NextRequest) {
  const nonce = newNonce()
  const policy = pageCsp(nonce, {
    dev: process.env.NODE_ENV === 'development',
    https: (process.env.BETTER_AUTH_URL ?? '').startsWith('https:'),
  })
  const headers = new Headers(request.headers)
  headers.set('content-security-policy', policy)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', policy)
  return response
}

export const config = {
  matcher: [
    {
      // The open-data files and the portal's frame of the column set their own fixed policy (decision 0320).
      source:
        '/((?!api/|_next/static|_next/image|favicon.ico|gk/[^/]+/embed$|gk/[^/]+/[^/]+/index.json$|gk/[^/]+/[^/]+/index.csv$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
