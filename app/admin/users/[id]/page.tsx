import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ResetPasswordForm } from '@/components/admin/admin-forms'
import { UserAccessForm, UserActiveForm } from '@/components/admin/user-maintenance'
import { requireGlobal } from '@/lib/auth/guards'
import { listAgencies, getUser } from '@/lib/services/accounts'

export const dynamic = 'force-dynamic'

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  await requireGlobal('user.manage', `/admin/users/${encodeURIComponent(id)}`)
  const [user, agencies] = await Promise.all([getUser(id), listAgencies()])
  if (!user) notFound()
  return (
    <main className="home admin">
      <section className="home-list">
        <p>
          <Link href="/admin#users">← 系统管理</Link>
        </p>
        <h1>
          {user.name} <small className="muted">{user.email}</small>
        </h1>
        <UserAccessForm user={user} agencies={agencies} />
      </section>
      <aside className="home-actions">
        <UserActiveForm user={user} />
        <section className="card" aria-label="重置密码">
          <h2>重置密码</h2>
          <p className="hint">重置后该用户的登录全部退出，下次登录须先修改密码。</p>
          <ResetPasswordForm userId={user.id} email={user.email} />
        </section>
      </aside>
    </main>
  )
}
