import { CreateReportForm } from '@/components/home/create-report-form'
import { ImportReportForm } from '@/components/home/import-report-form'
import { DEADLINE_NOTE, ReportTable } from '@/components/home/report-table'
import { requireUser } from '@/lib/auth/guards'
import { officerAgencies, readScope } from '@/lib/auth/permissions'
import { listReportPage } from '@/lib/services/report-lists'
import { pageNumber } from '@/lib/requests/pages'

export const dynamic = 'force-dynamic'

/** Rows per page: a coordinator of a big government has hundreds of agencies. */
const PAGE_SIZE = 50

export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser('/')
  // Only the reports this user may read: their agencies, a coordinator's whole government, or all.
  // The page and the list's size in one statement, which walks a coordinator's tree itself.
  const { reports, total, page, pages } = await listReportPage(readScope(user, 'report.read'), {
    page: pageNumber.parse((await searchParams).page),
    pageSize: PAGE_SIZE,
  })
  const writesFor = officerAgencies(user)
  return (
    <main className="home">
      <section className="home-list">
        <h1>{user.isAdmin ? '全部年报' : '年报'}</h1>
        {!writesFor.length && (user.isAdmin || user.memberships.some((m) => m.role === 'coordinator')) ? (
          <p>
            <a className="button" href="/imports/new">
              导入已发布的年报（核对）
            </a>
          </p>
        ) : null}
        {reports.length === 0 ? (
          <p className="hint">
            {writesFor.length ? '还没有年报。在右侧新建一份，或导入年报 JSON 文件。' : '暂无您可以查看的年报。'}
          </p>
        ) : (
          <>
            <ReportTable rows={reports} />
            <p className="hint">{DEADLINE_NOTE}</p>
          </>
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
          <section className="card" aria-label="导入已发布的年报">
            <h2>导入已发布的年报</h2>
            <p className="hint">网页、Word、PDF、Excel 表格模板或多个文件的压缩包：先核对，再决定是否保存。</p>
            <a className="button" href="/imports/new">
              导入已发布的年报
            </a>
          </section>
        </aside>
      ) : null}
    </main>
  )
}
