/**
 * The .docx of a report, typeset as GB/T 9704-2012 and published reports (spec/layout.md): A4,
 * margins 37/26/35/28 mm, 3号仿宋 at an exact 28.95 pt pitch (22 lines × 28 characters), a two-line
 * 2号小标宋 title, headings as real Heading1–4 styles, the three statutory tables with the official
 * merges from lib/format/grid.ts, and "— n —" page numbers alternating right and left.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from 'docx'
import { assertNever } from '@/lib/format/cells'
import type { GridCell, GridRow } from '@/lib/format/grid'
import type { HeadingLevel as NarrativeLevel, TextRun as NarrativeRun } from '@/lib/narrative'
import type { ReportData } from '@/lib/report/schema'
import {
  type Block,
  columnWidths,
  type DocumentProperties,
  type ExportModel,
  exportModel,
  type Signature,
  signatureIndents,
  TEXT_BLOCK_TWIPS,
} from './model'
import { BREAK_PARAGRAPH, type PagePlan, planPages, splitGrid } from './page-breaks'
import { setZipTimes } from './zip-time'

export type FontMode = 'gb2312' | 'stock'

export interface DocxOptions {
  /** gb2312: the names government PCs have (仿宋_GB2312, 方正小标宋简体); stock: stock Windows fonts. */
  fontMode?: FontMode
  signature?: Signature | null
  draft?: boolean
  /**
   * The instant written as the document's created/modified time and as every zip entry's time.
   * A frozen version passes its approval time, so each build of it is the same bytes.
   */
  timestamp?: Date
  /** docProps/core.xml dc:subject; LibreOffice carries it into the PDF's properties. */
  subject?: string
}

interface FontSet {
  body: string
  kai: string
  hei: string
  title: string
  song: string
  /** 宋体 standing in for 小标宋 needs bold to carry the weight. */
  titleBold: boolean
}

const FONT_SETS: Record<FontMode, FontSet> = {
  gb2312: {
    body: '仿宋_GB2312',
    kai: '楷体_GB2312',
    hei: '黑体',
    title: '方正小标宋简体',
    song: '宋体',
    titleBold: false,
  },
  stock: { body: '仿宋', kai: '楷体', hei: '黑体', title: '宋体', song: '宋体', titleBold: true },
}

// Twips and half-points (layout.md §0).
const PAGE = { width: 11906, height: 16838 }
const MARGIN = { top: 2098, right: 1474, bottom: 1984, left: 1587, header: 851, footer: 1420, gutter: 0 }
const LINE = 579
const SIZE_3 = 32
const SIZE_2 = 44
const SIZE_4 = 28
const SIZE_XIAO4 = 24
const SIZE_5 = 21
const CHAR_3 = 320
const TRACKING = -5

/** All four font slots the same, hinted East Asian, so quote marks and dashes stay full-width. */
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' as const })

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
const firstLineIndent = { firstLine: 2 * CHAR_3, firstLineChars: 200 }

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4]

function headingRunFont(fonts: FontSet, level: NarrativeLevel): Pick<IRunOptions, 'font' | 'bold'> {
  switch (level) {
    case 1:
      return { font: font(fonts.hei) }
    case 2:
      return { font: font(fonts.kai) }
    case 3:
      return { font: font(fonts.body), bold: true }
    case 4:
      return { font: font(fonts.body) }
    default:
      return assertNever(level)
  }
}

const rFonts = (name: string) =>
  `<w:rFonts w:ascii="${name}" w:hAnsi="${name}" w:eastAsia="${name}" w:cs="${name}" w:hint="eastAsia"/>`

/**
 * word/styles.xml, whole: the document defaults, Normal, the table and list defaults, Heading1–4
 * and the note styles the package's footnotes.xml and endnotes.xml name. Supplied whole because
 * the package otherwise writes its own defaults (a blue Heading5/6, a 28 pt Title, TOC styles)
 * that the report never uses and that Word and WPS would offer in their style lists.
 */
export function stylesXml(fontMode: FontMode): string {
  const fonts = FONT_SETS[fontMode]
  const spacing = `<w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/>`
  const heading = (level: NarrativeLevel) => {
    const run = headingRunFont(fonts, level)
    const name = (run.font as ReturnType<typeof font>).eastAsia
    const bold = run.bold ? '<w:b/><w:bCs/>' : '<w:b w:val="0"/><w:bCs w:val="0"/>'
    return (
      `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/>` +
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>' +
      `<w:pPr><w:keepNext/><w:keepLines/><w:widowControl w:val="0"/>${spacing}` +
      `<w:ind w:firstLine="${2 * CHAR_3}" w:firstLineChars="200"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
      `<w:rPr>${rFonts(name)}${bold}<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>` +
      `<w:spacing w:val="${TRACKING}"/><w:sz w:val="${SIZE_3}"/><w:szCs w:val="${SIZE_3}"/></w:rPr></w:style>`
    )
  }
  const note = (kind: 'footnote' | 'endnote') => {
    const id = kind === 'footnote' ? 'Footnote' : 'Endnote'
    return (
      `<w:style w:type="character" w:styleId="${id}Reference"><w:name w:val="${kind} reference"/>` +
      '<w:basedOn w:val="DefaultParagraphFont"/><w:semiHidden/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>' +
      `<w:style w:type="paragraph" w:styleId="${id}Text"><w:name w:val="${kind} text"/><w:basedOn w:val="Normal"/>` +
      `<w:semiHidden/><w:rPr><w:sz w:val="${SIZE_5}"/><w:szCs w:val="${SIZE_5}"/></w:rPr></w:style>`
    )
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    // Word picks fonts and line breaking (禁则) for ambiguous characters by language.
    `<w:docDefaults><w:rPrDefault><w:rPr>${rFonts(fonts.body)}<w:color w:val="000000"/>` +
    `<w:sz w:val="${SIZE_3}"/><w:szCs w:val="${SIZE_3}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr>${spacing}</w:pPr></w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>' +
    '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>' +
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>' +
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    ([1, 2, 3, 4] as const).map(heading).join('') +
    note('footnote') +
    note('endnote') +
    '</w:styles>'
  )
}

/** Body runs carry the −0.25 pt tracking that fits 28 characters of 3号 on a line (layout.md §3.2). */
function runs(list: NarrativeRun[], extra: Partial<IRunOptions> = {}): TextRun[] {
  return list
    .filter((r) => r.text !== '')
    .map((r) => new TextRun({ text: r.text, characterSpacing: TRACKING, ...extra, bold: r.bold || extra.bold }))
}

function bodyParagraph(children: TextRun[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    widowControl: false,
    spacing: bodySpacing,
    indent: firstLineIndent,
    children,
  })
}

function narrativeParagraphs(fonts: FontSet, block: Extract<Block, { kind: 'narrative' }>): Paragraph[] {
  return block.paragraphs.map((p) => {
    if (p.level === 0) return bodyParagraph(runs(p.body))
    if (p.body.length === 0) {
      return new Paragraph({ heading: HEADINGS[p.level - 1], children: runs(p.heading) })
    }
    // A heading run into its paragraph (“（一）主动公开情况。正文…”) stays one body paragraph.
    return bodyParagraph([...runs(p.heading, headingRunFont(fonts, p.level)), ...runs(p.body)])
  })
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
}

interface CellLook {
  text: string
  left: boolean
  vertical: boolean
}

function cellLook(cell: GridCell, texts: Map<string, string>, leftLabels: boolean): CellLook {
  switch (cell.kind) {
    case 'corner':
    case 'columnHeader':
    case 'caption':
      return { text: cell.text, left: false, vertical: false }
    case 'rowHeader':
      return { text: cell.text, left: leftLabels, vertical: false }
    case 'rowGroup':
      return { text: cell.text, left: false, vertical: cell.vertical }
    case 'value':
      return { text: texts.get(cell.path) ?? '', left: false, vertical: false }
    default:
      return assertNever(cell)
  }
}

/**
 * Rows that must not be parted from the next one: each block of 表二 (caption, 信息内容 row and
 * its rows), the header rows, and the items of a (三)–(六) group of 表三, so that no caption or
 * group label is left behind at the foot of a page.
 */
function keepWithNext(block: Extract<Block, { kind: 'table' }>, rows: GridRow[], index: number): boolean {
  if (index >= rows.length - 1) return false
  const first = rows[index + 1].cells[0]
  if (block.table.kind === 'blocks') return first?.kind !== 'caption'
  if (rows[index].header) return true
  // A group label keeps its first rows with it (三、 is not left alone under the header rows).
  const startsGroup = (i: number) => i >= 0 && rows[i].cells[0]?.kind === 'rowGroup'
  if (startsGroup(index) || startsGroup(index - 1)) return true
  return first?.kind === 'rowHeader' && first.depth >= 2
}

/**
 * Each row's cells in column order, with the continuation cells of the merges from the rows
 * above (w:vMerge="continue") placed where they stand: written by us rather than by the package
 * (rowSpan), whose continuation cells have a bare paragraph in the 3号 body size and 28.95 pt
 * line, which makes Word and WPS grow the rows under a merged label.
 */
function rowsWithContinuations(rows: GridRow[]) {
  const placed: { column: number; cell: GridCell; continues: boolean }[][] = rows.map(() => [])
  const taken: boolean[][] = rows.map(() => [])
  rows.forEach((row, r) => {
    let column = 0
    for (const cell of row.cells) {
      while (taken[r][column]) column++
      placed[r].push({ column, cell, continues: false })
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) taken[r + dr][column + dc] = true
        if (dr > 0) placed[r + dr].push({ column, cell, continues: true })
      }
      column += cell.colSpan
    }
  })
  return placed.map((cells) => cells.sort((a, b) => a.column - b.column))
}

function table(fonts: FontSet, block: Extract<Block, { kind: 'table' }>, rows: GridRow[] = block.grid.rows): Table {
  const widths = columnWidths(block.table, block.grid)
  // 表二 is small enough for 小四; 表三 and 表四 need 五号 to fit their columns (layout.md §2.4).
  const size = block.table.kind === 'blocks' ? SIZE_XIAO4 : SIZE_5
  const line = block.table.kind === 'blocks' ? 340 : 300
  const leftLabels = block.table.kind === 'matrix'
  const placed = rowsWithContinuations(rows)
  return new Table({
    width: { size: TEXT_BLOCK_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
    rows: rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: row.header,
          cantSplit: true,
          children: placed[i].map(({ cell, continues }) => {
            const look = cellLook(cell, block.texts, leftLabels)
            return new TableCell({
              ...(cell.rowSpan > 1
                ? { verticalMerge: continues ? VerticalMergeType.CONTINUE : VerticalMergeType.RESTART }
                : {}),
              ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
              verticalAlign: VerticalAlign.CENTER,
              margins: { left: 57, right: 57, top: 20, bottom: 20 },
              ...(look.vertical ? { textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT } : {}),
              children: [
                new Paragraph({
                  alignment: look.left ? AlignmentType.LEFT : AlignmentType.CENTER,
                  spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
                  indent: { firstLine: 0 },
                  keepNext: keepWithNext(block, rows, i),
                  // The paragraph mark carries the table's size too (an empty continuation cell has only it).
                  run: { font: font(fonts.body), size },
                  children: continues ? [] : [new TextRun({ text: look.text, font: font(fonts.body), size })],
                }),
              ],
            })
          }),
        }),
    ),
  })
}

/**
 * A table in the parts the page plan cut it into (page-breaks.ts): each part on its own page,
 * after a near-empty paragraph that starts the page, with the header rows repeated.
 */
function tableParts(fonts: FontSet, block: Extract<Block, { kind: 'table' }>, breaks: number[]): (Paragraph | Table)[] {
  return splitGrid(block.grid, breaks).flatMap((rows, i) => {
    const part = table(fonts, block, rows)
    if (i === 0) return [part]
    const pageBreak = new Paragraph({
      pageBreakBefore: true,
      spacing: { line: BREAK_PARAGRAPH, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      run: { size: 2 },
      children: [],
    })
    return [pageBreak, part]
  })
}

function blockChildren(fonts: FontSet, block: Block, plan: PagePlan): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'narrative':
      return narrativeParagraphs(fonts, block)
    case 'table':
      return tableParts(fonts, block, plan.tableBreaks.get(block) ?? [])
    default:
      return assertNever(block)
  }
}

function titleParagraphs(fonts: FontSet, lines: string[]): Paragraph[] {
  return lines.map(
    (text, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // One blank body line between title and text (layout.md §2.1), as space after the last
        // title line: the paragraph after the title is the text's first (the preamble).
        spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: i === lines.length - 1 ? LINE : 0 },
        keepNext: true,
        children: [new TextRun({ text, font: font(fonts.title), size: SIZE_2, bold: fonts.titleBold })],
      }),
  )
}

/** The opening paragraph(s): unnumbered body text between the title and 一. */
function preambleParagraphs(model: ExportModel): Paragraph[] {
  return model.preamble.map((p) => bodyParagraph(runs([...p.heading, ...p.body])))
}

function signatureParagraphs(signature: Signature): Paragraph[] {
  const indents = signatureIndents(signature)
  const right = (text: string, chars: number, keepNext: boolean) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: Math.round(chars * CHAR_3) },
      keepNext,
      children: text ? [new TextRun({ text })] : [],
    })
  return [right('', 0, true), right(signature.agency, indents.name, true), right(signature.date, indents.date, false)]
}

function pageNumberFooter(fonts: FontSet, odd: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: 280 } : { left: 280 },
        spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(fonts.song),
            size: SIZE_4,
          }),
        ],
      }),
    ],
  })
}

const DRAFT_MARK = '草稿 · 未经审核，不得发布'

function draftHeader(fonts: FontSet): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: DRAFT_MARK, font: font(fonts.hei), size: SIZE_4, color: 'C00000' })],
      }),
    ],
  })
}

export function docxDocument(model: ExportModel, fontMode: FontMode = 'gb2312'): Document {
  const fonts = FONT_SETS[fontMode]
  const children: (Paragraph | Table)[] = [...titleParagraphs(fonts, model.titleLines), ...preambleParagraphs(model)]
  const plan = planPages(model)
  for (const section of model.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        ...(plan.sectionBreaks.has(section.key) ? { pageBreakBefore: true } : {}),
        children: [new TextRun(section.heading)],
      }),
    )
    for (const block of section.blocks) children.push(...blockChildren(fonts, block, plan))
  }
  if (model.signature) children.push(...signatureParagraphs(model.signature))
  // Word needs a paragraph after a table that ends the document.
  if (children[children.length - 1] instanceof Table) children.push(new Paragraph({ children: [] }))
  const header = model.draft ? draftHeader(fonts) : undefined
  return new Document({
    creator: model.properties.agency || 'Nianbao',
    title: model.properties.title,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: MARGIN },
          // A line pitch with no grid type: LibreOffice would snap table lines to a typed grid.
          grid: { linePitch: LINE },
        },
        ...(header ? { headers: { default: header, even: draftHeader(fonts) } } : {}),
        footers: { default: pageNumberFooter(fonts, true), even: pageNumberFooter(fonts, false) },
        children,
      },
    ],
  })
}

/**
 * word/fontTable.xml naming each font the document uses, as GB2312 (charset 86) faces, with the
 * stock Windows face as w:altName for the government-PC names (layout.md §1.6), so that a PC
 * without 仿宋_GB2312 may fall back to 仿宋 rather than to an arbitrary face. The package writes
 * font entries only for embedded fonts, so the part is supplied whole.
 */
export function fontTableXml(fontMode: FontMode): string {
  const fonts = FONT_SETS[fontMode]
  const alt: Record<string, string> = { 仿宋_GB2312: '仿宋', 楷体_GB2312: '楷体', 方正小标宋简体: '宋体' }
  const names = [...new Set([fonts.body, fonts.kai, fonts.hei, fonts.title, fonts.song])]
  const entries = names
    .map(
      (name) =>
        `<w:font w:name="${name}">${alt[name] ? `<w:altName w:val="${alt[name]}"/>` : ''}<w:charset w:val="86"/><w:family w:val="${name === fonts.hei ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}</w:fonts>`
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * docProps/core.xml with a given time (the package always writes the time of packing): the
 * report title, the agency as author and last editor (what Word's 属性 and a portal's file list
 * show), language zh-CN.
 */
export function corePropertiesXml(properties: DocumentProperties, at: Date, subject?: string): string {
  const when = `${at.toISOString().slice(0, 19)}Z`
  const author = xmlText(properties.agency || 'Nianbao')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(properties.title)}</dc:title>${subject ? `<dc:subject>${xmlText(subject)}</dc:subject>` : ''}<dc:creator>${author}</dc:creator>` +
    `<cp:lastModifiedBy>${author}</cp:lastModifiedBy><dc:language>zh-CN</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  )
}

/** docProps/app.xml: the application and the agency as company (the package leaves it empty). */
export function appPropertiesXml(properties: DocumentProperties): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>Nianbao 年报</Application>' +
    `<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company>${xmlText(properties.agency)}</Company>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
    '<AppVersion>16.0000</AppVersion></Properties>'
  )
}

export async function buildDocx(report: ReportData, options: DocxOptions = {}): Promise<Buffer> {
  const model = exportModel(report, { signature: options.signature ?? null, draft: options.draft ?? false })
  const fontMode = options.fontMode ?? 'gb2312'
  const at = options.timestamp ?? new Date()
  const zip = await Packer.toBuffer(docxDocument(model, fontMode), false, [
    { path: 'word/fontTable.xml', data: fontTableXml(fontMode) },
    { path: 'word/styles.xml', data: stylesXml(fontMode) },
    { path: 'docProps/core.xml', data: corePropertiesXml(model.properties, at, options.subject) },
    { path: 'docProps/app.xml', data: appPropertiesXml(model.properties) },
  ])
  return setZipTimes(zip, at)
}
