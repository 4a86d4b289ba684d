/** A report's audit history as the history page shows it: who did what, when, to which cells. */
import 'server-only'
import { prisma } from '@/lib/db'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import { HISTORY_PAGE_SIZE } from '@/lib/requests/limits'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { resolveLinks } from '@/lib/narrative/links'
import { leafLabel } from '@/lib/report/patch'
import { TRANSITIONS } from '@/lib/workflow/workflow'
import { anchorLabel } from './comments'
import { notFound } from './errors'
import { formatOf } from './report-read'
import { userNames } from './user-names'

export interface HistoryEntry {
  id: string
  kind: string
  /** 保存、提交审核、退回修改、… */
  label: string
  actor: string | null
  /** ISO 8601 */
  at: string
  version: number
  /** Changed cells and narratives, labelled from the format; with old and new as shown when the save recorded them. */
  changes: { path: string; label: string; old?: string; new?: string }[]
  /** Total changed paths (changes is capped). */
  changeCount: number
  reason: string | null
  note: string | null
}

const EVENT_LABELS: Record<string, string> = {
  create: '新建',
  import: '导入',
  save: '保存',
  comment: '提出审核意见',
  reply: '回复审核意见',
  resolve: '意见已处理',
  ...Object.fromEntries(TRANSITIONS.map((t) => [t.id, t.done])),
}

function pathLabel(format: FormatDef, path: string): string {
  const p = path.replace(/^sections\./, '')
  const cell = cellByPath(format, p)
  if (cell) return cell.label
  const narrative = format.sections.find((s) => narrativePath(s) === p)
  if (narrative) return `${narrative.heading}（正文）`
  if (p.startsWith('explanations.')) return '情况说明'
  return leafLabel(format, path)
}

/** Long paragraphs are cut in the list; the versions page compares whole texts. */
const MAX_SHOWN = 200

/** A recorded value as the history shows it: a cell as on screen, blank and removed in words. */
function shownValue(format: FormatDef, path: string, value: unknown, links: LinkText): string {
  if (value === null || value === undefined || value === '')
    return path.includes('#') && value === null ? '（删除）' : '（空白）'
  const cell = cellByPath(format, path.replace(/^sections\./, ''))
  const text = cell ? VALUE_TYPES[cell.valueType].screenText(value) : links(String(value))
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

type RecordedChange = { path: string; old: unknown; new: unknown }

/** A save's changes: with old and new values (cell-level saves), else the changed paths alone. */
/** A text with its linked numbers as the report's cells give them now (lib/narrative/links.ts). */
type LinkText = (text: string) => string

function changesOf(format: FormatDef, changed: string[], recorded: RecordedChange[] | undefined, links: LinkText) {
  const values = new Map((recorded ?? []).map((c) => [c.path, c]))
  return changed.slice(0, 50).map((p) => {
    const change = values.get(p)
    return {
      path: p,
      label: pathLabel(format, p),
      ...(change
        ? { old: shownValue(format, p, change.old, links), new: shownValue(format, p, change.new, links) }
        : {}),
    }
  })
}

export interface HistoryPage {
  events: HistoryEntry[]
  /** 1-based; a page past the end comes back empty with the real count. */
  page: number
  pageCount: number
  total: number
}

/**
 * One page of the report's audit history, newest first: at most HISTORY_PAGE_SIZE events, so
 * a report with years of autosaves costs one bounded query per request.
 */
export async function reportHistory(reportId: string, page = 1): Promise<HistoryPage> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, select: { formatVersion: true } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const [total, events] = await Promise.all([
    prisma.reportEvent.count({ where: { reportId } }),
    prisma.reportEvent.findMany({
      where: { reportId },
      orderBy: [{ createdAt: 'desc' }, { version: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * HISTORY_PAGE_SIZE,
      take: HISTORY_PAGE_SIZE,
    }),
  ])
  // Texts with linked numbers show the numbers, as the cells hold them now.
  let links: LinkText = (text) => text
  if (events.some((e) => e.summary?.includes('{{'))) {
    const content = await prisma.report.findUnique({ where: { id: reportId }, select: { content: true } })
    const sections = content ? ((JSON.parse(content.content) as { sections?: unknown }).sections ?? {}) : {}
    links = (text) => resolveLinks(format, sections, text)
  }
  // Names as they were then; a row from before names were kept takes the current one.
  const name = await userNames(events.filter((e) => !e.actorName).map((e) => e.actor))
  const entries = events.map((e): HistoryEntry => {
    const summary = JSON.parse(e.summary || '{}') as {
      changed?: string[]
      reason?: string
      body?: string
      anchor?: string
      notices?: string[]
      reopened?: boolean
      changes?: RecordedChange[]
    }
    const changed = summary.changed ?? []
    const note =
      summary.body !== undefined
        ? `${summary.anchor ? `${anchorLabel(format, summary.anchor) ?? summary.anchor}：` : ''}${summary.body}`
        : summary.anchor
          ? (anchorLabel(format, summary.anchor) ?? summary.anchor)
          : summary.reopened
            ? '已完成的年报因修改改回草稿'
            : null
    return {
      id: e.id,
      kind: e.kind,
      label: EVENT_LABELS[e.kind] ?? e.kind,
      actor: e.actorName ?? name(e.actor),
      at: e.createdAt.toISOString(),
      version: e.version,
      changes: changesOf(format, changed, summary.changes, links),
      changeCount: changed.length,
      reason: summary.reason ?? null,
      note,
    }
  })
  return { events: entries, page, pageCount: Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE)), total }
}
