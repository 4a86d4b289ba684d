/**
 * The review workflow as stored: transitions, frozen versions, comments, the audit history and
 * the lists. Plain async functions over lib/db; every change is written with its ReportEvent in
 * one transaction. What may happen is decided by the table in lib/workflow/workflow.ts, checked
 * against the roles the permission layer (lib/auth/permissions.ts rolesOn) gives the actor on
 * the report's agency.
 */
import 'server-only'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { checkCompleteness } from '@/lib/report/completeness'
import type { ReportData } from '@/lib/report/schema'
import {
  chinaToday,
  type DeadlineStatus,
  deadlineOverridesFrom,
  deadlineStatus,
  statutoryDeadline,
} from '@/lib/workflow/deadlines'
import { diffReports, type ReportDiff } from '@/lib/workflow/diff'
import {
  availableTransitions,
  isEditable,
  type ReportState,
  stateLabel,
  STATES,
  type TransitionDef,
  transitionById,
  transitionRefusal,
} from '@/lib/workflow/workflow'
import { type Actor, rolesOn } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { countsFor, type ReportCounts } from './report-counts'
import { ServiceError } from './reports'

export type { Actor }

/** Display names of users by id; an id with no account left shows as itself. */
async function userNames(
  ids: (string | null | undefined)[],
): Promise<(id: string | null | undefined) => string | null> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  const users = wanted.length
    ? await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
    : []
  const byId = new Map(users.map((u) => [u.id, u.name]))
  return (id) => (id ? (byId.get(id) ?? id) : null)
}

export const MAX_COMMENT_CHARS = 2_000
export const MAX_REASON_CHARS = 2_000

const notFound = () => new ServiceError(404, 'not_found', '年报不存在或已被删除')

function formatOf(version: string): FormatDef {
  const format = formatFor(version)
  if (!format) throw new ServiceError(500, 'unknown_format', `不支持的格式版本“${version}”`)
  return format
}

const conflict = (currentVersion: number) =>
  new ServiceError(
    409,
    'conflict',
    '这份年报已在其他标签页或由其他人修改，您看到的不是最新内容。请重新加载页面后再操作。',
    undefined,
    { currentVersion },
  )

function incompleteMessage(format: FormatDef, report: ReportData, action: string): ServiceError | null {
  const completeness = checkCompleteness(format, report)
  if (completeness.complete) return null
  const parts = [
    completeness.blank.length ? `${completeness.blank.length}处未填写` : '',
    completeness.errors.length ? `${completeness.errors.length}项校验错误` : '',
    completeness.unexplained.length ? `${completeness.unexplained.length}项提示未说明原因` : '',
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

/**
 * Takes a transition of the workflow table. `baseVersion` is the content version the actor saw:
 * an officer submits exactly what is on their screen, a reviewer approves exactly what they read.
 */
export async function transition(
  reportId: string,
  transitionId: string,
  actor: Actor,
  options: { reason?: unknown; baseVersion: unknown },
): Promise<TransitionResult> {
  const def = transitionById(transitionId)
  if (!def) throw new ServiceError(400, 'bad_request', `未知的操作“${String(transitionId).slice(0, 40)}”`)
  const base = options.baseVersion
  if (typeof base !== 'number' || !Number.isInteger(base) || base < 1) {
    throw new ServiceError(400, 'bad_request', '请求缺少有效的版本号 baseVersion，请刷新页面后重试')
  }
  const row = await prisma.report.findUnique({ where: { id: reportId } })
  if (!row) throw notFound()

  const refusal = transitionRefusal(row.status, def, rolesOn(actor, row.agencyId))
  if (refusal) {
    const wrongState = !def.from.includes(row.status as ReportState)
    throw new ServiceError(wrongState ? 409 : 403, wrongState ? 'invalid_state' : 'forbidden', refusal)
  }
  if (row.version !== base) throw conflict(row.version)
  const reason = typeof options.reason === 'string' ? options.reason.trim() : ''
  if (def.needsReason && reason === '') {
    throw new ServiceError(422, 'reason_required', `请填写${def.id === 'return' ? '退回的理由' : '原因'}。`, {
      reason: '不能为空',
    })
  }
  if (reason.length > MAX_REASON_CHARS) {
    throw new ServiceError(422, 'invalid', `理由不能超过${MAX_REASON_CHARS}字。`, { reason: '过长' })
  }
  const report = JSON.parse(row.content) as ReportData
  if (def.requires === 'completeness') {
    const incomplete = incompleteMessage(formatOf(row.formatVersion), report, def.label)
    if (incomplete) throw incomplete
  }

  return prisma.$transaction(async (tx) => {
    const edition = def.opensVersion ? row.edition + 1 : row.edition
    const { count } = await tx.report.updateMany({
      where: { id: reportId, version: base, status: row.status },
      data: { status: def.to, edition },
    })
    if (count === 0) {
      const now = await tx.report.findUnique({ where: { id: reportId }, select: { version: true } })
      if (!now) throw notFound()
      throw conflict(now.version)
    }
    const at = new Date()
    if (def.freezes) {
      await tx.reportVersion.create({
        data: {
          reportId,
          number: row.edition,
          content: row.content,
          contentVersion: row.version,
          approvedAt: at,
          approvedById: actor.id,
        },
      })
    }
    if (def.to === 'published') {
      await tx.reportVersion.update({
        where: { reportId_number: { reportId, number: row.edition } },
        data: { publishedAt: at, publishedById: actor.id },
      })
    }
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: def.id,
        version: row.version,
        actor: actor.id,
        createdAt: at,
        summary: JSON.stringify({
          from: row.status,
          to: def.to,
          edition,
          ...(reason ? { reason } : {}),
        }),
      },
    })
    const saved = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { updatedAt: true } })
    return { status: def.to, version: row.version, edition, updatedAt: saved.updatedAt.toISOString() }
  })
}

export interface WorkflowView {
  status: ReportState
  statusLabel: string
  edition: number
  editable: boolean
  /** The transitions this user may take now. */
  transitions: Pick<TransitionDef, 'id' | 'label' | 'needsReason' | 'requires' | 'to'>[]
  /** The reviewer's reasons when the report was last returned (shown to the officer). */
  returnReason: { reason: string; by: string | null; at: string } | null
  /** Latest frozen version, if any. */
  frozen: { number: number; approvedAt: string; publishedAt: string | null } | null
}

export async function workflowView(reportId: string, roles: readonly string[]): Promise<WorkflowView | null> {
  const row = await prisma.report.findUnique({
    where: { id: reportId },
    select: { status: true, edition: true },
  })
  if (!row) return null
  const [lastReturn, frozen] = await Promise.all([
    row.status === 'returned'
      ? prisma.reportEvent.findFirst({ where: { reportId, kind: 'return' }, orderBy: { createdAt: 'desc' } })
      : null,
    prisma.reportVersion.findFirst({ where: { reportId }, orderBy: { number: 'desc' } }),
  ])
  const status = row.status as ReportState
  return {
    status,
    statusLabel: stateLabel(status),
    edition: row.edition,
    editable: isEditable(status),
    transitions: availableTransitions(status, roles).map(({ id, label, needsReason, requires, to }) => ({
      id,
      label,
      needsReason,
      requires,
      to,
    })),
    returnReason: lastReturn
      ? {
          reason: (JSON.parse(lastReturn.summary) as { reason?: string }).reason ?? '',
          by: (await userNames([lastReturn.actor]))(lastReturn.actor),
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

// ————— comments —————

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
  createdAt: Date
  resolvedAt: Date | null
  resolvedById: string | null
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
    authorName: name(c.authorId) ?? '',
    authorId: c.authorId,
    createdAt: c.createdAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolvedByName: name(c.resolvedById),
  }
}

/** Threads (a reviewer's comment with its answers), oldest first. */
export async function listComments(reportId: string): Promise<CommentView[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, select: { formatVersion: true } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const all = await prisma.comment.findMany({ where: { reportId }, orderBy: { createdAt: 'asc' } })
  const name = await userNames(all.flatMap((c) => [c.authorId, c.resolvedById]))
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
): Promise<CommentView> {
  const row = await prisma.report.findUnique({ where: { id: reportId } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const roles: string[] = rolesOn(actor, row.agencyId)
  if (STATES[row.status as ReportState]?.frozen) {
    throw new ServiceError(409, 'invalid_state', `年报${stateLabel(row.status)}，内容已冻结，不能再提出或回复意见。`)
  }
  const body = typeof input.body === 'string' ? input.body.trim() : ''
  if (body === '') throw new ServiceError(422, 'invalid', '意见内容不能为空。', { body: '不能为空' })
  if (body.length > MAX_COMMENT_CHARS) {
    throw new ServiceError(422, 'invalid', `意见不能超过${MAX_COMMENT_CHARS}字。`, { body: '过长' })
  }
  let anchor: string
  let parentId: string | null = null
  if (typeof input.parentId === 'string' && input.parentId !== '') {
    const parent = await prisma.comment.findUnique({ where: { id: input.parentId } })
    if (!parent || parent.reportId !== reportId || parent.parentId) {
      throw new ServiceError(404, 'not_found', '要回复的意见不存在')
    }
    if (parent.resolvedAt) throw new ServiceError(409, 'resolved', '这条意见已处理完毕，不能再回复。')
    if (!roles.some((r) => r === 'officer' || r === 'reviewer')) {
      throw new ServiceError(403, 'forbidden', '只有填报人或审核人可以回复审核意见。')
    }
    anchor = parent.anchor
    parentId = parent.id
  } else {
    if (!roles.includes('reviewer')) throw new ServiceError(403, 'forbidden', '只有审核人可以提出审核意见。')
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
      },
    })
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: parentId ? 'reply' : 'comment',
        version: row.version,
        actor: actor.id,
        summary: JSON.stringify({ commentId: c.id, anchor, body: body.slice(0, 200) }),
      },
    })
    return c
  })
  return { ...commentView(format, created, (id) => (id === actor.id ? actor.name : id)), replies: [] }
}

/** Marks a thread resolved; it stays in the history. Reviewers resolve. */
export async function resolveComment(reportId: string, commentId: string, actor: Actor): Promise<void> {
  const c = await prisma.comment.findUnique({ where: { id: commentId } })
  if (!c || c.reportId !== reportId || c.parentId) throw new ServiceError(404, 'not_found', '意见不存在')
  const row = await prisma.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { version: true, agencyId: true },
  })
  if (!rolesOn(actor, row.agencyId).includes('reviewer')) {
    throw new ServiceError(403, 'forbidden', '只有审核人可以将意见标记为已处理。')
  }
  if (c.resolvedAt) return
  await prisma.$transaction(async (tx) => {
    await tx.comment.update({
      where: { id: commentId },
      data: { resolvedAt: new Date(), resolvedById: actor.id },
    })
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: 'resolve',
        version: row.version,
        actor: actor.id,
        summary: JSON.stringify({ commentId, anchor: c.anchor }),
      },
    })
  })
}

// ————— history —————

export interface HistoryEntry {
  id: string
  kind: string
  /** 保存、提交审核、退回修改、… */
  label: string
  actor: string | null
  /** ISO 8601 */
  at: string
  version: number
  /** Changed cells and narratives, labelled from the format. */
  changes: { path: string; label: string }[]
  /** Total changed paths (changes is capped). */
  changeCount: number
  reason: string | null
  note: string | null
}

const EVENT_LABELS: Record<string, string> = {
  create: '新建',
  import: '导入',
  save: '保存',
  comment: '提出审核意见',
  reply: '回复审核意见',
  resolve: '意见已处理',
  ...Object.fromEntries(
    ['complete', 'reopen', 'submit', 'return', 'approve', 'publish', 'correct'].map((id) => [
      id,
      transitionById(id)?.done ?? id,
    ]),
  ),
}

function pathLabel(format: FormatDef, path: string): string {
  const p = path.replace(/^sections\./, '')
  const cell = cellByPath(format, p)
  if (cell) return cell.label
  const narrative = format.sections.find((s) => narrativePath(s) === p)
  if (narrative) return `${narrative.heading}（正文）`
  if (p.startsWith('explanations.')) return '情况说明'
  return p
}

/** The report's audit history, newest first. */
export async function reportHistory(reportId: string): Promise<HistoryEntry[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, select: { formatVersion: true } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const events = await prisma.reportEvent.findMany({
    where: { reportId },
    orderBy: [{ createdAt: 'desc' }, { version: 'desc' }],
  })
  const name = await userNames(events.map((e) => e.actor))
  return events.map((e) => {
    const summary = JSON.parse(e.summary || '{}') as {
      changed?: string[]
      reason?: string
      body?: string
      anchor?: string
      notices?: string[]
      reopened?: boolean
    }
    const changed = summary.changed ?? []
    const note =
      summary.body !== undefined
        ? `${summary.anchor ? `${anchorLabel(format, summary.anchor) ?? summary.anchor}：` : ''}${summary.body}`
        : summary.anchor
          ? (anchorLabel(format, summary.anchor) ?? summary.anchor)
          : summary.reopened
            ? '已完成的年报因修改改回草稿'
            : null
    return {
      id: e.id,
      kind: e.kind,
      label: EVENT_LABELS[e.kind] ?? e.kind,
      actor: name(e.actor),
      at: e.createdAt.toISOString(),
      version: e.version,
      changes: changed.slice(0, 50).map((p) => ({ path: p, label: pathLabel(format, p) })),
      changeCount: changed.length,
      reason: summary.reason ?? null,
      note,
    }
  })
}

// ————— versions —————

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
}

export async function listVersions(reportId: string): Promise<VersionSummary[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId } })
  if (!row) throw notFound()
  const versions = await prisma.reportVersion.findMany({ where: { reportId }, orderBy: { number: 'asc' } })
  const corrections = await prisma.reportEvent.findMany({
    where: { reportId, kind: 'correct' },
    orderBy: { createdAt: 'asc' },
  })
  const name = await userNames([
    ...versions.flatMap((v) => [v.approvedById, v.publishedById]),
    ...corrections.map((c) => c.actor),
  ])
  const out: VersionSummary[] = versions.map((v) => ({
    key: String(v.number),
    number: v.number,
    label: `第${v.number}版`,
    state: v.publishedAt ? '已发布' : '已审核',
    approvedAt: v.approvedAt.toISOString(),
    approvedBy: name(v.approvedById),
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: name(v.publishedById),
    note: null,
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
      note:
        opened && row.edition > 1
          ? `${name(opened.actor) ?? ''} 于 ${opened.createdAt.toISOString()} 开启更正：${(JSON.parse(opened.summary) as { reason?: string }).reason ?? ''}`
          : null,
    })
  }
  return out
}

/** The content of a frozen version (by number) or of the working copy ('working'). */
export async function versionContent(reportId: string, key: string): Promise<{ report: ReportData; label: string }> {
  const row = await prisma.report.findUnique({ where: { id: reportId } })
  if (!row) throw notFound()
  if (key === 'working') return { report: JSON.parse(row.content) as ReportData, label: `第${row.edition}版（当前）` }
  const number = Number(key)
  const v = Number.isInteger(number)
    ? await prisma.reportVersion.findUnique({ where: { reportId_number: { reportId, number } } })
    : null
  if (!v) throw new ServiceError(404, 'not_found', `第${key}版不存在`)
  return { report: JSON.parse(v.content) as ReportData, label: `第${v.number}版` }
}

export async function compareVersions(
  reportId: string,
  a: string,
  b: string,
): Promise<{ a: string; b: string; diff: ReportDiff }> {
  const [left, right] = await Promise.all([versionContent(reportId, a), versionContent(reportId, b)])
  const format = formatOf(left.report.formatVersion)
  return { a: left.label, b: right.label, diff: diffReports(left.report, right.report, format) }
}

// ————— lists —————

export interface ListedReport {
  id: string
  agencyId: string
  agencyName: string
  agencyType: string
  year: number
  formatVersion: string
  status: ReportState
  statusLabel: string
  edition: number
  /** ISO 8601 */
  updatedAt: string
  errorCount: number
  warningCount: number
  /** Review comments not yet resolved. */
  openComments: number
  deadline: string
  deadlineStatus: DeadlineStatus
  /** A frozen version exists: the downloads are the finished document. */
  finished: boolean
  /** When it was submitted (for the reviewer's queue). */
  submittedAt: string | null
}

export interface ListFilter {
  agencyIds: readonly string[]
  year?: number
  states?: readonly ReportState[]
  /** 'YYYY-MM-DD' in China; defaults to today. */
  today?: string
}

export async function listReportsFor(filter: ListFilter): Promise<ListedReport[]> {
  const rows = await prisma.report.findMany({
    where: {
      agencyId: { in: [...filter.agencyIds] },
      ...(filter.year ? { year: filter.year } : {}),
      ...(filter.states ? { status: { in: [...filter.states] } } : {}),
    },
    // Not the content: the counts are stored beside it.
    select: {
      id: true,
      agencyId: true,
      year: true,
      formatVersion: true,
      status: true,
      edition: true,
      version: true,
      updatedAt: true,
      errorCount: true,
      warningCount: true,
      blankCount: true,
      agency: true,
      comments: { where: { parentId: null, resolvedAt: null }, select: { id: true } },
      versions: { select: { number: true, publishedAt: true }, orderBy: { number: 'desc' }, take: 1 },
      events: { where: { kind: 'submit' }, select: { createdAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
    },
    orderBy: [{ year: 'desc' }, { updatedAt: 'desc' }],
  })
  const today = filter.today ?? chinaToday()
  const overrides = deadlineOverridesFrom(process.env.NIANBAO_DEADLINES)
  const counts = await countsFor(rows)
  return rows.map((row) => {
    const { errorCount, warningCount } = counts.get(row.id) as ReportCounts
    const deadline = statutoryDeadline(row.agency.type, row.year, overrides)
    const publishedAt = row.versions[0]?.publishedAt
    return {
      id: row.id,
      agencyId: row.agencyId,
      agencyName: row.agency.name,
      agencyType: row.agency.type,
      year: row.year,
      formatVersion: row.formatVersion,
      status: row.status as ReportState,
      statusLabel: stateLabel(row.status),
      edition: row.edition,
      updatedAt: row.updatedAt.toISOString(),
      errorCount,
      warningCount,
      openComments: row.comments.length,
      deadline,
      deadlineStatus: deadlineStatus(deadline, row.status, today, publishedAt ? chinaToday(publishedAt) : undefined),
      finished: row.versions.length > 0,
      submittedAt: row.events[0]?.createdAt.toISOString() ?? null,
    }
  })
}

/** The agencies under a government (its own and every department below it), for coordinators. */
export async function agencyTree(rootIds: readonly string[]): Promise<{ id: string; name: string; type: string }[]> {
  const all = await prisma.agency.findMany({ select: { id: true, name: true, type: true, parentId: true } })
  const out = new Map<string, { id: string; name: string; type: string }>()
  let frontier = all.filter((a) => rootIds.includes(a.id))
  while (frontier.length) {
    for (const a of frontier) out.set(a.id, { id: a.id, name: a.name, type: a.type })
    const ids = new Set(frontier.map((a) => a.id))
    frontier = all.filter((a) => a.parentId && ids.has(a.parentId) && !out.has(a.id))
  }
  return [...out.values()]
}

/** Whether the content may be saved now, as the save path asks it. */
export function editableState(status: string): boolean {
  return isEditable(status) && STATES[status as ReportState] !== undefined
}

// ————— roles and the desk —————

export interface AgencyOverviewRow {
  agencyId: string
  agencyName: string
  agencyType: string
  deadline: string
  deadlineStatus: DeadlineStatus
  /** The year's report, or null when the agency has not started it. */
  report: ListedReport | null
}

export interface Desk {
  year: number
  years: number[]
  /** Officer: the agency's reports by year. */
  officer: ListedReport[] | null
  /** Reviewer: submitted reports waiting for review. */
  reviewer: ListedReport[] | null
  /** Coordinator: every agency under the government, for the year. */
  coordinator: AgencyOverviewRow[] | null
}

/** What each of the user's roles needs to see, for one year (the coordinator's view). */
export async function deskFor(actor: Actor, year: number | undefined, today = chinaToday()): Promise<Desk> {
  const of = (role: string) => [...new Set(actor.memberships.filter((m) => m.role === role).map((m) => m.agencyId))]
  const coordinated = of('coordinator').length ? await agencyTree(of('coordinator')) : []
  const scope = [...new Set([...of('officer'), ...of('reviewer'), ...coordinated.map((a) => a.id)])]
  const yearsFound = await prisma.report.findMany({
    where: { agencyId: { in: scope } },
    select: { year: true },
    distinct: ['year'],
    orderBy: { year: 'desc' },
  })
  const years = yearsFound.map((y) => y.year)
  const chosen = year ?? years[0] ?? Number(today.slice(0, 4)) - 1
  const officer = of('officer').length ? await listReportsFor({ agencyIds: of('officer'), today }) : null
  const reviewer = of('reviewer').length
    ? await listReportsFor({ agencyIds: of('reviewer'), states: ['submitted'], today })
    : null
  let coordinator: AgencyOverviewRow[] | null = null
  if (coordinated.length) {
    const reports = await listReportsFor({ agencyIds: coordinated.map((a) => a.id), year: chosen, today })
    const overrides = deadlineOverridesFrom(process.env.NIANBAO_DEADLINES)
    coordinator = coordinated
      .map((a) => {
        const report = reports.find((r) => r.agencyId === a.id) ?? null
        const deadline = report?.deadline ?? statutoryDeadline(a.type, chosen, overrides)
        return {
          agencyId: a.id,
          agencyName: a.name,
          agencyType: a.type,
          deadline,
          deadlineStatus: report?.deadlineStatus ?? deadlineStatus(deadline, 'none', today),
          report,
        }
      })
      // The government's own report first, then departments by name.
      .sort((x, y) =>
        x.agencyType === y.agencyType
          ? x.agencyName.localeCompare(y.agencyName, 'zh-CN')
          : x.agencyType === 'government'
            ? -1
            : 1,
      )
  }
  return { year: chosen, years: years.includes(chosen) ? years : [chosen, ...years], officer, reviewer, coordinator }
}
