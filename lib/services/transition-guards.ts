/**
 * What the workflow's guards ask of the database (lib/workflow/workflow.ts declares them): who
 * submitted, which comment threads are open, whether a reviewer has written since the submission.
 * Read by the transition that takes a guarded step and by the workflow bar that offers it.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import type { FormatDef } from '@/lib/format/types'
import { type OpenComment, openCommentsRefusal, type TransitionDef, withdrawRefusal } from '@/lib/workflow/workflow'
import { anchorLabel } from './comments'
import { ServiceError } from './errors'

/** Who submitted the report's current submission (its latest 提交审核), if anyone. */
export async function submitterOf(reportId: string): Promise<string | null> {
  const event = await prisma.reportEvent.findFirst({
    where: { reportId, kind: 'submit' },
    orderBy: [{ createdAt: 'desc' }, { version: 'desc' }],
    select: { actor: true },
  })
  return event?.actor ?? null
}

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0]

/** The open comment threads of a report, oldest first, as the refusal of 审核通过 lists them. */
export async function openComments(
  db: Tx | typeof prisma,
  reportId: string,
  format: FormatDef,
): Promise<OpenComment[]> {
  const rows = await db.comment.findMany({
    where: { reportId, parentId: null, resolvedAt: null },
    orderBy: { createdAt: 'asc' },
    select: { anchor: true, body: true },
  })
  return rows.map((c) => ({ anchorLabel: anchorLabel(format, c.anchor) ?? c.anchor, body: c.body }))
}

/** Comments (threads or answers) written by others since the report was last submitted. */
export async function commentsSinceSubmit(db: Tx | typeof prisma, reportId: string, actorId: string): Promise<number> {
  const submitted = await db.reportEvent.findFirst({
    where: { reportId, kind: 'submit' },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  if (!submitted) return 0
  return db.comment.count({
    where: { reportId, createdAt: { gte: submitted.createdAt }, authorId: { not: actorId } },
  })
}

/** Checks a transition's guard (lib/workflow/workflow.ts) inside the transaction that takes it. */
export async function checkGuard(
  db: Tx | typeof prisma,
  def: TransitionDef,
  reportId: string,
  format: FormatDef,
  actorId: string,
): Promise<void> {
  if (def.guard === 'no-open-comments') {
    const open = await openComments(db, reportId, format)
    const refusal = openCommentsRefusal(open)
    if (refusal) throw new ServiceError(409, 'open_comments', refusal, undefined, { openComments: open })
  }
  if (def.guard === 'untouched-since-submit') {
    const refusal = withdrawRefusal(await commentsSinceSubmit(db, reportId, actorId))
    if (refusal) throw new ServiceError(409, 'reviewed', refusal)
  }
}
