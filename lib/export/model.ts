/**
 * What an exported report says, independent of the file type: title lines, the six sections in
 * the format's order (headings from the definition, narrative parsed into headings and runs, each
 * statutory table as the grid of lib/format/grid.ts with its cell texts) and the 落款. The .docx and
 * HTML renderers both draw this one model, so they cannot disagree about content.
 */
import { assertNever, cellByPath, narrativePath } from '@/lib/format/cells'
import { tableGrid, type TableGrid } from '@/lib/format/grid'
import { formatFor } from '@/lib/format/index'
import type { BlockTableDef, CellValueType, FormatDef, SectionDef, TableDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { cleanPastedText, type NarrativeParagraph, paragraphLevels, parseNarrative, parseRuns } from '@/lib/narrative'
import { withLinksResolved } from '@/lib/narrative/links'
import { feeStatement } from '@/lib/report/fee-statement'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'

type BlockDef = BlockTableDef['blocks'][number]

export interface Signature {
  agency: string
  date: string
}

export type Block =
  | { kind: 'narrative'; paragraphs: NarrativeParagraph[] }
  | { kind: 'table'; table: TableDef; grid: TableGrid; texts: Map<string, string> }

export interface ModelSection {
  key: string
  heading: string
  blocks: Block[]
}

export interface DocumentProperties {
  title: string
  agency: string
}

export interface ExportModel {
  format: FormatDef
  /** Centred title lines: the agency (split when too long for one line), then year + title. */
  titleLines: string[]
  /** The opening paragraph(s) between the title and 一, always body text (report.preamble). */
  preamble: NarrativeParagraph[]
  sections: ModelSection[]
  /** The document's properties (docProps): the agency as author and company, the title. */
  properties: DocumentProperties
  signature: Signature | null
  draft: boolean
}

/** Characters of 2号 that fit one line of the 156 mm text block. */
const TITLE_LINE_CHARS = 20
/** Places where an agency name may break between words (after an administrative unit). */
const NAME_BREAKS = /[省市区县州盟旗镇乡]|街道/g

/** Breaks a long agency name at the unit boundary nearest the middle (GB/T 9704 §7.3.1). */
export function splitAgencyName(name: string): string[] {
  const chars = Array.from(name)
  if (chars.length <= TITLE_LINE_CHARS) return [name]
  const text = chars.join('')
  let best = -1
  for (const m of text.matchAll(NAME_BREAKS)) {
    const at = Array.from(text.slice(0, (m.index ?? 0) + m[0].length)).length
    if (at > chars.length - TITLE_LINE_CHARS && at <= TITLE_LINE_CHARS) {
      if (best < 0 || Math.abs(at - chars.length / 2) < Math.abs(best - chars.length / 2)) best = at
    }
  }
  if (best < 0) best = Math.min(TITLE_LINE_CHARS, Math.ceil(chars.length / 2))
  return [chars.slice(0, best).join(''), ...splitAgencyName(chars.slice(best).join(''))]
}

/** Text safe for any output: no control characters or lone surrogates. */
export function cleanText(text: string): string {
  return stripUnencodable(text).replace(/[\n\t]+/g, ' ')
}

/** Removes what XML 1.0 cannot carry: control characters, lone surrogates, U+FFFE and U+FFFF. */
export function stripUnencodable(text: string): string {
  return cleanPastedText(text).replace(/[\ufffe\uffff]/g, '')
}

/** The printed form of a stored cell value: plain half-width digits, blank stays blank. */
export function valueText(value: unknown, valueType: CellValueType = 'count'): string {
  return VALUE_TYPES[valueType].documentText(value, cleanText)
}

function tableTexts(format: FormatDef, report: ReportData, grid: TableGrid): Map<string, string> {
  const texts = new Map<string, string>()
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.kind !== 'value') continue
      const valueType = cellByPath(format, cell.path)?.valueType ?? 'count'
      texts.set(cell.path, valueText(getAt(report.sections, cell.path.split('.')), valueType))
    }
  }
  return texts
}

/** The unit a block's rows were reported in (2019 采购总金额: 元 or 万元), or '' when not chosen. */
function blockUnit(report: ReportData, table: Extract<TableDef, { kind: 'blocks' }>, block: BlockDef): string {
  if (!block.unitField) return ''
  for (const r of block.rows) {
    const unit = getAt(report.sections, [table.key, block.key, r.key, block.unitField.key])
    // Only one of the declared units prints (the schema allows no other).
    if (typeof unit === 'string' && block.unitField.options.includes(unit)) return unit
  }
  return ''
}

/**
 * The grid with the unit chosen per report in the column header, as published
 * (“采购总金额（万元）”), rather than after each value. The shared grid is not changed.
 */
export function withUnitHeaders(report: ReportData, table: TableDef, grid: TableGrid): TableGrid {
  if (table.kind !== 'blocks' || !table.blocks.some((b) => b.unitField)) return grid
  const rows = grid.rows.slice()
  let at = 0
  for (const block of table.blocks) {
    // Each block is its caption row, its header row and its rows (lib/format/grid.ts).
    const headerIndex = at + 1
    at += 2 + block.rows.length
    const unit = blockUnit(report, table, block)
    if (unit === '') continue
    const labels = new Set(block.columns.filter((c) => VALUE_TYPES[c.valueType].printsUnit).map((c) => c.label))
    rows[headerIndex] = {
      ...rows[headerIndex],
      cells: rows[headerIndex].cells.map((cell) =>
        cell.kind === 'columnHeader' && labels.has(cell.text) ? { ...cell, text: `${cell.text}（${unit}）` } : cell,
      ),
    }
  }
  return { ...grid, rows }
}

function narrativeText(report: ReportData, section: SectionDef): string {
  const path = narrativePath(section)
  const value = path ? getAt(report.sections, path.split('.')) : undefined
  return typeof value === 'string' ? stripUnencodable(value) : ''
}

function sectionBlocks(format: FormatDef, report: ReportData, section: SectionDef): Block[] {
  switch (section.kind) {
    case 'narrative':
      return [{ kind: 'narrative', paragraphs: parseNarrative(narrativeText(report, section)) }]
    case 'table': {
      const grid = withUnitHeaders(report, section.table, tableGrid(section.table))
      return [{ kind: 'table', table: section.table, grid, texts: tableTexts(format, report, grid) }]
    }
    case 'narrativeWithFacts': {
      // The published report states the facts in a sentence, not a table; add it only when the
      // officer's text does not already speak of them.
      let text = narrativeText(report, section)
      const facts = getAt(report.sections, [section.key, section.factsKey]) as Record<string, unknown> | undefined
      const statement = facts
        ? feeStatement(report.year, {
            noticesIssued: facts.noticesIssued,
            amountBilledYuan: facts.amountBilledYuan,
            amountCollectedYuan: facts.amountCollectedYuan,
          })
        : null
      if (statement && !text.includes(section.factsTitle)) {
        const trimmed = text.trim()
        text = trimmed === '' || trimmed === '无' || trimmed === '无。' ? statement : `${statement}\n${text}`
      }
      return [{ kind: 'narrative', paragraphs: parseNarrative(text) }]
    }
    default:
      return assertNever(section)
  }
}

/** The preamble as typeset: unnumbered body paragraphs, whatever their numbering looks like. */
export function preambleParagraphs(text: unknown): NarrativeParagraph[] {
  if (typeof text !== 'string') return []
  return paragraphLevels(stripUnencodable(text)).map((p) => ({ level: 0, heading: [], body: parseRuns(p.text) }))
}

export interface ModelOptions {
  signature?: Signature | null
  draft?: boolean
}

export function exportModel(input: ReportData, options: ModelOptions = {}): ExportModel {
  const format = formatFor(String(input.formatVersion))
  if (!format) throw new Error(`不支持的格式版本“${cleanText(String(input.formatVersion))}”，无法导出`)
  // Linked numbers ({{applications.granted.total}}) print as the cells' values in every document.
  const report = withLinksResolved(format, input)
  const agency = cleanText(report.agency?.name ?? '').trim()
  const signature = options.signature
    ? { agency: cleanText(options.signature.agency).trim(), date: cleanText(options.signature.date).trim() }
    : null
  const titleLines = [...(agency ? splitAgencyName(agency) : []), `${report.year}年${format.title}`]
  return {
    format,
    titleLines,
    preamble: preambleParagraphs(report.preamble),
    properties: { title: titleLines.join(''), agency },
    sections: format.sections.map((section) => ({
      key: section.key,
      heading: section.heading,
      blocks: sectionBlocks(format, report, section),
    })),
    signature: signature && (signature.agency || signature.date) ? signature : null,
    draft: options.draft ?? false,
  }
}

/** Width of a text in 3号 characters: half-width characters (digits, Latin) count as half. */
export function charWidth(text: string): number {
  let width = 0
  for (const ch of text) width += /[\u0020-\u007e]/.test(ch) ? 0.5 : 1
  return width
}

/**
 * Right indents (in characters) of the 落款 without a seal, GB/T 9704 §7.3.5.2: the name 右空二字,
 * the date's first character two characters right of the name's first character.
 */
export function signatureIndents(signature: Signature): { name: number; date: number } {
  const n = charWidth(signature.agency)
  const d = charWidth(signature.date)
  return n - d >= 2 ? { name: 2, date: n - d } : { name: d - n + 4, date: 2 }
}

/** Grid column widths in twips, summing to the 156 mm text block (layout.md §2.2). */
export const TEXT_BLOCK_TWIPS = 8845

export function columnWidths(table: TableDef, grid: TableGrid): number[] {
  switch (table.kind) {
    case 'blocks': {
      const label = 2845
      const n = grid.columnCount - 1
      const each = Math.floor((TEXT_BLOCK_TWIPS - label) / n)
      return [
        label,
        ...Array.from({ length: n }, (_, i) => (i === n - 1 ? TEXT_BLOCK_TWIPS - label - each * (n - 1) : each)),
      ]
    }
    case 'matrix': {
      const values = grid.columnCount - grid.labelColumnCount
      const valueWidth = 600
      const labelTotal = TEXT_BLOCK_TWIPS - valueWidth * values
      // The outer label columns hold short (or vertical) group labels; the last takes the long ones.
      const outer = Array.from({ length: grid.labelColumnCount - 1 }, (_, i) => (i === 0 ? 560 : 1700))
      const last = labelTotal - outer.reduce((a, b) => a + b, 0)
      return [...outer, last, ...Array.from({ length: values }, () => valueWidth)]
    }
    case 'singleRow': {
      const n = grid.columnCount
      const each = Math.floor(TEXT_BLOCK_TWIPS / n)
      return Array.from({ length: n }, (_, i) => (i === n - 1 ? TEXT_BLOCK_TWIPS - each * (n - 1) : each))
    }
    default:
      return assertNever(table)
  }
}
