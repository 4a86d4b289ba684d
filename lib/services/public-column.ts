/**
 * The public column (政府信息公开工作年度报告专栏, decisions 0300 and 0301): what a government and
 * the agencies under it published through Nianbao, read without a session. Everything here
 * starts from published versions (lib/data/public-table.ts), so a draft, a submitted or an
 * approved-only report, a history import and an unknown address all come back as null (404).
 * Each address is one SQL statement (decision 0400); nothing is kept between requests here.
 */
import 'server-only'
import {
  type PublishedFileMeta,
  type PublishedRow,
  publicColumnRows,
  publicReportRows,
  publishedContents,
} from '@/lib/data/public-table'
import { parseSlug, slugOf } from '@/lib/open-data/addresses'
import { prisma } from '@/lib/db'
import { formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import { diffReports, type ReportDiff } from '@/lib/workflow/diff'
import {
  EAGER_KINDS,
  ensurePublishedFiles,
  freezePublishedPdf,
  type PublishedKind,
  publishedFileBody,
} from './published-files'

export interface PublicVersion {
  versionId: string
  number: number
  approvedAt: Date
  publishedAt: Date
  publishedByName: string | null
  correctionNote: string | null
  withdrawnAt: Date | null
  withdrawnReason: string | null
}

export interface PublicEntry {
  agencyCode: string
  agencyName: string
  kind: 'report' | 'rollup'
  scope: string
  year: number
  formatVersion: string
  reportId: string
  /** The address segment: the agency's code, `{code}.rollup` for a government's 全区汇总. */
  slug: string
  /** Published versions, oldest first. */
  versions: PublicVersion[]
  /** The latest published version (withdrawn or not: a 撤回 takes the report down). */
  current: PublicVersion
}

export interface PublicGovernment {
  id: string
  code: string
  name: string
}

/** A dot never appears in an agency code, so the roll-up's segment cannot collide with one. */

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/
const YEAR = /^(19|20|21)\d\d$/

/** '2021' → 2021; anything else → null (an address that cannot exist). */
export function parseYear(segment: string): number | null {
  return YEAR.test(segment) ? Number(segment) : null
}

/** 'v2' → 2. */
export function parseVersionSegment(segment: string): number | null {
  const m = /^v([1-9]\d{0,3})$/.exec(segment)
  return m ? Number(m[1]) : null
}

/** 'report.docx' → 'docx'. */
export function parseFileSegment(segment: string): PublishedKind | null {
  const m = /^report\.(html|docx|pdf|json)$/.exec(segment)
  return m ? (m[1] as PublishedKind) : null
}

function entriesOf(rows: readonly PublishedRow[]): PublicEntry[] {
  const byReport = new Map<string, PublicEntry>()
  for (const row of rows) {
    const version: PublicVersion = {
      versionId: row.versionId,
      number: row.number,
      approvedAt: row.approvedAt,
      publishedAt: row.publishedAt,
      publishedByName: row.publishedByName,
      correctionNote: row.correctionNote,
      withdrawnAt: row.withdrawnAt,
      withdrawnReason: row.withdrawnReason,
    }
    const entry = byReport.get(row.reportId)
    if (entry) {
      entry.versions.push(version)
      entry.current = version
      continue
    }
    byReport.set(row.reportId, {
      agencyCode: row.agencyCode,
      agencyName: row.agencyName,
      kind: row.kind === 'rollup' ? 'rollup' : 'report',
      scope: row.scope,
      year: row.year,
      formatVersion: row.formatVersion,
      reportId: row.reportId,
      slug: slugOf(row.agencyCode, row.kind),
      versions: [version],
      current: version,
    })
  }
  return [...byReport.values()]
}

export interface PublicColumn {
  government: PublicGovernment
  year: number | null
  /** Newest year first; in a year the government's own reports first, then by agency name. */
  entries: PublicEntry[]
}

/**
 * The column of a government (every year, or one). null: no such government, or a year in
 * which it published nothing.
 */
export async function publicColumn(governmentCode: string, year: number | null = null): Promise<PublicColumn | null> {
  if (!CODE.test(governmentCode)) return null
  const found = await publicColumnRows(governmentCode, year)
  if (!found) return null
  const { government, rows } = found
  if (year !== null && rows.length === 0) return null
  const own = (e: PublicEntry) => (e.agencyCode === government.code ? 0 : 1)
  const entries = entriesOf(rows).sort(
    (a, b) =>
      b.year - a.year ||
      own(a) - own(b) ||
      a.agencyName.localeCompare(b.agencyName, 'zh-CN') ||
      a.kind.localeCompare(b.kind),
  )
  return { government: { id: government.id, code: government.code, name: government.name }, year, entries }
}

export interface PublicReport {
  government: PublicGovernment
  entry: PublicEntry
  /** The version addressed (the current one without /v{n}). */
  version: PublicVersion
  /** A later version was published. */
  superseded: boolean
  /** Its frozen files (none served when withdrawn). */
  files: PublishedFileMeta[]
}

/** One published report of a government's column, at a version (default the current): one statement. */
export async function publicReport(
  governmentCode: string,
  year: number,
  slug: string,
  number: number | null = null,
): Promise<PublicReport | null> {
  if (!CODE.test(governmentCode)) return null
  const { code, kind } = parseSlug(slug)
  if (!CODE.test(code)) return null
  const read = async (): Promise<PublicReport | null> => {
    const found = await publicReportRows(governmentCode, year, code, kind)
    if (!found) return null
    const [entry] = entriesOf(found.rows)
    const version = number === null ? entry.current : entry.versions.find((v) => v.number === number)
    if (!version) return null
    return {
      government: found.government,
      entry,
      version,
      superseded: version.number !== entry.current.number,
      files: found.files.filter((f) => f.versionId === version.versionId),
    }
  }
  const report = await read()
  if (report && !report.version.withdrawnAt && !EAGER_KINDS.every((k) => report.files.some((f) => f.kind === k))) {
    // Published before files were frozen (or by an older build): freeze them now, once.
    await ensurePublishedFiles(report.version.versionId)
    return read()
  }
  return report
}

export type PublicFileResult =
  | { kind: 'file'; meta: PublishedFileMeta; body: Buffer }
  | { kind: 'withdrawn'; report: PublicReport }
  | { kind: 'unavailable'; reason: string }

/** A frozen file of a published version; null when the address is not one. */
export async function publicFile(
  governmentCode: string,
  year: number,
  slug: string,
  number: number,
  fileKind: PublishedKind,
): Promise<PublicFileResult | null> {
  const report = await publicReport(governmentCode, year, slug, number)
  if (!report) return null
  if (report.version.withdrawnAt) return { kind: 'withdrawn', report }
  let meta = report.files.find((f) => f.kind === fileKind)
  if (!meta && fileKind === 'pdf') {
    const frozen = await freezePublishedPdf(report.version.versionId)
    if (!frozen.ok) return { kind: 'unavailable', reason: frozen.reason }
    const again = await publicReport(governmentCode, year, slug, number)
    meta = again?.files.find((f) => f.kind === 'pdf')
  }
  if (!meta) return null
  const body = await publishedFileBody(meta.id, meta.sha256)
  return body ? { kind: 'file', meta, body } : null
}

/** The stored HTML page of a version (for the report page), or null when it has none. */
export async function publicHtml(report: PublicReport): Promise<Buffer | null> {
  const meta = report.files.find((f) => f.kind === 'html')
  return meta ? publishedFileBody(meta.id, meta.sha256) : null
}

export interface PublicChange {
  from: PublicVersion
  to: PublicVersion
  diff: ReportDiff
}

/**
 * What changed between consecutive published versions of a report (newest first), from the
 * report read for its address (publicReport): the versions' content by one statement
 * (lib/data/public-table.ts). A withdrawn version's content is taken down, so the chain skips it.
 */
export async function publicChanges(report: PublicReport): Promise<PublicChange[]> {
  const shown = report.entry.versions.filter((v) => !v.withdrawnAt)
  const format = formatFor(report.entry.formatVersion)
  if (shown.length < 2 || !format) return []
  const stored = await publishedContents(shown.map((v) => v.versionId))
  const contents = new Map([...stored].map(([id, content]) => [id, JSON.parse(content) as ReportData]))
  const changes: PublicChange[] = []
  for (let i = shown.length - 1; i > 0; i--) {
    const [from, to] = [shown[i - 1], shown[i]]
    const a = contents.get(from.versionId)
    const b = contents.get(to.versionId)
    if (a && b) changes.push({ from, to, diff: diffReports(a, b, format) })
  }
  return changes
}

/**
 * The public address of a report that has a published version (for the signed-in report page):
 * in the column of the nearest government at or above its agency. null when nothing of it is
 * public.
 */
export async function publicAddress(reportId: string): Promise<string | null> {
  const row = await prisma.report.findUnique({
    where: { id: reportId },
    select: {
      kind: true,
      year: true,
      agencyId: true,
      agency: { select: { code: true } },
      versions: { where: { publishedAt: { not: null } }, select: { number: true }, take: 1 },
    },
  })
  if (!row || row.kind === 'history' || row.versions.length === 0) return null
  let id: string | null = row.agencyId
  for (let depth = 0; id && depth < 32; depth++) {
    const agency: { code: string; type: string; parentId: string | null } | null = await prisma.agency.findUnique({
      where: { id },
      select: { code: true, type: true, parentId: true },
    })
    if (!agency) return null
    if (agency.type === 'government') return `/gk/${agency.code}/${row.year}/${slugOf(row.agency.code, row.kind)}`
    id = agency.parentId
  }
  return null
}
