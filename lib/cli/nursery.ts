/**
 * The main thread's young generation kept at the worker's size (decision 1028). V8 grows an
 * isolate's semi-spaces while most of what it allocates survives, as the reports read by
 * `validate` do: the main thread's semi-spaces went from 2 to 16 MB in the first 300 of 1,000
 * files, the worker's stop at 4 MB (its `resourceLimits`, decision 1021). Every page of a grown
 * semi-space is touched once more, and on our virtual machines a first touch is a fault whose cost
 * follows the host. The main isolate's heap is configured before bin/nianbao.js runs, so its limit
 * cannot be set (decision 0830); V8 reads its growth factor at each growth, so growth is stopped
 * once the new space has the worker's size.
 */
import v8 from 'node:v8'
import { YOUNG_MB } from './validate-plan'

/** V8's new space is two semi-spaces; a young generation of YOUNG_MB is three semi-spaces' worth. */
export const NEW_SPACE_BYTES = ((2 * YOUNG_MB) / 3) * 2 ** 20

/** Files between two looks at the heap (a look lists every space: cheap, not free). */
const EVERY = 8

export interface Nursery {
  /** The new space's size now (both semi-spaces), in bytes. */
  newSpaceBytes(): number
  /** Whether the new space may grow (V8's flags are the process's: every isolate follows). */
  setGrowing(growing: boolean): void
}

/** V8's own new space, by the name V8 lists it under (renamed, the cap would never engage: tested). */
export const v8Nursery: Nursery = {
  newSpaceBytes: () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
  // 2 is V8's default factor.
  setGrowing: (growing) => v8.setFlagsFromString(`--semi-space-growth-factor=${growing ? 2 : 1}`),
}

/**
 * Caps the new space for one call: `cap` passes the items through, looking at the heap every
 * EVERY items until the new space has reached NEW_SPACE_BYTES, then stops its growth; `release`
 * lets it grow again (a long-lived process, the tests', goes on as before). Only for the main
 * thread of a call on threads: the workers' young generation is limited already, and the flag
 * reaches them by then at their size.
 */
export class NurseryCap {
  private capped = false

  constructor(private readonly nursery: Nursery = v8Nursery) {}

  *cap<T>(items: Iterable<T>): Generator<T> {
    let seen = 0
    for (const item of items) {
      if (!this.capped && seen++ % EVERY === 0 && this.nursery.newSpaceBytes() >= NEW_SPACE_BYTES) {
        this.nursery.setGrowing(false)
        this.capped = true
      }
      yield item
    }
  }

  release(): void {
    if (!this.capped) return
    this.nursery.setGrowing(true)
    this.capped = false
  }
}
