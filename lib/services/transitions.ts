/**
 * Moving a report through the review workflow. What may happen is decided by the table in
 * lib/workflow/workflow.ts, checked against the roles the permission layer (rolesOn) gives the
 * actor on the report's agency; every transition, the officer's 标记为完成 and 继续修改
 * included, goes through transition() and is written with its ReportEvent in one transaction.
 */
import { wholeContent } from '@/lib/report/content-split'
import { notifyOfficers } from './notices'
import 'server-only'
import { type Actor, rolesOn } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import type { FormatDef } from '@/lib/format/types'
import { checkCompleteness } from '@/lib/report/completeness'
import type { ReportData } from '@/lib/report/schema'
import type { PreviousReport } from '@/lib/rules/previous'
import { holdsRoleFor, type ReportState, transitionById, transitionRefusal } from '@/lib/workflow/workflow'
import { badRequest, conflict, historyReadOnly, notFound, requireBaseVersion, ServiceError } from './errors'
import { type PublicationOptions, preparePublication, publicationSummary, writePublication } from './publication-record'
import { formatOf } from './report-read'
import { buildEagerFiles, storePublishedFiles } from './published-files'
import { previousReportOf } from './report-previous'
import { checkGuard, submitterOf } from './transition-guards'
import { frozenCells } from '@/lib/rollup/sum'

export type { Actor }

export const MAX_REASON_CHARS = 2_000

const selfReview = (label: string) =>
  new ServiceError(
    403,
    'own_submission',
    `这份年报是您本人提交审核的，不能由您本人${label}。请由本机关的其他审核人审核。`,
  )

function incomplete(
  format: FormatDef,
  report: ReportData & { previous?: PreviousReport | null },
  action: string,
): ServiceError | null {
  const completeness = checkCompleteness(format, report)
  if (completeness.complete) return null
  const parts = [
    completeness.blank.length ? `${completeness.blank.length}处未填写` : '',
    completeness.errors.length ? `${completeness.errorFindings}项校验错误` : '',
    completeness.unexplained.length ? `${completeness.unexplained.length}项提示未说明原因` : '',
    completeness.unconfirmed.length ? `${completeness.unconfirmed.length}处沿用上年度的数值尚未确认` : '',
    Object.keys(completeness.invalid).length && !completeness.blank.length ? '部分数据格式有误' : '',
  ].filter(Boolean)
  return new ServiceError(
    422,
    'incomplete',
    `年报尚未填写完整，不能${action}：${parts.join('，')}。请按提示逐项处理后再试。`,
    Object.keys(completeness.invalid).length ? completeness.invalid : undefined,
    { completeness },
  )
}

export interface TransitionResult {
  status: ReportState
  version: number
  edition: number
  /** ISO 8601 */
  updatedAt: string
}

export interface TransitionOptions extends PublicationOptions {
  reason?: unknown
  /**
   * The content version the actor saw: an officer submits exactly what is on their screen, a
   * reviewer approves exactly what they read. 'stored' takes the version stored now, for the
   * one caller that has none to give (POST /api/reports/:id/reopen, which has no body).
   */
  baseVersion: unknown
}

/** The transitions whose officers get a notice on their desk (lib/services/notices.ts). */
const NEWS_OF_TRANSITION: Record<string, 'returned' | 'approved' | 'published' | 'withdrawn' | undefined> = {
  return: 'returned',
  approve: 'approved',
  publish: 'published',
  unpublish: 'withdrawn',
}

/**
 * Takes a transition of the workflow table. Taking one to the state the report is already in
 * (a second click, a second tab) changes nothing and answers the current state; 更正 excepted,
 * which opens a new version.
 */
export async function transition(
  reportId: string,
  transitionId: string,
  actor: Actor,
  options: TransitionOptions,
): Promise<TransitionResult> {
  const def = transitionById(transitionId)
  if (!def) throw badRequest(`未知的操作“${String(transitionId).slice(0, 40)}”`)
  const stored = options.baseVersion === 'stored'
  const given = stored ? null : requireBaseVersion(options.baseVersion)
  const read = await prisma.report.findUnique({ where: { id: reportId }, include: { text: true } })
  if (!read) throw notFound()
  // The report whole (its narratives are stored apart, decision 0840): versions and submissions keep it so.
  const { text: _text, ...fields } = read
  const row = { ...fields, content: wholeContent(read) }
  if (row.kind === 'history') throw historyReadOnly()
  const base = given ?? row.version

  const roles = rolesOn(actor, row.agencyId)
  if (!holdsRoleFor(def, roles)) throw new ServiceError(403, 'forbidden', transitionRefusal(row.status, def, roles)!)
  // Opening a new version is never "already done": a draft is not a corrected report.
  const already = row.status === def.to && !def.from.includes(row.status as ReportState) && !def.opensVersion
  const refusal = already ? null : transitionRefusal(row.status, def, roles)
  if (refusal) throw new ServiceError(409, 'invalid_state', refusal)
  if (def.notBySubmitter && !already && (await submitterOf(reportId)) === actor.id) throw selfReview(def.label)
  if (row.version !== base) throw conflict(row.version)
  if (already) {
    return { status: def.to, version: row.version, edition: row.edition, updatedAt: row.updatedAt.toISOString() }
  }
  const reason = typeof options.reason === 'string' ? options.reason.trim() : ''
  if (def.needsReason && reason === '') {
    const what = def.id === 'return' ? '退回的理由' : def.id === 'unpublish' ? '撤回发布的理由' : '原因'
    throw new ServiceError(422, 'reason_required', `请填写${what}。`, {
      reason: '不能为空',
    })
  }
  if (reason.length > MAX_REASON_CHARS) {
    throw new ServiceError(422, 'invalid', `理由不能超过${MAX_REASON_CHARS}字。`, { reason: '过长' })
  }
  if (def.requires === 'completeness') {
    const report = JSON.parse(row.content) as ReportData
    const previous = await previousReportOf(reportId)
    const refused = incomplete(formatOf(row.formatVersion), { ...report, previous }, def.label)
    if (refused) throw refused
  }

  const format = formatOf(row.formatVersion)
  await checkGuard(prisma, def, reportId, format, actor.id)
  const record = await preparePublication(row, def, options, reason)
  // 发布 freezes the public files (decision 0301): built from the approved version before the
  // transaction (the .docx takes tens of milliseconds), written inside it with the publication.
  const freezing = record?.kind === 'publish' ? await buildEagerFiles(reportId, row.edition) : null

  return prisma.$transaction(async (tx) => {
    // Again inside the transaction: a comment written between the check and the write counts.
    await checkGuard(tx, def, reportId, format, actor.id)
    const edition = def.opensVersion ? row.edition + 1 : row.edition
    const { count } = await tx.report.updateMany({
      where: { id: reportId, version: base, status: row.status },
      data: { status: def.to, edition },
    })
    if (count === 0) {
      const now = await tx.report.findUnique({ where: { id: reportId }, select: { version: true } })
      throw now ? conflict(now.version) : notFound()
    }
    const at = new Date()
    if (def.freezes) {
      const version = await tx.reportVersion.create({
        data: {
          reportId,
          number: row.edition,
          content: row.content,
          contentVersion: row.version,
          approvedAt: at,
          approvedById: actor.id,
          approvedByName: actor.name,
        },
        select: { id: true },
      })
      // The roll-up reads the version's table cells alone (decision 0410).
      const cells = frozenCells(row.content)
      if (cells) await tx.reportVersionCells.create({ data: { versionId: version.id, ...cells } })
    }
    if (def.snapshots) {
      const last = await tx.reportSubmission.findFirst({
        where: { reportId },
        orderBy: { number: 'desc' },
        select: { number: true },
      })
      await tx.reportSubmission.create({
        data: {
          reportId,
          edition,
          number: (last?.number ?? 0) + 1,
          content: row.content,
          contentVersion: row.version,
          submittedAt: at,
          submittedById: actor.id,
        },
      })
    }
    if (record) {
      const versionId = await writePublication(tx, reportId, record, actor, at)
      if (versionId && freezing) await storePublishedFiles(tx, versionId, freezing)
    }
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: def.id,
        version: row.version,
        actor: actor.id,
        actorName: actor.name,
        createdAt: at,
        summary: JSON.stringify({
          from: row.status,
          to: def.to,
          edition,
          ...(reason ? { reason } : {}),
          ...publicationSummary(record),
        }),
      },
    })
    const news = NEWS_OF_TRANSITION[def.id]
    if (news) await notifyOfficers(tx, { id: reportId, agencyId: row.agencyId, year: row.year }, news, actor, reason)
    const saved = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { updatedAt: true } })
    return { status: def.to, version: row.version, edition, updatedAt: saved.updatedAt.toISOString() }
  })
}
