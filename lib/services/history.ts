/** A report's audit history as the history page shows it: who did what, when, to which cells. */
import 'server-only'
import { prisma } from '@/lib/db'
import { statedTargets } from '@/lib/rules/stated'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { transitionById } from '@/lib/workflow/workflow'
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
  /** Changed cells and narratives, labelled from the format. */
  changes: { path: string; label: string }[]
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
  ...Object.fromEntries(
    ['complete', 'reopen', 'submit', 'return', 'approve', 'publish', 'correct'].map((id) => [
      id,
      transitionById(id)?.done ?? id,
    ]),
  ),
}

function pathLabel(format: FormatDef, path: string): string {
  const p = path.replace(/^sections\./, '')
  const cell = cellByPath(format, p)
  if (cell) return cell.label
  const narrative = format.sections.find((s) => narrativePath(s) === p)
  if (narrative) return `${narrative.heading}（正文）`
  if (p.startsWith('explanations.')) return '情况说明'
  if (p.startsWith('stated.')) {
    const target = statedTargets(format).get(p.slice('stated.'.length))
    return `${target?.label ?? p.slice('stated.'.length)}（表中写明的合计）`
  }
  return p
}

/** The report's audit history, newest first. */
export async function reportHistory(reportId: string): Promise<HistoryEntry[]> {
  const row = await prisma.report.findUnique({ where: { id: reportId }, select: { formatVersion: true } })
  if (!row) throw notFound()
  const format = formatOf(row.formatVersion)
  const events = await prisma.reportEvent.findMany({
    where: { reportId },
    orderBy: [{ createdAt: 'desc' }, { version: 'desc' }],
  })
  const name = await userNames(events.map((e) => e.actor))
  return events.map((e) => {
    const summary = JSON.parse(e.summary || '{}') as {
      changed?: string[]
      reason?: string
      body?: string
      anchor?: string
      notices?: string[]
      reopened?: boolean
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
      actor: name(e.actor),
      at: e.createdAt.toISOString(),
      version: e.version,
      changes: changed.slice(0, 50).map((p) => ({ path: p, label: pathLabel(format, p) })),
      changeCount: changed.length,
      reason: summary.reason ?? null,
      note,
    }
  })
}
