import { toNextJsHandler } from 'better-auth/next-js'
import { auth } from '@/lib/auth/auth'
import { authEndpointAllowed } from '@/lib/auth/endpoints'

const handler = toNextJsHandler(auth)

/** What better-auth answers for us; every other endpoint of it does not exist here (404). */
function only(run: (request: Request) => Promise<Response>) {
  return (request: Request) =>
    authEndpointAllowed(request.method, new URL(request.url).pathname)
      ? run(request)
      : Response.json({ error: 'not_found', message: '请求的内容不存在' }, { status: 404 })
}

/** better-auth: sign-in, sign-out, change-password and get-session only (lib/auth/endpoints.ts). */
export const GET = only(handler.GET)
export const POST = only(handler.POST)
