/**
 * The workflow bar of a report for one user: its state, the transitions this user may take now
 * (with why a guarded one may not), open comments, whether the draft may be deleted, a
 * resubmission's changes, the last 退回 and the latest frozen version.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import {
  isEditable,
  type OpenComment,
  openCommentsRefusal,
  type ReportState,
  stateLabel,
  type TransitionChoice,
  transitionById,
  transitionChoices,
  withdrawRefusal,
} from '@/lib/workflow/workflow'
import { publicAddress } from './public-column'
import { chinaToday } from '@/lib/workflow/deadlines'
import { correctionDraftOf } from './publication-record'
import { deleteRefusal } from './report-delete'
import { formatOf } from './report-read'
import { commentsSinceSubmit, openComments, submitterOf } from './transition-guards'
import { userNames } from './user-names'
import { resubmissionDiff } from './versions'

export interface WorkflowView {
  status: ReportState
  statusLabel: string
  edition: number
  editable: boolean
  /** The transitions this user may take now. */
  transitions: TransitionChoice[]
  /** The reviewer's reasons when the report was last returned (shown to the officer). */
  returnReason: { reason: string; by: string | null; at: string } | null
  /** Latest frozen version, if any. */
  frozen: { number: number; approvedAt: string; publishedAt: string | null } | null
  /** Why a transition this user sees may not be taken now (its guard), by transition id. */
  refusals: Record<string, string>
  /** The open comment threads (审核通过 waits for them). */
  openComments: OpenComment[]
  /** This user may delete the report: a draft never submitted, and an officer of its agency. */
  deletable: boolean
  /** A resubmission: the two submissions to compare (s1, s2) and how much changed between them. */
  resubmission: { previous: string; current: string; changes: number } | null
  /** The public address (/gk/…) once a version is published (decision 0301), else null. */
  publicPath: string | null
  /**
   * For the publish dialog, when 发布 is offered (decision 0310): the approval day (the earliest
   * 保密审查 date), and the drafted 更正说明 when an earlier version was published (null: none needed).
   */
  publication: { approvedOn: string; correctionDraft: string | null } | null
}

/**
 * The workflow bar: the state, what this user may do now, the last 退回 and the latest frozen
 * version. `viewerId`: the submitter is not offered 审核通过 or 退回 of their own submission.
 */
export async function workflowView(
  reportId: string,
  roles: readonly string[],
  viewerId = '',
): Promise<WorkflowView | null> {
  const row = await prisma.report.findUnique({
    where: { id: reportId },
    select: { status: true, edition: true, formatVersion: true, kind: true },
  })
  if (!row) return null
  const submitter = row.status === 'submitted' && viewerId ? await submitterOf(reportId) : null
  const ownSubmission = submitter !== null && submitter === viewerId
  const deletable =
    roles.includes('officer') &&
    deleteRefusal(
      row,
      (await prisma.reportSubmission.count({ where: { reportId } })) +
        (await prisma.reportEvent.count({ where: { reportId, kind: 'submit' } })),
    ) === null
  const format = formatOf(row.formatVersion)
  // Four eyes: the submitter is not offered 审核通过 or 退回 of their own submission.
  const choices = transitionChoices(row.status, roles).filter(
    (t) => !(ownSubmission && transitionById(t.id)?.notBySubmitter),
  )
  const open = await openComments(prisma, reportId, format)
  const refusals: Record<string, string> = {}
  for (const t of choices) {
    const why =
      t.guard === 'no-open-comments'
        ? openCommentsRefusal(open)
        : t.guard === 'untouched-since-submit'
          ? withdrawRefusal(await commentsSinceSubmit(prisma, reportId, viewerId))
          : null
    if (why) refusals[t.id] = why
  }
  const resubmitted = row.status === 'submitted' ? await resubmissionDiff(reportId) : null
  const [lastReturn, frozen, publicPath] = await Promise.all([
    row.status === 'returned'
      ? prisma.reportEvent.findFirst({ where: { reportId, kind: 'return' }, orderBy: { createdAt: 'desc' } })
      : null,
    prisma.reportVersion.findFirst({ where: { reportId }, orderBy: { number: 'desc' } }),
    publicAddress(reportId),
  ])
  const status = row.status as ReportState
  const publication =
    frozen && choices.some((t) => t.records === 'publish')
      ? { approvedOn: chinaToday(frozen.approvedAt), correctionDraft: await correctionDraftOf(reportId, frozen.number) }
      : null
  return {
    publication,
    status,
    statusLabel: stateLabel(status),
    edition: row.edition,
    editable: isEditable(status),
    transitions: choices,
    refusals,
    openComments: open,
    deletable,
    publicPath,
    resubmission: resubmitted
      ? {
          previous: resubmitted.previous,
          current: resubmitted.current,
          changes:
            resubmitted.diff.cells.length + resubmitted.diff.narratives.length + resubmitted.diff.explanations.length,
        }
      : null,
    returnReason: lastReturn
      ? {
          reason: (JSON.parse(lastReturn.summary) as { reason?: string }).reason ?? '',
          by: lastReturn.actorName ?? (await userNames([lastReturn.actor]))(lastReturn.actor),
          at: lastReturn.createdAt.toISOString(),
        }
      : null,
    frozen: frozen
      ? {
          number: frozen.number,
          approvedAt: frozen.approvedAt.toISOString(),
          publishedAt: frozen.publishedAt?.toISOString() ?? null,
        }
      : null,
  }
}
