/**
 * The one list of reports: the home list and every table of 我的工作台 show the same row
 * (ListedReport) with the same columns, the statutory deadline and the open comments among them.
 * A coordinator's agency that has not started its report is a row too, with its deadline.
 */
import { chinaDateTime } from '@/lib/china-time'
import { FORMATS } from '@/lib/format/index'
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

/** What the 截止日期 column means (条例第五十条), said under the lists that show it. */
export const DEADLINE_NOTE =
  '截止日期按条例第五十条：部门为次年1月31日，人民政府本级为次年3月31日；逾期未发布的标为红色。'

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

const label = <T extends string>(labels: Record<T, string>, key: string | null) =>
  key ? (labels[key as T] ?? key) : ''

/** The cells' parts are plain functions, not components: a list of 50 rows renders 200 fewer components. */
function agencyCell(row: ReportTableRow) {
  const kind =
    'notStarted' in row || (row.kind === 'report' && row.scope === 'self')
      ? null
      : row.kind === 'report'
        ? REPORT_SCOPE_LABELS[row.scope]
        : REPORT_KIND_LABELS[row.kind]
  const type = label(AGENCY_TYPE_LABELS, row.agencyType)
  const level = label(AGENCY_LEVEL_LABELS, row.agencyLevel)
  return (
    <>
      {'notStarted' in row ? row.agencyName : <a href={`/reports/${row.id}`}>{row.agencyName}</a>}
      {kind ? (
        <>
          {' '}
          <span className="status">{kind}</span>
        </>
      ) : null}
      <small className="muted">
        {' '}
        {type}
        {level ? ` · ${level}` : ''}
      </small>
    </>
  )
}

function deadlineCell(row: ReportTableRow) {
  return (
    <>
      {row.deadline}
      <br />
      <small className={`deadline-${row.deadlineStatus.kind}`} data-deadline={row.deadlineStatus.kind}>
        {row.deadlineStatus.kind === 'overdue' ? '⚠ ' : ''}
        {row.deadlineStatus.label}
      </small>
    </>
  )
}

function downloadsCell(r: ListedReport) {
  return (
    <>
      <a href={`/api/reports/${r.id}/docx`} title={r.finished ? undefined : '未经审核，带“草稿”标记'}>
        Word{r.finished ? '' : '（草稿）'}
      </a>{' '}
      <a href={`/api/reports/${r.id}/html`}>网页</a> <a href={`/reports/${r.id}/preview`}>预览</a>
    </>
  )
}

function Row({ row }: { row: ReportTableRow }) {
  const overdue = row.deadlineStatus.kind === 'overdue' ? 'overdue' : undefined
  if ('notStarted' in row) {
    return (
      <tr data-agency={row.agencyName} className={overdue}>
        <td>{row.year}</td>
        <td>{agencyCell(row)}</td>
        <td />
        <td>
          <span className="status">未新建</span>
        </td>
        <td className="num" />
        <td className="num" />
        <td className="num" />
        <td className="num" />
        <td className="when">{deadlineCell(row)}</td>
        <td className="when" />
        <td className="downloads" />
      </tr>
    )
  }
  const format = FORMATS[row.formatVersion as keyof typeof FORMATS]
  return (
    <tr data-report={row.id} data-agency={row.agencyName} className={overdue}>
      <td>{row.year}</td>
      <td>{agencyCell(row)}</td>
      <td className="when" title={format?.basis}>
        {format ? `${row.formatVersion}年版` : row.formatVersion}
      </td>
      <td>
        <span className={`status status-${row.status}`}>{row.statusLabel}</span>
        {row.submittedAt ? (
          <>
            <br />
            <small className="muted when">提交于 {chinaDateTime(row.submittedAt)}</small>
          </>
        ) : null}
      </td>
      <td className={row.errorCount ? 'num bad' : 'num'}>{row.errorCount}</td>
      <td className="num">{row.warningCount}</td>
      <td className="num">{row.blankCount}</td>
      <td className={row.openComments ? 'num bad' : 'num'}>{row.openComments}</td>
      <td className="when">{deadlineCell(row)}</td>
      <td className="when">{chinaDateTime(row.updatedAt)}</td>
      <td className="downloads">{downloadsCell(row)}</td>
    </tr>
  )
}

/** Reports (and agencies not started) in the columns every list shows; scrolls sideways on a phone. */
export function ReportTable({ rows, testId }: { rows: readonly ReportTableRow[]; testId?: string }) {
  return (
    <div className="table-scroll">
      <table className="list-table" data-testid={testId}>
        <thead>
          <tr>
            {REPORT_TABLE_HEADERS.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={'notStarted' in row ? `agency-${row.agencyId}` : row.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
