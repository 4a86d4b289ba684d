/**
 * The signed-in user of a request, in one indexed lookup. better-auth's getSession costs
 * about 6 ms of CPU per call (its endpoint machinery and two Prisma queries), and every request
 * of every officer asks it. So the common case is answered here, by the same rules: the session
 * cookie better-auth set, its HMAC signature checked with better-auth's secret, a session row
 * with that token that has not expired. Every other case (no such session, expired, due for its
 * sliding refresh, "don't remember me") goes to better-auth itself, which also clears cookies
 * and expired rows and refreshes the expiry, exactly as before. A session idle for longer than
 * NIANBAO_IDLE_MINUTES ends here first (lib/auth/idle.ts); the same statement reads its last-seen time.
 */
import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Actor, ActorSummary } from '@/lib/auth/permissions'
import { deleteSession, findSessionRows, touchSession } from '@/lib/data/session-table'
import type { ActorRow } from '@/lib/data/user-table'
import { actorFromRows, actorSummaryFromRows, loadActor } from '@/lib/services/accounts'
import { auth } from './auth'
import { idleMs, idleVerdict } from './idle'

interface CookieRules {
  sessionCookie: string
  dontRememberCookie: string
  secret: string
  expiresInMs: number
  updateAgeMs: number
}

let rules: Promise<CookieRules> | null = null

function cookieRules(): Promise<CookieRules> {
  rules ??= auth.$context.then((ctx) => ({
    sessionCookie: ctx.authCookies.sessionToken.name,
    dontRememberCookie: ctx.authCookies.dontRememberToken.name,
    secret: ctx.secret,
    expiresInMs: ctx.sessionConfig.expiresIn * 1000,
    updateAgeMs: ctx.sessionConfig.updateAge * 1000,
  }))
  return rules
}

/** The value of one cookie of a Cookie header (URI-decoded), or null. */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      return null
    }
  }
  return null
}

/** The token of a signed cookie value `token.base64(HMAC-SHA256(secret, token))`, or null. */
export function verifySigned(value: string, secret: string): string | null {
  const dot = value.lastIndexOf('.')
  if (dot < 1) return null
  const token = value.slice(0, dot)
  const signature = value.slice(dot + 1)
  if (signature.length !== 44 || !signature.endsWith('=')) return null
  const expected = createHmac('sha256', secret).update(token).digest()
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null
}

/**
 * 'none': no session cookie, or a forged one (better-auth answers null for both);
 * the signed-in user: a valid session that needs nothing done; 'ask-better-auth': anything else.
 * One statement reads the session, the user and the memberships.
 */
export async function quickSession(cookieHeader: string | null): Promise<Actor | 'none' | 'ask-better-auth'> {
  const rows = await quickRows(cookieHeader)
  return typeof rows === 'string' ? rows : ((await actorFromRows(rows)) ?? 'ask-better-auth')
}

/** quickSession's checks: the user's rows (one per membership) when the session needs nothing done. */
async function quickRows(cookieHeader: string | null): Promise<readonly ActorRow[] | 'none' | 'ask-better-auth'> {
  const r = await cookieRules()
  const value = cookieValue(cookieHeader, r.sessionCookie)
  if (!value) return 'none'
  const token = verifySigned(value, r.secret)
  if (!token) return 'none'
  const rows = await findSessionRows(token)
  const [row] = rows
  if (!row) return 'ask-better-auth'
  // Deactivated meanwhile (its sessions were deleted then; this one raced it): ends here.
  if (row.deactivatedAt) {
    await deleteSession(token)
    return 'none'
  }
  const now = Date.now()
  // Idle too long: the session ends here, whichever path would have answered (lib/auth/idle.ts).
  const idle = idleVerdict(row.updatedAt.getTime(), now, idleMs())
  if (idle === 'ended') {
    await deleteSession(token)
    return 'none'
  }
  if (idle === 'touch') await touchSession(token, new Date(now))
  if (cookieValue(cookieHeader, r.dontRememberCookie)) return 'ask-better-auth'
  const expiresAt = row.expiresAt.getTime()
  if (expiresAt <= now) return 'ask-better-auth'
  // better-auth slides the expiry once updateAge has passed since the last refresh.
  if (expiresAt - r.expiresInMs + r.updateAgeMs <= now) return 'ask-better-auth'
  return rows
}

/**
 * sessionActor without a coordinator's agency tree, for a page that only lists (decision 0610):
 * the same checks and the same answer but for `subtree`, which only can() reads.
 */
export async function sessionSummary(headers: Headers): Promise<ActorSummary | null> {
  const rows = await quickRows(headers.get('cookie'))
  if (rows === 'none') return null
  const quick = rows === 'ask-better-auth' ? null : actorSummaryFromRows(rows)
  if (quick) return quick
  const session = await auth.api.getSession({ headers })
  return session ? loadActor(session.user.id) : null
}

/** The signed-in user for these request headers, or null. */
export async function sessionActor(headers: Headers): Promise<Actor | null> {
  const quick = await quickSession(headers.get('cookie'))
  if (quick === 'none') return null
  if (quick !== 'ask-better-auth') return quick
  const session = await auth.api.getSession({ headers })
  return session ? loadActor(session.user.id) : null
}
