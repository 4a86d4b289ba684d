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
