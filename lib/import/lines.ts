/**
 * What every container reader gives the structure reader: the document as a list of lines in
 * reading order, each a paragraph of text or a table row of cells. A cell is its text ('' for an
 * empty cell); a position covered by a rowspan or colspan is left out, so every cell is read once.
 */
export type DocLine = { kind: 'p'; text: string } | { kind: 'row'; cells: string[] }

/** Refusals of a document (size, time, damage), in Chinese, for the user. */
export class ImportRefusal extends Error {}

/** Whitespace of a printed page (the no-break space of `&nbsp;` and the ideographic space too). */
export const SPACE = /[\s\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+/g

/** Runs of whitespace as one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(SPACE, ' ').trim()
}

/** The text a line shows, for the side-by-side view (a row's cells separated by tabs). */
export function lineText(line: DocLine): string {
  return line.kind === 'p' ? line.text : line.cells.join('\t')
}

/** Marks the start and the end of a bold run while a paragraph is collected. */
export const BOLD = '\u0001'

/**
 * A paragraph's bold runs as `**bold**` (the narrative markup of lib/narrative.ts); a paragraph
 * bold throughout is a heading's weight, not emphasis, and gets no marks.
 */
export function withBoldMarks(raw: string): string {
  const text = raw.split(`${BOLD}${BOLD}`).join('')
  if (!text.includes(BOLD)) return text
  const plain = text.split(BOLD)
  const boldText = plain.filter((_, i) => i % 2 === 1).join('')
  const rest = plain.filter((_, i) => i % 2 === 0).join('')
  if (rest.trim() === '' || boldText.trim() === '') return plain.join('')
  return plain.map((part, i) => (i % 2 === 1 && part.trim() !== '' ? `**${part}**` : part)).join('')
}
