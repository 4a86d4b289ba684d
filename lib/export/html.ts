/**
 * The HTML of a report: one self-contained page (inline CSS, no scripts, no external requests,
 * a CSP that forbids both) with semantic tables (rowspan/colspan, th scope), print CSS for A4
 * after GB/T 9704 (spec/layout.md §4.1) and a layout that reads on a phone; and a fragment with
 * inline styles only, for pasting into a portal's content editor. Every user text is escaped.
 */
import { assertNever } from '@/lib/format/cells'
import { escapeHtml } from '@/lib/html-text'
import type { GridCell, GridRow, TableGrid } from '@/lib/format/grid'
import type { HeadingLevel, TextRun } from '@/lib/narrative'
import type { ReportData } from '@/lib/report/schema'
import { type Block, columnWidths, type ExportModel, exportModel, type Signature, signatureIndents } from './model'
import { keepUnits, splitGrid } from './page-breaks'

export interface HtmlOptions {
  draft?: boolean
  signature?: Signature | null
}

export { escapeHtml }

const DRAFT_MARK = '草稿 · 未经审核，不得发布'

const FANGSONG = `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", serif`
const XIAOBIAOSONG = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", serif`
const HEITI = `"黑体", "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", sans-serif`
const KAITI = `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体", "AR PL UKai CN", serif`
const SONGTI = `"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif`

/** The roles an element can play; a page styles them by class, a fragment inline. */
type Role =
  | 'root'
  | 'draft'
  | 'title'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'lead1'
  | 'lead2'
  | 'lead3'
  | 'lead4'
  | 'p'
  | 'wrap'
  | 'table'
  | 'cell'
  | 'cellLeft'
  | 'cellVertical'
  | 'cellCont'
  | 'cellVerticalCont'
  | 'caption'
  | 'sign'

/** Inline styles of the fragment: what a portal editor keeps (no classes, no stylesheet). */
const INLINE: Record<Role, string> = {
  root: `font-family: ${FANGSONG}; font-size: 16px; line-height: 1.9; color: #000; text-align: justify`,
  draft: 'margin: 0 0 1em; padding: 0.4em; border: 1px solid #c00000; color: #c00000; text-align: center',
  title: `font-family: ${XIAOBIAOSONG}; font-size: 22px; line-height: 1.6; font-weight: normal; text-align: center; margin: 0 0 1em`,
  h1: `font-family: ${HEITI}; font-size: 16px; font-weight: normal; text-indent: 2em; margin: 0.6em 0 0`,
  h2: `font-family: ${KAITI}; font-size: 16px; font-weight: normal; text-indent: 2em; margin: 0`,
  h3: 'font-size: 16px; font-weight: bold; text-indent: 2em; margin: 0',
  h4: 'font-size: 16px; font-weight: normal; text-indent: 2em; margin: 0',
  lead1: `font-family: ${HEITI}`,
  lead2: `font-family: ${KAITI}`,
  lead3: 'font-weight: bold',
  lead4: '',
  p: 'text-indent: 2em; margin: 0',
  wrap: 'overflow-x: auto; margin: 0.5em 0',
  table: 'width: 100%; border-collapse: collapse; font-size: 14px; line-height: 1.45; text-indent: 0',
  cell: 'border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; font-weight: normal',
  cellLeft: 'border: 1px solid #000; padding: 3px 4px; text-align: left; vertical-align: middle; font-weight: normal',
  cellVertical:
    'border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; font-weight: normal; writing-mode: vertical-rl; letter-spacing: 0.2em',
  cellCont:
    'border: 1px solid #000; border-top-style: hidden; padding: 0; font-size: 0; text-align: center; vertical-align: middle; font-weight: normal',
  cellVerticalCont:
    'border: 1px solid #000; border-top-style: hidden; padding: 0; font-size: 0; text-align: center; vertical-align: middle; font-weight: normal',
  caption: 'position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap',
  sign: 'text-align: right; margin: 0',
}

const CLASS: Record<Role, string> = {
  root: 'gw',
  draft: 'draft',
  title: 'title',
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  lead1: 'lead1',
  lead2: 'lead2',
  lead3: 'lead3',
  lead4: 'lead4',
  p: 'p',
  wrap: 'table-wrap',
  table: 'table',
  cell: 'c',
  cellLeft: 'c left',
  cellVertical: 'c vertical',
  cellCont: 'c cont',
  cellVerticalCont: 'c vertical cont',
  caption: 'vh',
  sign: 'sign',
}

const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f3f3f0; color: #000; }
.gw { max-width: 50rem; margin: 0 auto; padding: 2.5rem 3.5rem 4rem; background: #fff;
  font-family: ${FANGSONG}; font-size: 18px; line-height: 1.9; text-align: justify; overflow-wrap: anywhere; }
.gw .draft { position: sticky; top: 0; z-index: 1; margin: -2.5rem -3.5rem 2rem; padding: 0.5rem 1rem;
  background: #fff4f4; border-bottom: 2px solid #c00000; color: #c00000; font-family: ${HEITI}; text-align: center; }
.gw h1, .gw h2, .gw h3, .gw h4, .gw h5 { font-size: 1em; line-height: inherit; margin: 0; text-indent: 2em; font-weight: normal; }
.gw .title { font-family: ${XIAOBIAOSONG}; font-size: 1.375em; line-height: 1.6; text-align: center; text-indent: 0; margin: 0 0 1.3em; }
.gw .h1 { font-family: ${HEITI}; margin-top: 0.6em; break-after: avoid; }
.gw .h2 { font-family: ${KAITI}; break-after: avoid; }
.gw .h3 { font-weight: bold; break-after: avoid; }
.gw .lead1 { font-family: ${HEITI}; }
.gw .lead2 { font-family: ${KAITI}; }
.gw .lead3 { font-weight: bold; }
.gw p { margin: 0; text-indent: 2em; }
.gw strong { font-weight: bold; }
.gw .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5em 0; }
.gw table { width: 100%; border-collapse: collapse; font-size: 0.8em; line-height: 1.45; text-indent: 0; text-align: center; }
.gw table.t-matrix, .gw table.t-singleRow { min-width: 40rem; }
.gw th, .gw td { border: 1px solid #000; padding: 0.25em 0.3em; text-align: center; vertical-align: middle; font-weight: normal; }
.gw th.left { text-align: left; }
.gw th.vertical { writing-mode: vertical-rl; letter-spacing: 0.2em; }
.gw td { font-variant-numeric: tabular-nums; }
.gw thead { display: table-header-group; }
.gw tr { break-inside: avoid; }
.gw .sign { text-align: right; text-indent: 0; }
.gw .sign.first { margin-top: 1.9em; }
.gw .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.gw th.cont { border-top-style: hidden; font-size: 0; padding: 0; }
@media (max-width: 40rem) {
  .gw { padding: 1.25rem 1rem 3rem; font-size: 17px; }
  .gw .draft { margin: -1.25rem -1rem 1.25rem; }
  /* 表三 and 表四 stack on a phone: each row's label, then its numbers, each with its column. */
  .gw table.t-matrix, .gw table.t-singleRow { min-width: 0; display: block; border: 1px solid #000; }
  .gw table.t-matrix colgroup, .gw table.t-singleRow colgroup { display: none; }
  .gw table.t-matrix thead, .gw table.t-singleRow thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .gw table.t-matrix tbody, .gw table.t-singleRow tbody { display: block; }
  .gw table.t-matrix tr, .gw table.t-singleRow tr { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); }
  .gw table.t-matrix th, .gw table.t-singleRow th { display: block; grid-column: 1 / -1; border: 0; border-top: 1px solid #000;
    text-align: left; writing-mode: horizontal-tb; letter-spacing: 0; background: #f6f6f2; padding: 0.3em 0.5em; }
  .gw table.t-matrix th[scope="rowgroup"] { background: #ebebe4; }
  .gw table.t-matrix th.cont { display: none; }
  .gw table.t-matrix td, .gw table.t-singleRow td { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5em;
    border: 0; border-top: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; white-space: nowrap; overflow-wrap: normal; }
  .gw td[data-label]::before { content: attr(data-label); flex: 1 1 auto; min-width: 0; white-space: normal;
    overflow-wrap: anywhere; text-align: left; color: #555; font-size: 0.85em; }
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; padding-right: 14pt; vertical-align: top; padding-top: 4mm;
  font: 14pt ${SONGTI}; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; padding-left: 14pt; vertical-align: top; padding-top: 4mm;
  font: 14pt ${SONGTI}; } }
@media print {
  body { background: none; }
  .gw { max-width: none; margin: 0; padding: 0; font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.25pt; }
  .gw .draft { position: static; margin: 0 0 28.95pt; border: 1pt solid #c00000; }
  .gw .title { font-size: 22pt; line-height: 35pt; margin: 0 0 28.95pt; letter-spacing: 0; }
  .gw p { orphans: 1; widows: 1; }
  .gw .table-wrap { overflow: visible; }
  .gw table { font-size: 10.5pt; line-height: 1.45; letter-spacing: 0; break-inside: auto; }
  .gw table.t-blocks { font-size: 12pt; }
  /* A block of 表二, a group of 表三 and the 落款 never split across pages. */
  .gw tbody, .gw .sign-block { break-inside: avoid; }
  .gw th.cont { border-top-style: solid; }
  .gw table.t-matrix, .gw table.t-singleRow { min-width: 0; }
  .gw th, .gw td { border-width: 0.5pt; padding: 1mm; }
  .gw .sign.first { margin-top: 28.95pt; }
}
`

/** How the markup is styled: by class on a page, inline in a fragment. */
type Styler = (role: Role) => string

const byClass: Styler = (role) => ` class="${CLASS[role]}"`
const inline: Styler = (role) => (INLINE[role] ? ` style="${INLINE[role]}"` : '')

function runsHtml(runs: TextRun[]): string {
  return runs.map((r) => (r.bold ? `<strong>${escapeHtml(r.text)}</strong>` : escapeHtml(r.text))).join('')
}

const HEADING_ROLE: Record<HeadingLevel, Role> = { 1: 'h1', 2: 'h2', 3: 'h3', 4: 'h4' }
const LEAD_ROLE: Record<HeadingLevel, Role> = { 1: 'lead1', 2: 'lead2', 3: 'lead3', 4: 'lead4' }

function narrativeHtml(block: Extract<Block, { kind: 'narrative' }>, style: Styler): string {
  return block.paragraphs
    .map((p) => {
      if (p.level === 0) return `<p${style('p')}>${runsHtml(p.body)}</p>`
      // Section headings are h2, so a narrative heading of level n is h(n+1).
      const tag = `h${p.level + 1}`
      if (p.body.length === 0) return `<${tag}${style(HEADING_ROLE[p.level])}>${runsHtml(p.heading)}</${tag}>`
      return `<p${style('p')}><span${style(LEAD_ROLE[p.level])}>${runsHtml(p.heading)}</span>${runsHtml(p.body)}</p>`
    })
    .join('\n')
}

const spanAttrs = (cell: GridCell) =>
  `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`

function cellHtml(
  cell: GridCell,
  texts: Map<string, string>,
  leftLabels: boolean,
  style: Styler,
  extra: { label?: string; continued?: boolean } = {},
): string {
  const spans = spanAttrs(cell)
  switch (cell.kind) {
    case 'corner':
      return `<td${spans}${style('cell')}>${escapeHtml(cell.text)}</td>`
    case 'columnHeader':
      return `<th scope="${cell.group ? 'colgroup' : 'col'}"${spans}${style('cell')}>${escapeHtml(cell.text)}</th>`
    case 'caption':
      return `<th scope="rowgroup"${spans}${style('cell')}>${escapeHtml(cell.text)}</th>`
    case 'rowHeader':
      return `<th scope="row"${spans}${style(leftLabels ? 'cellLeft' : 'cell')}>${escapeHtml(cell.text)}</th>`
    case 'rowGroup': {
      // A label repeated where its rows continue in the next row group (one tbody per group).
      const attrs = extra.continued
        ? style(cell.vertical ? 'cellVerticalCont' : 'cellCont')
        : style(cell.vertical ? 'cellVertical' : 'cell')
      return `<th scope="rowgroup"${spans}${attrs}>${escapeHtml(cell.text)}</th>`
    }
    case 'value': {
      // The column's heading path, shown beside the number when a phone stacks the table.
      const label = extra.label ? ` data-label="${escapeHtml(extra.label)}"` : ''
      return `<td${spans}${label}${style('cell')}>${escapeHtml(texts.get(cell.path) ?? '')}</td>`
    }
    default:
      return assertNever(cell)
  }
}

/** Each grid column's heading path (法人或其他组织 · 商业企业), from the header rows. */
function columnLabels(grid: TableGrid): string[] {
  const labels: string[][] = Array.from({ length: grid.columnCount }, () => [])
  const taken = new Set<string>()
  grid.rows.forEach((row, r) => {
    if (!row.header) return
    let col = 0
    for (const cell of row.cells) {
      while (taken.has(`${r},${col}`)) col++
      for (let i = 0; i < cell.rowSpan; i++) for (let k = 0; k < cell.colSpan; k++) taken.add(`${r + i},${col + k}`)
      // A heading over every value column (申请人情况) says nothing about one number.
      const all = cell.colSpan === grid.columnCount - grid.labelColumnCount
      if (cell.kind === 'columnHeader' && !all) for (let k = 0; k < cell.colSpan; k++) labels[col + k].push(cell.text)
      col += cell.colSpan
    }
  })
  return labels.map((l) => l.join(' · '))
}

/**
 * Body row groups: a tbody per block of 表二 and per group of 表三 (（三）不予公开 and its rows…),
 * so print keeps each together (break-inside: avoid); a label spanning several groups is
 * repeated in each, marked as a continuation.
 */
function bodyGroups(block: Extract<Block, { kind: 'table' }>, repeated: Set<GridCell>, fragment: boolean): GridRow[][] {
  const rows = block.grid.rows
  const headerCount = rows.filter((r) => r.header).length
  const units = keepUnits(block)
  // A portal's editor does not print: its fragment keeps the merged labels whole.
  if (fragment && block.table.kind === 'matrix') return [rows.slice(headerCount)]
  if (block.table.kind !== 'matrix') {
    return units.map(([from, to]) => rows.slice(from, to + 1))
  }
  // A group of several rows starts a tbody unless it is the first of its tbody: the rows before
  // it and after it run with a group, so the outer label's text (set vertically) has rows enough.
  const cuts: number[] = []
  let hasGroup = false
  for (const [from, to] of units) {
    if (to > from && hasGroup) cuts.push(from)
    if (to > from) hasGroup = true
  }
  return splitGrid(block.grid, cuts, repeated).map((piece) => piece.slice(headerCount))
}

function tableHtml(
  block: Extract<Block, { kind: 'table' }>,
  style: Styler,
  fragment: boolean,
  heading?: { id: string; text: string },
): string {
  const leftLabels = block.table.kind === 'matrix'
  const labels = columnLabels(block.grid)
  const repeated = new Set<GridCell>()
  const row = (r: GridRow) => {
    let col = 0
    const cells = r.cells.map((c) => {
      // Value cells sit right of the label columns; their heading path is by grid column.
      const html = cellHtml(c, block.texts, leftLabels, style, {
        label: c.kind === 'value' ? labels[labelColumn(block, r, c, col)] : undefined,
        continued: repeated.has(c),
      })
      col += c.colSpan
      return html
    })
    return `<tr>${cells.join('')}</tr>`
  }
  const head = block.grid.rows.filter((r) => r.header)
  const groups = bodyGroups(block, repeated, fragment)
  const kind = `t-${block.table.kind}`
  const tableAttrs = fragment ? style('table') : ` class="${kind}"`
  const labelled = heading ? ` aria-labelledby="${escapeHtml(heading.id)}"` : ''
  const caption = heading ? `<caption${style('caption')}>${escapeHtml(heading.text)}</caption>` : ''
  const widths = columnWidths(block.table, block.grid)
  const total = widths.reduce((a, b) => a + b, 0)
  const cols = widths.map((w) => `<col style="width: ${((100 * w) / total).toFixed(2)}%">`).join('')
  return [
    `<div${style('wrap')}><table${tableAttrs}${labelled}>`,
    caption,
    `<colgroup>${cols}</colgroup>`,
    head.length ? `<thead>${head.map(row).join('')}</thead>` : '',
    ...groups.map((g) => `<tbody>${g.map(row).join('')}</tbody>`),
    '</table></div>',
  ].join('')
}

/**
 * The grid column of a value cell: in a row of a matrix the label cells come first, and the
 * values fill the last columns in order; elsewhere the count of cells before it.
 */
function labelColumn(block: Extract<Block, { kind: 'table' }>, row: GridRow, cell: GridCell, before: number): number {
  if (block.table.kind !== 'matrix') return before
  const values = row.cells.filter((c) => c.kind === 'value')
  return block.grid.columnCount - values.length + (values as GridCell[]).indexOf(cell)
}

function blockHtml(block: Block, style: Styler, fragment: boolean, heading?: { id: string; text: string }): string {
  switch (block.kind) {
    case 'narrative':
      return narrativeHtml(block, style)
    case 'table':
      return tableHtml(block, style, fragment, heading)
    default:
      return assertNever(block)
  }
}

function signatureHtml(signature: Signature, fragment: boolean): string {
  const indents = signatureIndents(signature)
  const line = (text: string, chars: number, first: boolean) => {
    const pad = `padding-right: ${chars}em`
    const attrs = fragment
      ? ` style="${INLINE.sign}; ${pad}${first ? '; margin-top: 1.9em' : ''}"`
      : ` class="sign${first ? ' first' : ''}" style="${pad}"`
    return `<p${attrs}>${escapeHtml(text)}</p>`
  }
  // One block that print never splits across pages.
  return `<div${fragment ? '' : ' class="sign-block"'}>${line(signature.agency, indents.name, true)}${line(signature.date, indents.date, false)}</div>`
}

/** The opening paragraph(s) between the title and 一: unnumbered body text. */
function preambleHtml(model: ExportModel, style: Styler): string[] {
  return model.preamble.map((p) => `<p${style('p')}>${runsHtml([...p.heading, ...p.body])}</p>`)
}

function bodyHtml(model: ExportModel, style: Styler, fragment: boolean): string {
  const parts: string[] = []
  if (model.draft) parts.push(`<p${style('draft')} role="note">${escapeHtml(DRAFT_MARK)}</p>`)
  parts.push(`<h1${style('title')}>${model.titleLines.map(escapeHtml).join('<br>')}</h1>`)
  parts.push(...preambleHtml(model, style))
  for (const section of model.sections) {
    const heading = { id: `h-${section.key}`, text: section.heading }
    parts.push(
      `<section id="${escapeHtml(section.key)}"><h2 id="${escapeHtml(heading.id)}"${style('h1')}>${escapeHtml(section.heading)}</h2>`,
    )
    for (const block of section.blocks) parts.push(blockHtml(block, style, fragment, heading))
    parts.push('</section>')
  }
  if (model.signature) parts.push(signatureHtml(model.signature, fragment))
  return parts.join('\n')
}

/** Just the report, inline-styled, for a portal's content editor. */
export function buildHtmlFragment(report: ReportData, options: HtmlOptions = {}): string {
  const model = exportModel(report, options)
  return `<div${inline('root')}>\n${bodyHtml(model, inline, true)}\n</div>`
}

/** One self-contained page: no scripts, no external requests (the CSP forbids both). */
export function buildHtml(report: ReportData, options: HtmlOptions = {}): string {
  const model = exportModel(report, options)
  const title = escapeHtml(model.titleLines.join(''))
  const draftPage = model.draft
    ? `@page { @top-center { content: "${DRAFT_MARK}"; color: #c00000; font: 12pt ${HEITI}; } }`
    : ''
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${model.draft ? `【草稿】` : ''}${title}</title>
<style>${PAGE_CSS}${draftPage}</style>
</head>
<body>
<main${byClass('root')}>
${bodyHtml(model, byClass, false)}
</main>
</body>
</html>
`
}
