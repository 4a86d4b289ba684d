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
