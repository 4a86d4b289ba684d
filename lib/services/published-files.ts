/**
 * The files of a published version, frozen at publication (decisions 0300, 0301): the HTML page
 * and the .docx exactly as the signed-in download of that approved version gives them, the report
 * JSON (interchange shape) and, where LibreOffice is installed, the PDF. Each is stored once in
 * PublishedFile with its SHA-256 and size; the public pages serve these bytes and never the live
 * report.
 *
 * html, docx and json are built before the 发布 transaction and written inside it
 * (storePublishedFiles). The PDF takes seconds, so it is frozen right after (freezePublishedPdf,
 * from the transitions route after the answer is sent) or on the first public request of it.
 * Versions published before this existed get their files on the first public request
 * (ensurePublishedFiles) or from the demo seed.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import type { Prisma } from '@/generated/prisma/client'
import { ByteLru } from '@/lib/byte-lru'
import { prisma } from '@/lib/db'
import { documentFileName } from '@/lib/export/document-export'
import { pdfUnavailableReason } from '@/lib/export/pdf'
import { toInterchange } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { ServiceError } from './errors'
import { exportDocument } from './report-export'
import { reportPdf } from './report-pdf'

export type PublishedKind = 'html' | 'docx' | 'json' | 'pdf'

/** The kinds frozen inside the 发布 transaction; the PDF follows. */
export const EAGER_KINDS = ['html', 'docx', 'json'] as const satisfies readonly PublishedKind[]

export const PUBLISHED_MEDIA_TYPES: Record<PublishedKind, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
}

export interface FrozenFile {
  kind: PublishedKind
  fileName: string
  mediaType: string
  body: Buffer
  sha256: string
  size: number
}

export const sha256Hex = (body: Uint8Array): string => createHash('sha256').update(body).digest('hex')

function frozen(kind: PublishedKind, fileName: string, body: Buffer): FrozenFile {
  return { kind, fileName, mediaType: PUBLISHED_MEDIA_TYPES[kind], body, sha256: sha256Hex(body), size: body.length }
}

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === 'P2002'

/**
 * html, docx and json of an approved version, built the way the signed-in downloads build them
 * (exportDocument with the default options: no 落款, the version's approval time).
 */
export async function buildEagerFiles(reportId: string, number: number): Promise<FrozenFile[]> {
  const version = await prisma.reportVersion.findUniqueOrThrow({
    where: { reportId_number: { reportId, number } },
    select: { content: true, report: { select: { agency: { select: { code: true } } } } },
  })
  const html = await exportDocument(reportId, 'html', {}, number)
  const docx = await exportDocument(reportId, 'docx', {}, number)
  const report = JSON.parse(version.content) as ReportData
  // Rows written before agencies had codes lack it in the content: the stored agency's is the one.
  report.agency = { ...report.agency, code: version.report.agency.code }
  return [
    frozen('html', html.filename, Buffer.from(html.body)),
    frozen('docx', docx.filename, Buffer.from(docx.body)),
    frozen('json', documentFileName(report, 'json'), Buffer.from(toInterchange(report), 'utf8')),
  ]
}

/** Writes the files a version does not have yet (inside the 发布 transaction, or alone). */
export async function storePublishedFiles(
  db: Prisma.TransactionClient,
  versionId: string,
  files: readonly FrozenFile[],
): Promise<void> {
  const have = new Set(
    (await db.publishedFile.findMany({ where: { versionId }, select: { kind: true } })).map((f) => f.kind),
  )
  for (const file of files) {
    if (have.has(file.kind)) continue
    await db.publishedFile.create({
      data: {
        versionId,
        kind: file.kind,
        fileName: file.fileName,
        mediaType: file.mediaType,
        body: new Uint8Array(file.body),
        sha256: file.sha256,
        size: file.size,
      },
    })
  }
}

/**
 * Backfill: a published version without its html/docx/json (published before files were frozen)
 * gets them now. Another request storing them first is fine: the unique (version, kind) keeps one.
 */
export async function ensurePublishedFiles(versionId: string): Promise<void> {
  const version = await prisma.reportVersion.findUnique({
    where: { id: versionId },
    select: { reportId: true, number: true, publishedAt: true, files: { select: { kind: true } } },
  })
  if (!version?.publishedAt) return
  const have = new Set(version.files.map((f) => f.kind))
  if (EAGER_KINDS.every((k) => have.has(k))) return
  const files = (await buildEagerFiles(version.reportId, version.number)).filter((f) => !have.has(f.kind))
  for (const file of files) {
    try {
      await storePublishedFiles(prisma, versionId, [file])
    } catch (e) {
      if (!isUniqueViolation(e)) throw e
    }
  }
}

/**
 * The PDF of a published version, frozen from the stored per-version PDF (report-pdf.ts: the
 * same bytes as the signed-in 下载 PDF). Returns why there is none when LibreOffice is missing
 * or the conversion fails; never throws for that.
 */
export async function freezePublishedPdf(
  versionId: string,
): Promise<{ ok: true; file: { sha256: string; size: number } } | { ok: false; reason: string }> {
  const existing = await prisma.publishedFile.findUnique({
    where: { versionId_kind: { versionId, kind: 'pdf' } },
    select: { sha256: true, size: true },
  })
  if (existing) return { ok: true, file: existing }
  const version = await prisma.reportVersion.findUnique({
    where: { id: versionId },
    select: { reportId: true, number: true, publishedAt: true },
  })
  if (!version?.publishedAt) return { ok: false, reason: '该版本未发布' }
  const unavailable = pdfUnavailableReason()
  if (unavailable) return { ok: false, reason: unavailable }
  let pdf: Awaited<ReturnType<typeof reportPdf>>
  try {
    pdf = await reportPdf(version.reportId, { signatureDate: null, version: version.number })
  } catch (e) {
    if (e instanceof ServiceError) return { ok: false, reason: e.message }
    throw e
  }
  const file = frozen('pdf', pdf.filename, pdf.body)
  try {
    await storePublishedFiles(prisma, versionId, [file])
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
  }
  const stored = await prisma.publishedFile.findUniqueOrThrow({
    where: { versionId_kind: { versionId, kind: 'pdf' } },
    select: { sha256: true, size: true },
  })
  return { ok: true, file: stored }
}

/** The version id of a report's published edition (for freezing its PDF after 发布). */
export async function publishedVersionId(reportId: string, number: number): Promise<string | null> {
  const v = await prisma.reportVersion.findUnique({
    where: { reportId_number: { reportId, number } },
    select: { id: true, publishedAt: true },
  })
  return v?.publishedAt ? v.id : null
}

// ————— bodies, cached by hash —————

/** Frozen bodies never change for a hash: a bounded in-process cache saves the database read. */
const CACHE_LIMIT_BYTES = 64 * 1024 * 1024
const cache = new ByteLru<Buffer>(CACHE_LIMIT_BYTES, (body) => body.length, CACHE_LIMIT_BYTES / 8)

/** The stored bytes of a frozen file (by its row's id), checked against its hash. */
export async function publishedFileBody(fileId: string, sha256: string): Promise<Buffer | null> {
  const hit = cache.get(sha256)
  if (hit) return hit
  const row = await prisma.publishedFile.findUnique({ where: { id: fileId }, select: { body: true, sha256: true } })
  if (!row || row.sha256 !== sha256) return null
  return cache.set(sha256, Buffer.from(row.body))
}

/**
 * After 发布 (the transitions route, once the answer is sent): the PDF of the version just
 * published. Errors are logged, never thrown: the first public request of report.pdf tries again.
 */
export async function freezePdfAfterPublish(reportId: string, number: number): Promise<void> {
  try {
    const versionId = await publishedVersionId(reportId, number)
    if (!versionId) return
    const result = await freezePublishedPdf(versionId)
    if (!result.ok) console.warn(`published PDF of ${reportId} v${number} not frozen: ${result.reason}`)
  } catch (e) {
    console.error(`published PDF of ${reportId} v${number} failed`, e)
  }
}

/** Every published version still without its html/docx/json (published before freezing existed). */
export async function backfillPublishedFiles(): Promise<number> {
  const versions = await prisma.reportVersion.findMany({
    where: { publishedAt: { not: null }, withdrawnAt: null, report: { kind: { in: ['report', 'rollup'] } } },
    select: { id: true, _count: { select: { files: { where: { kind: { in: [...EAGER_KINDS] } } } } } },
  })
  const missing = versions.filter((v) => v._count.files < EAGER_KINDS.length)
  for (const v of missing) await ensurePublishedFiles(v.id)
  return missing.length
}

/** The demo seed's report to publish: an agency's own report of its latest year. */
export async function latestOwnReport(agencyId: string) {
  return prisma.report.findFirst({
    where: { agencyId, kind: 'report' },
    orderBy: { year: 'desc' },
    select: { id: true, status: true, version: true, year: true },
  })
}
