import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { IdleGuard } from '@/components/auth/idle-guard'
import { SignOutButton } from '@/components/auth/sign-out-button'
import { idleMs } from '@/lib/auth/idle'
import { currentUser } from '@/lib/auth/guards'
import { SITE_DESCRIPTION, SITE_TITLE } from '@/lib/home/home-page-html'
import { canGlobally, describeRoles } from '@/lib/auth/permissions'
import { coordinatesAny } from '@/lib/services/board'
import './globals.css'

// The same on the home list written outside Next (lib/home/home-page-html.ts, decision 0610).
export const metadata: Metadata = { title: SITE_TITLE, description: SITE_DESCRIPTION }

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser()
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            年报 <small>政府信息公开工作年度报告</small>
          </a>
          <nav>
            {user ? <a href="/">年报</a> : null}
            {user ? <a href="/desk">我的工作台</a> : null}
            {coordinatesAny(user) ? <a href="/board">填报进度</a> : null}
            <a href="/rules">核对规则</a>
            {canGlobally(user, 'user.manage') ? <a href="/admin">系统管理</a> : null}
          </nav>
          {user ? (
            <div className="user-menu" data-user={user.email}>
              <span className="user-name">{user.name}</span>
              <small className="user-roles">{describeRoles(user) || '未分配角色'}</small>
              <a href="/account/password">修改密码</a>
              <SignOutButton />
            </div>
          ) : (
            <div className="user-menu">
              <a href="/sign-in">登录</a>
            </div>
          )}
        </header>
        {children}
        {user ? <IdleGuard idleMs={idleMs()} allowOverride={process.env.NIANBAO_DEMO === '1'} /> : null}
      </body>
    </html>
  )
}
