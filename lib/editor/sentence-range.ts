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
    // An excerpt: select from its first piece to the end of its last, within the line; a quote cut
    // short at an end (“…”) reaches on to that end of its sentence.
    const first = line.indexOf(pieces.find((p) => line.includes(p)) ?? piece)
    const lastPiece = [...pieces].reverse().find((p) => line.includes(p)) ?? piece
    const last = line.lastIndexOf(lastPiece) + lastPiece.length
    let [from, to] = first >= 0 && last > first ? [first, last] : [at, at + piece.length]
    if (/^(…|\.\.\.)/.test(wanted)) from = sentenceStart(line, from)
    if (/(…|\.\.\.)$/.test(wanted)) to = sentenceEnd(line, to)
    return [start + from, start + to]
  }
  return [start + at, start + at + piece.length]
}

/** Where a sentence ends in Chinese text: after its 。！？ (or a line's end). */
const SENTENCE_END = /[。！？!?]/

function sentenceStart(line: string, from: number): number {
  for (let i = from - 1; i >= 0; i--) if (SENTENCE_END.test(line[i])) return i + 1
  return 0
}

function sentenceEnd(line: string, to: number): number {
  for (let i = to; i < line.length; i++) if (SENTENCE_END.test(line[i])) return i + 1
  return line.length
}
