/**
 * The board's charts (decision 0350): progress toward the deadline, 表三's outcome shares and
 * 表三's totals year on year for a government's agencies, each as data (for the table that
 * stands in for it) and as server-drawn SVG (inline on the board, in print, as a download).
 */
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import {
  outcomeShares,
  type ProgressSeries,
  progressSeries,
  type Share,
  type YearTotals,
  yearTotals,
} from '@/lib/charts/board-charts'
import { outcomeSvg, progressSvg, yearsSvg } from '@/lib/charts/render'
import { applicationsByYear, boardMilestones } from '@/lib/data/board-charts'
import { CURRENT_FORMAT, FORMATS, formatFor } from '@/lib/format/index'
import { chinaToday } from '@/lib/workflow/deadlines'
import { ServiceError } from './errors'
import { coordinates, deadlinesOf, governmentSettings, requireGovernment } from './government-settings'

export const CHART_KINDS = ['progress', 'outcomes', 'years'] as const
export type ChartKind = (typeof CHART_KINDS)[number]

/** How many years the year-on-year chart shows, ending with the board's year. */
export const CHART_YEARS = 5

export interface BoardCharts {
  government: { id: string; name: string }
  year: number
  progress: { data: ProgressSeries; svg: string }
  outcomes: { data: Share[]; reports: number; svg: string }
  years: { data: YearTotals; svg: string }
}

const parse = (text: string | null): Record<string, unknown> | null => {
  if (!text) return null
  try {
    const value = JSON.parse(text) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The outcome shares summed over reports of either format (（六）其他处理 has the same key in both). */
export function sharesOver(reports: readonly { formatVersion: string; applications: Record<string, unknown> }[]) {
  const labels = outcomeShares(FORMATS[CURRENT_FORMAT], () => null)
  const sums = new Map(labels.map((s) => [s.key, 0]))
  for (const r of reports) {
    const format = formatFor(r.formatVersion)
    if (!format) continue
    const shares = outcomeShares(format, (path) => {
      const [, row, column] = path.split('.')
      const value = (r.applications[row] as Record<string, unknown> | undefined)?.[column]
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
    })
    for (const s of shares) if (sums.has(s.key)) sums.set(s.key, (sums.get(s.key) ?? 0) + s.value)
  }
  return labels.map((s) => ({ ...s, value: sums.get(s.key) ?? 0 }))
}

/** The three charts of a government's board for a year; the coordinator or an administrator. */
export async function boardCharts(
  actor: Actor,
  governmentId: string,
  year: number,
  today: string = chinaToday(),
): Promise<BoardCharts> {
  const government = await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId))
    throw new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以查看填报进度')
  const deadlines = deadlinesOf(await governmentSettings(governmentId), year)
  const milestones = await boardMilestones(governmentId, year)
  const day = (d: Date | null) => (d ? chinaToday(d) : null)
  const progress = progressSeries(
    year,
    milestones
      .filter((m) => m.reportId)
      .map((m) => ({ submitted: day(m.submittedAt), approved: day(m.approvedAt), published: day(m.publishedAt) })),
    milestones.length,
    [
      { label: '部门', date: deadlines.department },
      { label: '人民政府', date: deadlines.government },
    ],
    today,
  )
  const from = year - CHART_YEARS + 1
  const rows = (await applicationsByYear(governmentId, from, year))
    .map((r) => ({ year: r.year, formatVersion: r.formatVersion, applications: parse(r.applications) }))
    .filter(
      (r): r is { year: number; formatVersion: string; applications: Record<string, unknown> } => !!r.applications,
    )
  const ofYear = rows.filter((r) => r.year === year)
  const shares = sharesOver(ofYear)
  const years = yearTotals(
    FORMATS[CURRENT_FORMAT],
    Array.from({ length: CHART_YEARS }, (_, i) => from + i),
    rows,
  )
  return {
    government: { id: government.id, name: government.name },
    year,
    progress: { data: progress, svg: progressSvg(progress) },
    outcomes: { data: shares, reports: ofYear.length, svg: outcomeSvg(shares, `${year}年度申请办理结果`) },
    years: { data: years, svg: yearsSvg(years) },
  }
}
