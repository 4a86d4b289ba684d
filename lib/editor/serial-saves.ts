/**
 * Autosave's one-at-a-time rule as a plain function (lib/editor/use-autosave.ts). A save reads the
 * content when it starts and sends what changed since the last acknowledged base, so two saves
 * must never run at once: the second would be based on content the first has not had
 * acknowledged yet, and their answers could land in either order. A flush asked for while a save
 * is in flight (the timer, an idle sign-out, leaving the page, a transition, an export) waits for
 * it and then saves what changed meanwhile; callers waiting together share that one follow-up.
 */
export interface SerialSaves {
  /**
   * Saves now, or right after the save in flight. Resolves once everything changed before the
   * call has been sent (true) or the save failed (false).
   */
  flush(): Promise<boolean>
  /** A save is running. */
  readonly busy: boolean
}

export function serialSaves(save: () => Promise<boolean>): SerialSaves {
  let running: Promise<boolean> | null = null
  let following: Promise<boolean> | null = null
  const start = (): Promise<boolean> => {
    const run = save().finally(() => {
      if (running === run) running = null
    })
    running = run
    return run
  }
  return {
    flush() {
      if (!running) return start()
      following ??= running.then(
        () => {
          following = null
          // A save started in between read the content after this call: it covers it.
          return running ?? start()
        },
        () => {
          following = null
          return running ?? start()
        },
      )
      return following
    },
    get busy() {
      return running !== null
    },
  }
}
