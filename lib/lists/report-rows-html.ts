/**
 * The rows of the one report list (components/home/report-table.tsx) as markup, written as a
 * string (docs/decisions/0510-list-pages-as-markup.md). As React elements, a page of 50 rows was
 * about 1,800 elements that a request serialised to the RSC payload, read back and rendered to
 * HTML: about two thirds of a list page's server CPU. Nothing in a row is interactive (links
 * only), so the rows are one string the page passes to its <tbody> whole. Every text and
 * attribute value goes through escapeHtml; the markup is the one React produced before.
 */
import { chinaDateTime } from '@/lib/china-time'
import { FORMATS } from '@/lib/format/index'
import { escapeHtml } from '@/lib/html-text'
import { REPORT_KIND_LABELS, REPORT_SCOPE_LABELS } from '@/lib/report/identity'
import { AGENCY_LEVEL_LABELS, AGENCY_TYPE_LABELS } from '@/lib/report/schema'
import type { ListedReport } from '@/lib/services/report-lists'
import type { DeadlineStatus } from '@/lib/workflow/deadlines'

/** An agency without the year's report (the coordinator's overview). */
export interface NotStarted {
  notStarted: true
  agencyId: string
  agencyName: string
  agencyType: string
  agencyLevel: string | null
  year: number
  deadline: string
  deadlineStatus: DeadlineStatus
}

export type ReportTableRow = ListedReport | NotStarted

const label = <T extends string>(labels: Record<T, string>, key: string | null) =>
  key ? (labels[key as T] ?? key) : ''

const text = (value: string | number) => escapeHtml(String(value))

function agencyCell(row: ReportTableRow): string {
  const kind =
    'notStarted' in row || (row.kind === 'report' && row.scope === 'self')
      ? null
      : row.kind === 'report'
        ? REPORT_SCOPE_LABELS[row.scope]
        : REPORT_KIND_LABELS[row.kind]
  const type = label(AGENCY_TYPE_LABELS, row.agencyType)
  const level = label(AGENCY_LEVEL_LABELS, row.agencyLevel)
  const name =
    'notStarted' in row ? text(row.agencyName) : `<a href="/reports/${text(row.id)}">${text(row.agencyName)}</a>`
  const kindMark = kind ? ` <span class="status">${text(kind)}</span>` : ''
  return `${name}${kindMark}<small class="muted"> ${text(type)}${level ? ` · ${text(level)}` : ''}</small>`
}

function deadlineCell(row: ReportTableRow): string {
  const kind = text(row.deadlineStatus.kind)
  const warn = row.deadlineStatus.kind === 'overdue' ? '⚠ ' : ''
  return `<td class="when">${text(row.deadline)}<br><small class="deadline-${kind}" data-deadline="${kind}">${warn}${text(row.deadlineStatus.label)}</small></td>`
}

const count = (n: number, bad: boolean) => `<td class="${bad && n ? 'num bad' : 'num'}">${n}</td>`

function downloadsCell(r: ListedReport): string {
  const id = text(r.id)
  const docx = r.finished
    ? `<a href="/api/reports/${id}/docx">Word</a>`
    : `<a href="/api/reports/${id}/docx" title="未经审核，带“草稿”标记">Word（草稿）</a>`
  return `<td class="downloads">${docx} <a href="/api/reports/${id}/html">网页</a> <a href="/reports/${id}/preview">预览</a></td>`
}

function rowHtml(row: ReportTableRow): string {
  const overdue = row.deadlineStatus.kind === 'overdue' ? ' class="overdue"' : ''
  if ('notStarted' in row) {
    return (
      `<tr data-agency="${text(row.agencyName)}"${overdue}><td class="year">${row.year}</td><td class="agency">${agencyCell(row)}</td><td></td>` +
      '<td><span class="status">未新建</span></td><td class="num"></td><td class="num"></td><td class="num"></td><td class="num"></td>' +
      `${deadlineCell(row)}<td class="when"></td><td class="downloads"></td></tr>`
    )
  }
  const format = FORMATS[row.formatVersion as keyof typeof FORMATS]
  const formatCell = format
    ? `<td class="when"${format.basis ? ` title="${text(format.basis)}"` : ''}>${text(row.formatVersion)}年版</td>`
    : `<td class="when">${text(row.formatVersion)}</td>`
  const submitted = row.submittedAt
    ? `<br><small class="muted when">提交于 ${text(chinaDateTime(row.submittedAt))}</small>`
    : ''
  return (
    `<tr data-report="${text(row.id)}" data-agency="${text(row.agencyName)}"${overdue}>` +
    `<td class="year">${row.year}</td><td class="agency">${agencyCell(row)}</td>${formatCell}` +
    `<td><span class="status status-${text(row.status)}">${text(row.statusLabel)}</span>${submitted}</td>` +
    count(row.errorCount, true) +
    count(row.warningCount, false) +
    count(row.blankCount, false) +
    count(row.openComments, true) +
    `${deadlineCell(row)}<td class="when">${text(chinaDateTime(row.updatedAt))}</td>${downloadsCell(row)}</tr>`
  )
}

/** The columns every list of reports shows, in order: one <td> of each row per header. */
export const REPORT_TABLE_HEADERS = [
  '年度',
  '机关',
  '格式',
  '状态',
  '错误',
  '警告',
  '空白',
  '待处理意见',
  '截止日期',
  '更新时间',
  '下载',
] as const

/** The row labels' columns (their cells carry the same class): a phone keeps them in view. */
const HEADER_CLASS: Partial<Record<(typeof REPORT_TABLE_HEADERS)[number], string>> = { 年度: 'year', 机关: 'agency' }

/** A whole list of reports: the home page's string and ReportTable render this one markup. */
export function reportTableHtml(rows: readonly ReportTableRow[], testId?: string): string {
  let out = `<table class="list-table report-list"${testId ? ` data-testid="${text(testId)}"` : ''}><thead><tr>`
  for (const head of REPORT_TABLE_HEADERS) {
    const cls = HEADER_CLASS[head]
    out += `<th scope="col"${cls ? ` class="${cls}"` : ''}>${text(head)}</th>`
  }
  return `${out}</tr></thead><tbody>${reportRowsHtml(rows)}</tbody></table>`
}

/** The <tbody> content of a list: one <tr> per report or agency not started, 11 cells each. */
export function reportRowsHtml(rows: readonly ReportTableRow[]): string {
  let out = ''
  for (const row of rows) out += rowHtml(row)
  return out
}
