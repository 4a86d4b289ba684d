/**
 * Deleting a mistaken draft: an officer of the agency may delete a report that was never
 * submitted. The report row goes with its events and comments (they cascade); a ReportDeletion
 * row keeps who deleted what, the content and the events, written in the same transaction
 * (docs/decisions/0070).
 */
import { wholeContent } from '@/lib/report/content-split'
import 'server-only'
import { type Actor, rolesOn } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { stateLabel } from '@/lib/workflow/workflow'
import { conflict, notFound, requireBaseVersion, ServiceError } from './errors'

/** Why a report may not be deleted, in Chinese, or null when it may. */
export function deleteRefusal(report: { status: string; edition: number; kind: string }, submissions: number) {
  if (report.kind === 'history') return '导入的往年年报是只读的，不能删除。'
  if (submissions > 0 || report.edition > 1) return '年报已提交过审核，不能删除。只有从未提交的草稿可以删除。'
  if (report.status !== 'draft' && report.status !== 'complete') {
    return `年报当前为“${stateLabel(report.status)}”，不能删除。只有从未提交的草稿可以删除。`
  }
  return null
}

export interface DeletedReport {
  id: string
  agencyId: string
  year: number
  deletedAt: string
}

export async function deleteDraft(reportId: string, actor: Actor, baseVersion: unknown): Promise<DeletedReport> {
  const base = requireBaseVersion(baseVersion)
  const row = await prisma.report.findUnique({ where: { id: reportId }, include: { text: true } })
  if (!row) throw notFound()
  if (!rolesOn(actor, row.agencyId).includes('officer')) {
    throw new ServiceError(403, 'forbidden', '只有本机关的填报人可以删除草稿。')
  }
  return prisma.$transaction(async (tx) => {
    // A submission leaves a 'submit' event even for rows written before snapshots existed.
    const submissions =
      (await tx.reportSubmission.count({ where: { reportId } })) +
      (await tx.reportEvent.count({ where: { reportId, kind: 'submit' } }))
    const refusal = deleteRefusal(row, submissions)
    if (refusal) throw new ServiceError(409, 'invalid_state', refusal)
    const events = await tx.reportEvent.findMany({ where: { reportId }, orderBy: { createdAt: 'asc' } })
    const at = new Date()
    const { count } = await tx.report.deleteMany({ where: { id: reportId, version: base, status: row.status } })
    if (count === 0) {
      const now = await tx.report.findUnique({ where: { id: reportId }, select: { version: true } })
      throw now ? conflict(now.version) : notFound()
    }
    await tx.reportDeletion.create({
      data: {
        reportId,
        agencyId: row.agencyId,
        year: row.year,
        kind: row.kind,
        content: wholeContent(row),
        events: JSON.stringify(
          events.map((e) => ({
            kind: e.kind,
            version: e.version,
            actor: e.actor,
            createdAt: e.createdAt.toISOString(),
            summary: e.summary,
          })),
        ),
        deletedById: actor.id,
        deletedAt: at,
      },
    })
    return { id: reportId, agencyId: row.agencyId, year: row.year, deletedAt: at.toISOString() }
  })
}

/** The tombstones of an agency's deleted drafts, newest first (the audit trail). */
export async function deletedReports(agencyId: string) {
  const rows = await prisma.reportDeletion.findMany({ where: { agencyId }, orderBy: { deletedAt: 'desc' } })
  return rows.map((r) => ({
    reportId: r.reportId,
    year: r.year,
    kind: r.kind,
    deletedById: r.deletedById,
    deletedAt: r.deletedAt.toISOString(),
    events: JSON.parse(r.events) as { kind: string; actor: string | null; createdAt: string }[],
  }))
}
