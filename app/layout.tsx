import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { IdleGuard } from '@/components/auth/idle-guard'
import { SignOutButton } from '@/components/auth/sign-out-button'
import { idleMs } from '@/lib/auth/idle'
import { currentUser } from '@/lib/auth/guards'
import {
  CHANGE_PASSWORD,
  NO_ROLES,
  SITE_BRAND,
  SITE_DESCRIPTION,
  SITE_TITLE,
  siteNavLinks,
} from '@/lib/home/home-page-html'
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
            {`${SITE_BRAND.name} `}
            <small>{SITE_BRAND.subtitle}</small>
          </a>
          <nav>
            {siteNavLinks(
              user ? { coordinates: coordinatesAny(user), manages: canGlobally(user, 'user.manage') } : null,
            ).map((link) => (
              <a key={link.href} href={link.href}>
                {link.label}
              </a>
            ))}
          </nav>
          {user ? (
            <div className="user-menu" data-user={user.email}>
              <span className="user-name">{user.name}</span>
              <small className="user-roles">{describeRoles(user) || NO_ROLES}</small>
              <a href={CHANGE_PASSWORD.href}>{CHANGE_PASSWORD.label}</a>
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
