/**
 * The tables a read document printed, in the shape of the hand transcriptions of
 * lib/import/published-expected.ts (cells separated by spaces, `_` printed empty), for the
 * importer's tests.
 */
import { dataRows, leafColumns } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import type { ImportResult } from '@/lib/import/types'
import { getAt } from '@/lib/report/values'

/** What the document printed at a cell: the stated total, else the value, else the printed blank. */
export function printedAt(result: ImportResult, p: string): string {
  const stated = result.report.stated?.[p]
  if (stated !== undefined) return String(stated)
  const v = getAt(result.report.sections, p.split('.'))
  if (v !== null && v !== undefined) return String(v)
  return result.recognition.printed[p] ?? '_'
}

/** The printed tables in the shape of the hand-written expectations. */
export function printedTables(result: ImportResult, format: FormatDef) {
  const table = (key: string) => {
    const s = format.sections.find((x) => x.key === key)
    if (s?.kind !== 'table') throw new Error(key)
    return s.table
  }
  const two = table('proactiveDisclosure')
  const table2: Record<string, string | null> = {}
  if (two.kind === 'blocks') {
    for (const b of two.blocks)
      for (const r of b.rows) {
        const paths = b.columns.map((c) => `proactiveDisclosure.${b.key}.${r.key}.${c.key}`)
        table2[`${b.key}.${r.key}`] = paths.every((p) => result.recognition.cells[p] === 'notPrinted')
          ? null
          : paths.map((p) => printedAt(result, p)).join(' ')
      }
  }
  const three = table('applications')
  const table3 =
    three.kind === 'matrix'
      ? dataRows(three.rows).map((r) =>
          leafColumns(three.columns)
            .map((c) => printedAt(result, `applications.${r.key}.${c.key}`))
            .join(' '),
        )
      : []
  const four = table('reviewLitigation')
  const table4 =
    four.kind === 'singleRow'
      ? four.groups
          .flatMap((g) => four.results.map((res) => printedAt(result, `reviewLitigation.${g.key}.${res.key}`)))
          .join(' ')
      : ''
  return { table2, table3, table4 }
}
