/**
 * The HTML of a report: one self-contained page (inline CSS, no scripts, no external requests,
 * a CSP that forbids both) with semantic tables (rowspan/colspan, th scope), print CSS for A4
 * after GB/T 9704 (spec/layout.md §4.1) and a layout that reads on a phone; and a fragment with
 * inline styles only, for pasting into a portal's content editor. Every user text is escaped.
 */
import { assertNever } from '@/lib/format/cells'
import type { GridCell, GridRow } from '@/lib/format/grid'
import type { HeadingLevel, TextRun } from '@/lib/narrative'
import type { ReportData } from '@/lib/report/schema'
import { type Block, columnWidths, type ExportModel, exportModel, type Signature, signatureIndents } from './model'

export interface HtmlOptions {
  draft?: boolean
  signature?: Signature | null
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

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
@media (max-width: 40rem) {
  .gw { padding: 1.25rem 1rem 3rem; font-size: 17px; }
  .gw .draft { margin: -1.25rem -1rem 1.25rem; }
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
  .gw table.t-blocks { font-size: 12pt; break-inside: avoid; }
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

function cellHtml(cell: GridCell, texts: Map<string, string>, leftLabels: boolean, style: Styler): string {
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
    case 'rowGroup':
      return `<th scope="rowgroup"${spans}${style(cell.vertical ? 'cellVertical' : 'cell')}>${escapeHtml(cell.text)}</th>`
    case 'value':
      return `<td${spans}${style('cell')}>${escapeHtml(texts.get(cell.path) ?? '')}</td>`
    default:
      return assertNever(cell)
  }
}

function tableHtml(block: Extract<Block, { kind: 'table' }>, style: Styler, fragment: boolean): string {
  const leftLabels = block.table.kind === 'matrix'
  const row = (r: GridRow) => `<tr>${r.cells.map((c) => cellHtml(c, block.texts, leftLabels, style)).join('')}</tr>`
  const head = block.grid.rows.filter((r) => r.header)
  // Each caption row of 表二 opens its own row group, which its th scope="rowgroup" heads.
  const groups: GridRow[][] = []
  for (const r of block.grid.rows.filter((r) => !r.header)) {
    if (groups.length === 0 || r.cells[0]?.kind === 'caption') groups.push([])
    groups[groups.length - 1].push(r)
  }
  const tableAttrs = fragment ? style('table') : ` class="t-${block.table.kind}"`
  const widths = columnWidths(block.table, block.grid)
  const total = widths.reduce((a, b) => a + b, 0)
  const cols = widths.map((w) => `<col style="width: ${((100 * w) / total).toFixed(2)}%">`).join('')
  return [
    `<div${style('wrap')}><table${tableAttrs}>`,
    `<colgroup>${cols}</colgroup>`,
    head.length ? `<thead>${head.map(row).join('')}</thead>` : '',
    ...groups.map((g) => `<tbody>${g.map(row).join('')}</tbody>`),
    '</table></div>',
  ].join('')
}

function blockHtml(block: Block, style: Styler, fragment: boolean): string {
  switch (block.kind) {
    case 'narrative':
      return narrativeHtml(block, style)
    case 'table':
      return tableHtml(block, style, fragment)
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
  return line(signature.agency, indents.name, true) + line(signature.date, indents.date, false)
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
    parts.push(`<section id="${escapeHtml(section.key)}"><h2${style('h1')}>${escapeHtml(section.heading)}</h2>`)
    for (const block of section.blocks) parts.push(blockHtml(block, style, fragment))
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
