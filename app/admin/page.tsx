import Link from 'next/link'
import { CreateAgencyForm, CreateUserForm, ResetPasswordForm } from '@/components/admin/admin-forms'
import { PredecessorForm } from '@/components/admin/predecessor-form'
import { requireGlobal } from '@/lib/auth/guards'
import { ROLE_NAMES } from '@/lib/auth/permissions'
import { AGENCY_TYPE_LABELS } from '@/lib/report/schema'
import { type AgencyNode, listAgencies, listUsers } from '@/lib/services/accounts'

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

export default async function AdminPage() {
  await requireGlobal('user.manage', '/admin')
  const [agencies, users] = await Promise.all([listAgencies(), listUsers()])
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
        <h2>用户</h2>
        <table className="list-table">
          <thead>
            <tr>
              <th scope="col">账号</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">重置密码</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>
                  {[
                    ...(u.isAdmin ? [ROLE_NAMES.admin] : []),
                    ...u.memberships.map((m) => `${ROLE_NAMES[m.role]}（${m.agencyName}）`),
                  ].join('、') || '—'}
                </td>
                <td>
                  <ResetPasswordForm userId={u.id} email={u.email} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <aside className="home-actions">
        <CreateAgencyForm agencies={agencies} />
        <CreateUserForm agencies={agencies} />
        <PredecessorForm agencies={agencies} />
      </aside>
    </main>
  )
}
