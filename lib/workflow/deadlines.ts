/**
 * Statutory deadlines (《政府信息公开条例》第四十九、五十条): a department publishes its report for
 * year Y by 31 January of Y+1, a government its own report by 31 March of Y+1. Both can be moved
 * (a province may set earlier dates): overrides are 'MM-DD' (in Y+1) or a full 'YYYY-MM-DD'.
 * Dates are calendar dates in China (Asia/Shanghai); a report is overdue from the day after.
 */
import type { AgencyType } from '@/lib/format/types'

export type DeadlineOverrides = Partial<Record<AgencyType, string>>

export const DEFAULT_DEADLINES: Record<AgencyType, string> = { department: '01-31', government: '03-31' }

const MONTH_DAY = /^(\d{2})-(\d{2})$/
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/** The deadline for the report of `year` as 'YYYY-MM-DD'. */
export function statutoryDeadline(agencyType: string, year: number, overrides: DeadlineOverrides = {}): string {
  const type: AgencyType = agencyType === 'government' ? 'government' : 'department'
  for (const rule of [overrides[type], DEFAULT_DEADLINES[type]]) {
    if (!rule) continue
    const full = FULL_DATE.exec(rule)
    if (full && validDate(Number(full[1]), Number(full[2]), Number(full[3]))) return rule
    const md = MONTH_DAY.exec(rule)
    if (md && validDate(year + 1, Number(md[1]), Number(md[2]))) return `${year + 1}-${md[1]}-${md[2]}`
  }
  return `${year + 1}-${DEFAULT_DEADLINES[type]}`
}

/** Overrides from the environment: NIANBAO_DEADLINES="department=01-20,government=03-31". */
export function deadlineOverridesFrom(value: string | undefined): DeadlineOverrides {
  const out: DeadlineOverrides = {}
  for (const part of (value ?? '').split(',')) {
    const [key, date] = part.split('=').map((s) => s.trim())
    if ((key === 'department' || key === 'government') && date && (MONTH_DAY.test(date) || FULL_DATE.test(date))) {
      out[key] = date
    }
  }
  return out
}

/** Today's date in China as 'YYYY-MM-DD'. */
// One formatter for all calls: making one costs more than a list row (lists call this per published report).
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

export function chinaToday(now: Date = new Date()): string {
  const parts = CHINA_DAY.formatToParts(now)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/**
 * The 落款 date offered for a download: the approval date (in China) when the document comes from
 * an approved version, so it stays the same document; else today's date in China (not UTC: before
 * 08:00 in Beijing, UTC is still yesterday).
 */
export function signatureDateDefault(approvedAt: string | null | undefined, now: Date = new Date()): string {
  return approvedAt ? chinaToday(new Date(approvedAt)) : chinaToday(now)
}

/** Days from one 'YYYY-MM-DD' to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [from, to].map((d) => {
    const [y, m, day] = d.split('-').map(Number)
    return Date.UTC(y, m - 1, day)
  })
  return Math.round((b - a) / 86_400_000)
}

/**
 * The instant from which a publication is late: 00:00 in China (UTC+8, no daylight saving) of
 * the day after the deadline, i.e. 16:00 UTC of the deadline day.
 */
export function lateFrom(deadline: string): Date {
  return new Date(`${deadline}T16:00:00.000Z`)
}

export type DeadlineStatus =
  | { kind: 'met'; label: string }
  | { kind: 'open'; daysLeft: number; label: string }
  | { kind: 'dueSoon'; daysLeft: number; label: string }
  | { kind: 'overdue'; daysOver: number; label: string }

/** Days before the deadline from which an unpublished report is flagged. */
export const DUE_SOON_DAYS = 14

/**
 * Where a report stands against its deadline: published reports have met it (a late one was
 * late, but the list's question is what still needs doing); others are open, due soon or overdue.
 */
export function deadlineStatus(deadline: string, state: string, today: string, publishedOn?: string): DeadlineStatus {
  if (state === 'published') {
    const late = publishedOn ? daysBetween(deadline, publishedOn) : 0
    return { kind: 'met', label: late > 0 ? `已发布（逾期${late}天）` : '已发布' }
  }
  const left = daysBetween(today, deadline)
  if (left < 0) return { kind: 'overdue', daysOver: -left, label: `已逾期${-left}天` }
  if (left <= DUE_SOON_DAYS)
    return { kind: 'dueSoon', daysLeft: left, label: left === 0 ? '今天到期' : `还剩${left}天` }
  return { kind: 'open', daysLeft: left, label: `还剩${left}天` }
}
