/**
 * A PDF with a text layer as lines. The words and their boxes come from poppler's `pdftotext
 * -bbox` where it is installed (poppler-utils, which the PDF export needs anyway: about ten times
 * faster, it skips the embedded fonts' glyph programs), else from pdfjs-dist 4.x (the legacy
 * build runs on Node 20; 5.7 and 6.x need Node 22.13). NIANBAO_PDF_TEXT=pdfjs forces pdfjs. Text items are grouped into visual lines by their baseline and into cells
 * by the gaps between them; visual lines of running text are joined into paragraphs (a new one
 * at an indent, after a short line, or at a numbered heading). No fonts, no eval, no rendering.
 */
import { execFile } from 'node:child_process'
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import { collapse, type DocLine, ImportRefusal } from './lines'

/** More pages than any report: refused before reading. */
export const MAX_PDF_PAGES = 300
/** A gap wider than this (pt) between two text items starts a new cell. */
const CELL_GAP = 7
/** Baselines closer than this (pt) are one line. */
const LINE_TOLERANCE = 3

interface Item {
  x: number
  y: number
  right: number
  text: string
}

interface VisualLine {
  y: number
  items: Item[]
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let loaded: Promise<PdfJs> | null = null

/** pdfjs and its worker module in this thread (its "fake worker"): no second thread, no URL to resolve. */
function loadPdfJs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const g = globalThis as { pdfjsWorker?: unknown }
    // @ts-expect-error the worker module ships without type declarations
    g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    return pdfjs
  })()
  return loaded
}

const PAGE_NUMBER = /^[-—–－\s]*\d{1,3}[-—–－\s]*$/
const HEADING_START = /^([一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）)/

function visualLines(items: Item[]): VisualLine[] {
  items.sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: VisualLine[] = []
  for (const item of items) {
    const last = lines[lines.length - 1]
    if (last && Math.abs(last.y - item.y) <= LINE_TOLERANCE) last.items.push(item)
    else lines.push({ y: item.y, items: [item] })
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x)
  return lines
}

function cellsOf(line: VisualLine): string[] {
  const cells: string[] = []
  let current = ''
  let right = Number.NEGATIVE_INFINITY
  for (const item of line.items) {
    if (current !== '' && item.x - right > CELL_GAP) {
      cells.push(collapse(current))
      current = ''
    }
    current += item.text
    right = Math.max(right, item.right)
  }
  if (current.trim() !== '') cells.push(collapse(current))
  return cells.filter((c) => c !== '')
}

interface PageItems {
  top: number
  items: Item[]
}

/** Pages of words with their boxes by poppler's pdftotext, or null when it is not there or fails. */
function popplerPages(bytes: Uint8Array): Promise<PageItems[] | null> {
  if (process.env.NIANBAO_PDF_TEXT === 'pdfjs') return Promise.resolve(null)
  return new Promise((resolve) => {
    const child = execFile(
      process.env.NIANBAO_PDFTOTEXT || 'pdftotext',
      ['-q', '-bbox', '-enc', 'UTF-8', '-', '-'],
      // Within the worker's own limit, so that no pdftotext outlives the worker.
      { maxBuffer: 64 * 1024 * 1024, timeout: 10_000, killSignal: 'SIGKILL', encoding: 'utf8' },
      (error, stdout) => {
        if (error || !stdout.includes('<page')) {
          resolve(null)
          return
        }
        const doc = parseDocument(stdout, { xmlMode: true, decodeEntities: true })
        const pages: PageItems[] = []
        const isElement = (n: ChildNode): n is Element => n.type === 'tag'
        const walk = (nodes: ChildNode[]) => {
          for (const n of nodes) {
            if (!isElement(n)) continue
            if (n.name === 'page') {
              const top = Number(n.attribs.height)
              const items: Item[] = []
              for (const w of n.children) {
                if (!isElement(w) || w.name !== 'word') continue
                const text = w.children.map((t) => (t.type === 'text' ? t.data : '')).join('')
                if (text.trim() === '') continue
                // pdfjs's frame: y up from the foot of the page, at the baseline (here the box's foot).
                items.push({
                  x: Number(w.attribs.xMin),
                  right: Number(w.attribs.xMax),
                  y: top - Number(w.attribs.yMax),
                  text,
                })
              }
              pages.push({ top, items })
            } else walk(n.children)
          }
        }
        walk(doc.children)
        resolve(pages.length > 0 && pages.some((p) => p.items.length > 0) ? pages : null)
      },
    )
    child.on('error', () => resolve(null))
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(Buffer.from(bytes))
  })
}

async function pdfjsPages(bytes: Uint8Array): Promise<PageItems[]> {
  const pdfjs = await loadPdfJs()
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>
  try {
    doc = await pdfjs.getDocument({
      // A copy: pdfjs refuses a Buffer and detaches what it is given.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    }).promise
  } catch (e) {
    const name = (e as Error)?.name
    if (name === 'PasswordException') throw new ImportRefusal('PDF 文件有密码保护，无法读取。请导出无密码的文件。')
    throw new ImportRefusal('文件不是有效的 PDF，或已损坏，无法读取。')
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new ImportRefusal(`PDF 有 ${doc.numPages} 页，超过 ${MAX_PDF_PAGES} 页，不像一份年报，已拒绝读取。`)
    }
    const pages: PageItems[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const [, , , top] = page.view
      const content = await page.getTextContent()
      const items: Item[] = []
      for (const it of content.items) {
        if (!('str' in it) || it.str.trim() === '') continue
        items.push({ x: it.transform[4], y: it.transform[5], right: it.transform[4] + it.width, text: it.str })
      }
      pages.push({ top, items })
      page.cleanup()
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

export async function pdfLines(bytes: Uint8Array): Promise<DocLine[]> {
  const pages = (await popplerPages(bytes)) ?? (await pdfjsPages(bytes))
  if (pages.length > MAX_PDF_PAGES) {
    throw new ImportRefusal(`PDF 有 ${pages.length} 页，超过 ${MAX_PDF_PAGES} 页，不像一份年报，已拒绝读取。`)
  }
  const lines: DocLine[] = []
  let paragraph: { text: string; right: number } | null = null
  const flush = () => {
    if (paragraph && paragraph.text.trim() !== '') lines.push({ kind: 'p', text: collapse(paragraph.text) })
    paragraph = null
  }
  for (const { top, items } of pages) {
    const visual = visualLines(items).filter((l) => {
      const text = l.items.map((i) => i.text).join('')
      // Page numbers (“- 3 -”) at the foot or head of a page are not part of the text.
      return !(PAGE_NUMBER.test(text) && (l.y < 80 || l.y > top - 60))
    })
    const single = visual.filter((l) => cellsOf(l).length === 1)
    const left = Math.min(...single.map((l) => l.items[0].x))
    const right = Math.max(...single.map((l) => l.items[l.items.length - 1].right))
    for (const line of visual) {
      const cells = cellsOf(line)
      if (cells.length !== 1) {
        flush()
        lines.push({ kind: 'row', cells })
        continue
      }
      const x = line.items[0].x
      const end = line.items[line.items.length - 1].right
      const text = cells[0]
      const startsNew =
        !paragraph || x > left + 12 || (paragraph as { right: number }).right < right - 30 || HEADING_START.test(text)
      if (startsNew) {
        flush()
        paragraph = { text, right: end }
      } else if (paragraph) {
        paragraph.text += text
        paragraph.right = end
      }
    }
  }
  flush()
  if (pages.every((p) => p.items.length === 0)) {
    throw new ImportRefusal('PDF 没有文字层（可能是扫描件），无法读取。请使用带文字的 PDF、Word 或网页版本。')
  }
  return lines
}
