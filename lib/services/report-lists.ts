/**
 * The one list of reports every page shows (the home list, the desk's tables, GET /api/reports):
 * one query (lib/data/report-table.ts listReportRows) and one row type, with the rule counts
 * stored beside the content and the deadline of each report.
 */
import 'server-only'
import {
  type AgencyScope,
  countReportRows,
  type ListedReportRow,
  type ListWindow,
  listReportRows,
} from '@/lib/data/report-table'
import {
  chinaToday,
  type DeadlineStatus,
  deadlineOverridesFrom,
  deadlineStatus,
  statutoryDeadline,
} from '@/lib/workflow/deadlines'
import type { ReportKind, ReportScope } from '@/lib/report/identity'
import { type ReportState, stateLabel } from '@/lib/workflow/workflow'
import { countsFor, type ReportCounts } from './report-counts'

export type { AgencyScope, ListWindow }

/**
 * Which agencies' reports a list shows: 'all' (administrators), agencies by id, or a scope
 * whose subtrees the statement walks (readScope of lib/auth/permissions.ts).
 */
export type AgencyFilter = 'all' | readonly string[] | AgencyScope

const isEmpty = (agencies: AgencyFilter) =>
  agencies !== 'all' &&
  ('subtrees' in agencies ? agencies.agencies.length + agencies.subtrees.length === 0 : agencies.length === 0)

export interface ListOptions extends ListWindow {
  year?: number
  states?: readonly ReportState[]
  /** 'YYYY-MM-DD' in China, for the deadlines; defaults to today. */
  today?: string
}

export interface ListedReport {
  id: string
  /** With the agency and the year, which report this is (lib/report/identity.ts). */
  kind: ReportKind
  /** 'self' 本级 or 'region' 全区. */
  scope: ReportScope
  agencyId: string
  agencyCode: string
  agencyName: string
  agencyType: string
  agencyLevel: string | null
  year: number
  formatVersion: string
  status: ReportState
  statusLabel: string
  /** The content version (for a save or a transition from the list). */
  version: number
  edition: number
  /** ISO 8601 */
  updatedAt: string
  /** Failing error rules. */
  errorCount: number
  /** Failing warnings (blank cells not counted: see blankCount). */
  warningCount: number
  /** Blank cells and narratives. */
  blankCount: number
  /** Review comments not yet resolved. */
  openComments: number
  deadline: string
  deadlineStatus: DeadlineStatus
  /** A frozen version exists: the downloads are the finished document. */
  finished: boolean
  /** When a report under review was submitted (the reviewer's queue); null in other states. */
  submittedAt: string | null
}

/** The statutory deadline of an agency's report for a year, and how the report stands to it. */
export function deadlineOf(
  agencyType: string,
  year: number,
  status: string,
  today: string,
  publishedAt?: Date | null,
): { deadline: string; deadlineStatus: DeadlineStatus } {
  const deadline = statutoryDeadline(agencyType, year, deadlineOverridesFrom(process.env.NIANBAO_DEADLINES))
  const published = publishedAt ? chinaToday(publishedAt) : undefined
  return { deadline, deadlineStatus: deadlineStatus(deadline, status, today, published) }
}

/** How many reports a list of these agencies holds. */
export async function countReports(agencies: AgencyFilter = 'all', options: ListOptions = {}): Promise<number> {
  if (isEmpty(agencies)) return 0
  return countReportRows({ agencies, year: options.year, states: options.states })
}

/** Newest year first, then most recently changed; a page of it with `limit` and `offset`. */
export async function listReports(agencies: AgencyFilter = 'all', options: ListOptions = {}): Promise<ListedReport[]> {
  if (isEmpty(agencies)) return []
  const { rows } = await listReportRows({ agencies, year: options.year, states: options.states }, options)
  return listed(rows, options.today)
}

/** One page of a list, numbered from 1; past the end, the last page. */
export interface ReportPage {
  reports: ListedReport[]
  /** Reports in the whole list. */
  total: number
  page: number
  pages: number
}

/**
 * A page of the list and the list's size, from one statement (decision 0510); a page number
 * past the end costs a second one and gives the last page.
 */
export async function listReportPage(
  agencies: AgencyFilter,
  { page, pageSize, ...options }: Omit<ListOptions, keyof ListWindow> & { page: number; pageSize: number },
): Promise<ReportPage> {
  if (isEmpty(agencies)) return { reports: [], total: 0, page: 1, pages: 1 }
  const filter = { agencies, year: options.year, states: options.states }
  const window = (n: number) => ({ limit: pageSize, offset: (n - 1) * pageSize })
  let shown = Math.max(1, Math.floor(page))
  let { rows, total } = await listReportRows(filter, window(shown))
  if (rows.length === 0 && shown > 1) {
    total = await countReportRows(filter)
    shown = Math.max(1, Math.ceil(total / pageSize))
    ;({ rows } = await listReportRows(filter, window(shown)))
  }
  return {
    reports: await listed(rows, options.today),
    total,
    page: shown,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  }
}

async function listed(rows: ListedReportRow[], today = chinaToday()): Promise<ListedReport[]> {
  const counts = await countsFor(rows)
  return rows.map((row) => {
    return {
      id: row.id,
      kind: row.kind as ReportKind,
      scope: row.scope as ReportScope,
      agencyId: row.agencyId,
      agencyCode: row.agencyCode,
      agencyName: row.agencyName,
      agencyType: row.agencyType,
      agencyLevel: row.agencyLevel,
      year: row.year,
      formatVersion: row.formatVersion,
      status: row.status as ReportState,
      statusLabel: stateLabel(row.status),
      version: row.version,
      edition: row.edition,
      updatedAt: row.updatedAt.toISOString(),
      ...(counts.get(row.id) as ReportCounts),
      openComments: row.openComments,
      ...deadlineOf(row.agencyType, row.year, row.status, today, row.publishedAt),
      finished: row.latestVersion !== null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
    }
  })
}
