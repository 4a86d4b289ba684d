'use client'
import { memo, type ReactNode } from 'react'
import { cellByPath } from '@/lib/format/cells'
import type { GridCell, GridRow as GridRowDef, TableGrid } from '@/lib/format/grid'
import type { FormatDef } from '@/lib/format/types'
import { type CellHandlers, CellInput } from './cell-input'
import { PreviousBeside } from './previous-beside'

/**
 * What the rows need; every part is stable while the officer types (values, marks and errors are
 * read by each cell from the form and the findings store), so a keystroke renders no row.
 */
interface RowProps {
  format: FormatDef
  readOnly: boolean
  handlers: CellHandlers
  /** Cells with an open review comment get a marker. */
  commentAnchors?: ReadonlySet<string>
  /** What to show below a cell that two people changed at once (components/editor/conflict-note.tsx). */
  conflictAt?: (path: string) => ReactNode
}

interface Props extends RowProps {
  grid: TableGrid
  tableKey: string
  label: string
}

/** One row of the grid: re-renders only when the read-only state, comments or conflicts change. */
const GridRow = memo(function GridRow({
  row,
  format,
  readOnly,
  handlers,
  commentAnchors,
  conflictAt,
}: RowProps & { row: GridRowDef }) {
  const renderCell = (cell: GridCell, key: number) => {
    switch (cell.kind) {
      case 'corner':
        return (
          <th key={key} className="grid-corner" rowSpan={cell.rowSpan} colSpan={cell.colSpan} scope="col">
            {cell.text}
          </th>
        )
      case 'columnHeader':
        return (
          <th
            key={key}
            className="grid-colhead"
            rowSpan={cell.rowSpan}
            colSpan={cell.colSpan}
            scope={cell.group ? 'colgroup' : 'col'}
          >
            {cell.text}
          </th>
        )
      case 'caption':
        return (
          <th key={key} className="grid-caption" colSpan={cell.colSpan} scope="colgroup">
            {cell.text}
          </th>
        )
      case 'rowHeader':
        return (
          <th key={key} className={`grid-rowhead depth-${cell.depth}`} colSpan={cell.colSpan} scope="row">
            {cell.text}
            {cell.hint ? (
              <span className="grid-hint" title={cell.hint}>
                {' '}
                ⓘ
              </span>
            ) : null}
          </th>
        )
      case 'rowGroup':
        return (
          <th
            key={key}
            className={`grid-rowgroup depth-${cell.depth}${cell.vertical ? ' vertical' : ''}`}
            rowSpan={cell.rowSpan}
            scope="rowgroup"
          >
            {cell.text}
          </th>
        )
      case 'value': {
        const info = cellByPath(format, cell.path)
        const conflict = conflictAt?.(cell.path) ?? null
        return (
          <td
            key={key}
            colSpan={cell.colSpan}
            data-conflict={conflict ? cell.path : undefined}
            className={`grid-value${cell.derived ? ' grid-derived' : ''}${commentAnchors?.has(cell.path) ? ' has-comment' : ''}`}
            title={commentAnchors?.has(cell.path) ? '此单元格有待处理的审核意见' : undefined}
          >
            <CellInput
              path={cell.path}
              label={info?.label ?? cell.path}
              valueType={info?.valueType ?? 'count'}
              derived={cell.derived}
              readOnly={readOnly}
              handlers={handlers}
              asText
            />
            <PreviousBeside path={cell.path} />
            {conflict}
          </td>
        )
      }
      default: {
        const never: never = cell
        throw new Error(`unhandled grid cell ${JSON.stringify(never)}`)
      }
    }
  }
  return <tr>{row.cells.map(renderCell)}</tr>
})

/**
 * A statutory table drawn from its grid: the official merges, the value cells drawn as text and
 * the one input in the focused cell (decision 0670).
 */
export const TableGridView = memo(function TableGridView({ grid, tableKey, label, ...rowProps }: Props) {
  const head = grid.rows.filter((r) => r.header)
  const body = grid.rows.filter((r) => !r.header)
  return (
    // Focusable, so that a keyboard user can scroll a table wider than the screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={`grid-scroll grid-scroll-${tableKey}`} aria-label={label} tabIndex={0}>
      <table className={`official-table table-${tableKey}`} data-table={tableKey}>
        {head.length > 0 ? (
          <thead>
            {head.map((row, i) => (
              <GridRow key={i} row={row} {...rowProps} />
            ))}
          </thead>
        ) : null}
        <tbody>
          {body.map((row, i) => (
            <GridRow key={i} row={row} {...rowProps} />
          ))}
        </tbody>
      </table>
    </section>
  )
})
