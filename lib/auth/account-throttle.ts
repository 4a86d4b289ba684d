/**
 * Per-account sign-in throttle, counted in the database so that every instance sees it. The
 * first FREE_FAILURES failures cost nothing; each further failure makes the next attempt wait,
 * 1 s doubling up to MAX_WAIT_MS. A success resets it. It is a delay, never a lockout: whatever
 * an attacker does, the owner can try again within MAX_WAIT_MS, and the per-address limit
 * (lib/auth/auth.ts) bounds how many guesses each address gets. Unknown accounts are counted the
 * same way, so the answer does not tell whether an account exists.
 */
import 'server-only'
import { prisma } from '@/lib/db'

export const FREE_FAILURES = 5
export const FIRST_WAIT_MS = 1_000
export const MAX_WAIT_MS = 60_000

/** How long after the latest failure the next attempt must wait, for this many failures in a row. */
export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(failures - FREE_FAILURES, 16))
}

export const normalizeAccount = (email: string) => email.trim().toLowerCase().slice(0, 320)

/** Milliseconds the account must still wait before an attempt, 0 when it may try now. */
export async function accountWait(email: string, now = new Date()): Promise<number> {
  const row = await prisma.signInThrottle.findUnique({ where: { email: normalizeAccount(email) } })
  return row ? Math.max(0, row.notBefore.getTime() - now.getTime()) : 0
}

/** Counts a failed attempt; returns the wait it imposes on the next one. */
export async function recordFailure(email: string, now = new Date()): Promise<number> {
  const key = normalizeAccount(email)
  // One statement either way, so that concurrent failures on two instances both count.
  const row = await prisma.signInThrottle.upsert({
    where: { email: key },
    create: { email: key, failures: 1, notBefore: now },
    update: { failures: { increment: 1 } },
  })
  const wait = waitAfter(row.failures)
  if (wait > 0) {
    await prisma.signInThrottle.update({ where: { email: key }, data: { notBefore: new Date(now.getTime() + wait) } })
  }
  return wait
}

export async function recordSuccess(email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { email: normalizeAccount(email) } })
}
