/**
 * Plain text pasted from a page, a Word file or a PDF viewer as lines: a line with tabs (or with
 * runs of two or more spaces, as a PDF viewer copies table columns) is a table row, and so is a
 * Markdown table row (`| a | b |`, its `|---|` rule skipped); Markdown heading marks are dropped.
 */
import { collapse, type DocLine } from './lines'

export function textLines(text: string): DocLine[] {
  const lines: DocLine[] = []
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (/^\s*\|.*\|\s*$/.test(line)) {
      const cells = line.trim().slice(1, -1).split('|').map(collapse)
      if (!cells.every((c) => /^:?-{2,}:?$/.test(c))) lines.push({ kind: 'row', cells })
      continue
    }
    const raw = line.replace(/^\s{0,3}#{1,6}\s+/, '')
    const cells = raw.split(/\t| {2,}|\u3000{2,}/).map(collapse)
    const nonEmpty = cells.filter((c) => c !== '')
    if (nonEmpty.length === 0) continue
    if (nonEmpty.length === 1 && !raw.includes('\t')) lines.push({ kind: 'p', text: nonEmpty[0] })
    else lines.push({ kind: 'row', cells: raw.includes('\t') ? cells : nonEmpty })
  }
  return lines
}
