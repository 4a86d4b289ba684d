/**
 * Sign-in, sessions and password hashing: better-auth (e-mail + password, scrypt), sessions
 * in the database behind an httpOnly SameSite=Lax cookie, sign-in attempts rate-limited in the
 * database so that every app instance counts the same attempts. Public sign-up is off: an
 * administrator creates accounts (lib/services/accounts.ts).
 */
import 'server-only'
import { betterAuth } from 'better-auth'
import { prismaAdapter } from 'better-auth/adapters/prisma'
import { nextCookies } from 'better-auth/next-js'
import { DB_PROVIDER, prisma } from '@/lib/db'

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

/** Sign-in attempts per client address: this many in this many seconds. */
export const SIGN_IN_LIMIT = { max: 5, window: 60 }

const trustedProxies = (process.env.NIANBAO_TRUSTED_PROXIES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)

export const auth = betterAuth({
  appName: '年报',
  secret: secret(),
  // Without BETTER_AUTH_URL (demo, tests) the origin comes from the request, for these hosts only.
  baseURL: process.env.BETTER_AUTH_URL || { allowedHosts: ['localhost:*', '127.0.0.1:*'], protocol: 'http' },
  database: prismaAdapter(prisma, { provider: DB_PROVIDER }),
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    minPasswordLength: 8,
    maxPasswordLength: 128,
    revokeSessionsOnPasswordReset: true,
  },
  user: {
    additionalFields: {
      isAdmin: { type: 'boolean', required: false, defaultValue: false, input: false },
    },
  },
  session: {
    expiresIn: 60 * 60 * 12,
    updateAge: 60 * 60,
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
    ipAddress: trustedProxies.length ? { trustedProxies } : {},
  },
  telemetry: { enabled: false },
  plugins: [nextCookies()],
})
