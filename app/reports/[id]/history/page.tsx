import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireReportAccess } from '@/lib/auth/guards'
import { formatFor } from '@/lib/format/index'
import { getReport } from '@/lib/services/report-read'
import { pageNumber } from '@/lib/requests/pages'
import { reportHistory } from '@/lib/services/history'
import { ReportSubnav } from '@/components/workflow/report-subnav'
import { chinaDateTime } from '@/lib/china-time'

export const dynamic = 'force-dynamic'

const time = chinaDateTime

/** Every save, transition and review comment: who, when, what changed. */
export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { id } = await params
  await requireReportAccess(id, 'report.read', `/reports/${id}/history`)
  const stored = await getReport(id)
  if (!stored) notFound()
  const {
    events: history,
    page,
    pageCount,
    total,
  } = await reportHistory(id, pageNumber.parse((await searchParams).page))
  const title = `${stored.report.agency.name}${stored.report.year}年${formatFor(stored.report.formatVersion)?.title ?? ''}`
  return (
    <main className="page">
      <ReportSubnav reportId={id} title={title} active="history" />
      <h1>操作记录</h1>
      <p className="hint">每次保存、提交、退回、审核、发布和审核意见都记录在此，与修改在同一事务中写入。</p>
      <table className="list-table history-table">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">操作</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {history.map((e) => (
            <tr key={e.id} data-kind={e.kind}>
              <td className="nowrap">{time(e.at)}</td>
              <td>{e.actor ?? <span className="muted">（系统）</span>}</td>
              <td className="nowrap">{e.label}</td>
              <td>
                {e.reason ? <p className="reason">理由：{e.reason}</p> : null}
                {e.note ? <p>{e.note}</p> : null}
                {e.changeCount > 0 ? (
                  <details>
                    <summary>
                      修改了 {e.changeCount} 处：
                      {e.changes
                        .slice(0, 3)
                        .map((c) => c.label)
                        .join('；')}
                      {e.changeCount > 3 ? ' 等' : ''}
                    </summary>
                    <ul className="change-list">
                      {e.changes.map((c) => (
                        <li key={c.path} data-path={c.path}>
                          {c.label}
                          {c.old !== undefined ? (
                            <>
                              ：<span className="change-old">{c.old}</span> →{' '}
                              <span className="change-new">{c.new}</span>
                            </>
                          ) : null}
                        </li>
                      ))}
                      {e.changeCount > e.changes.length ? <li>……</li> : null}
                    </ul>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pageCount > 1 ? (
        <nav className="pager" aria-label="分页">
          {page > 1 ? <Link href={`/reports/${id}/history?page=${page - 1}`}>较新的记录</Link> : null}
          <span>
            第 {page} / {pageCount} 页，共 {total} 条
          </span>
          {page < pageCount ? <Link href={`/reports/${id}/history?page=${page + 1}`}>较早的记录</Link> : null}
        </nav>
      ) : null}
    </main>
  )
}
