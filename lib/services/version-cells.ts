/**
 * The stored cells of frozen versions (ReportVersionCells, decisions 0410 and 0550). Approval
 * writes them since migration 20261129082115; a version approved before it (or stored in an
 * older cell order) has none, and the roll-up would cut its tables out of the content on every
 * run. Two ways fill them, both idempotent and safe with several instances at once (an upsert of
 * what the frozen content gives, which never changes):
 * - the roll-up stores the cells of the versions it had to cut (first use, no extra step on an
 *   upgrade: `healVersionCells`);
 * - `backfillVersionCells` walks every version, run by `npm run setup` (scripts/seed.ts).
 */
import 'server-only'
import { storeVersionCells, versionTables, versionsWithoutCells } from '@/lib/data/rollup-table'
import { cutCells } from '@/lib/rollup/sum'

const BATCH = 200

/**
 * Stores the cells of versions from their table sections as the database cut them out. A write
 * that fails (a locked database) only means the next roll-up cuts them again: it is logged, not
 * thrown, so that the roll-up that asked is answered.
 */
export async function healVersionCells(cuts: readonly { versionId: string; tables: string | null }[]): Promise<number> {
  const rows = cuts.flatMap(({ versionId, tables }) => {
    const cells = cutCells(tables)
    return cells ? [{ versionId, ...cells }] : []
  })
  if (rows.length === 0) return 0
  try {
    await storeVersionCells(rows)
    return rows.length
  } catch (e) {
    console.error(`storing the cells of ${rows.length} versions failed`, e)
    return 0
  }
}

/** Every version without cells in the current order gets them; returns how many were stored. */
export async function backfillVersionCells(): Promise<number> {
  let stored = 0
  let after = ''
  for (;;) {
    const ids = await versionsWithoutCells(after, BATCH)
    if (ids.length === 0) return stored
    after = ids[ids.length - 1]
    const cuts = await versionTables(ids)
    const rows = ids.flatMap((versionId) => {
      const cells = cutCells(cuts.get(versionId) ?? null)
      return cells ? [{ versionId, ...cells }] : []
    })
    if (rows.length > 0) await storeVersionCells(rows)
    stored += rows.length
  }
}
