import { cellByPath } from '@/lib/format/cells'
import { type GridCell, tableGrid } from '@/lib/format/grid'
import type { FormatDef } from '@/lib/format/types'
import type { CellRecognition, ImportResult } from '@/lib/import/types'
import { formatCellValue } from '@/lib/report/parse-cell-input'
import { getAt } from '@/lib/report/values'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'

export const RECOGNITION_LABELS: Record<CellRecognition, string> = {
  recognised: '已识别',
  blank: '空白',
  printedBlank: '印为“/”等',
  notPrinted: '未印出',
  notFound: '未找到',
}

/**
 * Tables 二/三/四 as read, in the official layout, each value cell marked with what reading
 * made of it (recognition record); totals shown as the app computes them, with the printed
 * total beside where the document stated a different one.
 */
export function RecognisedTables({ format, result }: { format: FormatDef; result: ImportResult }) {
  const derived = derivedCells(format)
  const sections = structuredClone(result.report.sections)
  deriveTotals(format, sections)
  const stated = result.report.stated ?? {}
  const { cells, printed } = result.recognition
  const counts = new Map<CellRecognition, number>()
  for (const r of Object.values(cells)) counts.set(r, (counts.get(r) ?? 0) + 1)

  const valueCell = (cell: Extract<GridCell, { kind: 'value' }>) => {
    const recognition = cells[cell.path] ?? 'notFound'
    const info = cellByPath(format, cell.path)
    const value = getAt(sections, cell.path.split('.'))
    const shown = recognition === 'printedBlank' ? (printed[cell.path] ?? '/') : formatCellValue(value, info?.valueType)
    const statedValue = stated[cell.path]
    const differs = statedValue !== undefined && String(statedValue) !== String(value ?? '')
    return (
      <td
        key={cell.path}
        className={`rec rec-${recognition}${cell.derived ? ' rec-derived' : ''}`}
        data-path={cell.path}
        data-recognition={recognition}
        title={`${info?.label ?? cell.path}：${RECOGNITION_LABELS[recognition]}${differs ? `，表中印为${statedValue}` : ''}`}
      >
        {shown}
        {differs ? <span className="rec-stated">印{String(statedValue)}</span> : null}
      </td>
    )
  }

  return (
    <div className="recognised-tables">
      <ul className="rec-legend" aria-label="单元格识别情况">
        {(Object.keys(RECOGNITION_LABELS) as CellRecognition[]).map((r) => (
          <li key={r}>
            <span className={`rec-swatch rec-${r}`} aria-hidden="true" />
            {RECOGNITION_LABELS[r]} {counts.get(r) ?? 0}
          </li>
        ))}
      </ul>
      {format.sections.map((section) => {
        if (section.kind !== 'table') return null
        const grid = tableGrid(section.table, derived)
        return (
          <section key={section.key} className="rec-table" aria-label={section.heading}>
            <h3>{section.heading}</h3>
            {/* It scrolls sideways on a phone: focusable, so the keyboard can scroll it too. */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
            <div className="grid-scroll" tabIndex={0}>
              <table className={`official-table table-${section.key}`}>
                <tbody>
                  {grid.rows.map((row, i) => (
                    <tr key={i}>
                      {row.cells.map((cell, j) => {
                        if (cell.kind === 'value') return valueCell(cell)
                        const vertical = cell.kind === 'rowGroup' && cell.vertical ? ' vertical' : ''
                        return (
                          <th
                            key={j}
                            rowSpan={cell.rowSpan}
                            colSpan={cell.colSpan}
                            className={`grid-${cell.kind === 'rowHeader' ? 'rowhead' : cell.kind === 'rowGroup' ? 'rowgroup' : cell.kind === 'columnHeader' ? 'colhead' : cell.kind}${vertical}`}
                          >
                            {cell.text}
                          </th>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
    </div>
  )
}
