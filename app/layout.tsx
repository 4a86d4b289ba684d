import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: '年报 · 政府信息公开工作年度报告',
  description: '政府信息公开工作年度报告的填报、核对与导出',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            年报 <small>政府信息公开工作年度报告</small>
          </a>
          <nav>
            <a href="/">全部年报</a>
            <a href="/rules">核对规则</a>
          </nav>
        </header>
        {children}
      </body>
    </html>
  )
}
