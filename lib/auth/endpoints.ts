/**
 * The better-auth endpoints the app uses, by method. better-auth serves many more (update-user
 * let anyone rename themselves 系统管理员; delete-user, change-email, list-sessions, the
 * password-reset pair, …): the catch-all route answers only these and 404 for the rest, so an
 * endpoint a better-auth upgrade adds stays closed until it is listed here.
 */
export const AUTH_ENDPOINTS: Readonly<Record<'GET' | 'POST', readonly string[]>> = {
  GET: ['/get-session'],
  POST: ['/sign-in/email', '/sign-out', '/change-password'],
}

const BASE = '/api/auth'

export function authEndpointAllowed(method: string, pathname: string): boolean {
  if (!pathname.startsWith(`${BASE}/`)) return false
  const path = pathname.slice(BASE.length).replace(/\/+$/, '')
  const list = AUTH_ENDPOINTS[method.toUpperCase() as 'GET' | 'POST']
  return list?.includes(path) ?? false
}

/**
 * better-auth's refusal of a malformed request, in Chinese: "[body.email] Invalid input: …"
 * names the fields; an unreadable body is said so. Null for its other answers (already worded
 * by the client, lib/api-client.ts).
 */
export function chineseAuthRefusal(code: unknown, message: unknown): string | null {
  if (typeof message !== 'string') return null
  if (code === 'VALIDATION_ERROR') {
    const fields = [...message.matchAll(/\[body\.?([^\]]*)\]/g)].map((m) => m[1] || '请求内容')
    const named = [...new Set(fields)].join('、')
    return `请求内容不完整或格式不对${named ? `（${named}）` : ''}，请刷新页面后重试`
  }
  if (code === 'BAD_REQUEST' && /json/i.test(message)) return '请求内容不是有效的 JSON，请刷新页面后重试'
  return null
}
