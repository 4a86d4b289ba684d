/**
 * Cell-level saving (PATCH /api/reports/:id), what the editor's autosave sends: the changed
 * leaves, each with the value it was based on. Changes to leaves nobody else changed merge into
 * whatever is stored now; a leaf changed since its base is a conflict, answered with both values
 * and left as stored (docs/decisions/0050-cell-level-patch.md). No version check on the request:
 * the bases are the check. The write is optimistic on the row's version: when another save lands
 * between the read and the write, the changes are merged again on what it wrote.
 */
import 'server-only'
import { type AppliedChange, type Change, type Conflict, mergeChanges } from '@/lib/report/patch'
import type { FormatDef } from '@/lib/format/types'
import { changesNarrative } from '@/lib/report/content-split'
import type { ReportData } from '@/lib/report/schema'
import { syncInto } from '@/lib/report/sync'
import { deriveTotals, deriveTotalsAfter, overflowingTotals } from '@/lib/rules/derive'
import { strippedNotice, stripUnsafeDeep } from '@/lib/text/unsafe-chars'
import { editRefusal, isEditable, type ReportState } from '@/lib/workflow/workflow'
import { historyReadOnly, notFound, ServiceError } from './errors'
import { type SaveRow, findSaveRow } from '@/lib/data/report-table'
import { formatOf, loadReportRow, type ReportRow } from './report-read'
import { PREVIOUS_KINDS } from './report-previous'
import { type SaveResult, totalTooLarge, writeSave } from './report-save'
import { countsTrackerOf, heldVersion, keepWritten, takeWritten } from './save-memo'

export interface PatchResult extends SaveResult {
  /** How many changes were written (0: nothing changed, or every change conflicts). */
  applied: number
  conflicts: Conflict[]
}

/** Writes lost to a concurrent save are merged again this many times before giving up. */
const ATTEMPTS = 12

export async function patchReport(
  id: string,
  changes: readonly Change[],
  actor: string | null = null,
  /** The row as the route's guard read it (apiReportRowAccess, saveRow): the first attempt need not read it again. */
  read?: SaveRow,
): Promise<PatchResult> {
  const { cleaned, removed } = cleanChanges(changes)
  const notices = removed ? { notices: [strippedNotice(removed)] } : {}
  // An older content of the report this process holds (its last write, or this save's own
  // attempt that lost the race), brought up to the stored row rather than replaced (decision 0930).
  let stale: ReportData | null = null
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let row: SaveRow | ReportRow = attempt === 0 && read?.id === id ? read : await loadReportRow(id)
    // The object this process wrote, when the row is still that write; else the stored text.
    let taken = takeWritten(id, row)
    // The read left the content out for the version held here, which another request of this
    // process took meanwhile, or which another process wrote at another time: the row whole.
    if (!taken?.current && row.content === null) {
      row = await loadReportRow(id)
      taken = takeWritten(id, row) ?? taken
    }
    const held = taken?.current ? taken.content : null
    stale = taken && !taken.current ? taken.content : stale
    // Submitted, approved and published reports are not the officer's to change (the workflow says).
    if (!isEditable(row.status)) throw new ServiceError(409, 'not_editable', editRefusal(row.status))
    if (row.kind === 'history') throw historyReadOnly()
    const format = formatOf(row.formatVersion)
    const next: ReportData = held ?? parsed(row.content as string, stale)
    // The content this process wrote holds every total: only those the changed cells feed move.
    const merged = applyChanges(format, next, cleaned, Boolean(held))
    if (!merged.ok) {
      throw new ServiceError(422, 'invalid', '填写的内容有误，请按提示修改后再保存', merged.fields)
    }
    const current = { version: row.version, updatedAt: row.updatedAt.toISOString(), status: row.status as ReportState }
    if (merged.applied.length === 0) return { ...current, ...notices, applied: 0, conflicts: merged.conflicts }
    // A derived total past the largest count would make every later save fail: refuse its cause.
    if (merged.overflow.length) throw totalTooLarge(format, merged.overflow)
    const derived = merged.derived

    const { written, saved, savedAt } = await writeSave(
      row,
      next,
      (reopened) => auditSummary(merged.applied, derived, reopened),
      actor,
      countsTrackerOf(id, row.formatVersion),
      changesNarrative(format, merged.applied),
    )
    if (written.written) {
      keepWritten(id, row.formatVersion, { version: saved.version, updatedAt: savedAt, content: next })
      return { ...saved, ...notices, applied: merged.applied.length, conflicts: merged.conflicts }
    }
    if (written.version === null) throw notFound()
    stale = next
    // Another save landed in between: merge again on what it wrote, after a short random wait
    // so that saves which keep colliding spread out.
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)))
  }
  throw new ServiceError(503, 'busy', '这份年报正被频繁修改，这次保存未能写入，请稍后重试')
}

/** The stored text parsed, into `stale` (an older content of the report) when there is one. */
function parsed(text: string, stale: ReportData | null): ReportData {
  const fresh = JSON.parse(text) as ReportData
  return stale ? syncInto(stale, fresh) : fresh
}

/**
 * The changes as they are stored: controls and bidi overrides removed, as in a whole-report save,
 * from the bases too, so that a later change based on the text the client kept still matches what
 * was stored. `removed`: how many characters went (the save's notice says so).
 */
export function cleanChanges(changes: readonly Change[]): { cleaned: Change[]; removed: number } {
  const cleaned = structuredClone(changes) as Change[]
  return { cleaned, removed: stripUnsafeDeep(cleaned) }
}

export type AppliedChanges =
  | { ok: false; fields: Record<string, string> }
  | {
      ok: true
      applied: AppliedChange[]
      conflicts: Conflict[]
      /** The totals recomputed (paths under sections). */
      derived: string[]
      /** Derived totals past the largest count (the save refuses them). */
      overflow: ReturnType<typeof overflowingTotals>
    }

/**
 * The pure step of a cell-level save, the one the save and the server's warm-up
 * (lib/services/save-warmup.ts) both run: `changes` (cleaned) merged on their bases into
 * `content`, which is changed in place, then the totals they feed derived and those past the
 * largest count named. The stored content was checked when it was written: only the changed
 * leaves are checked. `incremental`: `content` holds every total already (the object this process
 * wrote), so only the totals the changed leaves feed are derived; else all of them (a report
 * parsed from its stored text). Nothing is derived when no change applies.
 */
export function applyChanges(
  format: FormatDef,
  content: ReportData,
  changes: readonly Change[],
  incremental: boolean,
): AppliedChanges {
  const merged = mergeChanges(format, content, changes)
  if (!merged.ok) return merged
  if (merged.applied.length === 0) return { ...merged, derived: [], overflow: [] }
  const paths = incremental ? merged.applied.map((c) => c.path) : undefined
  const derived = paths ? deriveTotalsAfter(format, content.sections, paths) : deriveTotals(format, content.sections)
  return { ...merged, derived, overflow: overflowingTotals(format, content.sections, paths) }
}

/**
 * The autosave's read of the report (the route's guard, apiReportRowAccess): its row and last
 * year's report in one statement, the content left out when it is the version this process
 * holds (docs/decisions/0600-autosave-one-read.md). Null when there is no such report.
 */
export async function saveRow(id: string): Promise<SaveRow | null> {
  return typeof id === 'string' && id !== '' ? findSaveRow(id, heldVersion(id), PREVIOUS_KINDS) : null
}

/**
 * The audit event: every change with its old and new value, and the totals recomputed. `changed`
 * lists the paths as whole-report saves do, so older readers of the history keep working.
 */
export function auditSummary(applied: AppliedChange[], derived: string[], reopened: boolean) {
  return {
    changed: [...applied.map((c) => c.path), ...derived.map((p) => `sections.${p}`)],
    changes: applied,
    ...(reopened ? { reopened: true } : {}),
  }
}
