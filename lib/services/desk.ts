/** The desk: what each of a user's roles needs to see for one year. */
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import { agencyTree } from '@/lib/data/agency-table'
import { prisma } from '@/lib/db'
import { chinaToday, type DeadlineStatus } from '@/lib/workflow/deadlines'
import { boardYears } from './board'
import { deadlineOf, type ListedReport, listReports } from './report-lists'

export interface AgencyOverviewRow {
  agencyId: string
  agencyName: string
  agencyType: string
  agencyLevel: string | null
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
  const coordinated = await agencyTree(of('coordinator'))
  const scope = [...new Set([...of('officer'), ...of('reviewer'), ...coordinated.map((a) => a.id)])]
  const yearsFound = await prisma.report.findMany({
    where: { agencyId: { in: scope } },
    select: { year: true },
    distinct: ['year'],
    orderBy: { year: 'desc' },
  })
  const years = yearsFound.map((y) => y.year)
  // The year just ended in China unless one is asked for (any year, reports or not: decision 0270).
  const chosen = year ?? Number(today.slice(0, 4)) - 1
  const officer = of('officer').length ? await listReports(of('officer'), { today }) : null
  const reviewer = of('reviewer').length ? await listReports(of('reviewer'), { states: ['submitted'], today }) : null
  let coordinator: AgencyOverviewRow[] | null = null
  if (coordinated.length) {
    const reports = await listReports(
      coordinated.map((a) => a.id),
      { year: chosen, today },
    )
    coordinator = coordinated
      .map((a) => {
        // The agency's own report; a government's 全区汇总 is another kind beside it.
        const report = reports.find((r) => r.agencyId === a.id && r.kind === 'report') ?? null
        const { deadline, deadlineStatus } = report ?? deadlineOf(a.type, chosen, 'none', today)
        return {
          agencyId: a.id,
          agencyName: a.name,
          agencyType: a.type,
          agencyLevel: a.level,
          deadline,
          deadlineStatus,
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
  const offered = [...new Set([...boardYears(), ...years, chosen])].sort((x, y) => y - x)
  return { year: chosen, years: offered, officer, reviewer, coordinator }
}
