import { describe, expect, it } from 'vitest'
import { serialSaves } from './serial-saves'

/** A save the test finishes by hand, recording what ran when. */
function harness() {
  const log: string[] = []
  let active = 0
  let maxActive = 0
  const pending: ((ok: boolean) => void)[] = []
  let content = 0
  const saves = serialSaves(
    () =>
      new Promise<boolean>((resolve) => {
        active++
        maxActive = Math.max(maxActive, active)
        log.push(`start ${content}`)
        pending.push((ok) => {
          active--
          log.push(`end ${ok}`)
          resolve(ok)
        })
      }),
  )
  const settle = () => new Promise((r) => setTimeout(r, 0))
  return {
    saves,
    log,
    maxActive: () => maxActive,
    edit: () => {
      content++
    },
    finish: async (ok = true) => {
      const next = pending.shift()
      if (!next) throw new Error('no save in flight')
      next(ok)
      await settle()
    },
    settle,
  }
}

describe('serialSaves', () => {
  it('saves at once when nothing is in flight', async () => {
    const h = harness()
    const done = h.saves.flush()
    expect(h.saves.busy).toBe(true)
    await h.finish()
    expect(await done).toBe(true)
    expect(h.saves.busy).toBe(false)
    expect(h.log).toEqual(['start 0', 'end true'])
  })

  it('a flush during a save waits for it, then saves the later edit: never two at once', async () => {
    const h = harness()
    const first = h.saves.flush()
    h.edit()
    let idleDone = false
    const idle = h.saves.flush().then((ok) => {
      idleDone = true
      return ok
    })
    await h.settle()
    // Still only the first save: the idle save has not started beside it.
    expect(h.log).toEqual(['start 0'])
    await h.finish()
    expect(await first).toBe(true)
    // The follow-up started after the first ended, with the edit made meanwhile.
    expect(h.log).toEqual(['start 0', 'end true', 'start 1'])
    expect(idleDone).toBe(false)
    await h.finish()
    expect(await idle).toBe(true)
    expect(h.maxActive()).toBe(1)
  })

  it('callers waiting together share one follow-up save', async () => {
    const h = harness()
    void h.saves.flush()
    h.edit()
    const a = h.saves.flush()
    const b = h.saves.flush()
    const c = h.saves.flush()
    await h.finish()
    await h.finish()
    expect(await Promise.all([a, b, c])).toEqual([true, true, true])
    expect(h.log).toEqual(['start 0', 'end true', 'start 1', 'end true'])
  })

  it('a failed save in flight does not stop the waiting one; its own failure is reported', async () => {
    const h = harness()
    const first = h.saves.flush()
    h.edit()
    const later = h.saves.flush()
    await h.finish(false)
    expect(await first).toBe(false)
    await h.finish(false)
    expect(await later).toBe(false)
    expect(h.log).toEqual(['start 0', 'end false', 'start 1', 'end false'])
    expect(h.maxActive()).toBe(1)
  })

  it('a save that throws frees the queue for the next', async () => {
    let calls = 0
    const saves = serialSaves(async () => {
      calls++
      if (calls === 1) throw new Error('network')
      return true
    })
    await expect(saves.flush()).rejects.toThrow('network')
    expect(saves.busy).toBe(false)
    expect(await saves.flush()).toBe(true)
  })
})
