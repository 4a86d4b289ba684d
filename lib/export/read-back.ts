/**
 * Reads exported files back for the tests: a small strict XML parser (it refuses what a Word
 * consumer would refuse: bad characters, bad entities, unbalanced tags), the tables and headings
 * of word/document.xml with gridSpan and vMerge resolved, and the tables of the HTML with
 * rowspan and colspan resolved, all as positioned cells to compare with lib/format/grid.ts.
 */
import type { GridCell, TableGrid } from '@/lib/format/grid'

export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
}
export type XmlNode = XmlElement | string

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML 1.0 Char: tab, newline, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (paired surrogates). */
const INVALID_XML_CHAR =
  /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function decodeEntities(text: string, where: number): string {
  return text.replace(/&([^;&\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & at ${where}`)
    if (name in XML_ENTITIES) return XML_ENTITIES[name]
    const num = /^#x([0-9a-f]+)$/i.exec(name)?.[1]
    const code = num ? Number.parseInt(num, 16) : /^#(\d+)$/.exec(name) ? Number(name.slice(1)) : Number.NaN
    if (!Number.isFinite(code)) throw new Error(`unknown entity &${name}; at ${where}`)
    const ch = String.fromCodePoint(code)
    if (INVALID_XML_CHAR.test(ch)) throw new Error(`entity of an invalid character at ${where}`)
    return ch
  })
}

/** Parses a well-formed XML document or throws, saying where it is not. */
export function parseXml(xml: string): XmlElement {
  const bad = INVALID_XML_CHAR.exec(xml)
  if (bad) throw new Error(`invalid XML character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`)
  const root: XmlElement = { name: '#document', attrs: {}, children: [] }
  const stack: XmlElement[] = [root]
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|[^<]+/g
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const top = stack[stack.length - 1]
    const [all, cdata, close, name, attrText, selfClose] = m
    if (all === '<') throw new Error(`malformed tag at ${m.index}: ${xml.slice(m.index, m.index + 40)}`)
    if (cdata !== undefined) top.children.push(cdata)
    else if (name) {
      if (close) {
        if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> at ${m.index}`)
        stack.pop()
        continue
      }
      const attrs: Record<string, string> = {}
      for (const a of attrText.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} at ${m.index}`)
        attrs[a[1]] = decodeEntities(a[2] ?? a[3], m.index)
      }
      const el: XmlElement = { name, attrs, children: [] }
      top.children.push(el)
      if (!selfClose) stack.push(el)
    } else if (!all.startsWith('<')) {
      if (stack.length === 1 && all.trim() !== '') throw new Error(`text outside the root element at ${m.index}`)
      top.children.push(decodeEntities(all, m.index))
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`)
  if (root.children.filter((c) => typeof c !== 'string').length !== 1) throw new Error('not exactly one root element')
  return root
}

export function elements(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name)
}

export function descendants(node: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (n: XmlElement) => {
    for (const c of n.children) {
      if (typeof c === 'string') continue
      if (c.name === name) out.push(c)
      walk(c)
    }
  }
  walk(node)
  return out
}

const wText = (node: XmlElement) =>
  descendants(node, 'w:t')
    .map((t) => t.children.filter((c) => typeof c === 'string').join(''))
    .join('')

/** A cell where it sits: top-left grid position and extent. */
export interface PlacedCell {
  row: number
  col: number
  rowSpan: number
  colSpan: number
  text: string
}

/** The body paragraphs of word/document.xml outside tables: style id and text. */
export function docxParagraphs(documentXml: string): { style: string | null; text: string }[] {
  const body = descendants(parseXml(documentXml), 'w:body')[0]
  return elements(body, 'w:p').map((p) => {
    const style = descendants(p, 'w:pStyle')[0]?.attrs['w:val'] ?? null
    return { style, text: wText(p) }
  })
}

/**
 * Every table of the body, its cells placed on the grid with gridSpan and vMerge resolved. A
 * table cut at a page break (page-breaks.ts: a w:tbl after a page-break paragraph after a w:tbl)
 * reads as one: the continuation's repeated header rows (w:tblHeader) are skipped, and a label
 * it repeats where a merged label of the part before was still open continues that merge.
 */
export function docxTables(documentXml: string): { gridCols: number[]; cells: PlacedCell[] }[] {
  const body = descendants(parseXml(documentXml), 'w:body')[0]
  const children = body.children.filter((c): c is XmlElement => typeof c !== 'string')
  const tables: { gridCols: number[]; cells: PlacedCell[]; rows: number; openAt: Map<number, PlacedCell> }[] = []
  children.forEach((tbl, index) => {
    if (tbl.name !== 'w:tbl') return
    const between = children[index - 1]
    const continues =
      index >= 2 &&
      children[index - 2].name === 'w:tbl' &&
      between.name === 'w:p' &&
      descendants(between, 'w:pageBreakBefore').length > 0 &&
      wText(between) === ''
    const gridCols = descendants(elements(tbl, 'w:tblGrid')[0], 'w:gridCol').map((g) => Number(g.attrs['w:w']))
    const table = continues
      ? tables[tables.length - 1]
      : { gridCols, cells: [] as PlacedCell[], rows: 0, openAt: new Map<number, PlacedCell>() }
    if (!continues) tables.push(table)
    /** The cell a vMerge continue at this column extends, per column. */
    const { cells, openAt } = table
    /** Labels open when the part before ended, which a repeat in this part continues. */
    const carried = continues ? new Map(openAt) : new Map<number, PlacedCell>()
    let first = true
    for (const tr of elements(tbl, 'w:tr')) {
      const trPr = elements(tr, 'w:trPr')[0]
      const header = trPr && elements(trPr, 'w:tblHeader')[0]
      if (continues && header && !['off', 'false', '0'].includes(header.attrs['w:val'] ?? 'on')) continue
      const row = table.rows++
      let col = 0
      for (const tc of elements(tr, 'w:tc')) {
        const tcPr = elements(tc, 'w:tcPr')[0]
        const span = Number((tcPr && elements(tcPr, 'w:gridSpan')[0]?.attrs['w:val']) ?? 1)
        const vMerge = tcPr && elements(tcPr, 'w:vMerge')[0]
        const merge = vMerge ? (vMerge.attrs['w:val'] ?? 'continue') : null
        const repeated = first ? carried.get(col) : undefined
        if (merge === 'continue') {
          const above = openAt.get(col)
          if (!above || above.colSpan !== span) throw new Error(`vMerge continue without a restart at row ${row}`)
          above.rowSpan++
        } else if (repeated && repeated.colSpan === span && repeated.text === wText(tc)) {
          repeated.rowSpan++
          if (merge === 'restart') openAt.set(col, repeated)
          else openAt.delete(col)
        } else {
          const cell: PlacedCell = { row, col, rowSpan: 1, colSpan: span, text: wText(tc) }
          cells.push(cell)
          if (merge === 'restart') openAt.set(col, cell)
          else openAt.delete(col)
        }
        col += span
      }
      first = false
      if (col !== gridCols.length) throw new Error(`row ${row} covers ${col} of ${gridCols.length} grid columns`)
    }
  })
  return tables.map(({ gridCols, cells }) => ({ gridCols, cells }))
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
    return HTML_ENTITIES[e] ?? m
  })
}

/** Every start tag of an HTML text with its attributes, for the safety checks. */
export function htmlTags(html: string): { name: string; attrs: Record<string, string> }[] {
  const out: { name: string; attrs: Record<string, string> }[] = []
  for (const m of html.matchAll(
    /<([A-Za-z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g,
  )) {
    const attrs: Record<string, string> = {}
    for (const a of m[2].matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attrs[a[1].toLowerCase()] = decodeHtml(a[2] ?? a[3] ?? a[4] ?? '')
    }
    out.push({ name: m[1].toLowerCase(), attrs })
  }
  return out
}

/** The tables of an HTML text, cells placed with rowspan and colspan resolved. */
export function htmlTables(html: string): PlacedCell[][] {
  const tables: PlacedCell[][] = []
  for (const t of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
    const cells: PlacedCell[] = []
    const taken = new Set<string>()
    let row = 0
    for (const tr of t[1].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
      let col = 0
      for (const c of tr[1].matchAll(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
        while (taken.has(`${row},${col}`)) col++
        const rowSpan = Number(/\browspan="(\d+)"/.exec(c[2])?.[1] ?? 1)
        const colSpan = Number(/\bcolspan="(\d+)"/.exec(c[2])?.[1] ?? 1)
        for (let r = 0; r < rowSpan; r++) for (let k = 0; k < colSpan; k++) taken.add(`${row + r},${col + k}`)
        const text = decodeHtml(c[3].replace(/<[^>]*>/g, ''))
        // A label repeated where its rows go on in the next tbody (class "cont") continues the cell above.
        const above = /\bclass="[^"]*\bcont\b/.test(c[2])
          ? cells.find((x) => x.col === col && x.row + x.rowSpan === row && x.colSpan === colSpan && x.text === text)
          : undefined
        if (above) above.rowSpan += rowSpan
        else cells.push({ row, col, rowSpan, colSpan, text })
        col += colSpan
      }
      row++
    }
    tables.push(cells)
  }
  return tables
}

/** The cells of a declared grid, placed the same way (the grid leaves covered cells out, like HTML). */
export function placeGrid(grid: TableGrid): (PlacedCell & { cell: GridCell })[] {
  const out: (PlacedCell & { cell: GridCell })[] = []
  const taken = new Set<string>()
  grid.rows.forEach((r, row) => {
    let col = 0
    for (const cell of r.cells) {
      while (taken.has(`${row},${col}`)) col++
      for (let i = 0; i < cell.rowSpan; i++) for (let k = 0; k < cell.colSpan; k++) taken.add(`${row + i},${col + k}`)
      out.push({ row, col, rowSpan: cell.rowSpan, colSpan: cell.colSpan, text: '', cell })
      col += cell.colSpan
    }
  })
  return out
}
