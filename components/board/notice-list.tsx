'use client'
/** 通知: the user's notices on the desk (催报, returns, approvals, publications, comments). */
import { useRouter } from 'next/navigation'
import { markNoticesRead } from '@/lib/api-client'
import { chinaDateTime } from '@/lib/china-time'
import type { NoticeView } from '@/lib/services/notices'

export function NoticeList({ notices, unread }: { notices: NoticeView[]; unread: number }) {
  const router = useRouter()
  const unreadIds = notices.filter((n) => !n.read).map((n) => n.id)
  async function readAll() {
    const answer = await markNoticesRead(unreadIds)
    if (answer.ok) router.refresh()
  }
  return (
    <section className="desk-section notices" aria-label="通知">
      <h2>
        通知{unread ? <span className="badge">{unread} 条未读</span> : null}
        {unreadIds.length ? (
          <button type="button" className="link-button" onClick={readAll}>
            全部标为已读
          </button>
        ) : null}
      </h2>
      {notices.length === 0 ? (
        <p className="hint">暂无通知。</p>
      ) : (
        <ul data-testid="notices">
          {notices.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'} data-kind={n.kind}>
              <span className="status">{n.kindLabel}</span>{' '}
              {n.reportId ? <a href={`/reports/${n.reportId}`}>{n.title}</a> : <strong>{n.title}</strong>}
              <br />
              <small className="muted">
                {n.body} · {chinaDateTime(n.createdAt)}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
