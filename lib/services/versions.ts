/** Frozen versions (第1版, 第2版, …) and the working copy: listed, read and compared. */
import { wholeContent } from '@/lib/report/content-split'
import 'server-only'
import { chinaDateTime } from '@/lib/china-time'
import { prisma } from '@/lib/db'
import { narrativePath } from '@/lib/format/cells'
import { countParagraphs, MAX_NARRATIVE_PARAGRAPHS, type ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { diffReports, type ReportDiff } from '@/lib/workflow/diff'
import { stateLabel } from '@/lib/workflow/workflow'
import { notFound, ServiceError } from './errors'
import { formatOf } from './report-read'
import { userNames } from './user-names'

export interface VersionSummary {
  /** 1, 2, … or 'working' for the current working copy after a correction. */
  key: string
  number: number
  label: string
  state: string
  approvedAt: string | null
  approvedBy: string | null
  publishedAt: string | null
  publishedBy: string | null
  /** Who opened the correction and why (for the working copy). */
  note: string | null
  /** The 保密审查 record kept with a published version (decision 0310). */
  secrecy: { reviewer: string; reviewedOn: string; conclusion: string } | null
  /** 更正说明 of a correction published after an earlier version. */
  correctionNote: string | null
  /** 撤回发布: when, by whom and why. */
  withdrawn: { at: string; by: string | null; reason: string } | null
}

export async function listVersions(reportId: string): Promise<VersionSummary[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId } })
  if (!row) throw notFound()
  const versions = await prisma.reportVersion.findMany({ where: { reportId }, orderBy: { number: 'asc' } })
  const corrections = await prisma.reportEvent.findMany({
    where: { reportId, kind: 'correct' },
    orderBy: { createdAt: 'asc' },
  })
  // Names as they were then; rows from before names were kept take the current ones.
  const name = await userNames([
    ...versions.flatMap((v) => [v.approvedByName ? null : v.approvedById, v.publishedByName ? null : v.publishedById]),
    ...corrections.filter((c) => !c.actorName).map((c) => c.actor),
  ])
  const out: VersionSummary[] = versions.map((v) => ({
    key: String(v.number),
    number: v.number,
    label: `第${v.number}版`,
    state: v.withdrawnAt ? '已撤回发布' : v.publishedAt ? '已发布' : '已审核',
    approvedAt: v.approvedAt.toISOString(),
    approvedBy: v.approvedByName ?? name(v.approvedById),
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: v.publishedByName ?? name(v.publishedById),
    note: null,
    secrecy:
      v.secrecyReviewer && v.secrecyReviewedOn && v.secrecyConclusion
        ? { reviewer: v.secrecyReviewer, reviewedOn: v.secrecyReviewedOn, conclusion: v.secrecyConclusion }
        : null,
    correctionNote: v.correctionNote,
    withdrawn: v.withdrawnAt
      ? { at: v.withdrawnAt.toISOString(), by: v.withdrawnByName, reason: v.withdrawnReason ?? '' }
      : null,
  }))
  if (!versions.some((v) => v.number === row.edition)) {
    const opened = corrections.at(-1)
    out.push({
      key: 'working',
      number: row.edition,
      label: `第${row.edition}版（${stateLabel(row.status)}，未冻结）`,
      state: stateLabel(row.status),
      approvedAt: null,
      approvedBy: null,
      publishedAt: null,
      publishedBy: null,
      secrecy: null,
      correctionNote: null,
      withdrawn: null,
      note:
        opened && row.edition > 1
          ? `${opened.actorName ?? name(opened.actor) ?? ''} 于 ${chinaDateTime(opened.createdAt)} 开启更正：${(JSON.parse(opened.summary) as { reason?: string }).reason ?? ''}`
          : null,
    })
  }
  return out
}

export interface SubmissionSummary {
  /** s1, s2, … (a key versionContent and compareVersions take). */
  key: string
  number: number
  label: string
  submittedAt: string
  submittedBy: string | null
}

const submissionLabel = (number: number, at: Date) => `第${number}次提交（${chinaDateTime(at.toISOString())}）`

/** The snapshots taken at each 提交审核, oldest first. */
export async function listSubmissions(reportId: string): Promise<SubmissionSummary[]> {
  const rows = await prisma.reportSubmission.findMany({
    where: { reportId },
    orderBy: { number: 'asc' },
    select: { number: true, submittedAt: true, submittedById: true },
  })
  const name = await userNames(rows.map((r) => r.submittedById))
  return rows.map((r) => ({
    key: `s${r.number}`,
    number: r.number,
    label: submissionLabel(r.number, r.submittedAt),
    submittedAt: r.submittedAt.toISOString(),
    submittedBy: name(r.submittedById),
  }))
}

/**
 * What changed between the last two submissions, for the reviewer of a resubmission: null when
 * the report was submitted once or never.
 */
export async function resubmissionDiff(
  reportId: string,
): Promise<{ previous: string; current: string; diff: ReportDiff } | null> {
  const last = await prisma.reportSubmission.findMany({
    where: { reportId },
    orderBy: { number: 'desc' },
    take: 2,
    select: { number: true },
  })
  if (last.length < 2) return null
  const [current, previous] = last.map((r) => `s${r.number}`)
  const { diff } = await compareVersions(reportId, previous, current)
  return { previous, current, diff }
}

/**
 * The content of a frozen version (by number), of a submission ('s1', 's2', …) or of the working
 * copy ('working').
 */
export async function versionContent(reportId: string, key: string): Promise<{ report: ReportData; label: string }> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, include: { text: true } })
  if (!row) throw notFound()
  if (key === 'working')
    return { report: JSON.parse(wholeContent(row)) as ReportData, label: `第${row.edition}版（当前）` }
  if (/^s\d+$/.test(key)) {
    const number = Number(key.slice(1))
    const s = await prisma.reportSubmission.findUnique({ where: { reportId_number: { reportId, number } } })
    if (!s) throw notFound(`第${number}次提交不存在`)
    return { report: JSON.parse(s.content) as ReportData, label: submissionLabel(s.number, s.submittedAt) }
  }
  const number = Number(key)
  const v = Number.isInteger(number)
    ? await prisma.reportVersion.findUnique({ where: { reportId_number: { reportId, number } } })
    : null
  if (!v) throw notFound(`第${key}版不存在`)
  return { report: JSON.parse(v.content) as ReportData, label: `第${v.number}版` }
}

export async function compareVersions(
  reportId: string,
  a: string,
  b: string,
): Promise<{ a: string; b: string; diff: ReportDiff }> {
  const [left, right] = await Promise.all([versionContent(reportId, a), versionContent(reportId, b)])
  const format = formatOf(left.report.formatVersion)
  // Content stored before the paragraph cap may exceed it: refused rather than compared at any cost.
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    for (const side of [left, right]) {
      const text = getAt(side.report.sections, path.split('.'))
      if (typeof text === 'string' && countParagraphs(text) > MAX_NARRATIVE_PARAGRAPHS) {
        throw new ServiceError(
          422,
          'too_large',
          `${side.label}的“${section.heading}”超过${MAX_NARRATIVE_PARAGRAPHS}段，无法逐段比较。请下载两个版本的文档对照查看。`,
        )
      }
    }
  }
  return { a: left.label, b: right.label, diff: diffReports(left.report, right.report, format) }
}
