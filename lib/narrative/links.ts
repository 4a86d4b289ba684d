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
import { cellByPath, formatCells } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { getAt, isBlank } from '@/lib/report/values'

/** Every `{{…}}` token but the heading marker. */
export const LINK_TOKEN = /\{\{(?!h:[0-4]\}\})([^{}\n]{1,200})\}\}/g

export type LinkRef = { kind: 'cell'; path: string } | { kind: 'share'; part: string; whole: string }

/** What a token's inside refers to, or null when it is not a link the format knows. */
export function parseLink(format: FormatDef, inner: string): LinkRef | null {
  const share = /^share:([\w.]+)\/([\w.]+)$/.exec(inner)
  if (share) {
    const [, part, whole] = share
    return cellByPath(format, part) && cellByPath(format, whole) ? { kind: 'share', part, whole } : null
  }
  return cellByPath(format, inner) ? { kind: 'cell', path: inner } : null
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

function cellText(format: FormatDef, sections: unknown, path: string): string {
  const value = getAt(sections, path.split('.'))
  if (isBlank(value)) return BLANK_LINK_TEXT
  const type = cellByPath(format, path)?.valueType ?? 'count'
  return VALUE_TYPES[type].screenText(value)
}

function cellNumber(format: FormatDef, sections: unknown, path: string): number {
  const value = getAt(sections, path.split('.'))
  if (isBlank(value)) return Number.NaN
  return VALUE_TYPES[cellByPath(format, path)?.valueType ?? 'count'].toNumber(value)
}

/** The value a token prints as; an unknown token prints as written (an error finding names it). */
export function linkText(format: FormatDef, sections: unknown, inner: string): string | null {
  const ref = parseLink(format, inner)
  if (!ref) return null
  if (ref.kind === 'cell') return cellText(format, sections, ref.path)
  return shareText(cellNumber(format, sections, ref.part), cellNumber(format, sections, ref.whole)) ?? BLANK_LINK_TEXT
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

/** The cells a user may insert, in document order, with their labels (the “插入数据” list). */
export function linkableCells(format: FormatDef): { path: string; label: string; section: string }[] {
  return formatCells(format).map((c) => ({
    path: c.path,
    label: c.label,
    section: format.sections.find((s) => s.key === c.sectionKey)?.heading ?? c.sectionKey,
  }))
}

/** Every narrative of a report with its links resolved (for views that take the whole report). */
export function withLinksResolved<T extends { sections: Record<string, unknown>; preamble?: string | null }>(
  format: FormatDef,
  report: T,
  narrativePaths: string[][],
): T {
  let sections = report.sections
  for (const segments of narrativePaths) {
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
