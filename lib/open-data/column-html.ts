/**
 * The government's column as plain HTML for the portal (decision 0320): the fragment a
 * coordinator copies into the portal's CMS, and the page /gk/{gov}/embed the portal may frame.
 * No scripts; styles only inline (a CMS keeps style attributes where it drops <style>, and inline
 * styles cannot leak into the portal's page); every element's class starts with `nianbao-gk-`, so
 * the portal may restyle it without touching its own classes. Links are absolute addresses.
 */
import { REPORT_KIND_LABELS } from '@/lib/report/identity'
import { publicPaths } from './addresses'
import { chinaDate, type PublishedRow } from './index-table'

export interface ColumnEntry {
  agencyCode: string
  agencyName: string
  kind: 'report' | 'rollup'
  version: number
  publishedOn: string
  withdrawnOn: string | null
  /** Path of the report's public page. */
  path: string
}

export interface ColumnYear {
  year: number
  entries: ColumnEntry[]
}

/** The published reports by year, newest first; in a year the government's own first, then by agency code. */
export function columnYears(
  govCode: string,
  rows: readonly Pick<
    PublishedRow,
    'agencyCode' | 'agencyName' | 'kind' | 'year' | 'versionNumber' | 'publishedAt' | 'withdrawnAt'
  >[],
): ColumnYear[] {
  const byYear = new Map<number, ColumnEntry[]>()
  for (const r of rows) {
    const list = byYear.get(r.year) ?? []
    list.push({
      agencyCode: r.agencyCode,
      agencyName: r.agencyName,
      kind: r.kind,
      version: r.versionNumber,
      publishedOn: chinaDate(r.publishedAt),
      withdrawnOn: r.withdrawnAt ? chinaDate(r.withdrawnAt) : null,
      path: publicPaths(govCode, r.year, r.agencyCode, r.kind).report,
    })
    byYear.set(r.year, list)
  }
  const rank = (e: ColumnEntry) => (e.agencyCode === govCode ? (e.kind === 'report' ? 0 : 1) : 2)
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, entries]) => ({
      year,
      entries: entries.sort((a, b) => rank(a) - rank(b) || a.agencyCode.localeCompare(b.agencyCode)),
    }))
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** The class prefix of every element of the fragment. */
export const CLASS_PREFIX = 'nianbao-gk-'

export const COLUMN_TITLE = '政府信息公开工作年度报告'

const S = {
  root: 'font-family:sans-serif;font-size:16px;line-height:1.6;color:#1f2328;max-width:960px',
  title: 'font-size:20px;margin:0 0 8px',
  year: 'font-size:17px;margin:16px 0 4px;padding-bottom:2px;border-bottom:1px solid #d0d7de',
  list: 'list-style:none;margin:0;padding:0',
  item: 'padding:4px 0;border-bottom:1px dotted #d0d7de',
  link: 'color:#0b57d0;text-decoration:underline',
  meta: 'color:#57606a;font-size:14px;margin-left:8px;display:inline-block;white-space:nowrap',
  withdrawn: 'color:#b3261e;font-size:14px;margin-left:8px;display:inline-block;white-space:nowrap',
  data: 'color:#57606a;font-size:14px;margin:4px 0 0',
}

/**
 * The column as an HTML fragment (one <div>). `target`: '_blank' inside a frame, so a reader's
 * click opens the report in a tab of its own instead of inside the portal's frame.
 */
export function columnFragment(
  government: { code: string; name: string },
  years: readonly ColumnYear[],
  origin: string,
  { target }: { target?: '_blank' } = {},
): string {
  const c = (name: string) => `class="${CLASS_PREFIX}${name}"`
  const linkAttrs = target ? ` target="${target}" rel="noopener"` : ''
  const a = (href: string, text: string, style = S.link) =>
    `<a ${c('link')} style="${style}" href="${escapeHtml(origin + href)}"${linkAttrs}>${escapeHtml(text)}</a>`
  const out: string[] = [
    `<div ${c('column')} style="${S.root}">`,
    `<h2 ${c('title')} style="${S.title}">${a(publicPaths(government.code).column, `${government.name}${COLUMN_TITLE}`, 'color:inherit;text-decoration:none')}</h2>`,
  ]
  if (years.length === 0) out.push(`<p ${c('empty')} style="${S.data}">尚未发布年度报告。</p>`)
  for (const { year, entries } of years) {
    const paths = publicPaths(government.code, year)
    out.push(`<section ${c('year')} aria-label="${year}年度">`)
    out.push(
      `<h3 ${c('year-title')} style="${S.year}">${a(paths.year, `${year}年度`, 'color:inherit;text-decoration:none')}</h3>`,
    )
    out.push(`<ul ${c('list')} style="${S.list}">`)
    for (const e of entries) {
      const name = e.kind === 'rollup' ? `${e.agencyName}（${REPORT_KIND_LABELS.rollup}）` : e.agencyName
      const meta = `${e.version > 1 ? `第${e.version}版，` : ''}${e.publishedOn} 发布`
      const withdrawn = e.withdrawnOn
        ? `<span ${c('withdrawn')} style="${S.withdrawn}">已撤回（${escapeHtml(e.withdrawnOn)}）</span>`
        : ''
      out.push(
        `<li ${c('item')} style="${S.item}">${a(e.path, `${name}${year}年${COLUMN_TITLE}`)}<span ${c('meta')} style="${S.meta}">${escapeHtml(meta)}</span>${withdrawn}</li>`,
      )
    }
    out.push('</ul>')
    out.push(
      `<p ${c('data')} style="${S.data}">开放数据：${a(paths.indexJson, 'JSON')} ${a(paths.indexCsv, 'CSV')}</p>`,
    )
    out.push('</section>')
  }
  out.push('</div>')
  return out.join('\n')
}

/** The page /gk/{gov}/embed: the fragment in a document of its own, links opening outside the frame. */
export function embedPage(
  government: { code: string; name: string },
  years: readonly ColumnYear[],
  origin: string,
): string {
  const title = `${government.name}${COLUMN_TITLE}`
  return documentOf(
    title,
    `<meta name="description" content="${escapeHtml(`${title}：各年度、各机关已发布的年度报告`)}">`,
    columnFragment(government, years, origin, { target: '_blank' }),
  )
}

/** A page of the embed's own: no script, no <style>, the body's margin inline. */
function documentOf(title: string, meta: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    meta,
    '</head>',
    '<body style="margin:8px">',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/**
 * The page /gk/{gov}/embed answers for an unknown government (decision 0540): the embed's own
 * look (inline styles, `nianbao-gk-` classes, no script), saying why in Chinese, so a portal
 * whose frame names a wrong code shows a sentence rather than a browser's error.
 */
export function embedMissPage(reason: string): string {
  const c = (name: string) => `class="${CLASS_PREFIX}${name}"`
  const title = `${COLUMN_TITLE}专栏不存在`
  return documentOf(
    title,
    '<meta name="robots" content="noindex">',
    [
      `<main ${c('column')} style="${S.root}">`,
      `<h1 ${c('title')} style="${S.title}">${title}</h1>`,
      `<p ${c('empty')} style="${S.data}">${escapeHtml(reason)}。请检查嵌入地址中的政府代码，或联系本级政务公开工作机构。</p>`,
      '</main>',
    ].join('\n'),
  )
}
