import { type ChildNode, type Element, isTag } from 'domhandler'
import { parseDocument } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { DEADLINE_NOTE } from '@/components/home/report-table'
import { REPORT_TABLE_HEADERS } from '@/lib/lists/report-rows-html'
import type { NotStarted } from '@/lib/lists/report-rows-html'
import { type HomePageUser, homeListHtml, homePageHtml } from './home-page-html'

function all(node: Element | { children: ChildNode[] }, test: (e: Element) => boolean): Element[] {
  const out: Element[] = []
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isTag(n)) continue
      if (test(n)) out.push(n)
      walk(n.children)
    }
  }
  walk('name' in node ? [node] : node.children)
  return out
}

function textOf(node: ChildNode): string {
  if (node.nodeType === 3) return (node as unknown as { data: string }).data
  return isTag(node) ? node.children.map(textOf).join('') : ''
}

const reviewer: HomePageUser = {
  name: '李四',
  email: 'li@example.cn',
  roles: '审核人（张店区人民政府办公室）',
  isAdmin: false,
  coordinates: false,
  manages: false,
}

const notStarted = (i: number): NotStarted => ({
  notStarted: true,
  agencyId: `a${i}`,
  agencyName: `部门${i}`,
  agencyType: 'department',
  agencyLevel: 'county',
  year: 2025,
  deadline: '2026-01-31',
  deadlineStatus: { kind: 'open', daysLeft: 40, label: '还剩40天' },
})

const assets = {
  nonce: 'n0nce+/=',
  styles: ['/_next/static/chunks/a.css'],
  script: '/_nianbao/home-x.js',
  idleMs: 1_800_000,
  allowIdleOverride: false,
}

describe('homePageHtml', () => {
  it('writes the layout’s header, the list and the idle guard’s slot, with the nonce on its one script', () => {
    const doc = parseDocument(homePageHtml(reviewer, { reports: [notStarted(1)], total: 1, page: 1, pages: 1 }, assets))
    const scripts = all(doc, (e) => e.name === 'script')
    expect(scripts.map((s) => s.attribs)).toEqual([{ src: '/_nianbao/home-x.js', nonce: 'n0nce+/=', defer: '' }])
    expect(all(doc, (e) => e.name === 'link').map((l) => l.attribs.href)).toEqual(['/_next/static/chunks/a.css'])
    const [header] = all(doc, (e) => e.attribs.class === 'site-header')
    expect(all(header, (e) => e.name === 'a').map((a) => [textOf(a), a.attribs.href])).toEqual([
      ['年报 政府信息公开工作年度报告', '/'],
      ['年报', '/'],
      ['我的工作台', '/desk'],
      ['核对规则', '/rules'],
      ['修改密码', '/account/password'],
    ])
    const [menu] = all(header, (e) => e.attribs.class === 'user-menu')
    expect(menu.attribs['data-user']).toBe('li@example.cn')
    expect(textOf(menu)).toBe('李四审核人（张店区人民政府办公室）修改密码退出登录')
    const [table] = all(doc, (e) => e.name === 'table')
    expect(all(table, (e) => e.name === 'th').map(textOf)).toEqual([...REPORT_TABLE_HEADERS])
    expect(all(table, (e) => e.name === 'tr' && e.attribs['data-agency'] === '部门1')).toHaveLength(1)
    expect(all(doc, (e) => e.attribs.class === 'hint').map(textOf)).toEqual([DEADLINE_NOTE])
    const [idle] = all(doc, (e) => e.attribs['data-mount'] === 'idle-guard')
    expect(idle.attribs['data-idle-ms']).toBe('1800000')
    expect(all(doc, (e) => e.name === 'nav' && e.attribs.class === 'pager')).toHaveLength(0)
  })

  it('shows 填报进度, 系统管理 and the import link only to those who have them', () => {
    const admin = { ...reviewer, isAdmin: true, coordinates: true, manages: true, roles: '' }
    const doc = parseDocument(homePageHtml(admin, { reports: [], total: 0, page: 1, pages: 1 }, assets))
    const links = all(doc, (e) => e.name === 'a').map((a) => a.attribs.href)
    expect(links).toContain('/board')
    expect(links).toContain('/admin')
    expect(links).toContain('/imports/new')
    expect(textOf(all(doc, (e) => e.name === 'h1')[0])).toBe('全部年报')
    expect(textOf(all(doc, (e) => e.attribs.class === 'user-roles')[0])).toBe('未分配角色')
    expect(all(doc, (e) => e.attribs.class === 'hint').map(textOf)).toEqual(['暂无您可以查看的年报。'])
  })

  it('keeps names as text: a name with markup is escaped in text and attributes', () => {
    const odd = { ...reviewer, name: '<script>x</script>', email: '"a"@b.cn' }
    const html = homePageHtml(odd, { reports: [], total: 0, page: 1, pages: 1 }, { ...assets, nonce: '"x' })
    const doc = parseDocument(html)
    expect(all(doc, (e) => e.name === 'script')).toHaveLength(1)
    expect(textOf(all(doc, (e) => e.attribs.class === 'user-name')[0])).toBe('<script>x</script>')
    expect(all(doc, (e) => e.attribs.class === 'user-menu')[0].attribs['data-user']).toBe('"a"@b.cn')
    expect(all(doc, (e) => e.name === 'script')[0].attribs.nonce).toBe('"x')
  })
})

describe('homeListHtml', () => {
  const pager = (page: number, pages: number) => {
    const doc = parseDocument(
      homeListHtml({
        reports: [notStarted(1)],
        total: 120,
        page,
        pages,
        isAdmin: false,
        importLink: false,
        writes: true,
      }),
    )
    const [nav] = all(doc, (e) => e.name === 'nav')
    return nav ? nav.children.filter(isTag).map((e) => [e.name, textOf(e), e.attribs.href ?? '']) : null
  }

  it('pages: a link to each neighbour page that exists, the position and the total', () => {
    expect(pager(1, 3)).toEqual([
      ['span', '上一页', ''],
      ['span', '第 1 / 3 页，共 120 份', ''],
      ['a', '下一页', '/?page=2'],
    ])
    expect(pager(2, 3)).toEqual([
      ['a', '上一页', '/?page=1'],
      ['span', '第 2 / 3 页，共 120 份', ''],
      ['a', '下一页', '/?page=3'],
    ])
    expect(pager(3, 3)?.[2]).toEqual(['span', '下一页', ''])
    expect(pager(1, 1)).toBeNull()
  })

  it('tells an officer with no report where to create one', () => {
    const doc = parseDocument(
      homeListHtml({ reports: [], total: 0, page: 1, pages: 1, isAdmin: false, importLink: false, writes: true }),
    )
    expect(all(doc, (e) => e.attribs.class === 'hint').map(textOf)).toEqual([
      '还没有年报。用“新建年报”新建一份，或导入年报 JSON 文件。',
    ])
  })
})
