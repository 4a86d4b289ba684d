/**
 * Review comments: a reviewer opens a thread on a section, a cell or a narrative; the officer
 * (or the reviewer) answers in it; a reviewer resolves it. Each is recorded in the history.
 */
import { notifyOfficers } from './notices'
import 'server-only'
import { MAX_COMMENT_CHARS } from '@/lib/requests/limits'
import { strippedNotice, stripUnsafe } from '@/lib/text/unsafe-chars'
import { type Actor, rolesOn } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { type ReportState, STATES, stateLabel } from '@/lib/workflow/workflow'
import { notFound, ServiceError } from './errors'
import { formatOf } from './report-read'
import { userNames } from './user-names'

export { MAX_COMMENT_CHARS }

export interface CommentView {
  id: string
  anchor: string
  /** 表三·一、本年新收…·自然人, or the section heading. */
  anchorLabel: string
  sectionKey: string
  edition: number
  body: string
  authorName: string
  authorId: string | null
  /** ISO 8601 */
  createdAt: string
  resolvedAt: string | null
  resolvedByName: string | null
  replies: Omit<CommentView, 'replies'>[]
}

/** What a comment may be anchored on: a section, a value cell or a narrative. */
export function anchorLabel(format: FormatDef, anchor: string): string | null {
  const section = format.sections.find((s) => s.key === anchor)
  if (section) return section.heading
  const cell = cellByPath(format, anchor)
  if (cell) {
    const heading = format.sections.find((s) => s.key === cell.sectionKey)?.heading ?? ''
    return `${heading}：${cell.label}`
  }
  const narrative = format.sections.find((s) => narrativePath(s) === anchor)
  return narrative ? narrative.heading : null
}

type CommentRow = {
  id: string
  anchor: string
  edition: number
  body: string
  authorId: string
  authorName: string | null
  createdAt: Date
  resolvedAt: Date | null
  resolvedById: string | null
  resolvedByName: string | null
  parentId: string | null
}

function commentView(
  format: FormatDef,
  c: CommentRow,
  name: (id: string | null) => string | null,
): Omit<CommentView, 'replies'> {
  return {
    id: c.id,
    anchor: c.anchor,
    anchorLabel: anchorLabel(format, c.anchor) ?? c.anchor,
    sectionKey: c.anchor.split('.')[0],
    edition: c.edition,
    body: c.body,
    authorName: c.authorName ?? name(c.authorId) ?? '',
    authorId: c.authorId,
    createdAt: c.createdAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolvedByName: c.resolvedByName ?? name(c.resolvedById),
  }
}

/** Threads (a reviewer's comment with its answers), oldest first. */
export async function listComments(reportId: string): Promise<CommentView[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, select: { formatVersion: true } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const all = await prisma.comment.findMany({ where: { reportId }, orderBy: { createdAt: 'asc' } })
  const name = await userNames(
    all.flatMap((c) => [c.authorName ? null : c.authorId, c.resolvedByName ? null : c.resolvedById]),
  )
  const threads = all.filter((c) => !c.parentId)
  return threads.map((t) => ({
    ...commentView(format, t, name),
    replies: all.filter((c) => c.parentId === t.id).map((c) => commentView(format, c, name)),
  }))
}

/**
 * A reviewer opens a thread on a section or a cell; the officer (or the reviewer) answers in it.
 * Recorded in the history with the report's content version.
 */
export async function addComment(
  reportId: string,
  actor: Actor,
  input: { anchor?: unknown; body?: unknown; parentId?: unknown },
): Promise<CommentView & { notice?: string }> {
  const row = await prisma.report.findUnique({ where: { id: reportId } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const roles: string[] = rolesOn(actor, row.agencyId)
  if (STATES[row.status as ReportState]?.frozen) {
    throw new ServiceError(409, 'invalid_state', `年报${stateLabel(row.status)}，内容已冻结，不能再提出或回复意见。`)
  }
  const stripped = stripUnsafe(typeof input.body === 'string' ? input.body : '')
  const body = stripped.text.trim()
  if (body === '') throw new ServiceError(422, 'invalid', '意见内容不能为空。', { body: '不能为空' })
  if (body.length > MAX_COMMENT_CHARS) {
    throw new ServiceError(422, 'invalid', `意见不能超过${MAX_COMMENT_CHARS}字。`, { body: '过长' })
  }
  let anchor: string
  let parentId: string | null = null
  if (typeof input.parentId === 'string' && input.parentId !== '') {
    const parent = await prisma.comment.findUnique({ where: { id: input.parentId } })
    if (!parent || parent.reportId !== reportId || parent.parentId) {
      throw notFound('要回复的意见不存在')
    }
    if (parent.resolvedAt) throw new ServiceError(409, 'resolved', '这条意见已处理完毕，不能再回复。')
    if (!roles.some((r) => r === 'officer' || r === 'reviewer' || r === 'coordinator')) {
      throw new ServiceError(403, 'forbidden', '只有填报人、审核人或政务公开办可以回复审核意见。')
    }
    anchor = parent.anchor
    parentId = parent.id
  } else {
    // The 政务公开办 above the agency comments in the same threads as its reviewers (decision 0270).
    if (!roles.includes('reviewer') && !roles.includes('coordinator')) {
      throw new ServiceError(403, 'forbidden', '只有审核人或政务公开办可以提出审核意见。')
    }
    anchor = typeof input.anchor === 'string' ? input.anchor : ''
    if (!anchorLabel(format, anchor)) {
      throw new ServiceError(422, 'invalid', '意见应针对年报的某一部分或某个单元格。', { anchor: '无效的位置' })
    }
  }
  const created = await prisma.$transaction(async (tx) => {
    const c = await tx.comment.create({
      data: {
        reportId,
        edition: row.edition,
        anchor,
        body,
        parentId,
        authorId: actor.id,
        authorName: actor.name,
      },
    })
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: parentId ? 'reply' : 'comment',
        version: row.version,
        actor: actor.id,
        actorName: actor.name,
        summary: JSON.stringify({ commentId: c.id, anchor, body: body.slice(0, 200) }),
      },
    })
    if (!roles.includes('officer')) {
      await notifyOfficers(tx, { id: reportId, agencyId: row.agencyId, year: row.year }, 'comment', actor, body)
    }
    return c
  })
  return {
    ...commentView(format, created, (id) => (id === actor.id ? actor.name : id)),
    replies: [],
    ...(stripped.removed ? { notice: strippedNotice(stripped.removed) } : {}),
  }
}

/** Marks a thread resolved; it stays in the history. Reviewers resolve. */
export async function resolveComment(reportId: string, commentId: string, actor: Actor): Promise<void> {
  const c = await prisma.comment.findUnique({ where: { id: commentId } })
  if (!c || c.reportId !== reportId || c.parentId) throw notFound('意见不存在')
  const row = await prisma.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { version: true, agencyId: true },
  })
  const roles = rolesOn(actor, row.agencyId)
  if (!roles.includes('reviewer') && !roles.includes('coordinator')) {
    throw new ServiceError(403, 'forbidden', '只有审核人或政务公开办可以将意见标记为已处理。')
  }
  if (c.resolvedAt) return
  await prisma.$transaction(async (tx) => {
    await tx.comment.update({
      where: { id: commentId },
      data: { resolvedAt: new Date(), resolvedById: actor.id, resolvedByName: actor.name },
    })
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: 'resolve',
        version: row.version,
        actor: actor.id,
        actorName: actor.name,
        summary: JSON.stringify({ commentId, anchor: c.anchor }),
      },
    })
  })
}
