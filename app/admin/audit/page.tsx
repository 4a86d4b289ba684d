import { chinaDateTime } from '@/lib/china-time'
import Link from 'next/link'
import { requireGlobal } from '@/lib/auth/guards'
import { actionName, AUDIT_PAGE, listAudit, outcomeName } from '@/lib/services/audit'

export const dynamic = 'force-dynamic'

const time = chinaDateTime

/** The audit trail (等保 2.0): sign-ins, password changes, administration. */
export default async function AuditPage() {
  await requireGlobal('user.manage', '/admin/audit')
  const events = await listAudit()
  return (
    <main className="home admin">
      <section className="home-list">
        <p>
          <Link href="/admin">← 系统管理</Link>
        </p>
        <h1>审计日志</h1>
        <p className="muted">
          登录（成功与失败）、修改密码和全部管理操作，最新的在前；页面显示最近{AUDIT_PAGE}条。{' '}
          <a href="/api/admin/audit?format=csv" download>
            下载全部（CSV）
          </a>
        </p>
        <div className="table-scroll">
          <table className="list-table audit-log" aria-label="审计日志">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作</th>
                <th scope="col">结果</th>
                <th scope="col">操作人</th>
                <th scope="col">对象</th>
                <th scope="col">来源地址</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className={e.outcome === 'success' ? undefined : 'audit-failed'}>
                  <td>{time(e.at)}</td>
                  <td>{actionName(e.action)}</td>
                  <td>{outcomeName(e.outcome)}</td>
                  <td>{e.actorName ?? '—'}</td>
                  <td>{e.subject ?? '—'}</td>
                  <td>{e.address ?? '—'}</td>
                  <td>{e.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {events.length === 0 ? <p className="muted">还没有记录。</p> : null}
      </section>
    </main>
  )
}
