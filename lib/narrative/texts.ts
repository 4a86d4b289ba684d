/**
 * The narratives of a report as the narrative checks read them: the preamble first, then each
 * narrative section, each split into paragraphs (lines numbered from 1, blank ones counted, as
 * design.md decides). Linked numbers (`{{path}}`) and the heading marker (`{{h:N}}`) are not text
 * the officer typed: the checks read the line without them, the quote keeps the line as written.
 */
import { recentTexts } from './recent-texts'
import { narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { getAt } from '@/lib/report/values'

export interface NarrativeText {
  /** The interchange key: `preamble` or a section key. */
  section: string
  heading: string
  text: string
}

export interface NarrativeLine {
  /** The line number from 1 over all lines, blank ones included. */
  paragraph: number
  /** The line as written (trimmed), for the quote. */
  quote: string
  /** The line without markers and linked numbers, for the checks. */
  plain: string
}

/** Where a report's narratives are: the preamble and the narrative sections. */
export interface NarrativeSource {
  sections: Record<string, unknown>
  preamble?: string | null
}

/** Every narrative of the report that is text, in document order (the preamble first). */
export function narrativeTexts(format: FormatDef, report: NarrativeSource): NarrativeText[] {
  return narrativeTextsOf(format, report.sections, report.preamble)
}

/**
 * narrativeTexts given the report's sections and preamble: the hot callers (the command line's
 * paragraphs and text checks) read them of their own objects, so objects of different shapes
 * (a read report, a rule's input) do not meet at one property load here and throw its optimised
 * code away (decision 0940).
 */
export function narrativeTextsOf(
  format: FormatDef,
  sections: Record<string, unknown>,
  preamble: string | null | undefined,
): NarrativeText[] {
  const out: NarrativeText[] = []
  if (typeof preamble === 'string') {
    out.push({ section: format.preamble.key, heading: format.preamble.heading, text: preamble })
  }
  for (const s of format.sections) {
    const path = narrativePath(s)
    if (!path) continue
    const text = getAt(sections, path.split('.'))
    if (typeof text === 'string') out.push({ section: s.key, heading: s.heading, text })
  }
  return out
}

/** A linked number or a heading marker: `{{…}}` on one line. */
const TOKEN = /\{\{[^{}\n]{1,200}\}\}/g

/**
 * The non-blank lines of a narrative. The last 8 texts' lines are kept: one narrative is read line
 * by line by several checks in a row (the text checks, section 五's, the copied-text comparison),
 * each of which used to split it again. Shared, so read-only.
 */
export const narrativeLines: (text: string) => readonly NarrativeLine[] = recentTexts(8, (text) => linesOf(text))

function linesOf(text: string): NarrativeLine[] {
  const out: NarrativeLine[] = []
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  for (let i = 0; i < lines.length; i++) {
    // trim() drops what /^[\s\u3000]+|[\s\u3000]+$/ would (U+3000 is white space to both), without a pattern.
    const quote = lines[i].trim()
    if (quote === '') continue
    // A linked number prints a number: the checks see a digit where it stands.
    const plain = quote.includes('{{')
      ? quote.replace(TOKEN, (t) => (/^\{\{h:[0-4]\}\}$/.test(t) ? '' : '0')).trim()
      : quote
    if (plain === '') continue
    out.push({ paragraph: i + 1, quote, plain })
  }
  return out
}

/** A part of a long line around a match, for a quote that shows the place (… at cut ends). */
export function excerpt(line: string, start: number, end: number, around = 16): string {
  const from = Math.max(0, start - around)
  const to = Math.min(line.length, end + around)
  return `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`
}
