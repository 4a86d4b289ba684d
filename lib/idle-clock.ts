/**
 * The browser's side of the idle timeout (lib/auth/idle.ts): when the server last heard from
 * this tab (every answer of the API client counts), and what must be saved before an idle
 * sign-out (the editor registers its autosave flush).
 */
let lastContact = Date.now()
const listeners = new Set<() => void>()

export function noteServerContact(): void {
  lastContact = Date.now()
  for (const listener of listeners) listener()
}

export const lastServerContact = () => lastContact

/** Called on every contact (the idle guard hides its warning). */
export function onServerContact(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const savers = new Set<() => Promise<unknown>>()

/** Registers work to finish before an idle sign-out (an unsaved draft); returns the unregister. */
export function beforeIdleSignOut(save: () => Promise<unknown>): () => void {
  savers.add(save)
  return () => savers.delete(save)
}

/** Runs every registered save; a failure of one does not stop the others. */
export async function runIdleSavers(): Promise<void> {
  await Promise.allSettled([...savers].map((save) => save()))
}
