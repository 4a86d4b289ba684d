/**
 * The open-data index of a government's year (decision 0320): one entry per report published
 * through Nianbao (the latest published version), with its public addresses and the table totals
 * read from the published content. Plain functions over plain rows: lib/services/open-data.ts
 * reads the rows, the routes under app/gk/[gov]/[year]/ serve the JSON and the CSV built here.
 */
import { dataRows, leafColumns, tableCells } from '@/lib/format/cells'
import { FORMAT_LIST, type FormatDef, formatFor, type MatrixTableDef, type RowNode } from '@/lib/format/index'
import { APPLICATIONS_TOTAL_COLUMN, REVIEW_TOTAL_RESULT } from '@/lib/format/shared-parts'
import { getAt } from '@/lib/report/values'
import { REPORT_KIND_LABELS, REPORT_SCOPE_LABELS, type ReportScope } from '@/lib/report/identity'
import { publicPaths } from './addresses'

/** A table total of the index: one cell of the published tables, or the sum of a row group's cells. */
export interface Measure {
  /** The cell path (applications.newReceived.total); a row group's sum is keyed group.column (applications.denied.total). */
  key: string
  /** Labels of the format definition, joined as the app names cells: row·column. */
  label: string
  /** The statutory table: 二, 三 or 四. */
  table: '二' | '三' | '四'
  /** The cells summed (one for a plain cell). */
  paths: string[]
}

/** Table 三: every row's 总计 (a row group's as the sum of its rows), in the table's order. */
function applicationMeasures(table: MatrixTableDef): Measure[] {
  const totalLabel = leafColumns(table.columns).find((c) => c.key === APPLICATIONS_TOTAL_COLUMN)?.label ?? ''
  const label = (rowLabel: string) => (rowLabel.endsWith(totalLabel) ? rowLabel : `${rowLabel}·${totalLabel}`)
  const out: Measure[] = []
  const walk = (nodes: RowNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'row') {
        out.push({
          key: `${table.key}.${node.key}.${APPLICATIONS_TOTAL_COLUMN}`,
          label: label(node.label),
          table: '三',
          paths: [`${table.key}.${node.key}.${APPLICATIONS_TOTAL_COLUMN}`],
        })
      } else if (node.vertical) {
        // 三、本年度办理结果 is a heading over its parts: its parts are the totals.
        walk(node.children)
      } else {
        out.push({
          key: `${table.key}.${node.key}.${APPLICATIONS_TOTAL_COLUMN}`,
          label: label(node.label),
          table: '三',
          paths: dataRows(node.children).map((r) => `${table.key}.${r.key}.${APPLICATIONS_TOTAL_COLUMN}`),
        })
      }
    }
  }
  walk(table.rows)
  return out
}

/** The totals a format's report gives the index: table 三's row totals, table 四's 结果纠正 and 总计, table 二's cells. */
export function formatMeasures(format: FormatDef): Measure[] {
  const out: Measure[] = []
  const second: Measure[] = []
  for (const section of format.sections) {
    if (section.kind !== 'table') continue
    const table = section.table
    if (table.kind === 'matrix') out.push(...applicationMeasures(table))
    else if (table.kind === 'singleRow') {
      // 结果纠正 beside 总计: what evaluators read as the share of decisions corrected.
      const corrected = table.results.find((r) => r.key === 'corrected')?.key
      for (const cell of tableCells(section.key, table)) {
        const result = cell.segments[2]
        if (result === REVIEW_TOTAL_RESULT || result === corrected)
          out.push({ key: cell.path, label: cell.label, table: '四', paths: [cell.path] })
      }
    } else {
      for (const cell of tableCells(section.key, table))
        second.push({ key: cell.path, label: cell.label, table: '二', paths: [cell.path] })
    }
  }
  // Table 二 differs between the formats: after 三 and 四, which every format shares.
  return [...out, ...second]
}

/** The measures of an index: those of the formats its reports use (newest format first), each key once. */
export function indexMeasures(formatVersions: readonly string[]): Measure[] {
  const used = new Set(formatVersions)
  const formats = FORMAT_LIST.filter((f) => used.has(f.version))
  const seen = new Map<string, Measure>()
  for (const format of formats.length > 0 ? formats : FORMAT_LIST.slice(0, 1))
    for (const m of formatMeasures(format)) if (!seen.has(m.key)) seen.set(m.key, m)
  const all = [...seen.values()]
  return [...all.filter((m) => m.table !== '二'), ...all.filter((m) => m.table === '二')]
}

/** A total's value: a count as a number, an amount as the text stored (exact); null when blank or not in this format. */
export type TotalValue = number | string | null

function totalOf(sections: unknown, measure: Measure): TotalValue {
  if (measure.paths.length === 1) {
    const v = getAt(sections, measure.paths[0].split('.'))
    return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? v : null
  }
  // A row group: the sum of its rows, only when every row is filled (blank is not zero).
  let sum = 0
  for (const path of measure.paths) {
    const v = getAt(sections, path.split('.'))
    if (typeof v !== 'number') return null
    sum += v
  }
  return sum
}

/** One published report as read from the database. */
export interface PublishedRow {
  agencyCode: string
  agencyName: string
  kind: 'report' | 'rollup'
  scope: string
  year: number
  formatVersion: string
  versionNumber: number
  publishedAt: Date
  correctionNote: string | null
  withdrawnAt: Date | null
  withdrawnReason: string | null
  /** The version's report JSON as published. */
  content: string
}

export interface IndexEntry {
  agencyCode: string
  agencyName: string
  kind: 'report' | 'rollup'
  kindLabel: string
  scope: string
  scopeLabel: string
  year: number
  formatVersion: string
  formatBasis: string
  version: number
  publishedAt: string
  /** China date, YYYY-MM-DD. */
  publishedOn: string
  correctionNote: string | null
  /** Null unless the version was taken down (撤回): then no totals and no report JSON. */
  withdrawn: { at: string; on: string; reason: string } | null
  /** Absolute addresses: the report page, this version's page, its report JSON (null when withdrawn). */
  url: string
  versionUrl: string
  jsonUrl: string | null
  totals: Record<string, TotalValue>
}

export interface OpenDataIndex {
  government: { code: string; name: string }
  year: number
  /** Absolute address of the government's column. */
  columnUrl: string
  measures: { key: string; label: string; table: Measure['table'] }[]
  reports: IndexEntry[]
}

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
/** YYYY-MM-DD in China. */
export const chinaDate = (date: Date) => CHINA_DATE.format(date)

function readSections(content: string): unknown {
  try {
    const parsed = JSON.parse(content) as { sections?: unknown }
    return parsed?.sections ?? null
  } catch {
    return null
  }
}

/**
 * The index: entries ordered as the column shows them (the government's own first, then the
 * roll-up, then the agencies by code), every total read from the published content.
 */
export function buildIndex(
  government: { code: string; name: string },
  year: number,
  rows: readonly PublishedRow[],
  origin: string,
): OpenDataIndex {
  const measures = indexMeasures(rows.map((r) => r.formatVersion))
  const rank = (r: PublishedRow) => (r.agencyCode === government.code ? (r.kind === 'report' ? 0 : 1) : 2)
  const sorted = [...rows].sort(
    (a, b) => rank(a) - rank(b) || a.agencyCode.localeCompare(b.agencyCode) || a.kind.localeCompare(b.kind),
  )
  const reports = sorted.map((row): IndexEntry => {
    const paths = publicPaths(government.code, year, row.agencyCode, row.kind, row.versionNumber)
    const withdrawn = row.withdrawnAt
      ? { at: row.withdrawnAt.toISOString(), on: chinaDate(row.withdrawnAt), reason: row.withdrawnReason ?? '' }
      : null
    const sections = withdrawn ? null : readSections(row.content)
    const own = new Set(
      formatFor(row.formatVersion) ? formatMeasures(formatFor(row.formatVersion) as FormatDef).map((m) => m.key) : [],
    )
    return {
      agencyCode: row.agencyCode,
      agencyName: row.agencyName,
      kind: row.kind,
      kindLabel: REPORT_KIND_LABELS[row.kind],
      scope: row.scope,
      scopeLabel: REPORT_SCOPE_LABELS[row.scope as ReportScope] ?? row.scope,
      year: row.year,
      formatVersion: row.formatVersion,
      formatBasis: formatFor(row.formatVersion)?.basis ?? row.formatVersion,
      version: row.versionNumber,
      publishedAt: row.publishedAt.toISOString(),
      publishedOn: chinaDate(row.publishedAt),
      correctionNote: row.correctionNote,
      withdrawn,
      url: origin + paths.report,
      versionUrl: origin + paths.version,
      jsonUrl: withdrawn ? null : origin + paths.json,
      totals: Object.fromEntries(
        measures.map((m) => [m.key, sections && own.has(m.key) ? totalOf(sections, m) : null]),
      ),
    }
  })
  return {
    government,
    year,
    columnUrl: origin + publicPaths(government.code, year).column,
    measures: measures.map(({ key, label, table }) => ({ key, label, table })),
    reports,
  }
}

/** One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (= + - @) is prefixed with '. */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  let text = value
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The fixed columns of the CSV, before the totals. */
export const CSV_COLUMNS: { label: string; value: (e: IndexEntry) => string | number | null }[] = [
  { label: '机关代码', value: (e) => e.agencyCode },
  { label: '机关名称', value: (e) => e.agencyName },
  { label: '报告类别', value: (e) => `${e.kindLabel}（${e.scopeLabel}）` },
  { label: '年度', value: (e) => e.year },
  { label: '报告格式', value: (e) => e.formatBasis },
  { label: '版本', value: (e) => e.version },
  { label: '发布日期', value: (e) => e.publishedOn },
  { label: '状态', value: (e) => (e.withdrawn ? '已撤回' : '已发布') },
  { label: '撤回日期', value: (e) => e.withdrawn?.on ?? null },
  { label: '撤回理由', value: (e) => e.withdrawn?.reason ?? null },
  { label: '更正说明', value: (e) => e.correctionNote },
  { label: '公开地址', value: (e) => e.url },
  { label: '报告JSON', value: (e) => e.jsonUrl },
]

/** Rows as a CSV file: UTF-8 with a byte-order mark (Excel and WPS read it right), CRLF lines. */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}

/** The index as CSV: a Chinese header row, then one line per report (csvDocument). */
export function indexCsv(index: OpenDataIndex): string {
  const header = [...CSV_COLUMNS.map((c) => c.label), ...index.measures.map((m) => `表${m.table}·${m.label}`)]
  return csvDocument([
    header,
    ...index.reports.map((entry) => [
      ...CSV_COLUMNS.map((c) => c.value(entry)),
      ...index.measures.map((m) => entry.totals[m.key] ?? null),
    ]),
  ])
}
