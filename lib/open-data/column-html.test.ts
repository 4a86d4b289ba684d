import { describe, expect, it } from 'vitest'
import { CLASS_PREFIX, columnFragment, columnYears, embedPage } from './column-html'
import { portalOriginOf } from './portal-origin'

const ORIGIN = 'https://nianbao.example.gov.cn'
const rows = [
  {
    agencyCode: 'zd-jyj',
    agencyName: '张店区<教育>局',
    kind: 'report' as const,
    year: 2024,
    versionNumber: 2,
    publishedAt: new Date('2025-01-20T02:00:00Z'),
    withdrawnAt: null,
  },
  {
    agencyCode: 'zd',
    agencyName: '张店区人民政府',
    kind: 'report' as const,
    year: 2024,
    versionNumber: 1,
    publishedAt: new Date('2025-03-01T02:00:00Z'),
    withdrawnAt: null,
  },
  {
    agencyCode: 'zd-sfj',
    agencyName: '张店区司法局',
    kind: 'report' as const,
    year: 2023,
    versionNumber: 1,
    publishedAt: new Date('2024-01-20T02:00:00Z'),
    withdrawnAt: new Date('2024-02-01T02:00:00Z'),
  },
]

describe('the column for the portal', () => {
  it('groups by year, newest first, the government first, with absolute links and no script', () => {
    const years = columnYears('zd', rows)
    expect(years.map((y) => y.year)).toEqual([2024, 2023])
    expect(years[0].entries.map((e) => e.agencyCode)).toEqual(['zd', 'zd-jyj'])
    const html = columnFragment({ code: 'zd', name: '张店区人民政府' }, years, ORIGIN)
    expect(html).not.toMatch(/<script|<style|javascript:|\son[a-z]+=/i)
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    expect(hrefs.length).toBeGreaterThan(0)
    expect(hrefs.every((h) => h.startsWith(`${ORIGIN}/gk/zd`))).toBe(true)
    expect(hrefs).toContain(`${ORIGIN}/gk/zd/2024/zd-jyj`)
    expect(hrefs).toContain(`${ORIGIN}/gk/zd/2024/index.csv`)
    // Every element is scoped by the prefix; names are escaped.
    const classes = [...html.matchAll(/class="([^"]+)"/g)].map((m) => m[1])
    expect(classes.every((c) => c.startsWith(CLASS_PREFIX))).toBe(true)
    expect(html).toContain('张店区&lt;教育&gt;局')
    expect(html).toContain('第2版')
    expect(html).toContain('已撤回（2024-02-01）')
  })

  it('opens links outside the portal frame in the embeddable page', () => {
    const page = embedPage({ code: 'zd', name: '张店区人民政府' }, columnYears('zd', rows), ORIGIN)
    expect(page.startsWith('<!doctype html>')).toBe(true)
    expect(page).toContain('<html lang="zh-CN">')
    expect(page).not.toMatch(/<script/i)
    const anchors = [...page.matchAll(/<a [^>]+>/g)].map((m) => m[0])
    expect(anchors.every((a) => a.includes('target="_blank"') && a.includes('rel="noopener"'))).toBe(true)
  })

  it('accepts only an http(s) origin as the portal', () => {
    expect(portalOriginOf('https://www.zhangdian.gov.cn')).toBe('https://www.zhangdian.gov.cn')
    expect(portalOriginOf(' https://WWW.Zhangdian.gov.cn/ ')).toBe('https://www.zhangdian.gov.cn')
    expect(portalOriginOf('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080')
    for (const bad of [
      'www.zhangdian.gov.cn',
      'https://www.zhangdian.gov.cn/gk',
      'https://a.gov.cn https://b.cn',
      "https://a.gov.cn; script-src 'unsafe-inline'",
      'ftp://a.gov.cn',
      'https://*.gov.cn',
      'https://user@a.gov.cn',
      'javascript:alert(1)',
    ])
      expect(portalOriginOf(bad), bad).toBeNull()
  })
})
