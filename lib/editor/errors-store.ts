/**
 * Refused input by path below `sections` (decision 0440). The errors live in react-hook-form
 * (decision 0110: `form.setError('sections.<path>')`); a cell reading its own with
 * `useFormState({ name, exact: true })` made ~180 subscriptions that react-hook-form calls on every
 * `setValue` of every keystroke. This store holds one subscription to the form's errors (told only
 * when errors change) and tells the listeners of the paths whose message changed. Plain
 * TypeScript, read through useSyncExternalStore (components/editor/editor-store.ts: `useInputError`).
 */

interface Entry {
  message: string | undefined
  listeners: Set<() => void>
}

export class ErrorsStore {
  private readonly entries = new Map<string, Entry>()

  /** `read` gives the form's current message at a path below `sections` (getFieldState). */
  constructor(private readonly read: (path: string) => string | undefined) {}

  /** The message at this path: as last synced while someone listens, else read from the form. */
  get(path: string): string | undefined {
    const entry = this.entries.get(path)
    return entry ? entry.message : this.read(path)
  }

  subscribe(path: string, listener: () => void): () => void {
    let entry = this.entries.get(path)
    if (!entry) {
      entry = { message: this.read(path), listeners: new Set() }
      this.entries.set(path, entry)
    }
    const own = entry
    own.listeners.add(listener)
    return () => {
      own.listeners.delete(listener)
      if (own.listeners.size === 0 && this.entries.get(path) === own) this.entries.delete(path)
    }
  }

  /** After the form's errors changed: the listeners of each path whose message changed are told. */
  sync() {
    const changed: Entry[] = []
    for (const [path, entry] of this.entries) {
      const message = this.read(path)
      if (message !== entry.message) {
        entry.message = message
        changed.push(entry)
      }
    }
    for (const entry of changed) for (const l of [...entry.listeners]) l()
  }
}
