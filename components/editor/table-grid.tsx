'use client'
import { memo, type ReactNode } from 'react'
import { cellByPath } from '@/lib/format/cells'
import type { GridCell, TableGrid } from '@/lib/format/grid'
import type { FormatDef } from '@/lib/format/types'
import { getAt } from '@/lib/report/values'
import { type CellHandlers, CellInput, type CellMark } from './cell-input'

interface Props {
  format: FormatDef
  grid: TableGrid
  tableKey: string
  /** The whole `sections` object (values are read by path). */
  sections: Record<string, unknown>
  marks: ReadonlyMap<string, CellMark>
  /** Finding messages by cell (hover and the status line). */
  messages?: ReadonlyMap<string, string>
  errors: Readonly<Record<string, string>>
  readOnly: boolean
  handlers: CellHandlers
  /** Cells with an open review comment get a marker. */
  commentAnchors?: ReadonlySet<string>
  /** What to show below a cell that two people changed at once (components/editor/conflict-note.tsx). */
  conflictAt?: (path: string) => ReactNode
}

function splitPath(path: string) {
  return path.split('.')
}

/** A statutory table drawn from its grid: the official merges, with inputs in the value cells. */
export const TableGridView = memo(function TableGridView({
  format,
  grid,
  tableKey,
  sections,
  marks,
  messages,
  errors,
  readOnly,
  handlers,
  commentAnchors,
  conflictAt,
  label,
}: Props & { label: string }) {
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
            className={`grid-rowgroup${cell.vertical ? ' vertical' : ''}`}
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
            className={commentAnchors?.has(cell.path) ? 'grid-value has-comment' : 'grid-value'}
            title={commentAnchors?.has(cell.path) ? '此单元格有待处理的审核意见' : undefined}
          >
            <CellInput
              path={cell.path}
              label={info?.label ?? cell.path}
              value={getAt(sections, splitPath(cell.path))}
              valueType={info?.valueType ?? 'count'}
              derived={cell.derived}
              mark={marks.get(cell.path) ?? null}
              message={messages?.get(cell.path)}
              error={errors[cell.path]}
              readOnly={readOnly}
              handlers={handlers}
            />
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
  const head = grid.rows.filter((r) => r.header)
  const body = grid.rows.filter((r) => !r.header)
  return (
    // Focusable, so that a keyboard user can scroll a table wider than the screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="grid-scroll" aria-label={label} tabIndex={0}>
      <table className={`official-table table-${tableKey}`} data-table={tableKey}>
        {head.length > 0 ? (
          <thead>
            {head.map((row, i) => (
              <tr key={i}>{row.cells.map(renderCell)}</tr>
            ))}
          </thead>
        ) : null}
        <tbody>
          {body.map((row, i) => (
            <tr key={i}>{row.cells.map(renderCell)}</tr>
          ))}
        </tbody>
      </table>
    </section>
  )
})
