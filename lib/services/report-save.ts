/**
 * Saving the officer's content: the hot path of the product (every autosave), so the write is
 * plain SQL (lib/data/report-table.ts writeContent). `version` is the version of the content: it
 * changes only when the content changes, and a save carries the version the officer started
 * from and is refused (409 conflict) when it is no longer the stored one. The change and its
 * audit event are written together.
 */
import 'server-only'
import { randomUUID } from 'node:crypto'
import { writeContent } from '@/lib/data/report-table'
import { splitContent } from '@/lib/report/content-split'
import { type ReportData, reportSchema } from '@/lib/report/schema'
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { MAX_COUNT } from '@/lib/format/value-types'
import { deriveTotals, overflowingTotals } from '@/lib/rules/derive'
import { strippedNotice, stripUnsafeDeep } from '@/lib/text/unsafe-chars'
import { editRefusal, isEditable, type ReportState } from '@/lib/workflow/workflow'
import { badRequest, conflict, historyReadOnly, invalid, notFound, requireBaseVersion, ServiceError } from './errors'
import { originsAfter } from '@/lib/report/origins'
import { type CountsTracker, countsOfContent } from './report-counts'
import { previousReportFound, previousReportOf, type ReportIdentityKey } from './report-previous'
import { formatOf, loadReportRow } from './report-read'

export interface SaveResult {
  version: number
  /** ISO 8601 */
  updatedAt: string
  status: ReportState
  /** What the user should know about the save (characters removed from the text). */
  notices?: string[]
}

/** Ids of rows written with plain SQL (Prisma's own are cuids; both are opaque strings). */
const eventId = () => `e${randomUUID().replaceAll('-', '')}`

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

function leaves(node: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) leaves(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (node !== undefined) out.set(prefix, node)
  return out
}

/** Full paths of the leaves (cells, narratives, explanations) that differ between a and b. */
export function changedPaths(a: unknown, b: unknown): string[] {
  const before = leaves(a, '', new Map())
  const after = leaves(b, '', new Map())
  const changed: string[] = []
  for (const [path, value] of after) if (before.get(path) !== value || !before.has(path)) changed.push(path)
  for (const path of before.keys()) if (!after.has(path)) changed.push(path)
  return changed
}

/** What a save may change: preamble, sections and explanations; the identity comes from the stored record. */
function contentOf(data: Record<string, unknown>, stored: ReportData) {
  return {
    formatVersion: stored.formatVersion,
    year: stored.year,
    agency: stored.agency,
    // The preamble as the sections: a client that does not send it keeps the stored one.
    ...(typeof data.preamble === 'string'
      ? { preamble: data.preamble }
      : stored.preamble !== undefined
        ? { preamble: stored.preamble }
        : {}),
    sections: data.sections,
    // A client that does not send explanations keeps the stored ones; {} clears them.
    ...(data.explanations !== undefined
      ? { explanations: data.explanations }
      : stored.explanations
        ? { explanations: stored.explanations }
        : {}),
    // The same for totals as printed: {} removes them all (以各项之和为准).
    ...(data.stated !== undefined ? { stated: data.stated } : stored.stated ? { stated: stored.stated } : {}),
    // Marks of carried values: kept unless sent; a mark whose value changed goes (originsAfter).
    ...originsAfter(
      stored,
      {
        sections: data.sections as Record<string, unknown>,
        preamble: typeof data.preamble === 'string' ? data.preamble : stored.preamble,
      },
      data.origins !== undefined ? (data.origins as ReportData['origins']) : stored.origins,
    ),
  }
}

export async function saveReport(
  id: string,
  baseVersion: number,
  data: unknown,
  actor: string | null = null,
): Promise<SaveResult> {
  const base = requireBaseVersion(baseVersion)
  const row = await loadReportRow(id)
  const stored = JSON.parse(row.content) as ReportData
  const format = formatOf(row.formatVersion)
  if (!isObject(data)) throw badRequest('保存的内容不是年报数据，请刷新页面后重试')
  // Submitted, approved and published reports are not the officer's to change (the workflow says).
  if (!isEditable(row.status)) throw new ServiceError(409, 'not_editable', editRefusal(row.status))
  if (row.kind === 'history') throw historyReadOnly()

  const parsed = reportSchema(format, 'draft').safeParse(contentOf(data, stored))
  if (!parsed.success) throw invalid(parsed.error)
  const next = parsed.data
  // Controls and bidi overrides never reach storage (lib/text/unsafe-chars.ts); the user is told.
  const removed = stripUnsafeDeep(next.sections) + stripUnsafeDeep(next.explanations)
  const notices = removed ? { notices: [strippedNotice(removed)] } : {}
  if (next.explanations) {
    // Keep only explanations with text, so clearing one is a change and "" is never stored.
    next.explanations = Object.fromEntries(Object.entries(next.explanations).filter(([, v]) => v.trim() !== ''))
    if (Object.keys(next.explanations).length === 0) delete next.explanations
  }
  if (next.stated && Object.keys(next.stated).length === 0) delete next.stated
  deriveTotals(format, next.sections)
  const overflow = overflowingTotals(format, next.sections)
  if (overflow.length) throw totalTooLarge(format, overflow)

  const changed = changedPaths(stored, next)
  const current = { version: row.version, updatedAt: row.updatedAt.toISOString(), status: row.status as ReportState }
  // Nothing changed: nothing to lose and nothing to record, whatever tab it came from.
  if (changed.length === 0) return { ...current, ...notices }
  if (row.version !== base) throw conflict(row.version)

  const { written, saved } = await writeSave(
    row,
    next,
    (reopened) => ({ changed, ...(reopened ? { reopened: true } : {}) }),
    actor,
  )
  if (!written.written) throw written.version === null ? notFound() : conflict(written.version)
  return { ...saved, ...notices }
}

/**
 * Writes `next` over the stored row (its version and state as read) with its audit event, the
 * one way both kinds of save (whole report, changed leaves) write content. A change undoes the
 * officer's own 标记为完成; a returned report stays returned until resubmitted. `written` says
 * whether the row still had that version (else the version stored now, null when gone).
 */
export async function writeSave(
  row: {
    id: string
    version: number
    status: string
    formatVersion: string
    /** Last year's report as the row's statement found it (findSaveRow); else found here. */
    previous?: { id: string; version: number; updatedAt: Date; agencyId: string } | null
    /** Its narratives are stored apart already (ReportText, decision 0840); unknown: written. */
    split?: boolean
  } & ReportIdentityKey,
  next: ReportData,
  summary: (reopened: boolean) => object,
  actor: string | null,
  /** The report's counts as this process last counted them (save-memo.ts); else counted whole. */
  counts?: CountsTracker,
  /** Whether the save may change a narrative: false (a save of cells only) leaves the stored texts alone. */
  textsChanged = true,
) {
  const reopened = row.status === 'complete'
  const status: ReportState = reopened ? 'draft' : (row.status as ReportState)
  const savedAt = new Date()
  const version = row.version + 1
  const previous =
    row.previous !== undefined ? await previousReportFound(row, row.previous) : await previousReportOf(row)
  // The narratives apart (decision 0840): a save of cells writes the rest only.
  const { cells, texts } = splitContent(formatOf(row.formatVersion), next)
  const written = await writeContent({
    id: row.id,
    baseVersion: row.version,
    status: row.status,
    ...(textsChanged || row.split !== true ? { texts } : {}),
    next: {
      content: cells,
      version,
      status,
      updatedAt: savedAt,
      ...(counts ? counts(next, previous) : countsOfContent(row.formatVersion, next, previous)),
    },
    event: {
      id: eventId(),
      kind: 'save',
      version,
      summary: JSON.stringify(summary(reopened)),
      actor,
      createdAt: savedAt,
    },
  })
  return { written, savedAt, saved: { version, updatedAt: savedAt.toISOString(), status } satisfies SaveResult }
}

/**
 * A total the officer does not type (总计) would exceed what a cell holds (999,999,999 + 6): the
 * input that causes it is refused here, at the cells that add up to it, rather than stored and
 * then failing every later save on a read-only cell.
 */
export function totalTooLarge(format: FormatDef, overflow: { target: string; sources: string[] }[]): ServiceError {
  const [first] = overflow
  const label = cellByPath(format, first.target)?.label ?? first.target
  const fields: Record<string, string> = {}
  for (const { target, sources } of overflow) {
    const message = `与其他各项相加后，“${cellByPath(format, target)?.label ?? target}”将超过最大值${MAX_COUNT}`
    for (const source of sources) fields[`sections.${source}`] = message
  }
  return new ServiceError(
    422,
    'total_too_large',
    `“${label}”由各项相加得出，相加后将超过最大值${MAX_COUNT}，未能保存。请核对相加的各项数值。`,
    fields,
  )
}
