/**
 * The 政务公开办's year board (decision 0270): for a government and a reporting year, every agency
 * under it with its report's state (未创建 when there is none), findings, deadline, the dates of
 * submission, approval and publication and the last activity; the counts of the whole board at
 * the top; filters and pages computed in the database (lib/data/board-table.ts).
 */
import 'server-only'
import type { Actor, ActorSummary } from '@/lib/auth/permissions'
import { chinaYear } from '@/lib/china-time'
import { type BoardRow, type BoardStateFilter, boardCounts, boardPage } from '@/lib/data/board-table'
import { prisma } from '@/lib/db'
import { chinaToday, type DeadlineStatus, daysBetween, deadlineStatus, lateFrom } from '@/lib/workflow/deadlines'
import { stateLabel } from '@/lib/workflow/workflow'
import { ServiceError } from './errors'
import { coordinates, deadlinesOf, governmentSettings, requireGovernment } from './government-settings'

export type { BoardStateFilter }

export const BOARD_STATES: { id: BoardStateFilter; label: string }[] = [
  { id: 'none', label: '未创建' },
  { id: 'draft', label: '草稿' },
  { id: 'complete', label: '已完成' },
  { id: 'submitted', label: '已提交' },
  { id: 'returned', label: '已退回' },
  { id: 'approved', label: '已审核' },
  { id: 'published', label: '已发布' },
  { id: 'withdrawn', label: '已撤回发布' },
]

/** The first reporting year under the 条例 (in force from 2008). */
export const FIRST_YEAR = 2008

/** The year a board opens on: the year just ended, in China. */
export const defaultBoardYear = (now: Date = new Date()) => chinaYear(now) - 1

/** Every year a board offers, newest first: from this year down to 2008, reports or not. */
export function boardYears(now: Date = new Date()): number[] {
  const out: number[] = []
  for (let y = chinaYear(now); y >= FIRST_YEAR; y--) out.push(y)
  return out
}

export interface BoardOptions {
  year?: number
  states?: readonly BoardStateFilter[]
  overdue?: boolean
  /** Only reports first published after their deadline (逾期发布). */
  publishedLate?: boolean
  hasErrors?: boolean
  name?: string
  page?: number
  pageSize?: number
  /** 'YYYY-MM-DD' in China; defaults to today. */
  today?: string
}

export interface BoardEntry {
  agencyId: string
  agencyCode: string
  agencyName: string
  agencyType: string
  reportId: string | null
  /** The report's state, 'none' (未创建) or 'correcting' (published, a correction under way). */
  state: string
  stateLabel: string
  formatVersion: string | null
  version: number | null
  errorCount: number | null
  warningCount: number | null
  openComments: number
  deadline: string
  deadlineStatus: DeadlineStatus
  /** ISO 8601 times, null when it has not happened. */
  submittedAt: string | null
  approvedAt: string | null
  publishedAt: string | null
  /** Days the first publication came after the deadline (条例第四十九条); null when not late or not published. */
  publishedLateDays: number | null
  lastActivityAt: string | null
}

export interface YearBoard {
  government: { id: string; name: string; code: string }
  year: number
  years: number[]
  today: string
  deadlines: Record<'government' | 'department', string>
  counts: {
    total: number
    published: number
    correcting: number
    overdue: number
    /** Reports first published after their deadline. */
    publishedLate: number
    withdrawn: number
    notCreated: number
    submitted: number
    approved: number
    withErrors: number
  }
  /** Rows the filters leave, and the page of them. */
  matching: number
  page: number
  pages: number
  pageSize: number
  rows: BoardEntry[]
}

export const BOARD_PAGE_SIZE = 50

/** The governments whose boards this user may open: coordinated ones; every government for an administrator. */
export async function boardGovernments(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (actor.isAdmin) {
    return prisma.agency.findMany({
      where: { type: 'government' },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    })
  }
  const ids = [...new Set(actor.memberships.filter((m) => m.role === 'coordinator').map((m) => m.agencyId))]
  return prisma.agency.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
}

/** Whether the header offers 填报进度: a coordinator of some government, or an administrator (decision 0350). */
export function coordinatesAny(actor: ActorSummary | null): boolean {
  return !!actor && (actor.isAdmin || actor.memberships.some((m) => m.role === 'coordinator'))
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function labelOf(state: string): string {
  if (state === 'none') return '未创建'
  if (state === 'correcting') return '已发布（更正中）'
  return stateLabel(state)
}

function entryOf(row: BoardRow, deadlines: Record<'government' | 'department', string>, today: string): BoardEntry {
  const deadline = row.agencyType === 'government' ? deadlines.government : deadlines.department
  // A report under correction has been published: the deadline was met by its published version.
  const effective = row.boardState === 'correcting' ? 'published' : row.boardState
  // Lateness is the first publication's: a correction published later does not make it late.
  const publishedOn = row.firstPublishedAt ? chinaToday(row.firstPublishedAt) : undefined
  const lateDays = publishedOn && row.publishedLate ? daysBetween(deadline, publishedOn) : null
  return {
    agencyId: row.agencyId,
    agencyCode: row.agencyCode,
    agencyName: row.agencyName,
    agencyType: row.agencyType,
    reportId: row.reportId,
    state: row.boardState,
    stateLabel: labelOf(row.boardState),
    formatVersion: row.formatVersion,
    version: row.version,
    errorCount: row.errorCount,
    warningCount: row.warningCount,
    openComments: row.openComments,
    deadline,
    deadlineStatus: deadlineStatus(deadline, effective, today, publishedOn),
    submittedAt: iso(row.submittedAt),
    approvedAt: iso(row.approvedAt),
    publishedAt: iso(row.publishedAt),
    publishedLateDays: lateDays,
    lastActivityAt: iso(row.lastEventAt ?? row.updatedAt),
  }
}

/** The board of a government for a year; refused unless the user coordinates it (or administers). */
export async function yearBoard(actor: Actor, governmentId: string, options: BoardOptions = {}): Promise<YearBoard> {
  const government = await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId))
    throw new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以查看填报进度')
  return boardOf(government, options)
}

/** The board without the access check (the bench and the reminders call it for a known government). */
export async function boardOf(
  government: { id: string; name: string; code: string },
  options: BoardOptions = {},
): Promise<YearBoard> {
  const year = options.year ?? defaultBoardYear()
  const today = options.today ?? chinaToday()
  const deadlines = deadlinesOf(await governmentSettings(government.id), year)
  const query = {
    governmentId: government.id,
    year,
    governmentPastDeadline: today > deadlines.government,
    departmentPastDeadline: today > deadlines.department,
    governmentLateFrom: lateFrom(deadlines.government),
    departmentLateFrom: lateFrom(deadlines.department),
    states: options.states,
    overdue: options.overdue,
    publishedLate: options.publishedLate,
    hasErrors: options.hasErrors,
    name: options.name?.trim() || undefined,
  }
  const pageSize = Math.min(500, Math.max(1, options.pageSize ?? BOARD_PAGE_SIZE))
  const counts = await boardCounts(query)
  const pages = Math.max(1, Math.ceil(counts.matching / pageSize))
  const page = Math.min(Math.max(1, options.page ?? 1), pages)
  const rows = await boardPage(query, pageSize, (page - 1) * pageSize)
  const { matching, ...totals } = counts
  return {
    government: { id: government.id, name: government.name, code: government.code },
    year,
    years: boardYears(),
    today,
    deadlines,
    counts: totals,
    matching,
    page,
    pages,
    pageSize,
    rows: rows.map((row) => entryOf(row, deadlines, today)),
  }
}
