/**
 * One entry point for the published documents (.docx and HTML) of a report, used by the API,
 * the command line and the benchmarks: file names, content types and options in one place.
 */
import { formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import { buildDocx, type FontMode } from './docx'
import { buildHtml } from './html'
import type { Signature } from './model'

export type DocumentKind = 'docx' | 'html'

export interface DocumentOptions {
  fontMode?: FontMode
  signature?: Signature | null
  /** A visible 草稿 mark: anything not yet finished (or approved) is a draft. */
  draft?: boolean
  /** A frozen version's approval time: its .docx is then the same bytes on every build. */
  timestamp?: Date
  /** The .docx subject (document properties); the PDF carries it. */
  subject?: string
}

export const CONTENT_TYPES: Record<DocumentKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
}

/** Characters that break file names on some systems or a Content-Disposition header. */
const UNSAFE_FILENAME = /[\\/:*?"<>|]+/g

export function safeFileName(name: string): string {
  return [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch))
    .join('')
    .replace(UNSAFE_FILENAME, '_')
}

/** 张店区人民政府2021年政府信息公开工作年度报告.docx */
export function documentFileName(report: ReportData, extension: string): string {
  const title = formatFor(report.formatVersion)?.title ?? ''
  return safeFileName(`${report.agency.name}${report.year}年${title}.${extension}`)
}

/**
 * A value as RFC 5987 ext-value characters: everything outside attr-char percent-encoded.
 * encodeURIComponent leaves ' ( ) * unencoded, which attr-char does not allow (' ends the
 * charset part); it encodes a few attr-chars (# $ & + ^ ` |) too, which is allowed.
 */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The real (Chinese) name in filename*, an ASCII fallback for old clients (RFC 6266 / 5987). */
export function contentDisposition(filename: string, asciiFallback: string, inline = false): string {
  const fallback = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_')
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${rfc5987(filename)}`
}

export async function buildDocument(
  report: ReportData,
  kind: DocumentKind,
  options: DocumentOptions = {},
): Promise<{ body: Buffer | string; contentType: string; filename: string; asciiName: string }> {
  const filename = documentFileName(report, kind)
  const asciiName = `annual-report-${report.year}.${kind}`
  switch (kind) {
    case 'docx':
      return { body: await buildDocx(report, options), contentType: CONTENT_TYPES.docx, filename, asciiName }
    case 'html':
      return { body: buildHtml(report, options), contentType: CONTENT_TYPES.html, filename, asciiName }
    default: {
      const never: never = kind
      throw new Error(`unknown document kind ${never}`)
    }
  }
}

export interface DocumentRequest {
  fontMode: FontMode
  /** The 落款 date as typed (YYYY-MM-DD); the agency is the report's. */
  signatureDate: string | null
  inline: boolean
}
