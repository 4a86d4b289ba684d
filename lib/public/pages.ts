/**
 * The HTML of the public column (decision 0301): plain server-built pages, no script, styles
 * inline in the page, readable at 390 px. The report page is the frozen HTML document as stored,
 * with a header (where it sits, its state, the downloads) and the publication record added around
 * its <main>; nothing of the report itself is rendered again here.
 */
import { chinaDateTime, chinaTimestamp } from '@/lib/china-time'
import { chineseDate } from '@/lib/china-time'
import { escapeHtml } from '@/lib/export/html'
import { FORMAT_LIST, formatFor } from '@/lib/format/index'
import type { PublishedFileMeta } from '@/lib/data/public-table'
import type { PublicChange, PublicColumn, PublicEntry, PublicReport, PublicVersion } from '@/lib/services/public-column'

const e = escapeHtml
const REPORT_TITLE = FORMAT_LIST[0].title
const COLUMN_TITLE = `${REPORT_TITLE}专栏`

/** 2022年1月20日, the day in China. */
export function chinaDay(date: Date | null): string {
  const stamp = chinaTimestamp(date)
  return stamp ? (chineseDate(stamp.slice(0, 10)) ?? '') : ''
}

// ————— addresses —————

export const columnPath = (gov: string) => `/gk/${gov}`
export const yearPath = (gov: string, year: number) => `/gk/${gov}/${year}`
export const reportPath = (gov: string, year: number, slug: string) => `/gk/${gov}/${year}/${slug}`
export const versionPath = (gov: string, year: number, slug: string, n: number) =>
  `${reportPath(gov, year, slug)}/v${n}`
export const filePath = (gov: string, year: number, slug: string, n: number, kind: string) =>
  `${versionPath(gov, year, slug, n)}/report.${kind}`
export const changesPath = (gov: string, year: number, slug: string) => `${reportPath(gov, year, slug)}/changes`

// ————— shared pieces —————

const CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f3f3f0; color: #1a1a1a; font: 16px/1.7 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
a { color: #0b57d0; }
a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.gk-wrap { max-width: 60rem; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; background: #fff; }
.gk-crumbs { margin: 0 0 0.75rem; font-size: 0.9rem; color: #4a4a4a; }
.gk-crumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; }
.gk-crumbs li + li::before { content: "›"; margin-right: 0.5rem; color: #6b6b6b; }
h1 { font-size: 1.5rem; line-height: 1.4; margin: 0 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
.gk-lead { color: #3d3d3d; margin: 0 0 1rem; }
.gk-years { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.gk-years a { display: inline-block; padding: 0.2rem 0.7rem; border: 1px solid #9a9a9a; border-radius: 1rem; text-decoration: none; }
.gk-years a[aria-current] { background: #0b57d0; border-color: #0b57d0; color: #fff; }
.gk-table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
.gk-table caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
.gk-table th, .gk-table td { border-bottom: 1px solid #d0d0cc; padding: 0.5rem 0.5rem; text-align: left; vertical-align: top; }
.gk-table thead th { border-bottom: 2px solid #1a1a1a; white-space: nowrap; }
.gk-table tbody th { font-weight: normal; }
.gk-scroll { overflow-x: auto; }
.gk-mark { display: inline-block; padding: 0 0.4rem; border-radius: 0.25rem; font-size: 0.85rem; white-space: nowrap; }
.gk-mark.withdrawn { background: #fdecea; color: #8a1c12; border: 1px solid #e3a69e; }
.gk-mark.corrected { background: #fff4e0; color: #6b4200; border: 1px solid #e0bd7e; }
.gk-mark.current { background: #e6f4ea; color: #11542a; border: 1px solid #93c6a3; }
.gk-note { margin: 0.75rem 0; padding: 0.6rem 0.8rem; border-left: 4px solid #c07a00; background: #fff8ec; }
.gk-note.withdrawn { border-color: #b3261e; background: #fdf1f0; }
.gk-files { margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
.gk-hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.8rem; overflow-wrap: anywhere; word-break: break-all; }
.gk-record dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 0.75rem; }
.gk-record dt { color: #4a4a4a; }
.gk-record dd { margin: 0; }
.gk-foot { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: #4a4a4a; font-size: 0.85rem; }
.gk-empty { color: #4a4a4a; }
.gk-meta { margin: 0 0 0.25rem; color: #3d3d3d; font-size: 0.9rem; }
.gk-vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.diff-before { background: #fdf1f0; }
.diff-after { background: #eef7f0; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
@media (max-width: 40rem) {
  .gk-wrap { padding: 1rem 1rem 2rem; }
  h1 { font-size: 1.3rem; }
  .gk-stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .gk-stack tr { display: block; padding: 0.5rem 0; border-bottom: 1px solid #d0d0cc; }
  .gk-stack th, .gk-stack td { display: block; border: 0; padding: 0.1rem 0; }
  .gk-stack td[data-label]::before { content: attr(data-label) "："; color: #4a4a4a; }
  .gk-record dl { grid-template-columns: 1fr; gap: 0; }
  .gk-record dd { margin-bottom: 0.4rem; }
}
@media print { body { background: none; } .gk-files, .gk-years { display: none; } }
`

interface Crumb {
  label: string
  href?: string
}

function crumbs(items: readonly Crumb[]): string {
  const li = items.map((c, i) =>
    c.href && i < items.length - 1
      ? `<li><a href="${e(c.href)}">${e(c.label)}</a></li>`
      : `<li><span aria-current="page">${e(c.label)}</span></li>`,
  )
  return `<nav class="gk-crumbs" aria-label="位置"><ol>${li.join('')}</ol></nav>`
}

function shell(title: string, description: string, nav: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<meta name="description" content="${e(description)}">
<style>${CSS}</style>
</head>
<body>
<div class="gk-wrap">
<header>${nav}</header>
<main id="main">
${main}
</main>
</div>
<footer class="gk-foot"><p>本栏目的年报均为审核通过后发布的版本；页面所列 SHA-256 可用于核对下载文件是否与发布时一致。</p></footer>
</body>
</html>
`
}

const entryTitle = (entry: PublicEntry) =>
  `${entry.agencyName}${entry.year}年${formatFor(entry.formatVersion)?.title ?? REPORT_TITLE}${entry.kind === 'rollup' ? '（全区汇总）' : ''}`

function stateMarks(entry: PublicEntry, version: PublicVersion): string {
  if (version.withdrawnAt) return `<span class="gk-mark withdrawn">已撤回（${e(chinaDay(version.withdrawnAt))}）</span>`
  const marks: string[] = []
  if (version.number !== entry.current.number) marks.push('<span class="gk-mark corrected">已被更正</span>')
  else if (entry.versions.length > 1 || version.correctionNote)
    marks.push(`<span class="gk-mark corrected">已更正（${e(chinaDay(version.publishedAt))}）</span>`)
  return marks.join(' ')
}

const KB = (size: number) => (size < 1024 ? `${size} 字节` : `${(size / 1024).toFixed(size < 10240 ? 1 : 0)} KB`)

const FILE_LABELS: Record<string, string> = { html: '网页', docx: 'Word', pdf: 'PDF', json: '数据（JSON）' }
const FILE_ORDER = ['html', 'docx', 'pdf', 'json']
const byFileOrder = (a: PublishedFileMeta, b: PublishedFileMeta) =>
  FILE_ORDER.indexOf(a.kind) - FILE_ORDER.indexOf(b.kind)

// ————— the column —————

export function columnPage(column: PublicColumn, years: readonly number[]): string {
  const { government } = column
  const gov = government.code
  const heading =
    column.year === null ? `${government.name}${COLUMN_TITLE}` : `${government.name}${column.year}年度${REPORT_TITLE}`
  const yearLinks = years.length
    ? `<nav aria-label="年度"><ul class="gk-years"><li><a href="${columnPath(gov)}"${column.year === null ? ' aria-current="page"' : ''}>全部年度</a></li>${years
        .map(
          (y) =>
            `<li><a href="${yearPath(gov, y)}"${column.year === y ? ' aria-current="page"' : ''}>${y}年度</a></li>`,
        )
        .join('')}</ul></nav>`
    : ''
  const byYear = new Map<number, PublicEntry[]>()
  for (const entry of column.entries) byYear.set(entry.year, [...(byYear.get(entry.year) ?? []), entry])
  const sections = [...byYear].map(([year, entries]) => {
    const rows = entries.map((entry) => {
      const v = entry.current
      const href = reportPath(gov, year, entry.slug)
      const downloads = v.withdrawnAt
        ? '—'
        : ['docx', 'pdf']
            .map((kind) => `<a href="${filePath(gov, year, entry.slug, v.number, kind)}">${FILE_LABELS[kind]}</a>`)
            .join(' ')
      return `<tr><th scope="row"><a href="${href}">${e(entry.agencyName)}${entry.kind === 'rollup' ? '（全区汇总）' : ''}</a></th><td data-label="年度">${year}年度</td><td data-label="首次发布">${e(chinaDay(entry.versions[0].publishedAt))}</td><td data-label="版本">第${v.number}版 ${stateMarks(entry, v)}</td><td data-label="下载">${downloads}</td></tr>`
    })
    return `<section aria-labelledby="y${year}">
<h2 id="y${year}">${year}年度</h2>
<table class="gk-table gk-stack">
<caption class="gk-vh">${year}年度已发布的年报</caption>
<thead><tr><th scope="col">机关</th><th scope="col">年度</th><th scope="col">首次发布</th><th scope="col">版本</th><th scope="col">下载</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>
</section>`
  })
  const main = `<h1>${e(heading)}</h1>
<p class="gk-lead">本栏目发布${e(government.name)}及其所属部门经审核后发布的${REPORT_TITLE}。每份年报的网址长期不变；更正后的年报保留原版本，并注明更正说明。</p>
${yearLinks}
${sections.length ? sections.join('\n') : '<p class="gk-empty">尚未发布年报。</p>'}`
  const nav = crumbs(
    column.year === null
      ? [{ label: `${government.name}${COLUMN_TITLE}` }]
      : [{ label: `${government.name}${COLUMN_TITLE}`, href: columnPath(gov) }, { label: `${column.year}年度` }],
  )
  const description =
    column.year === null
      ? `${government.name}及其所属部门历年${REPORT_TITLE}，共${column.entries.length}份，可在线阅读并下载 Word、PDF。`
      : `${government.name}及其所属部门${column.year}年度${REPORT_TITLE}，共${column.entries.length}份。`
  return shell(heading, description, nav, main)
}

// ————— a report —————

function versionList(report: PublicReport): string {
  const { government, entry } = report
  const items = entry.versions.map((v) => {
    const label = `第${v.number}版`
    const here = v.number === report.version.number
    const link = here
      ? `<span aria-current="page">${label}</span>`
      : `<a href="${versionPath(government.code, entry.year, entry.slug, v.number)}">${label}</a>`
    const state = v.withdrawnAt ? '已撤回' : v.number === entry.current.number ? '现行版本' : '已被更正'
    return `<li>${link}：${e(chinaDateTime(v.publishedAt))} 发布，${state}</li>`
  })
  const changes =
    entry.versions.filter((v) => !v.withdrawnAt).length > 1
      ? `<p><a href="${changesPath(government.code, entry.year, entry.slug)}">查看各版本之间的差异</a></p>`
      : ''
  return `<h3>版本</h3><ul>${items.join('')}</ul>${changes}`
}

function record(report: PublicReport): string {
  const v = report.version
  const files = [...report.files].sort(byFileOrder)
  const rows = files.map(
    (f) =>
      `<tr><th scope="row">${e(FILE_LABELS[f.kind] ?? f.kind)}<br><span class="gk-hash">${e(f.fileName)}</span></th><td class="num">${e(KB(f.size))}</td><td class="gk-hash">${e(f.sha256)}</td></tr>`,
  )
  const table = rows.length
    ? `<div class="gk-scroll"><table class="gk-table"><caption>发布时固定的文件</caption><thead><tr><th scope="col">文件</th><th scope="col">大小</th><th scope="col">SHA-256</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : ''
  return `<section class="gk-record" aria-labelledby="gk-record">
<h2 id="gk-record">发布记录</h2>
<dl>
<dt>版本</dt><dd>第${v.number}版</dd>
<dt>审核通过</dt><dd>${e(chinaDateTime(v.approvedAt))}</dd>
<dt>发布人</dt><dd>${e(v.publishedByName ?? '—')}</dd>
<dt>发布时间</dt><dd>${e(chinaDateTime(v.publishedAt))}</dd>
${v.correctionNote ? `<dt>更正说明</dt><dd>${e(v.correctionNote)}</dd>` : ''}
${v.withdrawnAt ? `<dt>撤回时间</dt><dd>${e(chinaDateTime(v.withdrawnAt))}</dd><dt>撤回理由</dt><dd>${e(v.withdrawnReason ?? '')}</dd>` : ''}
</dl>
${table}
${versionList(report)}
</section>`
}

function notices(report: PublicReport): string {
  const { government, entry, version } = report
  const out: string[] = []
  if (version.withdrawnAt) {
    out.push(
      `<p class="gk-note withdrawn" role="note"><strong>本年报已于${e(chinaDay(version.withdrawnAt))}撤回。</strong>撤回理由：${e(version.withdrawnReason ?? '')}</p>`,
    )
  } else if (report.superseded) {
    out.push(
      `<p class="gk-note" role="note">这是第${version.number}版，已被更正。<a href="${reportPath(government.code, entry.year, entry.slug)}">查看现行的第${entry.current.number}版</a></p>`,
    )
  }
  if (version.correctionNote && !version.withdrawnAt) {
    out.push(
      `<p class="gk-note" role="note"><strong>更正说明</strong>（${e(chinaDay(version.publishedAt))}）：${e(version.correctionNote)}</p>`,
    )
  }
  return out.join('')
}

function downloads(report: PublicReport): string {
  if (report.version.withdrawnAt) return ''
  const { government, entry, version } = report
  const have = new Map(report.files.map((f) => [f.kind, f]))
  const links = FILE_ORDER.filter((k) => k !== 'html' && (have.has(k) || k === 'pdf')).map((kind) => {
    const f = have.get(kind)
    const size = f ? `，${KB(f.size)}` : ''
    return `<a href="${filePath(government.code, entry.year, entry.slug, version.number, kind)}">下载 ${FILE_LABELS[kind]}（.${kind}${size}）</a>`
  })
  return `<p class="gk-files">${links.join('')}</p>`
}

function reportCrumbs(report: PublicReport): string {
  const { government, entry } = report
  return crumbs([
    { label: `${government.name}${COLUMN_TITLE}`, href: columnPath(government.code) },
    { label: `${entry.year}年度`, href: yearPath(government.code, entry.year) },
    { label: `${entry.agencyName}${entry.kind === 'rollup' ? '（全区汇总）' : ''}` },
  ])
}

export function reportDescription(report: PublicReport): string {
  const { entry, version } = report
  return `${entryTitle(report.entry)}，第${version.number}版，${chinaDay(version.publishedAt)}发布${
    version.withdrawnAt ? `，已于${chinaDay(version.withdrawnAt)}撤回` : ''
  }${entry.versions.length > 1 && !version.withdrawnAt ? '，含更正说明' : ''}。`
}

/**
 * The stored HTML document with the column's header before its <main> and the publication
 * record after it; its own head (title, CSP meta, print CSS) is kept.
 */
export function reportPage(report: PublicReport, storedHtml: string): string {
  const head = `<meta name="description" content="${e(reportDescription(report))}">\n<style>${CSS}
.gk-bar, .gk-after { max-width: 50rem; margin: 0 auto; padding: 1rem 3.5rem; background: #fff; }
.gk-bar { border-bottom: 1px solid #d0d0cc; }
.gk-after { border-top: 1px solid #d0d0cc; }
@media (max-width: 40rem) { .gk-bar, .gk-after { padding: 0.75rem 1rem; } }
@media print { .gk-bar, .gk-after { display: none; } }
</style>\n`
  const meta = `<p class="gk-meta">第${report.version.number}版 · ${e(chinaDay(report.version.publishedAt))}发布 · <a href="#gk-record">发布记录与文件校验值</a></p>`
  const bar = `<header class="gk-bar">${reportCrumbs(report)}${meta}${notices(report)}${downloads(report)}</header>\n`
  const after = `\n<footer class="gk-after">${record(report)}</footer>\n`
  const headAt = storedHtml.indexOf('</head>')
  const bodyAt = storedHtml.indexOf('<body>')
  const endAt = storedHtml.lastIndexOf('</body>')
  if (headAt < 0 || bodyAt < headAt || endAt < bodyAt) {
    // Not the document the exporter writes: show it only behind the record, never unframed.
    return withdrawnOrBarePage(report)
  }
  const bodyOpen = bodyAt + '<body>'.length
  return (
    storedHtml.slice(0, headAt) +
    head +
    storedHtml.slice(headAt, bodyOpen) +
    '\n' +
    bar +
    storedHtml.slice(bodyOpen, endAt) +
    after +
    storedHtml.slice(endAt)
  )
}

/** A withdrawn version: the entry, why and when it was taken down, and its record; no report. */
export function withdrawnOrBarePage(report: PublicReport): string {
  const title = `${entryTitle(report.entry)}${report.version.withdrawnAt ? '（已撤回）' : ''}`
  const main = `<h1>${e(title)}</h1>${notices(report)}${downloads(report)}${record(report)}`
  return shell(title, reportDescription(report), reportCrumbs(report), main)
}

// ————— changes —————

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : String(v))

function diffHtml(change: PublicChange, formatVersion: string): string {
  const { from, to, diff } = change
  const a = `第${from.number}版`
  const b = `第${to.number}版`
  const format = formatFor(formatVersion)
  const parts: string[] = []
  if (to.correctionNote)
    parts.push(`<p class="gk-note" role="note"><strong>更正说明</strong>：${e(to.correctionNote)}</p>`)
  if (diff.same) parts.push('<p>两个版本内容相同。</p>')
  if (diff.cells.length) {
    const rows = diff.cells.map(
      (c) =>
        `<tr><td data-label="部分">${e(format?.sections.find((s) => s.key === c.sectionKey)?.heading ?? '')}</td><th scope="row">${e(c.label)}</th><td class="num diff-before" data-label="${a}">${e(show(c.before))}</td><td class="num diff-after" data-label="${b}">${e(show(c.after))}</td></tr>`,
    )
    parts.push(
      `<h3>改动的数据（${diff.cells.length}处）</h3><table class="gk-table gk-stack"><thead><tr><th scope="col">部分</th><th scope="col">项目</th><th scope="col">${a}</th><th scope="col">${b}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
  }
  for (const n of diff.narratives) {
    const changed = n.rows.filter((r) => r.kind !== 'same')
    if (!changed.length) continue
    const rows = changed.map(
      (r) =>
        `<tr><td class="diff-before" data-label="${a}">${r.before === null ? '（无此段）' : e(r.before)}</td><td class="diff-after" data-label="${b}">${r.after === null ? '（已删除）' : e(r.after)}</td></tr>`,
    )
    parts.push(
      `<h3>${e(n.heading)}：改动的段落（${changed.length}段）</h3><table class="gk-table gk-stack"><thead><tr><th scope="col">${a}</th><th scope="col">${b}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
  }
  if (diff.explanations.length) {
    const rows = diff.explanations.map(
      (x) =>
        `<tr><td class="diff-before" data-label="${a}">${e(x.before ?? '（无）')}</td><td class="diff-after" data-label="${b}">${e(x.after ?? '（无）')}</td></tr>`,
    )
    parts.push(
      `<h3>情况说明</h3><table class="gk-table gk-stack"><thead><tr><th scope="col">${a}</th><th scope="col">${b}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
  }
  return `<section aria-labelledby="c${to.number}"><h2 id="c${to.number}">${a} → ${b}（${e(chinaDay(to.publishedAt))}发布）</h2>${parts.join('\n')}</section>`
}

export function changesPage(report: PublicReport, changes: readonly PublicChange[]): string {
  const { government, entry } = report
  const title = `${entryTitle(entry)}：各版本之间的差异`
  const nav = crumbs([
    { label: `${government.name}${COLUMN_TITLE}`, href: columnPath(government.code) },
    { label: `${entry.year}年度`, href: yearPath(government.code, entry.year) },
    { label: entry.agencyName, href: reportPath(government.code, entry.year, entry.slug) },
    { label: '版本差异' },
  ])
  const main = `<h1>${e(title)}</h1>
${changes.length ? changes.map((c) => diffHtml(c, entry.formatVersion)).join('\n') : '<p class="gk-empty">这份年报只发布过一个版本，没有更正。</p>'}`
  return shell(title, `${entryTitle(entry)}历次更正改动的数据和段落。`, nav, main)
}

// ————— misses —————

export function notFoundPage(): string {
  return shell(
    '页面不存在',
    '您访问的年报页面不存在或尚未发布。',
    '',
    `<h1>页面不存在</h1><p>您访问的年报不存在或尚未发布。请检查网址，或从政府网站的${REPORT_TITLE}专栏进入。</p>`,
  )
}

export function withdrawnFilePage(report: PublicReport): string {
  return withdrawnOrBarePage(report)
}

export function unavailablePage(reason: string): string {
  return shell('文件暂不可用', reason, '', `<h1>文件暂不可用</h1><p>${e(reason)}</p>`)
}
