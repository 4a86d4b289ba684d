import { DEADLINE_NOTE, type ReportTableRow, ReportTable } from '@/components/home/report-table'
import type { AgencyOverviewRow, Desk } from '@/lib/services/desk'
import type { ListedReport } from '@/lib/services/report-lists'

/** The officer's reports by year, with state and what is still open. */
export function OfficerTable({ rows }: { rows: ListedReport[] }) {
  if (rows.length === 0) return <p className="hint">本机关还没有年报。</p>
  return <ReportTable rows={rows} testId="officer-list" />
}

/** Submitted reports waiting for the reviewer, oldest submission first. */
export function ReviewerTable({ rows }: { rows: ListedReport[] }) {
  if (rows.length === 0) return <p className="hint">没有等待审核的年报。</p>
  const sorted = [...rows].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''))
  return <ReportTable rows={sorted} testId="reviewer-list" />
}

/** Every agency under the government for one year: its report, or a row saying it has not started. */
export function CoordinatorTable({ rows, year }: { rows: AgencyOverviewRow[]; year: number }) {
  const listed = rows.map(
    (row): ReportTableRow =>
      row.report ?? {
        notStarted: true,
        agencyId: row.agencyId,
        agencyName: row.agencyName,
        agencyType: row.agencyType,
        agencyLevel: row.agencyLevel,
        year,
        deadline: row.deadline,
        deadlineStatus: row.deadlineStatus,
      },
  )
  return <ReportTable rows={listed} testId="coordinator-list" />
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
            <small className="muted">{DEADLINE_NOTE}</small>
          </form>
          <CoordinatorTable rows={desk.coordinator} year={desk.year} />
        </section>
      ) : null}
      {!desk.officer && !desk.reviewer && !desk.coordinator ? (
        <p className="hint">您还没有被分配到任何机关。请联系管理员。</p>
      ) : null}
    </>
  )
}
