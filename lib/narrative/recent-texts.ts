/**
 * What was last made of a few texts, found again by `===` (decision 1026): a Map would hash every
 * whole narrative it is asked for, and a text asked for again is usually the same string, which
 * `===` finds without reading it. Newest first; the oldest goes when `limit` are kept. What it
 * returns is shared: read-only.
 */
export function recentTexts<T>(limit: number, make: (text: string) => T): (text: string) => T {
  const recent: { text: string; made: T }[] = []
  return (text) => {
    for (const r of recent) if (r.text === text) return r.made
    const made = make(text)
    if (recent.length >= limit) recent.pop()
    recent.unshift({ text, made })
    return made
  }
}
