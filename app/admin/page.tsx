import Link from 'next/link'
import { CreateAgencyForm, CreateUserForm, ResetPasswordForm } from '@/components/admin/admin-forms'
import { AgencyEditForm } from '@/components/admin/agency-edit-form'
import { PredecessorForm } from '@/components/admin/predecessor-form'
import { requireGlobal } from '@/lib/auth/guards'
import { ROLE_NAMES } from '@/lib/auth/permissions'
import { AGENCY_TYPE_LABELS } from '@/lib/report/schema'
import { userSearchQuery } from '@/lib/requests/account-maintenance'
import { searchUsers } from '@/lib/services/account-maintenance'
import { type AgencyNode, listAgencies } from '@/lib/services/accounts'

export const dynamic = 'force-dynamic'

function AgencyLabel({ agency, agencies }: { agency: AgencyNode; agencies: AgencyNode[] }) {
  const predecessor = agency.predecessorId && agencies.find((a) => a.id === agency.predecessorId)
  return (
    <>
      {agency.name} <code className="muted">{agency.code}</code>{' '}
      <small className="muted">
        {AGENCY_TYPE_LABELS[agency.type as keyof typeof AGENCY_TYPE_LABELS] ?? agency.type}
        {predecessor ? `，前身：${predecessor.name}` : ''}
      </small>
    </>
  )
}

function AgencyTree({ agencies, parentId }: { agencies: AgencyNode[]; parentId: string | null }) {
  const children = agencies.filter((a) => a.parentId === parentId)
  if (!children.length) return null
  return (
    <ul className="agency-tree">
      {children.map((a) => (
        <li key={a.id}>
          <AgencyLabel agency={a} agencies={agencies} />
          <AgencyTree agencies={agencies} parentId={a.id} />
        </li>
      ))}
    </ul>
  )
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

function pageHref(q: string | null, page: number) {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `/admin?${query}#users` : '/admin#users'
}

export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  await requireGlobal('user.manage', '/admin')
  const given = await searchParams
  const query = userSearchQuery.safeParse({ q: first(given.q), page: first(given.page) })
  const [agencies, found] = await Promise.all([listAgencies(), searchUsers(query.success ? query.data : {})])
  const { users, total, page, pageSize, q } = found
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const known = new Set(agencies.map((a) => a.id))
  const roots = agencies.filter((a) => !a.parentId || !known.has(a.parentId))
  return (
    <main className="home admin">
      <section className="home-list">
        <h1>系统管理</h1>
        <p>
          <Link href="/admin/audit">审计日志</Link>（登录、修改密码和管理操作的记录，可下载 CSV）
        </p>
        <h2>机关</h2>
        <ul className="agency-tree">
          {roots.map((a) => (
            <li key={a.id}>
              <AgencyLabel agency={a} agencies={agencies} />
              <AgencyTree agencies={agencies} parentId={a.id} />
            </li>
          ))}
        </ul>
        <h2 id="users">用户</h2>
        <form method="get" action="/admin" className="user-search" aria-label="搜索用户">
          <input
            name="q"
            defaultValue={q ?? ''}
            placeholder="姓名、账号或机关名称"
            aria-label="搜索用户"
            maxLength={60}
          />
          <button type="submit">搜索</button>
          {q ? <Link href="/admin#users">清除</Link> : null}
        </form>
        {query.success ? null : <p className="field-error">{query.error.issues[0]?.message}</p>}
        <p className="muted" role="status">
          {q ? `“${q}”：` : ''}共{total}个用户{pages > 1 ? `，第${page}/${pages}页` : ''}
        </p>
        <table className="list-table stack-table" data-testid="user-table">
          <thead>
            <tr>
              <th scope="col">账号</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              <th scope="col">重置密码</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link href={`/admin/users/${encodeURIComponent(u.id)}`}>{u.email}</Link>
                </td>
                <td data-label="姓名">{u.name}</td>
                <td data-label="角色">
                  {[
                    ...(u.isAdmin ? [ROLE_NAMES.admin] : []),
                    ...u.memberships.map((m) => `${ROLE_NAMES[m.role]}（${m.agencyName}）`),
                  ].join('、') || '—'}
                </td>
                <td data-label="状态">
                  {u.active ? '正常' : <span className="badge badge-error">已停用</span>}
                  {u.mustChangePassword ? <small className="muted">（须修改密码）</small> : null}
                </td>
                <td data-label="重置密码">
                  <ResetPasswordForm userId={u.id} email={u.email} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {pages > 1 ? (
          <nav className="pager" aria-label="用户分页">
            {page > 1 ? <Link href={pageHref(q, page - 1)}>上一页</Link> : null}
            <span>
              第{page}/{pages}页
            </span>
            {page < pages ? <Link href={pageHref(q, page + 1)}>下一页</Link> : null}
          </nav>
        ) : null}
      </section>
      <aside className="home-actions">
        <CreateAgencyForm agencies={agencies} />
        <CreateUserForm agencies={agencies} />
        <AgencyEditForm agencies={agencies} />
        <PredecessorForm agencies={agencies} />
      </aside>
    </main>
  )
}
