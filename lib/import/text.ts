/**
 * Plain text pasted from a page, a Word file or a PDF viewer as lines: a line with tabs (or with
 * runs of two or more spaces, as a PDF viewer copies table columns) is a table row.
 */
import { collapse, type DocLine } from './lines'

export function textLines(text: string): DocLine[] {
  const lines: DocLine[] = []
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const cells = raw.split(/\t| {2,}|\u3000{2,}/).map(collapse)
    const nonEmpty = cells.filter((c) => c !== '')
    if (nonEmpty.length === 0) continue
    if (nonEmpty.length === 1 && !raw.includes('\t')) lines.push({ kind: 'p', text: nonEmpty[0] })
    else lines.push({ kind: 'row', cells: raw.includes('\t') ? cells : nonEmpty })
  }
  return lines
}
