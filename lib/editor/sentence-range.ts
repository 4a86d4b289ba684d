/**
 * Where a narrative finding's sentence is in its text: the finding names the paragraph (a line,
 * numbered from 1) and quotes the sentence as written (lib/rules/result.ts `quote`, perhaps cut
 * short with “…”). Going to the finding selects that sentence; when the text changed since and
 * the quote is no longer there, the paragraph.
 */
export function sentenceRange(text: string, paragraph: number, quote: string | undefined): [number, number] {
  const lines = text.split('\n')
  const index = Math.min(Math.max(paragraph, 1), Math.max(lines.length, 1)) - 1
  let start = 0
  for (let i = 0; i < index; i++) start += lines[i].length + 1
  const line = lines[index] ?? ''
  const whole: [number, number] = [start, start + line.length]
  const wanted = (quote ?? '').trim()
  if (!wanted) return whole
  // An excerpt is marked by “…” at either end: its longest piece is what was written.
  const pieces = wanted
    .split(/…+|\.\.\./)
    .map((p) => p.trim())
    .filter(Boolean)
  const piece = pieces.sort((a, b) => b.length - a.length)[0]
  if (!piece) return whole
  const at = line.indexOf(piece)
  if (at < 0) return whole
  if (pieces.length > 1 || wanted !== piece) {
    // An excerpt: select from its first piece to the end of its last, within the line.
    const first = line.indexOf(pieces.find((p) => line.includes(p)) ?? piece)
    const lastPiece = [...pieces].reverse().find((p) => line.includes(p)) ?? piece
    const last = line.lastIndexOf(lastPiece) + lastPiece.length
    return first >= 0 && last > first ? [start + first, start + last] : [start + at, start + at + piece.length]
  }
  return [start + at, start + at + piece.length]
}
