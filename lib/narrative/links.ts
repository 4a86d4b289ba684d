/**
 * Linked numbers (design.md, "Narrative text"; docs/decisions/0230): a narrative keeps a token
 * `{{applications.granted.total}}` (a dotted cell path) where the officer inserted a table value,
 * and every view prints the cell's value in its place, so the text cannot disagree with the table.
 * `{{share:PART/WHOLE}}` prints PART as a percentage of WHOLE (two decimals). `{{h:N}}` at the
 * start of a line is the heading marker (lib/narrative.ts), not a link.
 *
 * One substitution function (resolveLinks) serves the editor preview, the documents (docx, html,
 * pdf via docx, the phone page), the versions comparison and the history.
 */
import { cellByPath, formatCells, groupRows, narrativePath, rowsUnder } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { getAt, isBlank } from '@/lib/report/values'

/** Every `{{…}}` token but the heading marker. */
export const LINK_TOKEN = /\{\{(?!h:[0-4]\}\})([^{}\n]{1,200})\}\}/g

/**
 * What a token refers to: a cell, or a row group of table 三 by a column (`applications.denied.total`,
 * the sum of the group's rows, as the report speaks of （三）不予公开), or a share of two such.
 */
export type LinkRef = { kind: 'cell'; cells: string[] } | { kind: 'share'; part: string[]; whole: string[] }

/** The cells a dotted path stands for: itself if a cell, the rows of a row group, else null. */
export function linkCells(format: FormatDef, path: string): string[] | null {
  const cell = cellByPath(format, path)
  if (cell) return [path]
  const [sectionKey, groupKey, column, ...rest] = path.split('.')
  if (rest.length) return null
  const section = format.sections.find((s) => s.key === sectionKey)
  if (section?.kind !== 'table' || section.table.kind !== 'matrix') return null
  // Only a group of rows (（三）不予公开), not one of groups (三、本年度办理结果 holds the 总计 too).
  const group = groupRows(section.table.rows).find((g) => g.key === groupKey)
  if (!group?.children.every((c) => c.kind === 'row')) return null
  const cells = rowsUnder(section.table, groupKey).map((r) => `${sectionKey}.${r}.${column}`)
  return cells.every((c) => cellByPath(format, c)) ? cells : null
}

/** What a token's inside refers to, or null when it is not a link the format knows. */
export function parseLink(format: FormatDef, inner: string): LinkRef | null {
  const share = /^share:([\w.]+)\/([\w.]+)$/.exec(inner)
  if (share) {
    const part = linkCells(format, share[1])
    const whole = linkCells(format, share[2])
    return part && whole ? { kind: 'share', part, whole } : null
  }
  const cells = linkCells(format, inner)
  return cells ? { kind: 'cell', cells } : null
}

export const cellToken = (path: string) => `{{${path}}}`
export const shareToken = (part: string, whole: string) => `{{share:${part}/${whole}}}`

/** What a blank cell prints as: never a 0 the officer did not write. */
export const BLANK_LINK_TEXT = '（未填）'

/** A share as printed: two decimals and a per-cent sign; blank or zero whole cannot be shown. */
export function shareText(part: number, whole: number): string | null {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return null
  return `${(Math.round((part * 10000) / whole) / 100).toFixed(2)}%`
}

/** The sum of cells (NaN when any is blank). */
function cellsNumber(format: FormatDef, sections: unknown, cells: string[]): number {
  let total = 0
  for (const path of cells) {
    const value = getAt(sections, path.split('.'))
    if (isBlank(value)) return Number.NaN
    total += VALUE_TYPES[cellByPath(format, path)?.valueType ?? 'count'].toNumber(value)
  }
  return total
}

/** The value a token prints as; an unknown token prints as written (an error finding names it). */
export function linkText(format: FormatDef, sections: unknown, inner: string): string | null {
  const ref = parseLink(format, inner)
  if (!ref) return null
  if (ref.kind === 'share') {
    return (
      shareText(cellsNumber(format, sections, ref.part), cellsNumber(format, sections, ref.whole)) ?? BLANK_LINK_TEXT
    )
  }
  if (ref.cells.length === 1) {
    const value = getAt(sections, ref.cells[0].split('.'))
    if (isBlank(value)) return BLANK_LINK_TEXT
    return VALUE_TYPES[cellByPath(format, ref.cells[0])?.valueType ?? 'count'].screenText(value)
  }
  const total = cellsNumber(format, sections, ref.cells)
  return Number.isNaN(total) ? BLANK_LINK_TEXT : String(total)
}

/** The cells a text's links read (to follow them as they change). */
export function linkedCells(format: FormatDef, text: string): string[] {
  if (!text.includes('{{')) return []
  const out = new Set<string>()
  for (const m of text.matchAll(LINK_TOKEN)) {
    const ref = parseLink(format, m[1])
    if (!ref) continue
    for (const c of ref.kind === 'cell' ? ref.cells : [...ref.part, ...ref.whole]) out.add(c)
  }
  return [...out]
}

/** The text with every link replaced by its value: the one substitution all renderers use. */
export function resolveLinks(format: FormatDef, sections: unknown, text: string): string {
  if (!text.includes('{{')) return text
  return text.replace(LINK_TOKEN, (token, inner: string) => linkText(format, sections, inner) ?? token)
}

/** The pieces of a line for a view that marks linked numbers (the editor's chips). */
export type LinkPiece = { text: string; link?: string; unknown?: true }

export function linkPieces(format: FormatDef, sections: unknown, text: string): LinkPiece[] {
  const out: LinkPiece[] = []
  let last = 0
  for (const m of text.matchAll(LINK_TOKEN)) {
    const at = m.index ?? 0
    if (at > last) out.push({ text: text.slice(last, at) })
    const value = linkText(format, sections, m[1])
    out.push(value === null ? { text: m[0], link: m[1], unknown: true } : { text: value, link: m[1] })
    last = at + m[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

/** Tokens the format does not know, with the line (from 1) each is on. */
export function unknownLinks(format: FormatDef, text: string): { token: string; line: number; lineText: string }[] {
  if (!text.includes('{{')) return []
  const out: { token: string; line: number; lineText: string }[] = []
  text.split('\n').forEach((lineText, i) => {
    for (const m of lineText.matchAll(LINK_TOKEN)) {
      if (!parseLink(format, m[1])) out.push({ token: m[0], line: i + 1, lineText })
    }
  })
  return out
}

/**
 * What a user may insert (the “插入数据” list), in document order with labels: every cell, and
 * for table 三 each row group's sum by column (（三）不予公开·总计), ahead of its rows.
 */
export function linkableCells(format: FormatDef): { path: string; label: string; section: string }[] {
  const out: { path: string; label: string; section: string }[] = []
  const headingOf = (key: string) => format.sections.find((s) => s.key === key)?.heading ?? key
  const groupFirstRow = new Map<string, { key: string; label: string }[]>()
  for (const section of format.sections) {
    if (section.kind !== 'table' || section.table.kind !== 'matrix') continue
    for (const g of groupRows(section.table.rows)) {
      const first = rowsUnder(section.table, g.key)[0]
      const at = `${section.key}.${first}`
      groupFirstRow.set(at, [...(groupFirstRow.get(at) ?? []), { key: g.key, label: g.label }])
    }
  }
  for (const c of formatCells(format)) {
    const [sectionKey, row, column] = c.segments
    for (const g of groupFirstRow.get(`${sectionKey}.${row}`) ?? []) {
      const path = `${sectionKey}.${g.key}.${column}`
      if (linkCells(format, path))
        out.push({ path, label: `${g.label}·${c.columnLabel}`, section: headingOf(sectionKey) })
    }
    out.push({ path: c.path, label: c.label, section: headingOf(c.sectionKey) })
  }
  return out
}

/** Every narrative of a report (the preamble too) with its links resolved: for views that take the whole report. */
export function withLinksResolved<T extends { sections: Record<string, unknown>; preamble?: string | null }>(
  format: FormatDef,
  report: T,
): T {
  let sections = report.sections
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    const segments = path.split('.')
    const text = getAt(sections, segments)
    if (typeof text !== 'string' || !text.includes('{{')) continue
    sections = setCopy(sections, segments, resolveLinks(format, report.sections, text))
  }
  const preamble =
    typeof report.preamble === 'string' ? resolveLinks(format, report.sections, report.preamble) : report.preamble
  if (sections === report.sections && preamble === report.preamble) return report
  return { ...report, sections, preamble }
}

function setCopy(root: Record<string, unknown>, segments: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = segments
  const child = root[head]
  return {
    ...root,
    [head]: rest.length === 0 ? value : setCopy((child ?? {}) as Record<string, unknown>, rest, value),
  }
}
