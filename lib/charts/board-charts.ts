/**
 * The board's charts as data (decision 0350), pure: progress toward the deadline (how many
 * reports were submitted, approved and published by each day of the reporting season), the
 * shares of 表三's 办理结果 across agencies, and 表三's main totals year by year. Every label
 * comes from the format definition.
 */
import { dataRows } from '@/lib/format/cells'
import type { FormatDef, MatrixTableDef, RowNode } from '@/lib/format/types'
import { APPLICATION_KEYS, APPLICATIONS_TOTAL_COLUMN } from '@/lib/format/shared-parts'

export interface Milestones {
  /** 'YYYY-MM-DD' in China, or null when it has not happened. */
  submitted: string | null
  approved: string | null
  published: string | null
}

export interface ProgressSeries {
  /** Agencies on the board (the goal line). */
  total: number
  /** Every day of the season, 'YYYY-MM-DD'. */
  days: string[]
  /** How many reports had been submitted (or gone further) by the end of each day. */
  submitted: number[]
  approved: number[]
  published: number[]
  /** The deadlines shown on the chart. */
  deadlines: { label: string; date: string }[]
}

const DAY = 86_400_000
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY
const dayText = (n: number) => new Date(n * DAY).toISOString().slice(0, 10)

/**
 * The season runs from 1 January of the next year (or the first milestone, if earlier) to the
 * later of the last deadline and today (or the last milestone). A report approved without a
 * submit event (imported) counts as submitted when approved; published likewise.
 */
export function progressSeries(
  year: number,
  milestones: readonly Milestones[],
  total: number,
  deadlines: { label: string; date: string }[],
  today: string,
): ProgressSeries {
  const reached = milestones.map((m) => {
    const published = m.published
    const approved = m.approved ?? published
    const submitted = [m.submitted, approved].filter((d): d is string => d !== null).sort()[0] ?? null
    return { submitted, approved, published }
  })
  const all = reached.flatMap((m) => [m.submitted, m.approved, m.published]).filter((d): d is string => d !== null)
  const seasonStart = `${year + 1}-01-01`
  const lastDeadline =
    deadlines
      .map((d) => d.date)
      .sort()
      .at(-1) ?? `${year + 1}-03-31`
  const start = Math.min(dayNumber(seasonStart), ...all.map(dayNumber))
  // Past the deadline the season runs on to today, but never for more than a year.
  const end = Math.min(
    Math.max(
      dayNumber(lastDeadline),
      Math.min(dayNumber(today), dayNumber(`${year + 2}-01-01`)),
      ...all.map(dayNumber),
    ),
    start + 800,
  )
  const days: string[] = []
  for (let d = start; d <= end; d++) days.push(dayText(d))
  const cumulative = (pick: (m: (typeof reached)[number]) => string | null) => {
    const perDay = new Array<number>(days.length).fill(0)
    for (const m of reached) {
      const d = pick(m)
      if (d !== null) perDay[Math.min(days.length - 1, Math.max(0, dayNumber(d) - start))]++
    }
    for (let i = 1; i < perDay.length; i++) perDay[i] += perDay[i - 1]
    return perDay
  }
  return {
    total,
    days,
    submitted: cumulative((m) => m.submitted),
    approved: cumulative((m) => m.approved),
    published: cumulative((m) => m.published),
    deadlines,
  }
}

function applicationsTable(format: FormatDef): MatrixTableDef {
  const section = format.sections.find((s) => s.kind === 'table' && s.key === 'applications')
  if (!section || section.kind !== 'table' || section.table.kind !== 'matrix')
    throw new Error(`format ${format.version} has no table 三`)
  return section.table
}

/** A row label without its enumerator and its explanation: （二）部分公开（区分处理的…） → 部分公开. */
export function shortLabel(label: string): string {
  return label
    .replace(/^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)/, '')
    .replace(/（[^）]*）$/, '')
    .replace(/政府信息公开申请数量$/, '')
}

export interface Share {
  key: string
  /** The format's label, e.g. （二）部分公开（区分处理的，只计这一情形，不计其他情形）. */
  label: string
  short: string
  value: number
}

/**
 * 三、本年度办理结果 by outcome (（一）予以公开 … （六）其他处理; （七）总计 is their sum and left
 * out), each the 总计 column summed over the outcome's rows. `cellValue` gives a cell's summed
 * value (null when blank).
 */
export function outcomeShares(format: FormatDef, cellValue: (path: string) => number | null): Share[] {
  const table = applicationsTable(format)
  const results = table.rows.find((n) => n.kind === 'rowGroup' && n.key === APPLICATION_KEYS.results)
  if (!results || results.kind !== 'rowGroup') throw new Error('no results group in table 三')
  const rowsOf = (node: RowNode) => (node.kind === 'row' ? [node] : dataRows(node.children))
  return results.children
    .filter((node) => node.key !== APPLICATION_KEYS.resultsTotal)
    .map((node) => ({
      key: node.key,
      label: node.label,
      short: shortLabel(node.label),
      value: rowsOf(node).reduce(
        (sum, r) => sum + (cellValue(`applications.${r.key}.${APPLICATIONS_TOTAL_COLUMN}`) ?? 0),
        0,
      ),
    }))
}

/** The rows of 表三 compared year on year, by key; their labels come from each year's format. */
export const YEAR_ROWS = [
  APPLICATION_KEYS.newReceived,
  APPLICATION_KEYS.carriedOver,
  APPLICATION_KEYS.resultsTotal,
  APPLICATION_KEYS.carriedForward,
] as const

export interface YearTotals {
  rows: { key: string; label: string; short: string }[]
  years: { year: number; reports: number; values: Record<string, number | null> }[]
}

/** A whole, non-negative count as stored, or null (blank, or a value that is not a count). */
const countOf = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null)

/**
 * 表三's totals per year over the reports given (each its 表三 section as stored). A year with
 * no report shows as no bar (null), not as 0.
 */
export function yearTotals(
  format: FormatDef,
  years: readonly number[],
  reports: readonly { year: number; applications: Record<string, unknown> | null }[],
): YearTotals {
  const rowsByKey = new Map(dataRows(applicationsTable(format).rows).map((r) => [r.key, r]))
  const rows = YEAR_ROWS.map((key) => {
    const label = rowsByKey.get(key)?.label ?? key
    return { key, label, short: shortLabel(label) }
  })
  return {
    rows,
    years: years.map((year) => {
      const values: Record<string, number | null> = {}
      const mine = reports.filter((r) => r.year === year && r.applications)
      for (const { key } of rows) {
        let sum: number | null = null
        for (const r of mine) {
          const row = (r.applications as Record<string, unknown>)[key]
          const n =
            row && typeof row === 'object' ? countOf((row as Record<string, unknown>)[APPLICATIONS_TOTAL_COLUMN]) : null
          if (n !== null) sum = (sum ?? 0) + n
        }
        values[key] = sum
      }
      return { year, reports: mine.length, values }
    }),
  }
}
