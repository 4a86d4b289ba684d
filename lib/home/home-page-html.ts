/**
 * The home list as one HTML document, written as a string (docs/decisions/0610-home-list-outside-
 * next.md): the root layout's header (app/layout.tsx), the list of app/page.tsx and the pager,
 * for a signed-in user without an agency to write for (a reviewer, a coordinator, an
 * administrator). The list part is the same string Next's page renders (homeListHtml). Through Next's page renderer this page cost 17–28 ms of server CPU, most of it
 * the renderer itself (RSC payload, HTML, the layout, the client manifests), not the list: here it
 * is the session, the list's one statement and a string. The markup is the one React writes for
 * the same page (elements, classes, attributes, texts), so the styles, the phone layout, e2e
 * selectors and axe see the same page; the header's 退出登录 and the idle guard are the layout's
 * own client components, started by a script of ours (components/home/direct-page-client.tsx).
 * Every text and attribute value goes through escapeHtml.
 */
import { DEADLINE_NOTE } from '@/components/home/report-table'
import { escapeHtml } from '@/lib/html-text'
import { type ReportTableRow, reportTableHtml } from '@/lib/lists/report-rows-html'

/** The root layout's metadata (app/layout.tsx `metadata`): the title and description of every page. */
export const SITE_TITLE = '年报 · 政府信息公开工作年度报告'
export const SITE_DESCRIPTION = '政府信息公开工作年度报告的填报、核对与导出'

export interface HomePageUser {
  name: string
  email: string
  /** describeRoles(user), or '' */
  roles: string
  isAdmin: boolean
  /** A coordinator of some agency, or an administrator: 填报进度 and the import of published reports. */
  coordinates: boolean
  /** canGlobally(user, 'user.manage'): 系统管理. */
  manages: boolean
}

export interface HomePageList {
  reports: readonly ReportTableRow[]
  total: number
  page: number
  pages: number
}

export interface HomePageAssets {
  /** This request's CSP nonce, on the page's one script. */
  nonce: string
  /** The stylesheets Next's build links from every page (the layout's globals.css). */
  styles: readonly string[]
  /** The address of the page's script (direct-page-client.tsx, bundled). */
  script: string
  /** The session's idle time (lib/auth/idle.ts) and whether a test may shorten it, for the idle guard. */
  idleMs: number
  allowIdleOverride: boolean
}

const text = (value: string | number) => escapeHtml(String(value))

/**
 * The site header's words and links, for the root layout (app/layout.tsx) and the direct page
 * alike: written once, so the two headers cannot name different things.
 */
export const SITE_BRAND = { name: '年报', subtitle: '政府信息公开工作年度报告' } as const
export const NO_ROLES = '未分配角色'
export const CHANGE_PASSWORD = { href: '/account/password', label: '修改密码' } as const

/** The navigation's links: `null` for a signed-out visitor. */
export function siteNavLinks(
  user: { coordinates: boolean; manages: boolean } | null,
): { href: string; label: string }[] {
  const links: { href: string; label: string }[] = []
  if (user) links.push({ href: '/', label: '年报' }, { href: '/desk', label: '我的工作台' })
  if (user?.coordinates) links.push({ href: '/board', label: '填报进度' })
  links.push({ href: '/rules', label: '核对规则' })
  if (user?.manages) links.push({ href: '/admin', label: '系统管理' })
  return links
}

/** The root layout's header for a signed-in user: brand, navigation, the user menu. */
export function siteHeaderHtml(user: HomePageUser): string {
  const nav = siteNavLinks(user)
    .map((link) => `<a href="${text(link.href)}">${text(link.label)}</a>`)
    .join('')
  return (
    `<header class="site-header"><a href="/" class="brand">${text(SITE_BRAND.name)} <small>${text(SITE_BRAND.subtitle)}</small></a><nav>` +
    nav +
    `</nav><div class="user-menu" data-user="${text(user.email)}"><span class="user-name">${text(user.name)}</span>` +
    `<small class="user-roles">${text(user.roles || NO_ROLES)}</small><a href="${CHANGE_PASSWORD.href}">${CHANGE_PASSWORD.label}</a>` +
    // display: contents: the button stays a flex item of the menu, as the layout renders it.
    '<span data-mount="sign-out" style="display:contents"><button type="button" class="link">退出登录</button></span>' +
    '</div></header>'
  )
}

/** What the list part of the page shows besides the rows: the same for app/page.tsx and the direct page. */
export interface HomeListView extends HomePageList {
  isAdmin: boolean
  /** A coordinator or an administrator without an agency to write for: the link to 导入已发布的年报（核对）. */
  importLink: boolean
  /** The user writes reports for some agency (the empty list says where to create one). */
  writes: boolean
}

/**
 * The content of the list's <section class="home-list">: title, the import link, the rows or why
 * there are none, the deadline note, the pager. app/page.tsx renders the same string.
 */
export function homeListHtml(view: HomeListView): string {
  const { reports, total, page, pages } = view
  let out = `<h1>${view.isAdmin ? '全部年报' : '年报'}</h1>`
  if (view.importLink) out += '<p><a class="button" href="/imports/new">导入已发布的年报（核对）</a></p>'
  if (reports.length === 0) {
    out += `<p class="hint">${view.writes ? '还没有年报。用“新建年报”新建一份，或导入年报 JSON 文件。' : '暂无您可以查看的年报。'}</p>`
  } else {
    out += `<div class="table-scroll">${reportTableHtml(reports)}</div><p class="hint">${text(DEADLINE_NOTE)}</p>`
  }
  if (pages > 1) {
    out += '<nav class="pager" aria-label="翻页">'
    out += page > 1 ? `<a href="/?page=${page - 1}">上一页</a>` : '<span class="muted">上一页</span>'
    out += `<span>第 ${page} / ${pages} 页，共 ${total} 份</span>`
    out += page < pages ? `<a href="/?page=${page + 1}">下一页</a>` : '<span class="muted">下一页</span>'
    out += '</nav>'
  }
  return out
}

/** The whole document: head as Next writes it for the layout, header, list, the idle guard's slot, the script. */
export function homePageHtml(user: HomePageUser, list: HomePageList, assets: HomePageAssets): string {
  const nonce = text(assets.nonce)
  const styles = assets.styles.map((href) => `<link rel="stylesheet" href="${text(href)}"/>`).join('')
  return (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"/>' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>' +
    styles +
    `<script src="${text(assets.script)}" nonce="${nonce}" defer=""></script>` +
    `<title>${text(SITE_TITLE)}</title><meta name="description" content="${text(SITE_DESCRIPTION)}"/></head><body>` +
    siteHeaderHtml(user) +
    `<main class="home"><section class="home-list">${homeListHtml({ ...list, isAdmin: user.isAdmin, importLink: user.coordinates, writes: false })}</section></main>` +
    `<div data-mount="idle-guard" data-idle-ms="${assets.idleMs}" data-allow-override="${assets.allowIdleOverride ? '1' : '0'}" style="display:contents"></div>` +
    '</body></html>'
  )
}
