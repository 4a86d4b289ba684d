/**
 * Which cells of a report of one format feed each cell of a roll-up of another (decision 0410,
 * spec format.md §3.4). Tables 三 and 四 have the same rows and columns in 2019 and 2021 except
 * （六）其他处理: one row in 2019, three rows in 2021. A 2019 row cannot be split, so in a 2021
 * roll-up it is added to the last of the three (3.其他), the other two left blank for that agency
 * and every such contribution is marked 按2019年格式折算; a 2021 report in a 2019 roll-up adds
 * its three rows into the one row (exact). Table 二 changed its columns and rows, so it is never
 * mapped: the agency is named as left out of table 二 only.
 */
import { type CellInfo, groupRows, dataRows } from '@/lib/format/cells'
import { FORMAT_LIST, type FormatDef, formatFor } from '@/lib/format/index'
import { rollupCells } from './cells'

/** The cells of every format's tables, in one fixed order: what the database cuts out of each report. */
export const ROLLUP_PATHS: readonly string[] = [
  ...new Set(FORMAT_LIST.flatMap((f) => rollupCells(f).map((c) => c.path))),
]

/** A short signature of ROLLUP_PATHS (FNV-1a): cells stored in another order are not read. */
export const PATHS_SIGNATURE: string = (() => {
  let h = 0x811c9dc5
  for (const ch of ROLLUP_PATHS.join(',')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  return `${ROLLUP_PATHS.length}-${h.toString(16)}`
})()

const PATH_INDEX = new Map(ROLLUP_PATHS.map((p, i) => [p, i]))

/** The index of a path in ROLLUP_PATHS (every table cell of every format has one). */
export function pathIndex(path: string): number {
  const i = PATH_INDEX.get(path)
  if (i === undefined) throw new Error(`not a roll-up cell: ${path}`)
  return i
}

/** How one cell of the roll-up is read from a source report. */
export interface CellSource {
  /** Indexes into ROLLUP_PATHS to add up (one: read as is); empty: the source has no such cell. */
  from: number[]
  /** Why the cell reads what it reads, for the drill-down ('' when the format is the same). */
  note: string
}

/** What a report of `source` format gives a roll-up of `target` format. */
export interface FormatMapping {
  /** Per cell of rollupCells(target), in order. */
  cells: CellSource[]
  /** The table sections that cannot be mapped (every cell of them is left blank for the agency). */
  unmapped: string[]
  /** One sentence for the page: what was mapped and what was left out. */
  summary: string
}

/** Sections whose rows or columns differ between the formats (table 二): never mapped (§3.4). */
function mappable(target: FormatDef, source: FormatDef, sectionKey: string): boolean {
  const shape = (f: FormatDef) =>
    rollupCells(f)
      .filter((c) => c.sectionKey === sectionKey)
      .map((c) => c.path)
      .join('|')
  // Table 三 differs in （六）其他处理 only; its rows are mapped one by one below.
  return sectionKey === 'applications' || shape(target) === shape(source)
}

/** （六）其他处理: a data row in one format, a group of rows in the other (the same key in both). */
function otherDisposalRows(
  format: FormatDef,
): { key: string; label: string; rows: { key: string; label: string }[] } | null {
  for (const section of format.sections) {
    if (section.kind !== 'table' || section.table.kind !== 'matrix') continue
    const group = groupRows(section.table.rows).find((g) => g.key === 'otherDisposal')
    if (group) return { key: group.key, label: group.label, rows: dataRows(group.children) }
    const row = dataRows(section.table.rows).find((r) => r.key === 'otherDisposal')
    if (row) return { key: row.key, label: row.label, rows: [{ key: row.key, label: row.label }] }
  }
  return null
}

const cache = new Map<string, FormatMapping>()

export function formatMapping(target: FormatDef, source: FormatDef): FormatMapping {
  const key = `${target.version}<${source.version}`
  const known = cache.get(key)
  if (known) return known
  const sourcePaths = new Set(rollupCells(source).map((c) => c.path))
  const same = target.version === source.version
  const mapped = `按${source.version}年格式折算`
  const targetOther = otherDisposalRows(target)
  const sourceOther = otherDisposalRows(source)
  const unmapped = new Set<string>()
  const cells = rollupCells(target).map((cell: CellInfo): CellSource => {
    if (same) return { from: [pathIndex(cell.path)], note: '' }
    if (!mappable(target, source, cell.sectionKey)) {
      unmapped.add(cell.sectionKey)
      return { from: [], note: `按${source.version}年格式填报，本表栏目不同，不能折算，未计入` }
    }
    if (sourcePaths.has(cell.path)) return { from: [pathIndex(cell.path)], note: mapped }
    // （六）其他处理 across the formats, column by column.
    const [section, row, column] = cell.segments
    if (targetOther && sourceOther && targetOther.rows.some((r) => r.key === row)) {
      if (sourceOther.rows.length > 1) {
        // Several rows into one: their sum, exact.
        const from = sourceOther.rows.map((r) => pathIndex(`${section}.${r.key}.${column}`))
        return { from, note: `${mapped}：${sourceOther.rows.map((r) => r.label).join('、')}之和` }
      }
      const last = targetOther.rows[targetOther.rows.length - 1]
      if (row === last.key) {
        return {
          from: [pathIndex(`${section}.${sourceOther.key}.${column}`)],
          note: `${mapped}：${sourceOther.label}（一行）计入${last.label}`,
        }
      }
      return { from: [], note: `${source.version}年格式无此行（${sourceOther.label}计入${last.label}）` }
    }
    return { from: [], note: `${source.version}年格式无此项` }
  })
  const headings = (keys: Iterable<string>) =>
    [...keys].map((k) => {
      const s = target.sections.find((x) => x.key === k)
      return s?.kind === 'table' ? s.heading : k
    })
  const mappedSections = [...new Set(rollupCells(target).map((c) => c.sectionKey))].filter((k) => !unmapped.has(k))
  const otherNote =
    targetOther && sourceOther && sourceOther.rows.length === 1 && targetOther.rows.length > 1
      ? `（${sourceOther.label}一行计入${targetOther.rows[targetOther.rows.length - 1].label}）`
      : ''
  const summary = same
    ? ''
    : `采用${source.version}版格式：${headings(mappedSections).join('、')}${mapped}计入${otherNote}${
        unmapped.size > 0 ? `；${headings(unmapped).join('、')}栏目不同，不能折算，未计入` : ''
      }`
  const mapping = { cells, unmapped: [...unmapped], summary }
  cache.set(key, mapping)
  return mapping
}

/** The mapping for a source's format version (null: not a format this installation knows). */
export function mappingFor(target: FormatDef, sourceVersion: string): FormatMapping | null {
  const source = formatFor(sourceVersion)
  return source ? formatMapping(target, source) : null
}
