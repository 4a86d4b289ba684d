import type { AgencyOverviewRow, Desk } from '@/lib/services/desk'
import type { ListedReport } from '@/lib/services/report-lists'
import { chinaDateTime } from '@/lib/china-time'

const time = chinaDateTime

function Downloads({ r }: { r: ListedReport }) {
  return (
    <span className="downloads">
      <a href={`/api/reports/${r.id}/docx`} title={r.finished ? undefined : '未经审核，带“草稿”标记'}>
        Word{r.finished ? '' : '（草稿）'}
      </a>{' '}
      <a href={`/api/reports/${r.id}/html`}>网页</a>
    </span>
  )
}

function Deadline({ row }: { row: { deadline: string; deadlineStatus: AgencyOverviewRow['deadlineStatus'] } }) {
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

const status = (r: ListedReport) => <span className={`status status-${r.status}`}>{r.statusLabel}</span>

/** The officer's reports by year, with state and what is still open. */
export function OfficerTable({ rows }: { rows: ListedReport[] }) {
  if (rows.length === 0) return <p className="hint">本机关还没有年报。</p>
  return (
    <table className="list-table" data-testid="officer-list">
      <thead>
        <tr>
          <th scope="col">年度</th>
          <th scope="col">机关</th>
          <th scope="col">状态</th>
          <th scope="col">错误</th>
          <th scope="col">待处理意见</th>
          <th scope="col">截止日期</th>
          <th scope="col">更新时间</th>
          <th scope="col">下载</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-report={r.id} className={r.deadlineStatus.kind === 'overdue' ? 'overdue' : ''}>
            <td>{r.year}</td>
            <td>
              <a href={`/reports/${r.id}`}>{r.agencyName}</a>
            </td>
            <td>{status(r)}</td>
            <td className={r.errorCount ? 'num bad' : 'num'}>{r.errorCount}</td>
            <td className={r.openComments ? 'num bad' : 'num'}>{r.openComments}</td>
            <td>
              <Deadline row={r} />
            </td>
            <td>{time(r.updatedAt)}</td>
            <td>
              <Downloads r={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Submitted reports waiting for the reviewer, oldest submission first. */
export function ReviewerTable({ rows }: { rows: ListedReport[] }) {
  if (rows.length === 0) return <p className="hint">没有等待审核的年报。</p>
  const sorted = [...rows].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''))
  return (
    <table className="list-table" data-testid="reviewer-list">
      <thead>
        <tr>
          <th scope="col">年度</th>
          <th scope="col">机关</th>
          <th scope="col">提交时间</th>
          <th scope="col">待处理意见</th>
          <th scope="col">截止日期</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.id} data-report={r.id}>
            <td>{r.year}</td>
            <td>
              <a href={`/reports/${r.id}`}>{r.agencyName}</a>
            </td>
            <td>{time(r.submittedAt)}</td>
            <td className="num">{r.openComments}</td>
            <td>
              <Deadline row={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Every agency under the government for one year: state, findings, deadline, downloads. */
export function CoordinatorTable({ rows }: { rows: AgencyOverviewRow[] }) {
  return (
    <table className="list-table" data-testid="coordinator-list">
      <thead>
        <tr>
          <th scope="col">机关</th>
          <th scope="col">状态</th>
          <th scope="col">错误</th>
          <th scope="col">警告</th>
          <th scope="col">待处理意见</th>
          <th scope="col">法定截止日期</th>
          <th scope="col">下载</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const r = row.report
          return (
            <tr
              key={row.agencyId}
              data-agency={row.agencyName}
              className={row.deadlineStatus.kind === 'overdue' ? 'overdue' : ''}
            >
              <td>
                {r ? <a href={`/reports/${r.id}`}>{row.agencyName}</a> : row.agencyName}
                <small className="muted"> {row.agencyType === 'government' ? '人民政府' : '部门'}</small>
              </td>
              <td>{r ? status(r) : <span className="status">未新建</span>}</td>
              <td className={r?.errorCount ? 'num bad' : 'num'}>{r ? r.errorCount : ''}</td>
              <td className="num">{r ? r.warningCount : ''}</td>
              <td className={r?.openComments ? 'num bad' : 'num'}>{r ? r.openComments : ''}</td>
              <td>
                <Deadline row={row} />
              </td>
              <td>{r ? <Downloads r={r} /> : null}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

export function DeskView({ desk }: { desk: Desk }) {
  return (
    <>
      {desk.reviewer ? (
        <section className="desk-section" aria-label="待我审核">
          <h2>待我审核</h2>
          <ReviewerTable rows={desk.reviewer} />
        </section>
      ) : null}
      {desk.officer ? (
        <section className="desk-section" aria-label="本机关年报">
          <h2>本机关年报</h2>
          <OfficerTable rows={desk.officer} />
        </section>
      ) : null}
      {desk.coordinator ? (
        <section className="desk-section" aria-label="所辖机关年报">
          <h2>所辖机关 {desk.year} 年度年报</h2>
          <form className="year-filter" method="get">
            <label>
              年度{' '}
              <select name="year" defaultValue={desk.year}>
                {desk.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">查看</button>
            <small className="muted">
              法定截止日期：部门为次年1月31日，人民政府本级为次年3月31日；逾期未发布的标为红色。
            </small>
          </form>
          <CoordinatorTable rows={desk.coordinator} />
        </section>
      ) : null}
      {!desk.officer && !desk.reviewer && !desk.coordinator ? (
        <p className="hint">您还没有被分配到任何机关。请联系管理员。</p>
      ) : null}
    </>
  )
}
