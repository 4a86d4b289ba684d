/**
 * A saved portal page or the HTML of an article (and the HTML of our own export) as lines.
 * htmlparser2 builds the tree; scripts, styles and the like are skipped, never run. Tables are
 * read row by row with rowspan/colspan positions left out. On a whole page, only the part that
 * holds the report is kept: the innermost element holding both the first and the last section
 * heading, with the title searched before it.
 */
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import { BOLD, collapse, type DocLine, ImportRefusal, withBoldMarks } from './lines'

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'option',
  'button',
  'textarea',
  'input',
  'head',
  'canvas',
  'audio',
  'video',
])
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'center',
  'blockquote',
  'pre',
  'form',
  'table',
  'tr',
  'td',
  'th',
  'caption',
  'address',
  'figure',
  'figcaption',
  'hr',
  'body',
  'html',
])

export interface HtmlLines {
  lines: DocLine[]
  /** For every line, the ids of its ancestor elements (outermost first). */
  ancestors: number[][]
  /** The text of <title>. */
  title: string
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style'

/** The text of a subtree, paragraphs inside it joined without a break (a table cell's text). */
function inlineText(node: ChildNode, out: string[]): void {
  if (node.type === 'text') {
    out.push(node.data)
    return
  }
  if (!isElement(node)) return
  const name = node.name.toLowerCase()
  if (SKIPPED.has(name)) return
  if (name === 'br') out.push(' ')
  for (const child of node.children) inlineText(child, out)
}

function spanOf(el: Element, name: string): number {
  const n = Number.parseInt(el.attribs[name] ?? '1', 10)
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : 1
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = []
  const walk = (el: Element) => {
    for (const child of el.children) {
      if (!isElement(child)) continue
      const name = child.name.toLowerCase()
      if (name === 'tr') rows.push(child)
      else if (name === 'thead' || name === 'tbody' || name === 'tfoot') walk(child)
    }
  }
  walk(table)
  return rows
}

/**
 * A table's rows as lines. Cells covered by a rowspan from above are skipped (their text stands
 * once, in the first row); a cell's own text is collapsed, its inner paragraphs joined.
 */
function tableLines(table: Element): DocLine[] {
  const lines: DocLine[] = []
  const covered: number[] = []
  for (const tr of rowsOf(table)) {
    const cells: string[] = []
    let column = 0
    for (const td of tr.children) {
      if (!isElement(td)) continue
      const name = td.name.toLowerCase()
      if (name !== 'td' && name !== 'th') continue
      while ((covered[column] ?? 0) > 0) column++
      const parts: string[] = []
      for (const child of td.children) {
        const piece: string[] = []
        inlineText(child, piece)
        parts.push(collapse(piece.join('')))
      }
      cells.push(parts.filter((p) => p !== '').join(''))
      const rowSpan = spanOf(td, 'rowspan')
      const colSpan = spanOf(td, 'colspan')
      for (let c = 0; c < colSpan; c++) covered[column + c] = Math.max(covered[column + c] ?? 0, rowSpan)
      column += colSpan
    }
    for (let c = 0; c < covered.length; c++) if ((covered[c] ?? 0) > 0) covered[c]--
    if (cells.length > 0) lines.push({ kind: 'row', cells })
  }
  return lines
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])

/** Deeper than this a page is refused: the parser's work grows with depth × tags. */
export const MAX_HTML_DEPTH = 3000

/** The deepest nesting of elements, by a scan of the tags (unclosed ones count as open). */
export function htmlDepth(html: string): number {
  let depth = 0
  let max = 0
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const name = m[2].toLowerCase()
    if (m[1]) depth = Math.max(0, depth - 1)
    else if (!m[3] && !VOID.has(name)) max = Math.max(max, ++depth)
  }
  return max
}

export function htmlLines(html: string): HtmlLines {
  if (htmlDepth(html) > MAX_HTML_DEPTH) {
    throw new ImportRefusal('网页的标签嵌套过深，不像一份年报，已拒绝读取。')
  }
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true })
  const lines: DocLine[] = []
  const ancestors: number[][] = []
  let title = ''
  let nextId = 0
  const stack: number[] = []
  let inline: string[] = []
  let boldDepth = 0
  const flush = () => {
    const text = collapse(withBoldMarks(inline.join('')))
    inline = []
    if (text !== '') {
      lines.push({ kind: 'p', text })
      ancestors.push([...stack])
    }
  }
  const walk = (node: ChildNode) => {
    if (node.type === 'text') {
      inline.push(node.data)
      return
    }
    if (!isElement(node)) return
    const name = node.name.toLowerCase()
    if (name === 'title' && !title) {
      const parts: string[] = []
      inlineText({ ...node, name: 'span' } as Element, parts)
      title = collapse(parts.join(''))
      return
    }
    if (SKIPPED.has(name)) return
    if (name === 'br') {
      flush()
      return
    }
    const block = BLOCK.has(name)
    if (block) flush()
    stack.push(nextId++)
    if (name === 'table') {
      for (const line of tableLines(node)) {
        lines.push(line)
        ancestors.push([...stack])
      }
    } else {
      const bold = name === 'strong' || name === 'b'
      if (bold && boldDepth++ === 0) inline.push(BOLD)
      for (const child of node.children) walk(child)
      if (bold && --boldDepth === 0) inline.push(BOLD)
    }
    if (block) flush()
    stack.pop()
  }
  for (const child of doc.children) {
    if (isElement(child) && child.name.toLowerCase() === 'head') {
      for (const c of child.children) if (isElement(c) && c.name.toLowerCase() === 'title') walk(c)
      continue
    }
    walk(child)
  }
  flush()
  return { lines, ancestors, title }
}
