/**
 * Is the portal's copy the approved one? (decision 0310) The report as the government portal
 * shows it (the saved page, or its PDF / Word download) is read by the import of published
 * documents, in its worker, and compared with the latest approved (or published) version's
 * frozen content (lib/publication/compare-copy.ts). Nothing is stored: the check is a reading.
 */
import 'server-only'
import { type Actor, rolesOn } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { type CopyComparison, compareCopy, looksLikeReport } from '@/lib/publication/compare-copy'
import { MAX_PORTAL_COPY_BYTES, PORTAL_COPY_EXTENSIONS } from '@/lib/requests/publication'
import type { ReportData } from '@/lib/report/schema'
import { readDocument } from './document-import'
import { historyReadOnly, notFound, ServiceError } from './errors'
import { formatOf } from './report-read'

export interface PortalCopyCheck extends CopyComparison {
  fileName: string
  /** The version compared with: 第n版, approved (and published) when. */
  version: { number: number; approvedAt: string; publishedAt: string | null }
  /** What reading the file noted (a merged row, a format guessed), as the import says it. */
  notes: string[]
}

const extensionOf = (fileName: string) => /(\.[^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** Reads the portal's copy and compares it with the report's latest approved version. */
export async function checkPortalCopy(
  actor: Actor,
  reportId: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<PortalCopyCheck> {
  const report = await prisma.report.findUnique({
    where: { id: reportId },
    select: { agencyId: true, kind: true, agency: { select: { name: true } } },
  })
  if (!report) throw notFound()
  if (report.kind === 'history') throw historyReadOnly()
  // The agency's own people and the coordinators above it; an administrator has no role here.
  if (rolesOn(actor, report.agencyId).filter((r) => r !== 'admin').length === 0) {
    throw new ServiceError(403, 'forbidden', '只有本机关的填报人、审核人或上级政务公开办可以核对门户网站上的年报。')
  }
  const version = await prisma.reportVersion.findFirst({
    where: { reportId },
    orderBy: { number: 'desc' },
    select: { number: true, content: true, approvedAt: true, publishedAt: true },
  })
  if (!version) {
    throw new ServiceError(409, 'not_approved', '这份年报还没有审核通过的版本，没有可以比对的审核版本。')
  }
  if (!(PORTAL_COPY_EXTENSIONS as readonly string[]).includes(extensionOf(fileName))) {
    throw new ServiceError(
      415,
      'unsupported_type',
      `“${fileName}”不是可以核对的文件。请上传门户网站上的年报网页（另存为的 .html），或其 PDF、Word（.docx/.doc）下载文件。`,
    )
  }
  if (bytes.byteLength > MAX_PORTAL_COPY_BYTES) {
    throw new ServiceError(
      413,
      'too_large',
      `“${fileName}”有${(bytes.byteLength / 1024 / 1024).toFixed(1)}MB，超过${MAX_PORTAL_COPY_BYTES / 1024 / 1024}MB，未读取。`,
    )
  }
  const portal = await readDocument(bytes, fileName)
  if (!looksLikeReport(portal, formatOf(JSON.parse(version.content).formatVersion).preamble.key)) {
    throw new ServiceError(
      422,
      'not_a_report',
      `“${fileName}”中没有找到年报的表格或正文，不像一份政府信息公开工作年度报告。请上传门户网站上这份年报的页面或下载文件。`,
    )
  }
  const approved = JSON.parse(version.content) as ReportData
  const format = formatOf(approved.formatVersion)
  return {
    fileName,
    version: {
      number: version.number,
      approvedAt: version.approvedAt.toISOString(),
      publishedAt: version.publishedAt?.toISOString() ?? null,
    },
    notes: portal.recognition.notes,
    // The agency's name as the approved version prints it (its name at approval).
    ...compareCopy(format, approved, approved.agency.name || report.agency.name, portal),
  }
}
