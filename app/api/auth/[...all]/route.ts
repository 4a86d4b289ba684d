import { toNextJsHandler } from 'better-auth/next-js'
import { auth } from '@/lib/auth/auth'
import { authEndpointAllowed, chineseAuthRefusal } from '@/lib/auth/endpoints'

const handler = toNextJsHandler(auth)

/**
 * What better-auth answers for us; every other endpoint of it does not exist here (404). Its
 * refusals of a malformed request come in English ("Invalid input: expected object"): they
 * are worded in Chinese, naming the fields.
 */
function only(run: (request: Request) => Promise<Response>) {
  return async (request: Request) => {
    if (!authEndpointAllowed(request.method, new URL(request.url).pathname)) {
      return Response.json({ error: 'not_found', message: '请求的内容不存在' }, { status: 404 })
    }
    const response = await run(request)
    if (response.status !== 400) return response
    const answer = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: unknown; message?: unknown } | null
    const message = chineseAuthRefusal(answer?.code, answer?.message)
    if (!message) return response
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    return Response.json({ ...answer, error: 'bad_request', message }, { status: 400, headers })
  }
}

/** better-auth: sign-in, sign-out, change-password and get-session only (lib/auth/endpoints.ts). */
export const GET = only(handler.GET)
export const POST = only(handler.POST)
