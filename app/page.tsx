import { CreateReportForm } from '@/components/home/create-report-form'
import { ImportReportForm } from '@/components/home/import-report-form'
import { FORMATS } from '@/lib/format/index'
import { REPORT_KIND_LABELS, REPORT_SCOPE_LABELS } from '@/lib/report/identity'
import { AGENCY_LEVEL_LABELS, AGENCY_TYPE_LABELS } from '@/lib/report/schema'
import { requireUser } from '@/lib/auth/guards'
import { agenciesFor, officerAgencies } from '@/lib/auth/permissions'
import { countReports, listReports } from '@/lib/services/report-lists'
import { STATES, stateLabel } from '@/lib/workflow/workflow'
import { chinaDateTime } from '@/lib/china-time'
import { pageNumber } from '@/lib/requests/pages'

export const dynamic = 'force-dynamic'

/** Rows per page: a coordinator of a big government has hundreds of agencies. */
const PAGE_SIZE = 50

export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser('/')
  // Only the reports this user may read: their agencies, a coordinator's whole government, or all.
  const readable = agenciesFor(user, 'report.read')
  const total = await countReports(readable)
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(pageNumber.parse((await searchParams).page), pages)
  const reports = await listReports(readable, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
  const writesFor = officerAgencies(user)
  return (
    <main className="home">
      <section className="home-list">
        <h1>{user.isAdmin ? '全部年报' : '年报'}</h1>
        {reports.length === 0 ? (
          <p className="hint">
            {writesFor.length ? '还没有年报。在右侧新建一份，或导入年报 JSON 文件。' : '暂无您可以查看的年报。'}
          </p>
        ) : (
          <table className="list-table">
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">机关</th>
                <th scope="col">格式</th>
                <th scope="col">状态</th>
                <th scope="col">错误</th>
                <th scope="col">警告</th>
                <th scope="col">空白</th>
                <th scope="col">更新时间</th>
                <th scope="col">下载</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>{r.year}</td>
                  <td>
                    <a href={`/reports/${r.id}`}>{r.agencyName}</a>
                    {r.kind !== 'report' || r.scope !== 'self' ? (
                      <>
                        {' '}
                        <span className="status">
                          {r.kind === 'report' ? REPORT_SCOPE_LABELS[r.scope] : REPORT_KIND_LABELS[r.kind]}
                        </span>
                      </>
                    ) : null}
                    <small className="muted">
                      {' '}
                      {AGENCY_TYPE_LABELS[r.agencyType as keyof typeof AGENCY_TYPE_LABELS] ?? r.agencyType}
                      {r.agencyLevel
                        ? ` · ${AGENCY_LEVEL_LABELS[r.agencyLevel as keyof typeof AGENCY_LEVEL_LABELS] ?? r.agencyLevel}`
                        : ''}
                    </small>
                  </td>
                  <td>{FORMATS[r.formatVersion as keyof typeof FORMATS]?.basis ?? r.formatVersion}</td>
                  <td>
                    <span className={`status status-${r.status}`}>{stateLabel(r.status)}</span>
                  </td>
                  <td className={r.errorCount ? 'num bad' : 'num'}>{r.errorCount}</td>
                  <td className="num">{r.warningCount}</td>
                  <td className="num">{r.blankCount}</td>
                  <td className="when">{chinaDateTime(r.updatedAt)}</td>
                  <td className="downloads">
                    <a
                      href={`/api/reports/${r.id}/docx`}
                      title={STATES[r.status]?.frozen ? undefined : '未经审核，带“草稿”标记'}
                    >
                      Word
                    </a>{' '}
                    <a href={`/api/reports/${r.id}/html`}>网页</a> <a href={`/reports/${r.id}/preview`}>预览</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav className="pager" aria-label="翻页">
            {page > 1 ? <a href={`/?page=${page - 1}`}>上一页</a> : <span className="muted">上一页</span>}
            <span>
              第 {page} / {pages} 页，共 {total} 份
            </span>
            {page < pages ? <a href={`/?page=${page + 1}`}>下一页</a> : <span className="muted">下一页</span>}
          </nav>
        ) : null}
      </section>
      {writesFor.length ? (
        <aside className="home-actions">
          <CreateReportForm agencies={writesFor} />
          <ImportReportForm agencies={writesFor} />
        </aside>
      ) : null}
    </main>
  )
}
