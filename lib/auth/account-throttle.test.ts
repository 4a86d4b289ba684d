import { describe, expect, it } from 'vitest'
import { accountWait, FREE_FAILURES, MAX_WAIT_MS, recordFailure, recordSuccess, waitAfter } from './account-throttle'

describe('account throttle', () => {
  it('lets the first failures through, then waits 1 s doubling, capped: a delay, not a lockout', () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, i) => waitAfter(i))).toEqual([0, 0, 0, 0, 0])
    expect([5, 6, 7, 8].map(waitAfter)).toEqual([1000, 2000, 4000, 8000])
    expect(waitAfter(11)).toBe(MAX_WAIT_MS)
    expect(waitAfter(10_000)).toBe(MAX_WAIT_MS)
  })

  it('counts failures per account in the database and resets on success', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z')
    const email = ' Someone@Example.TEST '
    for (let i = 0; i < FREE_FAILURES - 1; i++) expect(await recordFailure(email, t0)).toBe(0)
    expect(await accountWait('someone@example.test', t0)).toBe(0)
    expect(await recordFailure(email, t0)).toBe(1000)
    expect(await accountWait(email, t0)).toBe(1000)
    expect(await accountWait(email, new Date(t0.getTime() + 1000))).toBe(0)
    expect(await recordFailure(email, t0)).toBe(2000)
    // Another account is not affected.
    expect(await accountWait('other@example.test', t0)).toBe(0)
    await recordSuccess(email)
    expect(await accountWait(email, t0)).toBe(0)
    expect(await recordFailure(email, t0)).toBe(0)
  })

  it('never waits longer than the cap however many failures an attacker causes', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z')
    let last = 0
    for (let i = 0; i < 40; i++) last = await recordFailure('victim@example.test', t0)
    expect(last).toBe(MAX_WAIT_MS)
    expect(await accountWait('victim@example.test', t0)).toBe(MAX_WAIT_MS)
  })
})
