/**
 * What a server process keeps of the reports it saves (docs/decisions/0500-save-cpu-by-what-changed.md).
 * An officer's autosave sends one to three cells about once a second; parsing the stored 30 KB
 * of content again and counting every rule of it again for each of them was most of a save's
 * CPU. So, per report this process saved:
 * - the content it wrote, with the row's version and time of that write. A save that reads the
 *   row and finds that very version and time takes the object instead of parsing the text: the
 *   stored text is JSON.stringify of it. Any other version (another process or instance wrote,
 *   an import, a restore) is parsed from the row, and the object taken is brought up to it in
 *   place (decision 0930: the parsed graph dies young instead of being kept and promoted). Taken
 *   means owned: until the save that took it writes and gives back its successor, no other
 *   request gets it (a save that fails gives nothing back: the next one parses).
 * - the counts tracker (countsTracker), which keeps what each check read last time: valid for
 *   any content given to it, so kept whatever was written meanwhile.
 * Nothing here stands for a permission, a user or a state: those are read on every request.
 * At most SAVE_MEMO_LIMIT reports per process, least recently saved dropped.
 */
import 'server-only'
import type { ReportData } from '@/lib/report/schema'
import { type CountsTracker, countsTracker } from './report-counts'

export const SAVE_MEMO_LIMIT = 256

interface Written {
  version: number
  updatedAt: number
  content: ReportData
}

interface Entry {
  formatVersion: string
  counts: CountsTracker
  written: Written | null
}

const entries = new Map<string, Entry>()
/** How many saves took the written content instead of parsing the row (the bench prints it). */
let taken = 0

/** The report's entry, made when missing; most recently used last (the oldest is dropped). */
function entryOf(id: string, formatVersion: string): Entry {
  let entry = entries.get(id)
  if (entry) entries.delete(id)
  if (!entry || entry.formatVersion !== formatVersion) {
    entry = { formatVersion, counts: countsTracker(formatVersion), written: null }
  }
  if (entries.size >= SAVE_MEMO_LIMIT) entries.delete(entries.keys().next().value as string)
  entries.set(id, entry)
  return entry
}

/**
 * The content this process last wrote for the report, taken: it is the caller's to change.
 * `current`: the row just read is that write (the same version and time of writing), so the
 * content is the row's. Else an older content of the report in the same format, for the caller to
 * bring up to the stored row in place (lib/report/sync.ts, decision 0930) rather than keep a
 * freshly parsed object graph. Null when there is none (or it was of another format).
 */
export function takeWritten(
  id: string,
  row: { version: number; updatedAt: Date; formatVersion: string },
): { content: ReportData; current: boolean } | null {
  const entry = entries.get(id)
  const written = entry?.written
  if (!entry || !written) return null
  entry.written = null
  if (entry.formatVersion !== row.formatVersion) return null
  const current = written.version === row.version && written.updatedAt === row.updatedAt.getTime()
  if (current) taken++
  return { content: written.content, current }
}

/**
 * The version of the content this process holds for the report (its last write, not taken),
 * else null: the save's read leaves that content out when the row is still that version.
 */
export function heldVersion(id: string): number | null {
  return entries.get(id)?.written?.version ?? null
}

/** After a write: the content as written, for the next save of the report to take. */
export function keepWritten(
  id: string,
  formatVersion: string,
  write: { version: number; updatedAt: Date; content: ReportData },
): void {
  entryOf(id, formatVersion).written = {
    version: write.version,
    updatedAt: write.updatedAt.getTime(),
    content: write.content,
  }
}

/** The report's counts tracker in this process. */
export function countsTrackerOf(id: string, formatVersion: string): CountsTracker {
  return entryOf(id, formatVersion).counts
}

/** Forgets everything (tests that compare with a process that never saved). */
export function forgetSaves(): void {
  entries.clear()
}

/** How many saves took the written content so far in this process. */
export const writtenTaken = () => taken

/** How many reports are kept (tests). */
export const savesKept = () => entries.size
