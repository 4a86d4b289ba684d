/**
 * The bulk download (decision 0350): a .zip of every approved or published report of a year
 * under a government — each latest frozen version's .docx and .html, and its stored PDF where
 * there is one — named by agency. A job in the database: starting it lists the entries
 * (BulkDownloadEntry); each poll of the board builds the next entries, whichever instance it
 * reaches (a claim is a conditional update; a claim older than CLAIM_TIMEOUT_MS is taken over);
 * once every entry is built, the archive is streamed from the entries one at a time.
 */
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import { bulkSources } from '@/lib/data/bulk-download-table'
import { prisma } from '@/lib/db'
import { buildDocument, safeFileName } from '@/lib/export/document-export'
import { formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import { type PackedEntry, packEntry, zipStream } from '@/lib/zip/zip-writer'
import { recordAudit } from './audit'
import { badRequest, notFound, ServiceError } from './errors'
import { coordinates, requireGovernment } from './government-settings'

export type BulkKind = 'docx' | 'html' | 'pdf'

export interface BulkDownloadView {
  id: string
  governmentId: string
  year: number
  status: 'building' | 'ready' | 'failed'
  total: number
  done: number
  /** Entries that could not be built, each with the reason (they are left out of the zip). */
  failed: { name: string; error: string }[]
  createdAt: string
  /** The archive's file name. */
  fileName: string
  /** Why a failed job stopped (expired without progress), in Chinese; null otherwise. */
  error: string | null
}

/** A claim older than this is taken to be of an instance that stopped, and is taken over. */
export const CLAIM_TIMEOUT_MS = 120_000
/** How long one poll builds entries before it answers with the progress. */
export const STEP_BUDGET_MS = 1_500
/** An entry claimed this many times without being built (its builder stopped each time) fails. */
export const MAX_ATTEMPTS = 3
/** A job building without any progress for this long is expired (decision 0412). */
export const STALE_JOB_MS = 30 * 60_000
/** Finished jobs (and their bytes) are kept this many days; failed and expired ones one day. */
export const BULK_RETENTION_DAYS = Math.max(1, Number(process.env.NIANBAO_BULK_RETENTION_DAYS) || 7)
const FAILED_RETENTION_MS = 24 * 60 * 60_000
const DAY_MS = 24 * 60 * 60_000
const STALE_MESSAGE = `打包超过${STALE_JOB_MS / 60_000}分钟没有进展，已停止。请重新打包。`
const GAVE_UP_MESSAGE = `已尝试打包${MAX_ATTEMPTS}次仍未完成（打包时服务中断），已跳过`

const forbidden = () => new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以打包下载')

const ROLLUP_SUFFIX = '（全区汇总）'

/** The files of each frozen version, named by agency; a second report of an agency (全区汇总) is marked. */
export function entryNames(
  year: number,
  sources: readonly { agencyName: string; agencyCode: string; kind: string; formatVersion: string; pdf: boolean }[],
): { index: number; kind: BulkKind; name: string }[] {
  const out: { index: number; kind: BulkKind; name: string }[] = []
  const taken = new Set<string>()
  sources.forEach((s, index) => {
    const title = formatFor(s.formatVersion)?.title ?? ''
    const suffix = s.kind === 'rollup' ? ROLLUP_SUFFIX : ''
    let base = safeFileName(`${s.agencyName}${year}年${title}${suffix}`)
    // Two agencies of one name (in different places) stay apart by their codes.
    if (taken.has(base)) base = safeFileName(`${s.agencyName}（${s.agencyCode}）${year}年${title}${suffix}`)
    taken.add(base)
    const kinds: BulkKind[] = s.pdf ? ['docx', 'html', 'pdf'] : ['docx', 'html']
    for (const kind of kinds) out.push({ index, kind, name: `${base}.${kind}` })
  })
  return out
}

async function guard(actor: Actor, id: string) {
  const row = await prisma.bulkDownload.findUnique({ where: { id } })
  // Another government's job does not exist for this user.
  if (!row || !coordinates(actor, row.agencyId)) throw notFound('打包下载不存在')
  return row
}

async function viewOf(id: string): Promise<BulkDownloadView> {
  const row = await prisma.bulkDownload.findUniqueOrThrow({ where: { id } })
  const government = await prisma.agency.findUnique({ where: { id: row.agencyId }, select: { name: true } })
  const failed = await prisma.bulkDownloadEntry.findMany({
    where: { downloadId: id, status: 'failed' },
    select: { name: true, error: true },
    orderBy: { position: 'asc' },
  })
  return {
    id: row.id,
    governmentId: row.agencyId,
    year: row.year,
    status: row.status as BulkDownloadView['status'],
    total: row.total,
    done: row.done,
    failed: failed.map((f) => ({ name: f.name, error: f.error ?? '' })),
    createdAt: row.createdAt.toISOString(),
    fileName: safeFileName(`${government?.name ?? ''}${row.year}年度政府信息公开工作年度报告.zip`),
    error: row.error,
  }
}

/**
 * The retention rule (decision 0412), run whenever a bulk download is started, so it needs no
 * scheduler: a job building without progress for STALE_JOB_MS is expired (failed, with the
 * reason: a new one can be started); finished jobs older than BULK_RETENTION_DAYS and failed ones
 * older than a day are deleted with their entries' bytes, with one audit event saying how many.
 */
export async function pruneBulkDownloads(now: Date = new Date()): Promise<{ expired: number; deleted: number }> {
  const stale = new Date(now.getTime() - STALE_JOB_MS)
  const expired = await prisma.bulkDownload.updateMany({
    where: {
      status: 'building',
      OR: [{ touchedAt: { lt: stale } }, { touchedAt: null, createdAt: { lt: stale } }],
    },
    data: { status: 'failed', finishedAt: now, error: STALE_MESSAGE },
  })
  const readyCut = new Date(now.getTime() - BULK_RETENTION_DAYS * DAY_MS)
  const failedCut = new Date(now.getTime() - FAILED_RETENTION_MS)
  return prisma.$transaction(async (tx) => {
    const old = await tx.bulkDownload.findMany({
      where: {
        OR: [
          { status: 'ready', finishedAt: { lt: readyCut } },
          { status: 'failed', finishedAt: { lt: failedCut } },
          // Jobs finished before finishedAt existed on every path: by their start.
          { status: { in: ['ready', 'failed'] }, finishedAt: null, createdAt: { lt: readyCut } },
        ],
      },
      select: { id: true },
    })
    const ids = old.map((o) => o.id)
    if (ids.length > 0) {
      await tx.bulkDownloadEntry.deleteMany({ where: { downloadId: { in: ids } } })
      await tx.bulkDownload.deleteMany({ where: { id: { in: ids } } })
    }
    if (ids.length > 0 || expired.count > 0) {
      await recordAudit(
        {
          action: 'bulk.prune',
          outcome: 'success',
          subject: `${ids.length}`,
          detail: `删除${BULK_RETENTION_DAYS}天前的打包下载及失败的打包${ids.length}个${
            expired.count > 0 ? `；${expired.count}个打包长时间没有进展，已停止` : ''
          }`,
        },
        tx,
      )
    }
    return { expired: expired.count, deleted: ids.length }
  })
}

/** The job shown on the board: expired here when it has been building without progress too long. */
async function expireIfStale(id: string, now: Date = new Date()): Promise<void> {
  const stale = new Date(now.getTime() - STALE_JOB_MS)
  await prisma.bulkDownload.updateMany({
    where: {
      id,
      status: 'building',
      OR: [{ touchedAt: { lt: stale } }, { touchedAt: null, createdAt: { lt: stale } }],
    },
    data: { status: 'failed', finishedAt: now, error: STALE_MESSAGE },
  })
}

/** Starts a bulk download of a government's frozen reports of a year. */
export async function startBulkDownload(actor: Actor, governmentId: string, year: number): Promise<BulkDownloadView> {
  await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId)) throw forbidden()
  if (!Number.isInteger(year) || year < 2008 || year > 9999) throw badRequest('年度有误')
  await pruneBulkDownloads()
  const rows = await bulkSources(governmentId, year)
  if (rows.length === 0) throw badRequest(`${year}年度还没有审核通过或已发布的年报`)
  const names = entryNames(
    year,
    rows.map((r) => ({ ...r, pdf: r.pdfId !== null })),
  )
  const download = await prisma.$transaction(async (tx) => {
    const created = await tx.bulkDownload.create({
      data: {
        agencyId: governmentId,
        year,
        createdById: actor.id,
        status: 'building',
        total: names.length,
        touchedAt: new Date(),
      },
    })
    await tx.bulkDownloadEntry.createMany({
      data: names.map((n, position) => ({
        downloadId: created.id,
        position,
        name: n.name,
        versionId: rows[n.index].versionId,
        kind: n.kind,
        status: 'pending',
      })),
    })
    return created
  })
  return viewOf(download.id)
}

async function buildEntry(versionId: string, kind: BulkKind): Promise<Uint8Array> {
  if (kind === 'pdf') {
    const pdf = await prisma.reportPdf.findFirst({
      where: { versionId },
      orderBy: [{ signature: 'asc' }, { createdAt: 'asc' }],
      select: { body: true },
    })
    if (!pdf) throw new Error('PDF 已不存在')
    return new Uint8Array(pdf.body)
  }
  const version = await prisma.reportVersion.findUniqueOrThrow({ where: { id: versionId } })
  const report = JSON.parse(version.content) as ReportData
  const built = await buildDocument(report, kind, {
    fontMode: 'gb2312',
    signature: null,
    draft: false,
    timestamp: version.approvedAt,
  })
  return typeof built.body === 'string' ? new TextEncoder().encode(built.body) : new Uint8Array(built.body)
}

/**
 * Claims the next entry to build (pending, or claimed by an instance that stopped), or null. An
 * entry taken over MAX_ATTEMPTS times (building it stopped its builder each time) fails instead.
 */
async function claimNext(downloadId: string): Promise<{ id: string; versionId: string; kind: BulkKind } | null> {
  let lostRaces = 0
  while (lostRaces < 5) {
    const stale = new Date(Date.now() - CLAIM_TIMEOUT_MS)
    const next = await prisma.bulkDownloadEntry.findFirst({
      where: {
        downloadId,
        OR: [{ status: 'pending' }, { status: 'claimed', claimedAt: { lt: stale } }],
      },
      orderBy: { position: 'asc' },
      select: { id: true, versionId: true, kind: true, status: true, claimedAt: true, attempts: true },
    })
    if (!next) return null
    const giveUp = next.attempts >= MAX_ATTEMPTS
    const taken = await prisma.$transaction(async (tx) => {
      const updated = await tx.bulkDownloadEntry.updateMany({
        where: { id: next.id, status: next.status, claimedAt: next.claimedAt },
        data: giveUp
          ? { status: 'failed', error: GAVE_UP_MESSAGE }
          : { status: 'claimed', claimedAt: new Date(), attempts: { increment: 1 } },
      })
      if (updated.count === 1) {
        await tx.bulkDownload.update({
          where: { id: downloadId },
          data: { touchedAt: new Date(), ...(giveUp ? { done: { increment: 1 } } : {}) },
        })
      }
      return updated.count === 1
    })
    if (!taken) lostRaces++
    else if (!giveUp) return { id: next.id, versionId: next.versionId, kind: next.kind as BulkKind }
  }
  return null
}

/**
 * Builds entries for up to `budgetMs` and answers with the progress; the board polls it until
 * the status is 'ready'. Any instance may run it at the same time as another.
 */
export async function stepBulkDownload(
  actor: Actor,
  id: string,
  budgetMs: number = STEP_BUDGET_MS,
): Promise<BulkDownloadView> {
  const row = await guard(actor, id)
  if (row.status !== 'building') return viewOf(id)
  const until = Date.now() + budgetMs
  do {
    const entry = await claimNext(id)
    if (!entry) break
    let packed: PackedEntry | null = null
    let error: string | null = null
    try {
      packed = packEntry('', await buildEntry(entry.versionId, entry.kind))
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    await prisma.$transaction(async (tx) => {
      const written = await tx.bulkDownloadEntry.updateMany({
        where: { id: entry.id, status: 'claimed' },
        data: packed
          ? {
              status: 'done',
              body: new Uint8Array(packed.body),
              method: packed.method,
              crc32: packed.crc32 | 0,
              size: packed.size,
            }
          : { status: 'failed', error },
      })
      if (written.count === 1)
        await tx.bulkDownload.update({ where: { id }, data: { done: { increment: 1 }, touchedAt: new Date() } })
    })
  } while (Date.now() < until)
  const left = await prisma.bulkDownloadEntry.count({
    where: { downloadId: id, status: { in: ['pending', 'claimed'] } },
  })
  if (left === 0) {
    const built = await prisma.bulkDownloadEntry.count({ where: { downloadId: id, status: 'done' } })
    await prisma.bulkDownload.updateMany({
      where: { id, status: 'building' },
      data: { status: built > 0 ? 'ready' : 'failed', finishedAt: new Date() },
    })
  }
  return viewOf(id)
}

export async function bulkDownloadView(actor: Actor, id: string): Promise<BulkDownloadView> {
  await guard(actor, id)
  return viewOf(id)
}

/** The latest bulk download of a government's year, for the board to show (null when none). */
export async function latestBulkDownload(
  actor: Actor,
  governmentId: string,
  year: number,
): Promise<BulkDownloadView | null> {
  if (!coordinates(actor, governmentId)) return null
  const row = await prisma.bulkDownload.findFirst({
    where: { agencyId: governmentId, year },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  })
  if (!row) return null
  await expireIfStale(row.id)
  return viewOf(row.id)
}

/** The built entries, read from the database one at a time in order. */
async function* builtEntries(downloadId: string): AsyncGenerator<PackedEntry> {
  const list = await prisma.bulkDownloadEntry.findMany({
    where: { downloadId, status: 'done' },
    orderBy: { position: 'asc' },
    select: { id: true },
  })
  for (const { id } of list) {
    const e = await prisma.bulkDownloadEntry.findUniqueOrThrow({
      where: { id },
      select: { name: true, method: true, crc32: true, size: true, body: true },
    })
    yield {
      name: e.name,
      method: e.method === 8 ? 8 : 0,
      crc32: (e.crc32 ?? 0) >>> 0,
      size: e.size ?? 0,
      body: new Uint8Array(e.body ?? new Uint8Array()),
    }
  }
}

/** The archive of a finished bulk download, as a stream. */
export async function bulkDownloadZip(
  actor: Actor,
  id: string,
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const row = await guard(actor, id)
  if (row.status !== 'ready') throw new ServiceError(409, 'not_ready', '压缩包尚未打包完成')
  const view = await viewOf(id)
  return { fileName: view.fileName, stream: zipStream(builtEntries(id), row.finishedAt ?? row.createdAt) }
}
