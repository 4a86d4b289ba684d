/**
 * A map bounded by the bytes its values hold, the least recently used going first. The one
 * in-process cache of the app: built public pages (lib/public/responses.ts), frozen file bodies
 * (lib/services/published-files.ts) and each report's compared paragraphs
 * (lib/services/sibling-similarity.ts). A value larger than `largest` is not kept; one larger than
 * the whole bound is kept by nobody either, since keeping it would empty the map for nothing.
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>()
  private held = 0

  constructor(
    private readonly limit: number,
    private readonly sizeOf: (value: V) => number,
    private readonly largest = limit,
  ) {}

  /** The value under key, now the most recently used. */
  get(key: string): V | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    this.entries.delete(key)
    this.entries.set(key, hit)
    return hit.value
  }

  /** Keeps value under key (replacing what was there), then drops the least recently used over the bound. */
  set(key: string, value: V): V {
    this.delete(key)
    const bytes = this.sizeOf(value)
    if (bytes > this.largest || bytes > this.limit) return value
    this.entries.set(key, { value, bytes })
    this.held += bytes
    for (const [old, entry] of this.entries) {
      if (this.held <= this.limit) break
      this.entries.delete(old)
      this.held -= entry.bytes
    }
    return value
  }

  delete(key: string): void {
    const old = this.entries.get(key)
    if (!old) return
    this.entries.delete(key)
    this.held -= old.bytes
  }

  clear(): void {
    this.entries.clear()
    this.held = 0
  }

  get size(): number {
    return this.entries.size
  }

  get bytes(): number {
    return this.held
  }
}
