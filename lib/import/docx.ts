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

/** A paragraph's text: runs, tabs, breaks; fields' results are read, their codes skipped. */
function paragraphText(p: Element): string {
  const out: string[] = []
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
        case 'w:rPr':
        case 'w:pPr':
          break
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
  return withBoldMarks(out.join(''))
}

function blockLines(container: Element, lines: DocLine[]): void {
  for (const c of container.children) {
    if (!isElement(c)) continue
    if (c.name === 'w:p') {
      for (const line of paragraphText(c).split('\n')) {
        const text = collapse(line)
        if (text !== '') lines.push({ kind: 'p', text })
      }
    } else if (c.name === 'w:tbl') tableLines(c, lines)
    else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml' || c.name === 'w:ins')
      blockLines(c, lines)
  }
}

/** A cell's text: its paragraphs (and any nested table) joined. */
function cellText(tc: Element): string {
  const inner: DocLine[] = []
  blockLines(tc, inner)
  return inner.map((l) => (l.kind === 'p' ? l.text : l.cells.join(''))).join('')
}

function tableLines(tbl: Element, lines: DocLine[]): void {
  for (const tr of children(tbl, 'w:tr')) {
    const cells: string[] = []
    const tcs = [
      ...children(tr, 'w:tc'),
      ...children(tr, 'w:sdt').flatMap((s) => children(child(s, 'w:sdtContent') ?? s, 'w:tc')),
    ]
    for (const tc of tcs) {
      const merge = child(child(tc, 'w:tcPr') ?? tc, 'w:vMerge')
      // A vMerge without val="restart" continues the cell above: covered, read once there.
      if (merge && merge.attribs['w:val'] !== 'restart') continue
      cells.push(cellText(tc))
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
  const lines: DocLine[] = []
  blockLines(body, lines)
  return lines
}
