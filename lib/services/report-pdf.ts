/**
 * The PDF of an approved version: our .docx converted by LibreOffice once, stored in the
 * database (ReportPdf), and served from there, so every instance and every download gives the
 * same bytes. A draft has no PDF: it is published only once approved.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import { chineseDate } from '@/lib/china-time'
import { buildDocument, contentDisposition, documentFileName } from '@/lib/export/document-export'
import { convertDocxToPdf, fontReport, PdfError, pdfUnavailableReason } from '@/lib/export/pdf'
import type { ReportData } from '@/lib/report/schema'
import { badRequest, notFound, ServiceError } from './errors'
import { loadReportRow } from './report-read'

const unavailable = (message: string) => new ServiceError(503, 'pdf_unavailable', message)

export interface ReportPdfRequest {
  /** The 落款 date as typed (YYYY-MM-DD), or null for none. */
  signatureDate: string | null
  /** A version number; default the latest approved one. */
  version?: number
}

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === 'P2002'

export async function reportPdf(id: string, request: ReportPdfRequest) {
  await loadReportRow(id)
  const date = request.signatureDate ? chineseDate(request.signatureDate) : null
  if (request.signatureDate && !date) throw badRequest('落款日期无效，应为 年-月-日')
  const frozen =
    request.version !== undefined
      ? await prisma.reportVersion.findUnique({ where: { reportId_number: { reportId: id, number: request.version } } })
      : await prisma.reportVersion.findFirst({ where: { reportId: id }, orderBy: { number: 'desc' } })
  if (request.version !== undefined && !frozen) throw notFound(`第${request.version}版不存在`)
  if (!frozen) throw new ServiceError(409, 'not_approved', 'PDF 在年报审核通过后提供；草稿请下载 Word 或网页版预览')
  const report = JSON.parse(frozen.content) as ReportData
  const filename = documentFileName(report, 'pdf')
  const signature = request.signatureDate ?? ''
  const key = { versionId_signature: { versionId: frozen.id, signature } }
  let stored = await prisma.reportPdf.findUnique({ where: key, select: { body: true } })
  if (!stored) {
    const reason = pdfUnavailableReason()
    if (reason) throw unavailable(reason)
    const fonts = fontReport()
    const docx = await buildDocument(report, 'docx', {
      fontMode: 'gb2312',
      signature: date ? { agency: report.agency.name, date } : null,
      draft: false,
      timestamp: frozen.approvedAt,
      subject: fonts.note,
    })
    let body: Buffer
    try {
      body = await convertDocxToPdf(docx.body as Buffer)
    } catch (e) {
      if (e instanceof PdfError) throw unavailable(e.message)
      throw e
    }
    try {
      stored = await prisma.reportPdf.create({
        data: { versionId: frozen.id, signature, body: new Uint8Array(body), fonts: fonts.note },
        select: { body: true },
      })
    } catch (e) {
      // Another instance stored it first: serve its bytes, so both give the same file.
      if (!isUniqueViolation(e)) throw e
      stored = await prisma.reportPdf.findUniqueOrThrow({ where: key, select: { body: true } })
    }
  }
  return {
    body: Buffer.from(stored.body),
    contentType: 'application/pdf',
    filename,
    versionNumber: frozen.number,
    contentDisposition: contentDisposition(filename, `annual-report-${report.year}.pdf`),
  }
}
