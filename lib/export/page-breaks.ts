/**
 * Where the .docx's pages break, computed, so that a group of 表三 (（三）不予公开 with its rows,
 * （四）, （五）, （六）), a block of 表二 and 表四 never split across a page in LibreOffice, which
 * ignores keep-with-next on table rows (Word honours the rows' cantSplit + keepNext itself).
 *
 * Body text sits on an exact 28.95 pt grid and every table row has an exact line height and known
 * margins, so the layout is a sum: narrative lines (28 characters of 3号, measured with the widths
 * of the face LibreOffice sets them in), title lines and table rows. Where a unit would cross the
 * foot of a page, the table is split there and continues on a new page with its header rows (and
 * its outer group label) repeated; where a table's heading and first unit would not fit, the
 * section starts on a new page. The narrative before a table is an estimate: on the page where a
 * table starts the plan keeps a safety margin, and after its first explicit break it is exact.
 */
import type { GridCell, GridRow, TableGrid } from '@/lib/format/grid'
import type { NarrativeParagraph } from '@/lib/narrative'
import { type Block, columnWidths, type ExportModel, TEXT_BLOCK_TWIPS } from './model'

type TableBlock = Extract<Block, { kind: 'table' }>

/** A4 with GB/T 9704 margins: the text block's height, twips (docx.ts PAGE and MARGIN). */
export const BODY_HEIGHT = 16838 - 2098 - 1984
/** 28.95 pt. */
export const BODY_LINE = 579
const TITLE_LINE = 700
const BODY_SIZE_PT = 16
const TRACKING_PT = -0.25
const TEXT_WIDTH_PT = TEXT_BLOCK_TWIPS / 20
const FIRST_INDENT_PT = 32
/** Cell margins (left + right, top + bottom) and the 0.5 pt row border, twips (docx.ts table()). */
const CELL_MARGIN_X = 114
const CELL_MARGIN_Y = 40
const ROW_BORDER = 10
/** A table's own top border over its first row. */
const TABLE_TOP = 10
/** Safety on the page where a table starts: the narrative above it is an estimate. */
const START_SLACK = Math.round(1.5 * BODY_LINE)
/** The near-empty paragraph that carries a page break between two parts of a table (docx.ts). */
export const BREAK_PARAGRAPH = 20
/** After an explicit break positions are exact but for rounding. */
const EXACT_SLACK = 60

/**
 * Advance widths (1/1000 em) of printable ASCII in Noto Serif CJK SC, the face LibreOffice sets
 * 仿宋_GB2312 in without the official fonts; never below the 500 of a GB2312 half-width face, so
 * the estimate holds for either.
 */
const ASCII_WIDTHS = [
  256, 308, 376, 574, 550, 923, 779, 196, 364, 364, 478, 580, 327, 346, 327, 352, 557, 471, 558, 557, 555, 558, 558,
  549, 558, 562, 327, 327, 580, 580, 580, 432, 912, 718, 670, 691, 770, 652, 629, 741, 853, 405, 402, 731, 625, 975,
  796, 767, 641, 767, 715, 567, 659, 797, 714, 1053, 700, 687, 605, 344, 352, 344, 580, 563, 435, 557, 638, 538, 629,
  546, 388, 566, 663, 332, 311, 607, 334, 974, 661, 596, 638, 607, 462, 473, 367, 653, 548, 838, 564, 552, 498, 374,
  316, 374, 580,
].map((w) => Math.max(w, 500) / 1000)

/** Width of one character in em. */
export function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0
  if (code >= 0x20 && code <= 0x7e) return ASCII_WIDTHS[code - 0x20]
  return 1
}

/** Characters a line may not start with (they hang into the margin instead) or end with. */
const NO_START = new Set([...'，。、；：？！）》」』】〕”’…·%％'])
/** Of those, the ones LibreOffice hangs into the margin; the others take a character down with them. */
const HANGING = new Set([...'，。、'])
const NO_END = new Set([...'（《「『【〔“‘'])

const isLatin = (token: string) => /^[\u0021-\u007e]/.test(token)

/** Unbreakable pieces: a run of ASCII non-spaces (a number, a word, a URL) or one character. */
function tokens(text: string): string[] {
  return text.match(/[\u0021-\u007e]+|[\s\S]/gu) ?? []
}

/**
 * How many lines a paragraph takes: greedy breaking as LibreOffice does it, ，。、 hanging at the
 * end of a full line, other closing marks taking the character before them down, an opening mark
 * never left at the end of a line.
 */
export function countLines(
  text: string,
  {
    widthPt,
    sizePt,
    trackingPt = 0,
    firstIndentPt = 0,
  }: {
    widthPt: number
    sizePt: number
    trackingPt?: number
    firstIndentPt?: number
  },
): number {
  if (text === '') return 1
  let lines = 1
  let x = firstIndentPt
  let last = ''
  const width = (t: string) => [...t].reduce((w, ch) => w + charEm(ch) * sizePt + trackingPt, 0)
  // Word and LibreOffice put a quarter em between Chinese and a number or Latin word (autospace).
  const autospace = (a: string, b: string) =>
    a !== '' &&
    isLatin(a) !== isLatin(b) &&
    !NO_START.has(b) &&
    !NO_END.has(a) &&
    /[0-9A-Za-z]/.test(isLatin(a) ? a : b)
      ? sizePt / 4
      : 0
  for (const token of tokens(text)) {
    let w = width(token) + (x > 0 ? autospace(last, token) : 0)
    if (x + w <= widthPt + 0.01 || (HANGING.has(token) && x > 0)) {
      x += w
      last = token
      continue
    }
    if (NO_START.has(token) && x > 0) {
      // A closing mark that cannot hang starts the next line with the character before it.
      lines++
      x = width(last) + w
      last = token
      continue
    }
    if (w > widthPt) {
      // A piece longer than a line breaks anywhere.
      for (const ch of token) {
        const cw = width(ch)
        if (x + cw > widthPt + 0.01) {
          lines++
          x = 0
        }
        x += cw
      }
      last = token.slice(-1)
      continue
    }
    lines++
    x = 0
    if (NO_END.has(last)) {
      // The opening mark moves down with what it opens.
      x = width(last)
    }
    x += w
    w = 0
    last = token
  }
  return lines
}

function paragraphText(p: NarrativeParagraph): string {
  return [...p.heading, ...p.body].map((r) => r.text).join('')
}

function bodyLines(text: string): number {
  return countLines(text, {
    widthPt: TEXT_WIDTH_PT,
    sizePt: BODY_SIZE_PT,
    trackingPt: TRACKING_PT,
    firstIndentPt: FIRST_INDENT_PT,
  })
}

const textOf = (cell: GridCell, texts: Map<string, string>) =>
  cell.kind === 'value' ? (texts.get(cell.path) ?? '') : cell.text

/** Type size (pt) and exact line height (twips) of a table's cells (docx.ts table()). */
export function tableMetrics(block: TableBlock): { sizePt: number; line: number } {
  return block.table.kind === 'blocks' ? { sizePt: 12, line: 340 } : { sizePt: 10.5, line: 300 }
}

/** Each grid row's height in twips, rows spanned by a taller merged cell growing at the last. */
export function rowHeights(block: TableBlock, rows: GridRow[] = block.grid.rows): number[] {
  const widths = columnWidths(block.table, block.grid)
  const { sizePt, line } = tableMetrics(block)
  const heights = rows.map(() => 0)
  const spanned: { row: number; span: number; need: number }[] = []
  // Column positions of each cell: cells spanned from rows above take their columns.
  const occupied: number[][] = rows.map(() => [])
  rows.forEach((row, r) => {
    let col = 0
    for (const cell of row.cells) {
      while (occupied[r].includes(col)) col++
      const width = widths.slice(col, col + cell.colSpan).reduce((a, b) => a + b, 0)
      const text = textOf(cell, block.texts)
      const vertical = cell.kind === 'rowGroup' && cell.vertical
      // Vertical text runs down the cell: one em per character, letter-spaced in print.
      const need = vertical
        ? Math.ceil([...text].length * sizePt * 20) + CELL_MARGIN_Y
        : countLines(text, { widthPt: (width - CELL_MARGIN_X) / 20, sizePt }) * line + CELL_MARGIN_Y
      const span = Math.min(cell.rowSpan, rows.length - r)
      for (let k = 1; k < span; k++) for (let c = col; c < col + cell.colSpan; c++) occupied[r + k].push(c)
      if (span <= 1) heights[r] = Math.max(heights[r], need)
      else spanned.push({ row: r, span, need })
      col += cell.colSpan
    }
    heights[r] = Math.max(heights[r], line + CELL_MARGIN_Y)
  })
  for (const { row, span, need } of spanned) {
    const have = heights.slice(row, row + span).reduce((a, b) => a + b, 0)
    if (have < need) heights[row + span - 1] += need - have
  }
  return heights.map((h) => h + ROW_BORDER)
}

/**
 * The body rows of a table in units that must stay on one page: a block of 表二 (caption, its
 * header row and rows), a group of 表三 below the outermost label column (（三）不予公开 and its
 * rows), a single row otherwise; 表四 is one unit. Each unit is [first, last] grid row index.
 */
export function keepUnits(block: TableBlock): [number, number][] {
  const rows = block.grid.rows
  const body = rows.map((r, i) => (r.header ? -1 : i)).filter((i) => i >= 0)
  if (body.length === 0) return []
  switch (block.table.kind) {
    case 'singleRow':
      return [[body[0], body[body.length - 1]]]
    case 'blocks': {
      const units: [number, number][] = []
      for (const i of body) {
        if (units.length === 0 || rows[i].cells[0]?.kind === 'caption') units.push([i, i])
        else units[units.length - 1][1] = i
      }
      return units
    }
    case 'matrix': {
      const units: [number, number][] = []
      let i = body[0]
      const end = body[body.length - 1]
      while (i <= end) {
        // A group label at depth ≥ 1 opening this row holds its rows together.
        const group = rows[i].cells.find((c) => c.kind === 'rowGroup' && c.depth >= 1)
        const span = group ? group.rowSpan : 1
        units.push([i, i + span - 1])
        i += span
      }
      return units
    }
    default:
      return []
  }
}

export interface PagePlan {
  /** Section keys whose heading starts a new page. */
  sectionBreaks: Set<string>
  /** For each table block, the grid row indices before which it continues on a new page. */
  tableBreaks: Map<TableBlock, number[]>
}

/** Walks the document as LibreOffice lays it out and decides the explicit breaks. */
export function planPages(model: ExportModel, trace?: (what: string, page: number, y: number) => void): PagePlan {
  const plan: PagePlan = { sectionBreaks: new Set(), tableBreaks: new Map() }
  let y = 0
  let page = 1
  let slack = START_SLACK
  const newPage = () => {
    y = 0
    page++
    slack = EXACT_SLACK
  }
  const wrap = () => {
    y = 0
    page++
  }
  // Lines that flow: a paragraph splits anywhere (widow control is off).
  const flowLines = (lines: number) => {
    for (let i = 0; i < lines; i++) {
      if (y + BODY_LINE > BODY_HEIGHT) wrap()
      y += BODY_LINE
    }
  }
  y = model.titleLines.length * TITLE_LINE + BODY_LINE
  // The opening paragraph(s) between the title and 一: body text that flows like any other.
  for (const p of model.preamble) flowLines(bodyLines(paragraphText(p)))

  model.sections.forEach((section) => {
    const headingLines = bodyLines(section.heading)
    const heading = headingLines * BODY_LINE
    const first = section.blocks[0]
    if (first?.kind === 'table') {
      const heights = rowHeights(first)
      const header = first.grid.rows.reduce((h, r, i) => h + (r.header ? heights[i] : 0), 0)
      const units = keepUnits(first)
      const firstUnit = units[0] ? heights.slice(units[0][0], units[0][1] + 1).reduce((a, b) => a + b, 0) : 0
      // The heading, the header rows and the first unit start together; near the top of a page
      // the estimate may be a page off, so start there for certain.
      if (y + heading + header + firstUnit > BODY_HEIGHT - slack || (y > 0 && y < slack)) {
        plan.sectionBreaks.add(section.key)
        newPage()
      }
    } else if (y + heading + BODY_LINE > BODY_HEIGHT) {
      // keep-with-next: a heading with no line of its text under it moves down.
      wrap()
    }
    trace?.(section.heading, page, y)
    flowLines(headingLines)
    for (const block of section.blocks) {
      if (block.kind === 'narrative') {
        for (const p of block.paragraphs) {
          const lines = bodyLines(paragraphText(p))
          if (p.level > 0 && p.body.length === 0 && y + (lines + 1) * BODY_LINE > BODY_HEIGHT) wrap()
          trace?.(paragraphText(p).slice(0, 12), page, y)
          flowLines(lines)
        }
        continue
      }
      const heights = rowHeights(block)
      const header = block.grid.rows.reduce((h, r, i) => h + (r.header ? heights[i] : 0), 0)
      const breaks: number[] = []
      const units = keepUnits(block)
      const sum = (a: number, b: number) => heights.slice(a, b + 1).reduce((x, v) => x + v, 0)
      const verticals = verticalLabels(block)
      let pageFirst = units[0]?.[0] ?? 0
      y += TABLE_TOP + header
      for (const [i, [from, to]] of units.entries()) {
        const h = sum(from, to)
        if (y + h > BODY_HEIGHT - slack && y > header) {
          // Cut where both parts of a vertical label keep rows enough for its text (LibreOffice
          // would squeeze it into columns and clip it): earlier, down to the label's own start.
          const fits = (cut: number) =>
            verticals.every(
              (v) =>
                cut <= v.start ||
                cut >= v.start + v.span ||
                (sum(Math.max(v.start, pageFirst), cut - 1) >= v.need && sum(cut, v.start + v.span - 1) >= v.need),
            )
          let k = i
          while (k > 0 && units[k][0] > pageFirst && !fits(units[k][0])) k--
          if (units[k][0] <= pageFirst || !fits(units[k][0])) k = i
          const cut = units[k][0]
          breaks.push(cut)
          pageFirst = cut
          newPage()
          trace?.(`break before row ${cut}`, page, y)
          // The continuation repeats the header rows and carries its own outer group label.
          y =
            BREAK_PARAGRAPH +
            TABLE_TOP +
            rowHeights(block, continuationRows(block.grid, cut, to)).reduce((a, b) => a + b, 0)
          continue
        }
        y += h
        if (y > BODY_HEIGHT) {
          // Rows the plan lets LibreOffice break (no unit is split): they start the next page.
          page++
          y = h
        }
      }
      if (breaks.length) plan.tableBreaks.set(block, breaks)
    }
  })
  return plan
}

/** Labels set top to bottom (三、本年度办理结果): where they start, how many rows, the height their text needs. */
export function verticalLabels(block: TableBlock): { start: number; span: number; need: number }[] {
  const { sizePt } = tableMetrics(block)
  return block.grid.rows.flatMap((row, r) =>
    row.cells
      .filter((c) => c.kind === 'rowGroup' && c.vertical && c.rowSpan > 1)
      .map((c) => ({
        start: r,
        span: c.rowSpan,
        need: Math.ceil([...textOf(c, block.texts)].length * sizePt * 20) + CELL_MARGIN_Y + ROW_BORDER,
      })),
  )
}

/** The header rows and rows from..to of a grid, as they print on a continuation page. */
function continuationRows(grid: TableGrid, from: number, to: number): GridRow[] {
  const segments = splitGrid(grid, [from])
  const last = segments[segments.length - 1]
  const headerCount = grid.rows.filter((r) => r.header).length
  return last.slice(0, headerCount + (to - from + 1))
}

/**
 * A grid cut into tables before the given body rows: each piece has the header rows, and a
 * label that spans rows across a cut is split, its text repeated in the continuation, so no
 * page has a row without its group label. `repeated` collects those repeated label cells.
 */
export function splitGrid(grid: TableGrid, breaks: number[], repeated?: Set<GridCell>): GridRow[][] {
  const header = grid.rows.filter((r) => r.header)
  const cuts = [...breaks].sort((a, b) => a - b)
  const firstBody = grid.rows.findIndex((r) => !r.header)
  if (firstBody < 0 || cuts.length === 0) return [grid.rows]
  const bounds = [firstBody, ...cuts, grid.rows.length]
  // Where each spanning label is: [start row, cell] for every rowGroup / rowHeader with rowSpan > 1.
  const spanning: { start: number; cell: GridCell; index: number }[] = []
  grid.rows.forEach((row, r) => {
    row.cells.forEach((cell, index) => {
      if (!row.header && cell.rowSpan > 1) spanning.push({ start: r, cell, index })
    })
  })
  const pieces: GridRow[][] = []
  for (let p = 0; p < bounds.length - 1; p++) {
    const [from, to] = [bounds[p], bounds[p + 1]]
    const rows: GridRow[] = grid.rows.slice(from, to).map((row, k) => {
      const r = from + k
      const cells: GridCell[] = []
      // Labels opened above this piece and still running: repeated in its first row, in order.
      if (r === from && p > 0) {
        for (const s of spanning) {
          if (s.start < from && s.start + s.cell.rowSpan > from) {
            const repeat = { ...s.cell, rowSpan: Math.min(s.start + s.cell.rowSpan, to) - from } as GridCell
            repeated?.add(repeat)
            cells.push(repeat)
          }
        }
      }
      for (const cell of row.cells) {
        cells.push(cell.rowSpan > 1 ? ({ ...cell, rowSpan: Math.min(r + cell.rowSpan, to) - r } as GridCell) : cell)
      }
      return { header: false, cells }
    })
    pieces.push(p === 0 ? [...grid.rows.slice(0, from), ...rows] : [...header, ...rows])
  }
  return pieces
}
