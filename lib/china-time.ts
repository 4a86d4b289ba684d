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
