/**
 * Dates and times as the users read them: China time, 24-hour clock (2026/1/31 17:05:09),
 * the same on the server and in the browser. One formatter, made once: building an
 * Intl formatter per call cost a list of 200 reports about as much as rendering it.
 */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour12: false,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** '' for a missing or unreadable time. */
export function chinaDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return ''
  const date = iso instanceof Date ? iso : new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : DATE_TIME.format(date)
}

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

function chinaParts(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' }
  for (const p of PARTS.formatToParts(date)) if (p.type in out) out[p.type as keyof typeof out] = p.value
  return out
}

const toDate = (iso: string | Date | null | undefined): Date | null => {
  if (!iso) return null
  const date = iso instanceof Date ? iso : new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** China time of day, 24-hour clock: “17:05:09” (the editor's 已保存). '' for a missing time. */
export function chinaClock(iso: string | Date | null | undefined): string {
  const date = toDate(iso)
  if (!date) return ''
  const p = chinaParts(date)
  return `${p.hour}:${p.minute}:${p.second}`
}

/**
 * A sortable China time for files: “2027-01-31 17:05:09” (the audit CSV, with the zone named
 * in its header). '' for a missing time.
 */
export function chinaTimestamp(iso: string | Date | null | undefined): string {
  const date = toDate(iso)
  if (!date) return ''
  const p = chinaParts(date)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

/** The year in China now (a new report's default year turns at midnight in Beijing). */
export function chinaYear(now: Date = new Date()): number {
  return Number(chinaParts(now).year)
}

/** 2022-01-20 → 2022年1月20日 (GB/T 9704 dates use Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.trim())
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${year}年${month}月${day}日`
}
