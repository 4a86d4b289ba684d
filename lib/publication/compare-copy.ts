/**
 * Is the portal's copy the approved one? (decision 0310) The document as the government portal
 * shows it, read by the import of published documents (lib/import), against the approved version:
 * every value cell of the tables as printed, the text paragraph by paragraph after normalising
 * whitespace and the width of punctuation, and the agency and year. Pure: the service reads the
 * file and the version.
 */
import { formatCells, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { ImportResult } from '@/lib/import/types'
import { withLinksResolved } from '@/lib/narrative/links'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { alignParagraphs, paragraphs } from '@/lib/workflow/diff'

export interface CellDifference {
  path: string
  /** Table heading › row label › column label, from the format definition. */
  label: string
  sectionKey: string
  approved: string
  portal: string
}

export interface ParagraphDifference {
  sectionKey: string
  heading: string
  /** changed: both have it, worded differently; missing: only the approved; added: only the portal's. */
  kind: 'changed' | 'missing' | 'added'
  approved: string | null
  portal: string | null
}

export interface CopyComparison {
  /** “与审核版本一致”: nothing below differs. */
  same: boolean
  agency: { approved: string; portal: string | null } | null
  year: { approved: number; portal: number | null } | null
  /** The portal's copy was read as another format (its table 二 headings), so cells do not compare. */
  format: { approved: string; portal: string | null } | null
  cells: CellDifference[]
  paragraphs: ParagraphDifference[]
  /** Cells compared, paragraphs compared (the approved side), for the summary. */
  checked: { cells: number; paragraphs: number }
}

/** A paragraph excerpt in the result: the start and the end of a long one. */
export const EXCERPT_CHARS = 120
const excerpt = (text: string) =>
  text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 20)}……${text.slice(-18)}` : text

/** Marks of a paragraph's heading level ({{h:1}}), not printed as such. */
const LEVEL_MARK = /\{\{h:[0-4]\}\}/g

/**
 * Text as compared: full-width letters, digits and punctuation as their half-width forms (NFKC),
 * curly quotes as straight ones, and no whitespace at all (a portal's editor adds and drops it).
 */
export function normalisedText(text: string): string {
  return text
    .replace(LEVEL_MARK, '')
    .normalize('NFKC')
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
}

/** An agency's name as compared: normalised, and without the 年度报告's own words around it. */
const normalisedName = (name: string) => normalisedText(name)

const BLANK_TEXTS = new Set(['', '/', '／', '-', '—', '——', '－', '无'])

/** A cell as shown: blank as '', otherwise as the editor shows it (1,234 for counts). */
function shown(format: FormatDef, valueType: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  const type = VALUE_TYPES[valueType as keyof typeof VALUE_TYPES]
  return type ? type.screenText(value) : String(value)
}

const comparable = (text: string) => (BLANK_TEXTS.has(text.trim()) ? '' : normalisedText(text).replace(/,/g, ''))

/** Compares the portal's copy as read with the approved version. */
export function compareCopy(
  format: FormatDef,
  approved: ReportData,
  approvedAgencyName: string,
  portal: ImportResult,
): CopyComparison {
  const record = portal.recognition
  // The totals as the approved version prints them (computed, as the export computes them).
  const approvedSections = structuredClone(approved.sections)
  deriveTotals(format, approvedSections)

  const formatMismatch =
    record.formatVersion !== null && record.formatVersion !== approved.formatVersion
      ? { approved: approved.formatVersion, portal: record.formatVersion }
      : record.formatVersion === null && Object.values(record.cells).every((c) => c !== 'recognised')
        ? { approved: approved.formatVersion, portal: null }
        : null

  const cells: CellDifference[] = []
  let cellCount = 0
  if (!formatMismatch) {
    for (const cell of formatCells(format)) {
      cellCount++
      const approvedText = shown(format, cell.valueType, getAt(approvedSections, cell.segments))
      const status = record.cells[cell.path]
      const stated = portal.report.stated?.[cell.path]
      let portalText: string
      if (stated !== undefined) portalText = shown(format, cell.valueType, stated)
      else if (status === 'printedBlank') portalText = record.printed[cell.path] ?? ''
      else if (status === 'notFound' || status === 'notPrinted') portalText = approvedText === '' ? '' : '（未找到）'
      else portalText = shown(format, cell.valueType, getAt(portal.report.sections, cell.segments))
      if (comparable(approvedText) !== comparable(portalText)) {
        cells.push({
          path: cell.path,
          label: cell.label,
          sectionKey: cell.sectionKey,
          approved: approvedText === '' ? '（空白）' : approvedText,
          portal: portalText === '' ? '（空白）' : portalText,
        })
      }
    }
  }

  const paragraphDiffs: ParagraphDifference[] = []
  let paragraphCount = 0
  const a = withLinksResolved(format, approved)
  const narratives: { key: string; heading: string; approved: unknown; portal: unknown }[] = [
    {
      key: format.preamble.key,
      heading: format.preamble.heading,
      approved: a.preamble,
      portal: portal.report.preamble,
    },
  ]
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    const segments = path.split('.')
    narratives.push({
      key: section.key,
      heading: section.heading,
      approved: getAt(a.sections, segments),
      portal: getAt(portal.report.sections, segments),
    })
  }
  for (const n of narratives) {
    const before = paragraphs(n.approved)
      .map((p) => p.replace(LEVEL_MARK, ''))
      .filter((p) => normalisedText(p) !== '')
    const after = paragraphs(n.portal).filter((p) => normalisedText(p) !== '')
    paragraphCount += before.length
    // Aligned on the normalised text; the excerpts are the texts as each side has them.
    const rows = alignParagraphs(before.map(normalisedText), after.map(normalisedText))
    let i = 0
    let j = 0
    for (const row of rows) {
      const approvedText = row.before !== null ? before[i++] : null
      const portalText = row.after !== null ? after[j++] : null
      if (row.kind === 'same') continue
      paragraphDiffs.push({
        sectionKey: n.key,
        heading: n.heading,
        kind: row.kind === 'removed' ? 'missing' : row.kind,
        approved: approvedText === null ? null : excerpt(approvedText),
        portal: portalText === null ? null : excerpt(portalText),
      })
    }
  }

  const agency =
    record.agencyName === null || normalisedName(record.agencyName) !== normalisedName(approvedAgencyName)
      ? { approved: approvedAgencyName, portal: record.agencyName }
      : null
  const year = record.year !== approved.year ? { approved: approved.year, portal: record.year } : null

  return {
    same: !agency && !year && !formatMismatch && cells.length === 0 && paragraphDiffs.length === 0,
    agency,
    year,
    format: formatMismatch,
    cells,
    paragraphs: paragraphDiffs,
    checked: { cells: cellCount, paragraphs: paragraphCount },
  }
}

/**
 * Whether what was read looks like an annual report at all: a table value or a section heading
 * (一、总体情况 …) recognised. Any text at all counts as a preamble, so that alone does not.
 */
export function looksLikeReport(portal: ImportResult, preambleKey = 'preamble'): boolean {
  const anyCell = Object.values(portal.recognition.cells).some((c) => c === 'recognised')
  const anySection = Object.entries(portal.recognition.sections).some(([k, s]) => k !== preambleKey && s === 'found')
  return anyCell || anySection
}
