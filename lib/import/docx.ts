/**
 * A Word .docx (as Word, WPS, LibreOffice and our own export write it) as lines: jszip opens the
 * package, htmlparser2 in XML mode reads word/document.xml. Paragraphs are lines; tables are
 * rows with gridSpan and vMerge positions left out. The XML is inflated as a stream and refused
 * past a bound, so a zip bomb stops there.
 */
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import JSZip from 'jszip'
import { BOLD, collapse, type DocLine, ImportRefusal, withBoldMarks } from './lines'

/** word/document.xml beyond this is not a report (ours is ~300 KB). */
export const MAX_DOCUMENT_XML_BYTES = 40 * 1024 * 1024

/** numbering.xml and styles.xml beyond this are not a report's. */
const MAX_PART_XML_BYTES = 8 * 1024 * 1024

const DAMAGED = '文件不是有效的 Word（.docx）文档，或已损坏，无法读取。'

async function inflate(zip: JSZip, name: string, limit: number): Promise<string> {
  const file = zip.file(name)
  if (!file) throw new ImportRefusal(DAMAGED)
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    let stopped = false
    const stream = file.nodeStream('nodebuffer')
    stream.on('data', (chunk: Buffer) => {
      if (stopped) return
      total += chunk.length
      if (total > limit) {
        stopped = true
        stream.pause()
        reject(
          new ImportRefusal(
            `Word 文档解压后超过 ${Math.round(limit / 1024 / 1024)} MB，不像一份年报（可能是压缩炸弹），已拒绝读取。`,
          ),
        )
        return
      }
      chunks.push(chunk)
    })
    stream.on('error', () => {
      stopped = true
      reject(new ImportRefusal(DAMAGED))
    })
    stream.on('end', () => {
      if (!stopped) resolve(Buffer.concat(chunks).toString('utf8'))
    })
  })
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag'
const children = (el: Element, name: string) => el.children.filter((c): c is Element => isElement(c) && c.name === name)
const child = (el: Element, name: string) => children(el, name)[0]

/**
 * A paragraph's text: runs, tabs, breaks; fields' results are read, their codes skipped. Text
 * boxes anchored in the paragraph (WPS puts the 落款 in one) are not part of its text: their
 * contents are returned to be read as paragraphs of their own, after it. Of an
 * `mc:AlternateContent` only the first choice is read (WPS writes a text box twice: as a
 * DrawingML shape and again as VML for older readers).
 */
function paragraphText(p: Element): { text: string; boxes: Element[] } {
  const out: string[] = []
  const boxes: Element[] = []
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c)) continue
      switch (c.name) {
        case 'w:t':
          for (const t of c.children) if (t.type === 'text') out.push(t.data)
          break
        case 'w:tab':
          out.push('\t')
          break
        case 'w:br':
        case 'w:cr':
          out.push('\n')
          break
        case 'w:instrText':
        case 'w:delText':
        case 'w:del':
        case 'w:moveFrom':
        case 'w:rPr':
        case 'w:pPr':
        case 'w:sdtPr':
          break
        case 'w:txbxContent':
          boxes.push(c)
          break
        case 'mc:AlternateContent': {
          const chosen = child(c, 'mc:Choice') ?? child(c, 'mc:Fallback')
          if (chosen) walk(chosen)
          break
        }
        case 'w:r': {
          const b = child(child(c, 'w:rPr') ?? c, 'w:b')
          const bold = !!b && !['0', 'false', 'off'].includes(b.attribs['w:val'] ?? '')
          if (bold) out.push(BOLD)
          walk(c)
          if (bold) out.push(BOLD)
          break
        }
        default:
          walk(c)
      }
    }
  }
  walk(p)
  return { text: withBoldMarks(out.join('')), boxes }
}

/** How a list level prints its number. */
interface Level {
  start: number
  format: string
  text: string
}

/**
 * Numbering of paragraphs (`w:numPr`, given on the paragraph or by its style): WPS numbers
 * headings this way, so “一、总体情况” holds only “总体情况” and the ordinal is in numbering.xml.
 * The reader prints the ordinal back in front of the text, as the document shows it.
 */
export class Numbering {
  private levels = new Map<string, Level>()
  private abstractOf = new Map<string, string>()
  private styleNum = new Map<string, { numId: string; ilvl: number }>()
  private counters = new Map<string, number[]>()

  constructor(numberingXml: string | null, stylesXml: string | null) {
    const root = (xml: string | null, name: string) => {
      if (!xml) return null
      const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true })
      return doc.children.find((c): c is Element => isElement(c) && c.name === name) ?? null
    }
    const numbering = root(numberingXml, 'w:numbering')
    if (numbering) {
      for (const abs of children(numbering, 'w:abstractNum')) {
        const id = abs.attribs['w:abstractNumId']
        for (const lvl of children(abs, 'w:lvl')) {
          const val = (name: string) => child(lvl, name)?.attribs['w:val']
          this.levels.set(`${id}:${lvl.attribs['w:ilvl'] ?? '0'}`, {
            start: Number(val('w:start') ?? 1) || 0,
            format: val('w:numFmt') ?? 'decimal',
            text: val('w:lvlText') ?? '',
          })
        }
      }
      for (const num of children(numbering, 'w:num')) {
        const abs = child(num, 'w:abstractNumId')?.attribs['w:val']
        if (abs !== undefined) this.abstractOf.set(num.attribs['w:numId'], abs)
      }
    }
    const styles = root(stylesXml, 'w:styles')
    if (styles) {
      for (const style of children(styles, 'w:style')) {
        const numPr = child(child(style, 'w:pPr') ?? style, 'w:numPr')
        const numId = numPr ? child(numPr, 'w:numId')?.attribs['w:val'] : undefined
        if (numPr && numId) {
          const ilvl = Number(child(numPr, 'w:ilvl')?.attribs['w:val'] ?? 0) || 0
          this.styleNum.set(style.attribs['w:styleId'], { numId, ilvl })
        }
      }
    }
  }

  /** The printed number of a paragraph (“一、”), or '' when it is not numbered. */
  label(p: Element): string {
    const pPr = child(p, 'w:pPr')
    if (!pPr) return ''
    const numPr = child(pPr, 'w:numPr')
    const style = child(pPr, 'w:pStyle')?.attribs['w:val']
    const fromStyle = style ? this.styleNum.get(style) : undefined
    const numId = (numPr ? child(numPr, 'w:numId')?.attribs['w:val'] : undefined) ?? fromStyle?.numId
    // numId 0 switches a style's numbering off for this paragraph.
    if (!numId || numId === '0') return ''
    const ilvlText = numPr ? child(numPr, 'w:ilvl')?.attribs['w:val'] : undefined
    const ilvl = ilvlText !== undefined ? Number(ilvlText) || 0 : (fromStyle?.ilvl ?? 0)
    const abs = this.abstractOf.get(numId)
    if (abs === undefined) return ''
    const level = (i: number) => this.levels.get(`${abs}:${i}`)
    const counts = this.counters.get(abs) ?? []
    this.counters.set(abs, counts)
    counts[ilvl] = counts[ilvl] === undefined ? (level(ilvl)?.start ?? 1) : counts[ilvl] + 1
    counts.length = ilvl + 1
    const own = level(ilvl)
    if (!own || own.format === 'none' || own.format === 'bullet') return ''
    return own.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1
      return formatNumber(counts[i] ?? level(i)?.start ?? 1, level(i)?.format ?? 'decimal')
    })
  }
}

const DIGITS = '〇一二三四五六七八九'

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (numFmt chineseCounting). */
export function chineseCounting(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 1000) return String(n)
  const h = Math.floor(n / 100)
  const t = Math.floor((n % 100) / 10)
  const u = n % 10
  let out = h ? `${DIGITS[h]}百` : ''
  if (t) out += `${h || t > 1 ? DIGITS[t] : ''}十`
  else if (h && u) out += '零'
  if (u) out += DIGITS[u]
  return out
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
      return chineseCounting(n)
    case 'ideographDigital':
      return [...String(n)].map((d) => DIGITS[Number(d)]).join('')
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n)
    case 'lowerLetter':
      return String.fromCharCode(97 + ((n - 1) % 26))
    case 'upperLetter':
      return String.fromCharCode(65 + ((n - 1) % 26))
    default:
      return String(n)
  }
}

interface Reading {
  numbering: Numbering
}

/** Wrappers WPS and Word put around paragraphs, tables, rows and cells: read through. */
const WRAPPERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:smartTag'])

function blockLines(container: Element, lines: DocLine[], reading: Reading): void {
  for (const c of container.children) {
    if (!isElement(c)) continue
    if (c.name === 'w:p') {
      const { text, boxes } = paragraphText(c)
      const label = reading.numbering.label(c)
      text.split('\n').forEach((line, i) => {
        const t = collapse(i === 0 && label ? `${label}${line}` : line)
        if (t !== '') lines.push({ kind: 'p', text: t })
      })
      for (const box of boxes) blockLines(box, lines, reading)
    } else if (c.name === 'w:tbl') tableLines(c, lines, reading)
    else if (WRAPPERS.has(c.name)) blockLines(c, lines, reading)
  }
}

/** A cell's text: its paragraphs (and any nested table) joined. */
function cellText(tc: Element, reading: Reading): string {
  const inner: DocLine[] = []
  blockLines(tc, inner, reading)
  return inner.map((l) => (l.kind === 'p' ? l.text : l.cells.join(''))).join('')
}

/** The elements named `name` among `el`'s children, also inside content controls and custom XML. */
function within(el: Element, name: string): Element[] {
  return el.children
    .filter(isElement)
    .flatMap((c) => (c.name === name ? [c] : WRAPPERS.has(c.name) ? within(c, name) : []))
}

function tableLines(tbl: Element, lines: DocLine[], reading: Reading): void {
  for (const tr of within(tbl, 'w:tr')) {
    const cells: string[] = []
    for (const tc of within(tr, 'w:tc')) {
      const merge = child(child(tc, 'w:tcPr') ?? tc, 'w:vMerge')
      // A vMerge without val="restart" continues the cell above: covered, read once there.
      if (merge && merge.attribs['w:val'] !== 'restart') continue
      cells.push(cellText(tc, reading))
    }
    if (cells.length > 0) lines.push({ kind: 'row', cells })
  }
}

export async function docxLines(bytes: Uint8Array): Promise<DocLine[]> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes)
  } catch {
    throw new ImportRefusal(DAMAGED)
  }
  const xml = await inflate(zip, 'word/document.xml', MAX_DOCUMENT_XML_BYTES)
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true })
  const root = doc.children.find((c): c is Element => isElement(c) && c.name === 'w:document')
  const body = root && child(root, 'w:body')
  if (!body) throw new ImportRefusal(DAMAGED)
  // Numbering and styles are small parts; a document without them has no numbered paragraphs.
  const part = (name: string) => (zip.file(name) ? inflate(zip, name, MAX_PART_XML_BYTES) : Promise.resolve(null))
  const numbering = new Numbering(await part('word/numbering.xml'), await part('word/styles.xml'))
  const lines: DocLine[] = []
  blockLines(body, lines, { numbering })
  return lines
}
