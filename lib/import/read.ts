/**
 * Reads one document in this thread: the kind from the file name (and its first bytes), the
 * container into lines, then the report's structure. lib/import/index.ts runs it in a worker
 * with a time limit; the tests and the bench call it directly.
 */
import { docxLines } from './docx'
import { readReportJson } from './json'
import { pdfLines } from './pdf'
import { htmlLines } from './html'
import { type DocLine, ImportRefusal } from './lines'
import { readStructure, findHeadings } from './structure'
import { textLines } from './text'
import type { DocumentKind, ImportResult } from './types'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'

export interface DocumentInput {
  bytes: Uint8Array
  fileName: string
}

/** Kinds read here (.xlsx has its own reader in the app). */
export const READ_KINDS: DocumentKind[] = ['html', 'docx', 'doc', 'pdf', 'txt', 'json']

const EXTENSIONS: Record<string, DocumentKind> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  mht: 'html',
  docx: 'docx',
  doc: 'doc',
  wps: 'doc',
  pdf: 'pdf',
  txt: 'txt',
  text: 'txt',
  json: 'json',
}

/** The kind of a document by its first bytes, else by its extension. */
export function documentKind(fileName: string, bytes: Uint8Array): DocumentKind | null {
  const head = Buffer.from(bytes.subarray(0, 8))
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf'
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''
  if (head[0] === 0x50 && head[1] === 0x4b) return ext === 'xlsx' ? 'xlsx' : 'docx'
  if (head.readUInt32BE(0) === 0xd0cf11e0) return 'doc'
  return EXTENSIONS[ext] ?? null
}

/** Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as Windows saves it. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

function readHtml(input: DocumentInput, html: string): ImportResult {
  const { lines, ancestors, title } = htmlLines(html)
  const probe = formatFor('2021') as FormatDef
  const at = findHeadings(lines, probe).filter((h) => h >= 0)
  let start = 0
  let end = lines.length
  if (at.length >= 2) {
    // The article: the innermost element holding the first and the last heading found.
    const a = ancestors[at[0]]
    const b = ancestors[at[at.length - 1]]
    let depth = 0
    while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++
    const container = a[depth - 1]
    const inside = (i: number) => ancestors[i].includes(container)
    start = at[0]
    while (start > 0 && inside(start - 1)) start--
    end = at[at.length - 1]
    while (end < lines.length && inside(end)) end++
  }
  // A title outside the article (the page's heading above it) counts; the <title> is the last resort.
  let outside: string | null = null
  for (let i = start - 1; i >= 0 && i >= start - 40; i--) {
    const l = lines[i]
    if (
      l.kind === 'p' &&
      /年度报告|年报/.test(l.text) &&
      /\d{4}|[〇一二三四五六七八九]{4}/.test(l.text) &&
      l.text.length <= 80
    ) {
      outside = l.text
      break
    }
  }
  const pageTitle = title.split(/[_|｜]| - /)[0]
  return readStructure({
    kind: 'html',
    fileName: input.fileName,
    bytes: input.bytes.length,
    lines: outside ? [...lines.slice(0, start), { kind: 'p', text: outside }, ...lines.slice(start)] : lines,
    start,
    end: outside ? end + 1 : end,
    title: outside ?? (pageTitle || null),
  })
}

function fromLines(input: DocumentInput, kind: DocumentKind, lines: DocLine[]): ImportResult {
  return readStructure({ kind, fileName: input.fileName, bytes: input.bytes.length, lines })
}

/** Reads a document (any kind but .doc/.wps, which the caller converts first). */
export async function readDocument(input: DocumentInput): Promise<ImportResult> {
  const kind = documentKind(input.fileName, input.bytes)
  switch (kind) {
    case 'html':
      return readHtml(input, decodeText(input.bytes))
    case 'txt': {
      const text = decodeText(input.bytes)
      if (/^\s*</.test(text) && /<(html|table|p|div)\b/i.test(text)) return readHtml(input, text)
      return fromLines(input, 'txt', textLines(text))
    }
    case 'json':
      return readReportJson(input.fileName, input.bytes)
    case 'docx': {
      return fromLines(input, 'docx', await docxLines(input.bytes))
    }
    case 'pdf': {
      return fromLines(input, 'pdf', await pdfLines(input.bytes))
    }
    case 'doc':
      throw new ImportRefusal('.doc 和 .wps 文件需先用 LibreOffice 转换为 .docx 后读取。')
    case 'xlsx':
      throw new ImportRefusal('.xlsx 表格请用年报页面上的“导入表格”读取。')
    default:
      throw new ImportRefusal(
        `不支持的文件类型“${input.fileName}”：可读取网页（.html/.htm）、Word（.docx/.doc/.wps）、PDF、文本（.txt）和年报 JSON。`,
      )
  }
}
