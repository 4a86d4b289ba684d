/**
 * Sign-in, sessions and password hashing: better-auth (e-mail + password, scrypt), sessions
 * in the database behind an httpOnly SameSite=Lax cookie, sign-in attempts rate-limited in the
 * database so that every app instance counts the same attempts. Public sign-up is off: an
 * administrator creates accounts (lib/services/accounts.ts).
 */
import 'server-only'
import { betterAuth } from 'better-auth'
import { prismaAdapter } from 'better-auth/adapters/prisma'
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api'
import { nextCookies } from 'better-auth/next-js'
import { DB_PROVIDER, prisma } from '@/lib/db'
import { MIN_PASSWORD } from '@/lib/requests/accounts'
import { recordAudit } from '@/lib/services/audit'
import { CLIENT_ADDRESS_HEADER } from '@/scripts/client-address.mjs'
import { accountWait, recordFailure, recordSuccess } from './account-throttle'
import { passwordProblem } from './password-policy'

/**
 * NIANBAO_DEMO=1 (npm run demo, the e2e server) runs on plain http with a well-known secret.
 * Anywhere else a production server needs BETTER_AUTH_SECRET and BETTER_AUTH_URL (https).
 */
const demo = process.env.NIANBAO_DEMO === '1'
const building = process.env.NEXT_PHASE === 'phase-production-build'
const production = process.env.NODE_ENV === 'production' && !demo && !building

const DEV_SECRET = 'nianbao-dev-secret-not-for-production-0123456789'

function secret(): string {
  const value = process.env.BETTER_AUTH_SECRET
  if (value) return value
  if (production) throw new Error('BETTER_AUTH_SECRET is required in production (32 or more random characters)')
  return DEV_SECRET
}

/** Why a deactivated account's correct password still does not sign in. */
export const DEACTIVATED_MESSAGE = '该账号已停用，无法登录。如需恢复使用，请联系系统管理员。'

/** Sign-in attempts per client address: this many in this many seconds. */
export const SIGN_IN_LIMIT = { max: 5, window: 60 }

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0]

/**
 * The client address scripts/server.mjs resolved from the socket (and, behind a trusted proxy,
 * X-Forwarded-For). It replaces any copy the client sent, so nothing else is read.
 */
const clientAddressOf = (ctx: HookContext) => ctx.headers?.get(CLIENT_ADDRESS_HEADER) ?? null

const bodyString = (ctx: HookContext, key: string): string => {
  const value = (ctx.body as Record<string, unknown> | undefined)?.[key]
  return typeof value === 'string' ? value : ''
}

/** Before sign-in: the per-account delay. Before a password change: the password rules. */
const beforeHook = createAuthMiddleware(async (ctx) => {
  if (ctx.path === '/sign-in/email') {
    const email = bodyString(ctx, 'email')
    const wait = await accountWait(email)
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      await recordAudit({
        action: 'sign-in',
        outcome: 'refused',
        subject: email.slice(0, 320),
        address: clientAddressOf(ctx),
        detail: `连续登录失败，需等待${seconds}秒`,
      })
      throw new APIError(
        'TOO_MANY_REQUESTS',
        { code: 'ACCOUNT_THROTTLED', message: `该账号连续登录失败，请${seconds}秒后再试` },
        { 'X-Retry-After': String(seconds) },
      )
    }
    return
  }
  if (ctx.path === '/change-password') {
    const session = await getSessionFromCtx(ctx)
    if (!session) return
    const problem = await passwordProblem(bodyString(ctx, 'newPassword'), session.user)
    if (problem) {
      await recordAudit({
        action: 'password.change',
        outcome: 'refused',
        actor: session.user,
        subject: session.user.email,
        address: clientAddressOf(ctx),
        detail: problem,
      })
      throw new APIError('BAD_REQUEST', { code: 'PASSWORD_POLICY', message: problem })
    }
    // A changed password always ends the user's other sessions, whatever the client asked.
    return { context: { body: { ...(ctx.body as object), revokeOtherSessions: true } } }
  }
})

/** After sign-in and password changes: the audit trail and the per-account counter. */
const afterHook = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned
  const failed = isAPIError(returned)
  if (ctx.path === '/sign-in/email') {
    const email = bodyString(ctx, 'email')
    const address = clientAddressOf(ctx)
    if (failed && (returned.body as { code?: string } | undefined)?.code === 'ACCOUNT_DEACTIVATED') {
      await recordAudit({
        action: 'sign-in',
        outcome: 'refused',
        subject: email.slice(0, 320),
        address,
        detail: DEACTIVATED_MESSAGE,
      })
      return
    }
    if (failed) {
      // Only a wrong account or password counts against the account, not a malformed request.
      if (returned.statusCode !== 401) return
      await recordFailure(email)
      await recordAudit({
        action: 'sign-in',
        outcome: 'failure',
        subject: email.slice(0, 320),
        address,
        detail: '账号或密码不正确',
      })
      return
    }
    const user = ctx.context.newSession?.user
    await recordSuccess(email)
    await recordAudit({
      action: 'sign-in',
      outcome: 'success',
      actor: user ?? null,
      subject: user?.email ?? email,
      address,
    })
    return
  }
  if (ctx.path === '/change-password') {
    const user = ctx.context.session?.user ?? (await getSessionFromCtx(ctx))?.user
    const event = {
      action: 'password.change',
      outcome: failed ? 'failure' : 'success',
      actor: user ?? null,
      subject: user?.email ?? null,
      address: clientAddressOf(ctx),
      detail: failed ? '当前密码不正确' : '其他登录已退出',
    } as const
    if (failed || !user) {
      await recordAudit(event)
      return
    }
    // The user's own password now: an administrator's forced change is done (decision 0360).
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { mustChangePassword: false } })
      await recordAudit(event, tx)
    })
  }
})

export const auth = betterAuth({
  appName: '年报',
  secret: secret(),
  // Without BETTER_AUTH_URL (demo, tests) the origin comes from the request, for these hosts only.
  baseURL: process.env.BETTER_AUTH_URL || { allowedHosts: ['localhost:*', '127.0.0.1:*'], protocol: 'http' },
  database: prismaAdapter(prisma, { provider: DB_PROVIDER }),
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    // The full rules (lib/auth/password-policy.ts) run in the before hook; these are better-auth's own bounds.
    minPasswordLength: MIN_PASSWORD,
    maxPasswordLength: 128,
    revokeSessionsOnPasswordReset: true,
  },
  user: {
    additionalFields: {
      isAdmin: { type: 'boolean', required: false, defaultValue: false, input: false },
    },
  },
  // No cookieCache: a session is read from the database on every request, so a deactivation,
  // a role change or a move made through any instance is in force on the next (decision 0360).
  session: {
    expiresIn: 60 * 60 * 12,
    updateAge: 60 * 60,
  },
  databaseHooks: {
    session: {
      create: {
        // After the password was verified: a deactivated account gets no session, and is told why.
        before: async (session) => {
          const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { deactivatedAt: true } })
          if (user?.deactivatedAt) {
            throw new APIError('FORBIDDEN', { code: 'ACCOUNT_DEACTIVATED', message: DEACTIVATED_MESSAGE })
          }
        },
      },
    },
  },
  rateLimit: {
    enabled: true,
    storage: 'database',
    window: 60,
    max: 300,
    customRules: {
      '/sign-in/email': SIGN_IN_LIMIT,
      '/change-password': SIGN_IN_LIMIT,
    },
  },
  advanced: {
    useSecureCookies: production,
    defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    // Only our server's header (scripts/server.mjs), one address, already resolved against
    // NIANBAO_TRUSTED_PROXIES there. Without it (`next dev`) every client shares one bucket.
    ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
  },
  hooks: { before: beforeHook, after: afterHook },
  telemetry: { enabled: false },
  plugins: [nextCookies()],
})
