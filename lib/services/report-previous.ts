/**
 * The agency's report of the year before (issue 13): the same kind and scope (an agency's own
 * report also finds one imported as history), written in either format; after a 机构改革 the
 * predecessor's (Agency.predecessorId) when the agency has none of its own. The cross-year rules
 * (lib/rules/previous.ts) and the prefill of a new report read it.
 */
import 'server-only'
import {
  findPreviousReportRow,
  findPreviousReportRows,
  findReportIdentity,
  type PreviousReportRow,
  type ReportIdentityKey,
} from '@/lib/data/report-table'
import { formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import type { PreviousReport } from '@/lib/rules/previous'

export type { ReportIdentityKey }

export interface PreviousReportInfo extends PreviousReport {
  /** The stored report's id and kind (`history` when imported as history). */
  id: string
  kind: string
  agencyName: string
  /** Found through the agency's predecessor. */
  fromPredecessor: boolean
}

/** Which kinds of last year's reports stand for a report of this kind (a kind not listed: itself). */
export const PREVIOUS_KINDS: Readonly<Record<string, readonly string[]>> = { report: ['report', 'history'] }

/**
 * The tables, the facts and the narrative texts (the copied-text check compares paragraphs with
 * last year's, lib/narrative/similarity.ts); nothing else of the stored report.
 */
function tablesOnly(formatVersion: string, sections: Record<string, unknown>): Record<string, unknown> {
  const format = formatFor(formatVersion)
  if (!format) return {}
  const out: Record<string, unknown> = {}
  for (const s of format.sections) {
    if (s.kind === 'table' || s.kind === 'narrative') out[s.key] = sections[s.key]
    else if (s.kind === 'narrativeWithFacts') {
      const own = sections[s.key] as Record<string, unknown> | undefined
      out[s.key] = { [s.factsKey]: own?.[s.factsKey] ?? {}, [s.textKey]: own?.[s.textKey] ?? '' }
    }
  }
  return out
}

function pick(of: ReportIdentityKey, rows: PreviousReportRow[]): PreviousReportRow | undefined {
  const rank = (r: PreviousReportRow) => (r.agencyId === of.agencyId ? 0 : 2) + (r.kind === of.kind ? 0 : 1)
  return [...rows].sort((a, b) => rank(a) - rank(b))[0]
}

/** How many of last year's reports a process keeps read (each about the size of its tables and texts). */
const READ_LIMIT = 256
const read = new Map<string, { version: number; updatedAt: number; info: PreviousReportInfo }>()

/**
 * Last year's report for a report of this identity (also before the report exists: prefill).
 * Every autosave asks (the cross-year rules of the counts): the row is found on every call, and
 * its content parsed only when this process has not read that very version (its id, version and
 * time of writing) before. The same version gives the same object, which the counts tracker
 * recognises (docs/decisions/0500-save-cpu-by-what-changed.md); callers must not change it.
 */
export async function previousReportFor(of: ReportIdentityKey): Promise<PreviousReportInfo | null> {
  const row = pick(of, await findPreviousReportRows(of, PREVIOUS_KINDS[of.kind] ?? [of.kind]))
  if (!row) return null
  return heldPrevious(of, row) ?? remembered(of, row)
}

/**
 * previousReportFor when the statement that read the report found last year's (findSaveRow in
 * lib/data/report-table.ts, the autosave's read): its content is read only when this process has
 * not read that version.
 */
export async function previousReportFound(
  of: ReportIdentityKey,
  found: { id: string; version: number; updatedAt: Date; agencyId: string } | null,
): Promise<PreviousReportInfo | null> {
  if (!found) return null
  const held = heldPrevious(of, found)
  if (held) return held
  const row = await findPreviousReportRow(found.id)
  return row ? remembered(of, row) : null
}

function heldPrevious(
  of: ReportIdentityKey,
  row: { id: string; version: number; updatedAt: Date; agencyId: string },
): PreviousReportInfo | null {
  const known = read.get(row.id)
  const fromPredecessor = row.agencyId !== of.agencyId
  return known &&
    known.version === row.version &&
    known.updatedAt === row.updatedAt.getTime() &&
    known.info.fromPredecessor === fromPredecessor
    ? known.info
    : null
}

function remembered(of: ReportIdentityKey, row: PreviousReportRow): PreviousReportInfo {
  const { info } = fromRow(of, row)
  read.delete(row.id)
  if (read.size >= READ_LIMIT) read.delete(read.keys().next().value as string)
  read.set(row.id, { version: row.version, updatedAt: row.updatedAt.getTime(), info })
  return info
}

function fromRow(of: ReportIdentityKey, row: PreviousReportRow): { info: PreviousReportInfo; content: ReportData } {
  const report = JSON.parse(row.content) as ReportData
  return {
    content: report,
    info: {
      id: row.id,
      kind: row.kind,
      agencyName: report.agency?.name ?? '',
      fromPredecessor: row.agencyId !== of.agencyId,
      formatVersion: row.formatVersion,
      year: row.year,
      sections: tablesOnly(row.formatVersion, report.sections ?? {}),
      preamble: typeof report.preamble === 'string' ? report.preamble : null,
    },
  }
}

/**
 * Last year's report with its whole content (narratives included): only for 沿用上年度正文
 * (report-start-text.ts), which copies the narratives into this year's report.
 */
export async function previousWithContent(
  of: ReportIdentityKey,
): Promise<{ info: PreviousReportInfo; content: ReportData } | null> {
  const row = pick(of, await findPreviousReportRows(of, PREVIOUS_KINDS[of.kind] ?? [of.kind]))
  return row ? fromRow(of, row) : null
}

/**
 * Last year's report for a stored report; null when there is none (or no such report). Given
 * the report's identity as already read (its row), no query for it.
 */
export async function previousReportOf(report: string | ReportIdentityKey): Promise<PreviousReportInfo | null> {
  const identity = typeof report === 'string' ? await findReportIdentity(report) : report
  return identity ? previousReportFor(identity) : null
}
