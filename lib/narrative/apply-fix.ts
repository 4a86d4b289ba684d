/**
 * A narrative finding's fix applied to the text: in its paragraph, within its sentence, the stated
 * number replaced by the table's value or by the linked-number token (lib/narrative/findings.ts).
 */
export function applyFix(
  text: string,
  at: { paragraph: number; quote: string },
  from: string,
  to: string,
): string | null {
  const lines = text.split('\n')
  const line = lines[at.paragraph - 1]
  if (line === undefined) return null
  const start = line.indexOf(at.quote)
  if (start < 0) return null
  const within = at.quote.indexOf(from)
  if (within < 0) return null
  const pos = start + within
  lines[at.paragraph - 1] = line.slice(0, pos) + to + line.slice(pos + from.length)
  return lines.join('\n')
}
