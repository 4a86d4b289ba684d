/** A report as a file: the interchange JSON, and the published document (Word, HTML). */
import 'server-only'
import { prisma } from '@/lib/db'
import {
  buildDocument,
  contentDisposition,
  type DocumentKind,
  type DocumentRequest,
  safeFileName,
} from '@/lib/export/document-export'
import { chineseDate } from '@/lib/china-time'
import { toInterchange } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { badRequest, notFound } from './errors'
import { loadReportRow } from './report-read'

export async function exportReport(
  id: string,
): Promise<{ filename: string; contentDisposition: string; json: string }> {
  const row = await loadReportRow(id)
  const report = JSON.parse(row.content) as ReportData
  // Rows written before agencies had codes lack it in the content: the stored agency's is the one.
  const stored = await prisma.report.findUnique({ where: { id }, select: { agency: { select: { code: true } } } })
  if (stored) report.agency = { ...report.agency, code: stored.agency.code }
  const filename = safeFileName(`${report.agency.name}-${report.year}.json`)
  return {
    filename,
    contentDisposition: contentDisposition(filename, `report-${report.year}.json`),
    json: toInterchange(report),
  }
}

/** Which content a document is built from: see exportDocument. */
export type DocumentSource = 'auto' | 'working' | number

/**
 * The published document of a report. By default the latest frozen version (approved or
 * published) is built from its snapshot, without the 草稿 mark and stamped with its approval
 * time, so every download of it is the same bytes whatever happens to the working row. Without a
 * frozen version the working copy is built with the 草稿 mark, so a draft can never pass for the
 * finished report. `source`: 'working' always the working copy (marked), a number that version.
 */
export async function exportDocument(
  id: string,
  kind: DocumentKind,
  request: Partial<DocumentRequest> = {},
  source: DocumentSource = 'auto',
) {
  const row = await loadReportRow(id)
  const date = request.signatureDate ? chineseDate(request.signatureDate) : null
  if (request.signatureDate && !date) throw badRequest('落款日期无效，应为 年-月-日')
  const frozen =
    source === 'working'
      ? null
      : typeof source === 'number'
        ? await prisma.reportVersion.findUnique({ where: { reportId_number: { reportId: id, number: source } } })
        : await prisma.reportVersion.findFirst({ where: { reportId: id }, orderBy: { number: 'desc' } })
  if (typeof source === 'number' && !frozen) throw notFound(`第${source}版不存在`)
  const report = JSON.parse(frozen ? frozen.content : row.content) as ReportData
  const draft = !frozen
  const built = await buildDocument(report, kind, {
    fontMode: request.fontMode ?? 'gb2312',
    signature: date ? { agency: report.agency.name, date } : null,
    draft,
    ...(frozen ? { timestamp: frozen.approvedAt } : {}),
  })
  return {
    ...built,
    draft,
    versionNumber: frozen?.number ?? null,
    contentDisposition: contentDisposition(built.filename, built.asciiName, request.inline),
  }
}
