/**
 * Notices on a user's desk (decision 0270): 催报 reminders from the 政务公开办 (sent by hand from
 * the board, or automatically at the configured days before the deadline), and the report's
 * own news for its officers: returned, approved, published, commented. Each notice is written
 * with a row of the outbox (NoticeOutbox) that a mail or SMS gateway could read and send; the
 * gateway is not part of Nianbao.
 */
import 'server-only'
import { z } from 'zod'
import type { Actor } from '@/lib/auth/permissions'
import { agencyTree } from '@/lib/data/agency-table'
import { prisma } from '@/lib/db'
import { chinaToday } from '@/lib/workflow/deadlines'
import type { Prisma } from '@/generated/prisma/client'
import { recordAudit } from './audit'
import { boardOf, defaultBoardYear } from './board'
import { invalid, ServiceError } from './errors'
import { coordinates, governmentSettings, requireGovernment } from './government-settings'

export const NOTICE_KINDS = {
  reminder: '催报',
  returned: '退回修改',
  approved: '审核通过',
  published: '已发布',
  withdrawn: '撤回发布',
  comment: '新意见',
} as const
export type NoticeKind = keyof typeof NOTICE_KINDS

export interface NoticeView {
  id: string
  kind: NoticeKind
  kindLabel: string
  title: string
  body: string
  reportId: string | null
  senderName: string | null
  createdAt: string
  read: boolean
}

type Tx = Pick<Prisma.TransactionClient, 'notice' | 'noticeOutbox' | 'membership' | 'user'>

interface NoticeDraft {
  kind: NoticeKind
  title: string
  body: string
  reportId?: string | null
  agencyId?: string | null
  year?: number | null
  sender?: { id: string; name: string } | null
  /** Writes nothing when a notice with this key exists (automatic reminders, once each). */
  dedupeKey?: string
}

/** Writes notices for users, each with its outbox row (channel email, the account's address). */
async function writeNotices(db: Tx, userIds: readonly string[], draft: NoticeDraft): Promise<number> {
  let written = 0
  for (const userId of new Set(userIds)) {
    const dedupeKey = draft.dedupeKey ? `${draft.dedupeKey}:${userId}` : null
    if (dedupeKey && (await db.notice.findUnique({ where: { dedupeKey }, select: { id: true } }))) continue
    const notice = await db.notice.create({
      data: {
        userId,
        kind: draft.kind,
        title: draft.title,
        body: draft.body,
        reportId: draft.reportId ?? null,
        agencyId: draft.agencyId ?? null,
        year: draft.year ?? null,
        senderId: draft.sender?.id ?? null,
        senderName: draft.sender?.name ?? null,
        dedupeKey,
      },
    })
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } })
    if (user) {
      await db.noticeOutbox.create({
        data: { noticeId: notice.id, channel: 'email', address: user.email, subject: draft.title, body: draft.body },
      })
    }
    written++
  }
  return written
}

/** The officers of these agencies. */
async function officersOf(db: Tx, agencyIds: readonly string[]): Promise<{ userId: string; agencyId: string }[]> {
  return db.membership.findMany({
    where: { agencyId: { in: [...agencyIds] }, role: 'officer' },
    select: { userId: true, agencyId: true },
  })
}

/** A report's officers hear that it was returned, approved, published or commented on (in the change's transaction). */
export async function notifyOfficers(
  db: Tx,
  report: { id: string; agencyId: string; year: number },
  kind: Exclude<NoticeKind, 'reminder'>,
  sender: { id: string; name: string },
  detail = '',
): Promise<void> {
  const officers = (await officersOf(db, [report.agencyId])).map((o) => o.userId).filter((id) => id !== sender.id)
  if (officers.length === 0) return
  const titles: Record<typeof kind, string> = {
    returned: `${report.year}年度年报被退回修改`,
    approved: `${report.year}年度年报已审核通过`,
    published: `${report.year}年度年报已发布`,
    withdrawn: `${report.year}年度年报已撤回发布`,
    comment: `${report.year}年度年报有新意见`,
  }
  await writeNotices(db, officers, {
    kind,
    title: titles[kind],
    body: detail ? `${sender.name}：${detail.slice(0, 300)}` : `${sender.name}`,
    reportId: report.id,
    agencyId: report.agencyId,
    year: report.year,
    sender,
  })
}

export const reminderInput = z.object({
  year: z.number({ error: '年度应为数字' }).int().min(2008).max(9999),
  agencyIds: z
    .array(z.string().min(1).max(100))
    .min(1, { error: '请选择要催报的机关' })
    .max(5000, { error: '一次最多催报5000个机关' }),
  message: z.string().trim().max(500, { error: '附言不超过500字' }).optional(),
})

export interface ReminderResult {
  /** Agencies reminded, and the officers who got a notice. */
  agencies: number
  officers: number
  /** Agencies not reminded, by name, with the reason. */
  skipped: { agencyName: string; reason: string }[]
}

/** 催报 from the board: the officers of the selected agencies of the government get a notice. */
export async function sendReminders(actor: Actor, governmentId: string, input: unknown): Promise<ReminderResult> {
  const government = await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId)) throw new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以催报')
  const parsed = reminderInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '催报的内容有误')
  const { year, agencyIds, message } = parsed.data
  const tree = new Map((await agencyTree([governmentId])).map((a) => [a.id, a]))
  const outside = agencyIds.filter((id) => !tree.has(id))
  if (outside.length > 0) throw new ServiceError(403, 'forbidden', '所选机关不在本级政府之下')
  const published = await prisma.report.findMany({
    where: {
      agencyId: { in: agencyIds },
      year,
      kind: 'report',
      OR: [{ status: 'published' }, { versions: { some: { publishedAt: { not: null } } } }],
    },
    select: { agencyId: true },
  })
  const done = new Set(published.map((r) => r.agencyId))
  const skipped: ReminderResult['skipped'] = []
  const due = agencyIds.filter((id) => {
    if (done.has(id)) skipped.push({ agencyName: tree.get(id)?.name ?? id, reason: '已发布' })
    return !done.has(id)
  })
  return prisma.$transaction(async (tx) => {
    const officers = await officersOf(tx, due)
    const reached = new Set(officers.map((o) => o.agencyId))
    for (const id of due)
      if (!reached.has(id)) skipped.push({ agencyName: tree.get(id)?.name ?? id, reason: '没有填报人账号' })
    let count = 0
    for (const agencyId of reached) {
      const users = officers.filter((o) => o.agencyId === agencyId).map((o) => o.userId)
      count += await writeNotices(tx, users, {
        kind: 'reminder',
        title: `请尽快报送${year}年度政府信息公开工作年度报告`,
        body: `${government.name}政务公开办（${actor.name}）催报${message ? `：${message}` : '。'}`,
        agencyId,
        year,
        sender: { id: actor.id, name: actor.name },
      })
    }
    await recordAudit(
      {
        action: 'notice.remind',
        outcome: 'success',
        actor: { id: actor.id, name: actor.name },
        subject: government.name,
        detail: `${year}年度，${reached.size}个机关，${count}人`,
      },
      tx,
    )
    return { agencies: reached.size, officers: count, skipped }
  })
}

/** The smallest configured day-count the deadline is within, or null (none reached, or past it). */
export function dueReminderDay(daysLeft: number, reminderDays: readonly number[]): number | null {
  if (daysLeft < 0) return null
  const reached = reminderDays.filter((d) => daysLeft <= d)
  return reached.length ? Math.min(...reached) : null
}

/**
 * Automatic reminders for a government (decision 0270: run when its board is opened and by
 * `npm run remind` on a schedule): for the year just ended, the officers of each agency that has
 * not submitted get one notice per configured day-count the deadline has come within. The
 * dedupe key makes a second run (another instance, another view) write nothing.
 */
export async function runDueReminders(governmentId: string, today = chinaToday()): Promise<number> {
  const government = await requireGovernment(governmentId)
  const settings = await governmentSettings(governmentId)
  if (settings.reminderDays.length === 0) return 0
  const year = defaultBoardYear(new Date(`${today}T12:00:00+08:00`))
  const waiting = await boardOf(government, {
    year,
    today,
    states: ['none', 'draft', 'complete', 'returned'],
    pageSize: 500,
  })
  let written = 0
  for (let page = 1; page <= waiting.pages; page++) {
    const board =
      page === 1
        ? waiting
        : await boardOf(government, {
            year,
            today,
            states: ['none', 'draft', 'complete', 'returned'],
            pageSize: 500,
            page,
          })
    for (const row of board.rows) {
      const status = row.deadlineStatus
      const daysLeft = status.kind === 'open' || status.kind === 'dueSoon' ? status.daysLeft : -1
      const day = dueReminderDay(daysLeft, settings.reminderDays)
      if (day === null) continue
      written += await prisma.$transaction(async (tx) => {
        const officers = (await officersOf(tx, [row.agencyId])).map((o) => o.userId)
        return writeNotices(tx, officers, {
          kind: 'reminder',
          title: `${year}年度年报距截止日期还有${daysLeft}天`,
          body: `${government.name}政务公开办提醒：${row.agencyName}的${year}年度年报应于${row.deadline}前发布，目前为“${row.stateLabel}”。`,
          agencyId: row.agencyId,
          year,
          dedupeKey: `auto:${row.agencyId}:${year}:${day}`,
        })
      })
    }
  }
  return written
}

/** Automatic reminders for every government (the scheduled run). */
export async function runAllDueReminders(today = chinaToday()): Promise<number> {
  const governments = await prisma.agency.findMany({
    where: { type: 'government', parentId: null },
    select: { id: true },
  })
  let written = 0
  for (const g of governments) written += await runDueReminders(g.id, today)
  return written
}

export async function listNotices(userId: string, limit = 20): Promise<{ notices: NoticeView[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    prisma.notice.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit }),
    prisma.notice.count({ where: { userId, readAt: null } }),
  ])
  return {
    unread,
    notices: rows.map((n) => ({
      id: n.id,
      kind: n.kind as NoticeKind,
      kindLabel: NOTICE_KINDS[n.kind as NoticeKind] ?? n.kind,
      title: n.title,
      body: n.body,
      reportId: n.reportId,
      senderName: n.senderName,
      createdAt: n.createdAt.toISOString(),
      read: n.readAt !== null,
    })),
  }
}

/** Marks the user's notices read (only the user's own). */
export async function markNoticesRead(userId: string, ids: readonly string[]): Promise<number> {
  const { count } = await prisma.notice.updateMany({
    where: { userId, id: { in: [...ids] }, readAt: null },
    data: { readAt: new Date() },
  })
  return count
}
