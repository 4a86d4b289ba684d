/**
 * The publication record on the frozen version (decisions 0300, 0310): 发布 takes the 保密审查
 * record (条例第十七条) and, for a correction after an earlier publication, a 更正说明; 撤回发布
 * marks the current published version withdrawn. Checked before the transition's transaction and
 * written inside it (lib/services/transitions.ts), with the ReportEvent that records it.
 */
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { correctionNoteDraft } from '@/lib/publication/record'
import { reviewDateRefusal } from '@/lib/publication/record'
import { correctionNoteInput, type SecrecyRecord, secrecyRecordInput } from '@/lib/requests/publication'
import { zhErrors } from '@/lib/requests/issues'
import { chinaToday } from '@/lib/workflow/deadlines'
import { diffReports } from '@/lib/workflow/diff'
import type { TransitionDef } from '@/lib/workflow/workflow'
import type { ReportData } from '@/lib/report/schema'
import { ServiceError } from './errors'
import { formatOf } from './report-read'
import type { Tx } from './transition-guards'

export interface PublicationOptions {
  secrecy?: unknown
  correctionNote?: unknown
}

/** What a publication-recording transition writes on the version, checked beforehand. */
export type PublicationRecord =
  | { kind: 'publish'; number: number; secrecy: SecrecyRecord; correctionNote: string | null }
  | { kind: 'unpublish'; number: number; reason: string }

const SECRECY_FIELDS = { reviewer: '请填写保密审查人', reviewedOn: '请填写审查日期', conclusion: '请填写审查结论' }

/** The earlier published version a publication of `edition` corrects, if any (the latest). */
export async function previouslyPublished(reportId: string, edition: number) {
  return prisma.reportVersion.findFirst({
    where: { reportId, number: { lt: edition }, publishedAt: { not: null } },
    orderBy: { number: 'desc' },
    select: { number: true, content: true },
  })
}

/**
 * The 更正说明 the publish dialog starts from: what changed since the previously published
 * version, or null when nothing was published before (no note is asked for then).
 */
export async function correctionDraftOf(reportId: string, edition: number): Promise<string | null> {
  const previous = await previouslyPublished(reportId, edition)
  if (!previous) return null
  const current = await prisma.reportVersion.findUnique({
    where: { reportId_number: { reportId, number: edition } },
    select: { content: true },
  })
  if (!current) return null
  const before = JSON.parse(previous.content) as ReportData
  const after = JSON.parse(current.content) as ReportData
  const format = formatOf(after.formatVersion)
  return correctionNoteDraft(format, diffReports(before, after, format), previous.number)
}

/** Checks what the transition must record, before its transaction; null when it records nothing. */
export async function preparePublication(
  report: { id: string; edition: number },
  def: TransitionDef,
  options: PublicationOptions,
  reason: string,
): Promise<PublicationRecord | null> {
  if (def.records === 'unpublish') return { kind: 'unpublish', number: report.edition, reason }
  if (def.records !== 'publish') return null
  const version = await prisma.reportVersion.findUnique({
    where: { reportId_number: { reportId: report.id, number: report.edition } },
    select: { approvedAt: true },
  })
  if (!version) throw new ServiceError(409, 'invalid_state', '没有审核通过的版本，不能发布。')
  if (options.secrecy === undefined || options.secrecy === null) {
    throw new ServiceError(
      422,
      'secrecy_required',
      '发布前须记录保密审查（《政府信息公开条例》第十七条）：审查人、审查日期和审查结论。',
      Object.fromEntries(Object.entries(SECRECY_FIELDS).map(([k, v]) => [`secrecy.${k}`, v])),
    )
  }
  const parsed = secrecyRecordInput.safeParse(options.secrecy, { error: zhErrors })
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [['secrecy', ...i.path].join('.'), i.message]))
    throw new ServiceError(422, 'invalid', `保密审查记录有误：${parsed.error.issues[0].message}`, fields)
  }
  const secrecy = parsed.data
  const dateRefusal = reviewDateRefusal(secrecy.reviewedOn, chinaToday(version.approvedAt), chinaToday())
  if (dateRefusal) {
    throw new ServiceError(422, 'invalid', `保密审查记录有误：${dateRefusal}。`, { 'secrecy.reviewedOn': dateRefusal })
  }
  let correctionNote: string | null = null
  if (await previouslyPublished(report.id, report.edition)) {
    const note = correctionNoteInput.safeParse(options.correctionNote ?? '', { error: zhErrors })
    if (!note.success)
      throw new ServiceError(422, 'invalid', note.error.issues[0].message, {
        correctionNote: note.error.issues[0].message,
      })
    if (note.data === '') {
      throw new ServiceError(
        422,
        'correction_note_required',
        '这份年报此前已发布过，本次发布是更正：请填写更正说明（更正了什么），它将与年报一起公开。',
        { correctionNote: '请填写更正说明' },
      )
    }
    correctionNote = note.data
  }
  return { kind: 'publish', number: report.edition, secrecy, correctionNote }
}

/** Writes the record on the version, inside the transition's transaction. */
export async function writePublication(
  tx: Tx,
  reportId: string,
  record: PublicationRecord,
  actor: Actor,
  at: Date,
): Promise<string | null> {
  const where = { reportId_number: { reportId, number: record.number } }
  if (record.kind === 'publish') {
    const published = await tx.reportVersion.update({
      where,
      data: {
        publishedAt: at,
        publishedById: actor.id,
        publishedByName: actor.name,
        secrecyReviewer: record.secrecy.reviewer,
        secrecyReviewedOn: record.secrecy.reviewedOn,
        secrecyConclusion: record.secrecy.conclusion,
        secrecyRecordedById: actor.id,
        secrecyRecordedAt: at,
        correctionNote: record.correctionNote,
      },
      select: { id: true },
    })
    return published.id
  }
  const { count } = await tx.reportVersion.updateMany({
    where: { reportId, number: record.number, publishedAt: { not: null }, withdrawnAt: null },
    data: { withdrawnAt: at, withdrawnReason: record.reason, withdrawnById: actor.id, withdrawnByName: actor.name },
  })
  if (count === 0) throw new ServiceError(409, 'invalid_state', '当前没有已发布的版本，不能撤回发布。')
  return null
}

/** What the ReportEvent of the transition keeps of the record (the history shows it). */
export function publicationSummary(record: PublicationRecord | null): Record<string, unknown> {
  if (record?.kind !== 'publish') return {}
  return {
    secrecy: record.secrecy,
    ...(record.correctionNote ? { correctionNote: record.correctionNote } : {}),
  }
}
