import v8 from 'node:v8'
import { describe, expect, it } from 'vitest'
import { NEW_SPACE_BYTES, type Nursery, NurseryCap, v8Nursery } from './nursery'
import { YOUNG_MB } from './validate-plan'

/** A new space that grows by a step at each look, and what was asked of it. */
function fakeNursery(sizes: number[]) {
  const calls: string[] = []
  let look = 0
  const nursery: Nursery = {
    newSpaceBytes: () => {
      calls.push('look')
      return sizes[Math.min(look++, sizes.length - 1)]
    },
    setGrowing: (growing) => {
      calls.push(growing ? 'grow' : 'stop')
    },
  }
  return { nursery, calls }
}

const MB = 2 ** 20

describe('the main thread’s young generation capped at the worker’s', () => {
  it('is the worker’s two semi-spaces: a young generation counts three', () => {
    expect(NEW_SPACE_BYTES).toBe(((2 * YOUNG_MB) / 3) * MB)
  })

  it('passes every item through in order, and stops growth once the new space has the size', () => {
    const { nursery, calls } = fakeNursery([4 * MB, 4 * MB, NEW_SPACE_BYTES, 32 * MB])
    const cap = new NurseryCap(nursery)
    const items = Array.from({ length: 40 }, (_, i) => i)
    expect([...cap.cap(items)]).toEqual(items)
    // A look every 8 items until the third look finds the size; none after.
    expect(calls).toEqual(['look', 'look', 'look', 'stop'])
    cap.release()
    expect(calls.at(-1)).toBe('grow')
    // Released once: a second release asks nothing.
    cap.release()
    expect(calls.filter((c) => c === 'grow')).toHaveLength(1)
  })

  it('asks nothing of V8 to release when it never capped', () => {
    const { nursery, calls } = fakeNursery([MB])
    const cap = new NurseryCap(nursery)
    expect([...cap.cap([1, 2, 3])]).toEqual([1, 2, 3])
    cap.release()
    expect(calls).toEqual(['look'])
  })

  it('reads V8’s own new space: a name V8 no longer used would leave the cap off for good', () => {
    const bytes = v8Nursery.newSpaceBytes()
    expect(bytes).toBeGreaterThan(0)
    const listed = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
    expect(bytes).toBe(listed?.space_size)
  })
})
