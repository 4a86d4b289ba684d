/**
 * Built public pages kept in process, keyed by their ETag (decision 0400). The ETag is a hash of
 * everything a page is built from (the published rows, the frozen files' hashes, the markup's
 * revision), read by the one statement every request runs anyway: a key names one page, so an
 * entry is never stale and several instances need not agree on anything. Bounded by bytes,
 * least recently used out.
 */
const LIMIT_BYTES = 32 * 1024 * 1024

export class PageCache {
  private readonly pages = new Map<string, Buffer>()
  private bytes = 0

  constructor(private readonly limit = LIMIT_BYTES) {}

  get(key: string): Buffer | undefined {
    const hit = this.pages.get(key)
    if (hit) {
      this.pages.delete(key)
      this.pages.set(key, hit)
    }
    return hit
  }

  /** Keeps the page (unless it alone is over an eighth of the bound) and returns it. */
  set(key: string, page: Buffer): Buffer {
    if (page.length > this.limit / 8 || this.pages.has(key)) return page
    this.pages.set(key, page)
    this.bytes += page.length
    for (const [old, value] of this.pages) {
      if (this.bytes <= this.limit) break
      this.pages.delete(old)
      this.bytes -= value.length
    }
    return page
  }

  /** The page under key, built (and kept) on a miss. */
  getOrBuild(key: string, build: () => string): Buffer {
    return this.get(key) ?? this.set(key, Buffer.from(build(), 'utf8'))
  }

  get size(): number {
    return this.pages.size
  }
}
