import { describe, expect, it } from 'vitest'
import { newNonce, pageCsp } from './headers'
import { publicCsp } from './public-headers'

const nextConfig = require('../../next.config.js') as {
  headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]>
}

describe('security headers', () => {
  it('gives each page a fresh nonce and lets only scripts with it run', () => {
    const [a, b] = [newNonce(), newNonce()]
    expect(a).not.toBe(b)
    expect(atob(a)).toHaveLength(16)
    const policy = pageCsp(a)
    const script = policy.split('; ').find((d) => d.startsWith('script-src'))
    expect(script).toBe(`script-src 'self' 'nonce-${a}' 'strict-dynamic'`)
    for (const d of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
      expect(policy).toContain(d)
    }
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(pageCsp(a, { https: true })).toContain('upgrade-insecure-requests')
    expect(pageCsp(a, { dev: true })).toContain("'unsafe-eval'")
  })

  it('puts nosniff, a referrer policy and no framing on every answer but the inline preview', async () => {
    const rules = await nextConfig.headers()
    const every = rules.find((r) => r.source === '/:path*')
    expect(every?.headers).toEqual(
      expect.arrayContaining([
        { key: 'X-Content-Type-Options', value: 'nosniff' },
        { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      ]),
    )
    const framing = rules.find((r) => r.headers.some((h) => h.value === "frame-ancestors 'none'"))
    const pattern = new RegExp(`^/${framing?.source.replace('/:path(', '(')}$`)
    for (const path of ['/', '/reports/r1', '/api/reports/r1', '/api/reports/r1/docx', '/api/reports/r1/html/x']) {
      expect(pattern.test(path), path).toBe(true)
    }
    expect(pattern.test('/api/reports/r1/html')).toBe(false)
    // /gk has the column's own policy, with frame-ancestors 'none' in it (the next test).
    expect(pattern.test('/gk/zhangdian/embed')).toBe(false)
  })

  it('gives the public column its fixed script-free policy, the same as its routes, except the embed page', async () => {
    const rules = await nextConfig.headers()
    const column = rules.find((r) => r.source.startsWith('/gk/'))
    expect(column?.headers).toEqual(
      expect.arrayContaining([
        { key: 'Content-Security-Policy', value: publicCsp() },
        { key: 'X-Frame-Options', value: 'DENY' },
      ]),
    )
    const pattern = new RegExp(`^/gk/${column?.source.replace('/gk/:path(', '(')}$`)
    // The portal's frame of a government's column names its own frame-ancestors (decision 0320); nothing else under /gk does.
    for (const path of [
      '/gk/zhangdian',
      '/gk/zhangdian/2022/zhangdian-office/v1/report.docx',
      '/gk/a/b/c/d/e/f',
      '/gk/zhangdian/embed/x',
      '/gk/zhangdian/2024/embed',
    ]) {
      expect(pattern.test(path), path).toBe(true)
    }
    expect(pattern.test('/gk/zhangdian/embed')).toBe(false)
    const framing = rules.find((r) => r.headers.some((h) => h.value === "frame-ancestors 'none'"))
    const noFraming = new RegExp(`^/${framing?.source.replace('/:path(', '(')}$`)
    expect(noFraming.test('/gk/zhangdian')).toBe(false)
  })
})
