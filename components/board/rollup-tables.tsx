/**
 * A roll-up's tables 二、三、四 drawn from the format's own grid (lib/format/grid.ts), each total a
 * link to its drill-down: every summed agency's contribution, blanks and invalid values named.
 */
import { type FormatDef, sectionDef } from '@/lib/format/index'
import { tableGrid } from '@/lib/format/grid'
import { derivedCells } from '@/lib/rules/derive'
import type { CellDrillDown, RollupResult } from '@/lib/rollup/sum'

export function RollupTables({
  format,
  result,
  href,
  chosen,
}: {
  format: FormatDef
  result: RollupResult
  href: (path: string) => string
  chosen: string | null
}) {
  const derived = derivedCells(format)
  return (
    <>
      {format.sections.map((section) => {
        if (section.kind !== 'table') return null
        const grid = tableGrid(section.table, derived)
        return (
          <section key={section.key} className="rollup-section">
            <h2>{sectionDef(format, section.key)?.heading}</h2>
            <div className="table-scroll">
              <table className="rollup-grid" data-section={section.key}>
                <tbody>
                  {grid.rows.map((row, i) => (
                    <tr key={i}>
                      {row.cells.map((cell, j) => {
                        const key = `${i}-${j}`
                        if (cell.kind === 'value') {
                          const total = result.totals[cell.path]
                          return (
                            <td
                              key={key}
                              className={`num${cell.path === chosen ? ' chosen' : ''}`}
                              data-path={cell.path}
                            >
                              <a href={href(cell.path)}>
                                {total === null || total === undefined ? '—' : String(total)}
                              </a>
                            </td>
                          )
                        }
                        return (
                          <th key={key} rowSpan={cell.rowSpan} colSpan={cell.colSpan}>
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
    </>
  )
}

export function DrillDownTable({ drill }: { drill: CellDrillDown }) {
  return (
    <section id="drill" className="card rollup-drill" aria-label="各机关数字">
      <h2>
        {drill.label}：合计 <span data-drill-total>{drill.total ?? '—'}</span>
      </h2>
      <table className="list-table" data-testid="drill-table">
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">数字</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {drill.rows.map((r) => (
            <tr key={r.agencyId} data-agency={r.agencyName}>
              <td>{r.agencyName}</td>
              <td className="num" data-value>
                {r.value ?? ''}
              </td>
              <td>{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
