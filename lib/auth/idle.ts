/**
 * Idle sessions end (等保 2.0): after NIANBAO_IDLE_MINUTES (default 30) without a request, the
 * session is over. The session row's updatedAt is the last-seen time: the session lookup
 * (lib/auth/session.ts) moves it forward at most once a TOUCH_MS, so a busy user costs one small
 * write a minute; the server therefore allows TOUCH_MS of slack, and the browser (IdleGuard)
 * warns a minute before and signs out at the exact time, after saving the draft.
 */
export const DEFAULT_IDLE_MINUTES = 30
export const TOUCH_MS = 60_000

/** The idle time in ms from a NIANBAO_IDLE_MINUTES value (a positive number; fractions allowed). */
export function idleMsFrom(value: string | undefined): number {
  const minutes = Number(value)
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : DEFAULT_IDLE_MINUTES * 60_000
}

export const idleMs = () => idleMsFrom(process.env.NIANBAO_IDLE_MINUTES)

export type IdleVerdict = 'ended' | 'touch' | 'fresh'

/** What a request seen at `now` does to a session last seen at `lastSeen`. */
export function idleVerdict(lastSeen: number, now: number, idle: number): IdleVerdict {
  const quiet = now - lastSeen
  if (quiet > idle + TOUCH_MS) return 'ended'
  return quiet >= TOUCH_MS ? 'touch' : 'fresh'
}

/** When the browser warns before signing out: a minute before, or half the time if it is shorter. */
export const warnBeforeMs = (idle: number) => Math.min(60_000, Math.floor(idle / 2))
