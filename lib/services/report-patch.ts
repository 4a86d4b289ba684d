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
import type { ReportData } from '@/lib/report/schema'
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
  // Controls and bidi overrides never reach storage, as in a whole-report save; bases too, so a
  // later change based on the text the client kept still matches what was stored.
  const cleaned = structuredClone(changes) as Change[]
  const removed = stripUnsafeDeep(cleaned)
  const notices = removed ? { notices: [strippedNotice(removed)] } : {}
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let row: SaveRow | ReportRow = attempt === 0 && read?.id === id ? read : await loadReportRow(id)
    // The object this process wrote, when the row is still that write; else the stored text.
    let held = takeWritten(id, row)
    // The read left the content out for the version held here, which another request of this
    // process took meanwhile, or which another process wrote at another time: the row whole.
    if (!held && row.content === null) {
      row = await loadReportRow(id)
      held = takeWritten(id, row)
    }
    // Submitted, approved and published reports are not the officer's to change (the workflow says).
    if (!isEditable(row.status)) throw new ServiceError(409, 'not_editable', editRefusal(row.status))
    if (row.kind === 'history') throw historyReadOnly()
    const format = formatOf(row.formatVersion)
    // The stored content was checked when it was written: only the changed leaves are checked now.
    const next = held ?? (JSON.parse(row.content as string) as ReportData)
    const merged = mergeChanges(format, next, cleaned)
    if (!merged.ok) {
      throw new ServiceError(422, 'invalid', '填写的内容有误，请按提示修改后再保存', merged.fields)
    }
    const current = { version: row.version, updatedAt: row.updatedAt.toISOString(), status: row.status as ReportState }
    if (merged.applied.length === 0) return { ...current, ...notices, applied: 0, conflicts: merged.conflicts }
    // The content this process wrote holds every total: only those the changed cells feed move.
    const paths = held ? merged.applied.map((c) => c.path) : undefined
    const derived = paths ? deriveTotalsAfter(format, next.sections, paths) : deriveTotals(format, next.sections)
    // A derived total past the largest count would make every later save fail: refuse its cause.
    const overflow = overflowingTotals(format, next.sections, paths)
    if (overflow.length) throw totalTooLarge(format, overflow)

    const { written, saved, savedAt } = await writeSave(
      row,
      next,
      (reopened) => auditSummary(merged.applied, derived, reopened),
      actor,
      countsTrackerOf(id, row.formatVersion),
    )
    if (written.written) {
      keepWritten(id, row.formatVersion, { version: saved.version, updatedAt: savedAt, content: next })
      return { ...saved, ...notices, applied: merged.applied.length, conflicts: merged.conflicts }
    }
    if (written.version === null) throw notFound()
    // Another save landed in between: merge again on what it wrote, after a short random wait
    // so that saves which keep colliding spread out.
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)))
  }
  throw new ServiceError(503, 'busy', '这份年报正被频繁修改，这次保存未能写入，请稍后重试')
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
