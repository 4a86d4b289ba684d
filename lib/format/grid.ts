/**
 * Lays a declared table out as a grid of cells with their merges (rowSpan / colSpan). The editor,
 * the HTML renderer and the .docx renderer all draw this one grid, so the merges of the official
 * tables (spec/layout.md §2.2) are decided in one place.
 */
import type { BlockTableDef, ColumnNode, MatrixTableDef, RowNode, SingleRowTableDef, TableDef } from './types'
import { assertNever } from './cells'

export type GridCell =
  /** Merged top-left cell of table 三 (the 勾稽 note). */
  | { kind: 'corner'; text: string; rowSpan: number; colSpan: number }
  /** A column heading; scope col for a leaf, colgroup for a group. */
  | { kind: 'columnHeader'; text: string; rowSpan: number; colSpan: number; group: boolean }
  /** A caption row inside table 二 (第二十条第（一）项). */
  | { kind: 'caption'; text: string; rowSpan: 1; colSpan: number }
  /** A row heading (规章, （一）予以公开); depth 0 is the outermost label column. */
  | { kind: 'rowHeader'; text: string; rowSpan: number; colSpan: number; depth: number; hint?: string }
  /** A merged group label spanning its rows (（三）不予公开). */
  | { kind: 'rowGroup'; text: string; rowSpan: number; colSpan: 1; depth: number; vertical: boolean }
  /** A value. derived: computed from other cells (总计), not typed. */
  | { kind: 'value'; path: string; rowSpan: 1; colSpan: number; derived: boolean; rowKey: string; columnKey: string }

export interface GridRow {
  /** Header rows repeat on every page in print. */
  header: boolean
  cells: GridCell[]
}

export interface TableGrid {
  /** Number of grid columns. */
  columnCount: number
  /** Columns that hold labels (before the values). */
  labelColumnCount: number
  rows: GridRow[]
}

const leafCount = (node: ColumnNode): number =>
  node.kind === 'column' ? 1 : node.children.reduce((n, c) => n + leafCount(c), 0)

const columnDepth = (nodes: ColumnNode[]): number =>
  Math.max(...nodes.map((n) => (n.kind === 'column' ? 1 : 1 + columnDepth(n.children))))

const rowDepth = (nodes: RowNode[]): number =>
  Math.max(...nodes.map((n) => (n.kind === 'row' ? 1 : 1 + rowDepth(n.children))))

const rowLeafCount = (node: RowNode): number =>
  node.kind === 'row' ? 1 : node.children.reduce((n, c) => n + rowLeafCount(c), 0)

/** Header rows for a column tree: each level a row; leaves reach down to the last header row. */
function columnHeaderRows(nodes: ColumnNode[]): GridCell[][] {
  const depth = columnDepth(nodes)
  const rows: GridCell[][] = Array.from({ length: depth }, () => [])
  const walk = (list: ColumnNode[], level: number) => {
    for (const node of list) {
      if (node.kind === 'column') {
        rows[level].push({ kind: 'columnHeader', text: node.label, rowSpan: depth - level, colSpan: 1, group: false })
      } else {
        rows[level].push({ kind: 'columnHeader', text: node.label, rowSpan: 1, colSpan: leafCount(node), group: true })
        walk(node.children, level + 1)
      }
    }
  }
  walk(nodes, 0)
  return rows
}

function leafKeys(nodes: ColumnNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'column' ? [n.key] : leafKeys(n.children)))
}

function matrixGrid(table: MatrixTableDef, derived: ReadonlySet<string>): TableGrid {
  const labelColumnCount = rowDepth(table.rows)
  const headerRows = columnHeaderRows(table.columns)
  const columns = leafKeys(table.columns)
  const rows: GridRow[] = headerRows.map((cells, i) => ({
    header: true,
    cells:
      i === 0
        ? [{ kind: 'corner', text: table.corner, rowSpan: headerRows.length, colSpan: labelColumnCount }, ...cells]
        : cells,
  }))
  const walk = (list: RowNode[], depth: number, pending: GridCell[]) => {
    for (const node of list) {
      if (node.kind === 'rowGroup') {
        pending.push({
          kind: 'rowGroup',
          text: node.label,
          rowSpan: rowLeafCount(node),
          colSpan: 1,
          depth,
          vertical: node.vertical ?? false,
        })
        walk(node.children, depth + 1, pending)
      } else {
        const cells: GridCell[] = pending.splice(0, pending.length)
        cells.push({
          kind: 'rowHeader',
          text: node.label,
          rowSpan: 1,
          colSpan: labelColumnCount - depth,
          depth,
          ...(node.hint ? { hint: node.hint } : {}),
        })
        for (const col of columns) {
          const path = `${table.key}.${node.key}.${col}`
          cells.push({
            kind: 'value',
            path,
            rowSpan: 1,
            colSpan: 1,
            derived: derived.has(path),
            rowKey: node.key,
            columnKey: col,
          })
        }
        rows.push({ header: false, cells })
      }
    }
  }
  walk(table.rows, 0, [])
  return { columnCount: labelColumnCount + columns.length, labelColumnCount, rows }
}

function singleRowGrid(table: SingleRowTableDef, derived: ReadonlySet<string>): TableGrid {
  const groupNode = (g: SingleRowTableDef['groups'][number]): ColumnNode => ({
    kind: 'columnGroup',
    key: g.key,
    label: g.label,
    children: table.results.map((r) => ({ kind: 'column', key: r.key, label: r.label })),
  })
  const tree: ColumnNode[] = []
  for (const g of table.groups) {
    if (!g.parent) {
      tree.push(groupNode(g))
      continue
    }
    const parentDef = table.parents.find((p) => p.key === g.parent)
    if (!parentDef) throw new Error(`unknown parent ${g.parent}`)
    let parent = tree.find((n) => n.key === parentDef.key)
    if (!parent) {
      parent = { kind: 'columnGroup', key: parentDef.key, label: parentDef.label, children: [] }
      tree.push(parent)
    }
    if (parent.kind === 'columnGroup') parent.children.push(groupNode(g))
  }
  const rows: GridRow[] = columnHeaderRows(tree).map((cells) => ({ header: true, cells }))
  const values: GridCell[] = table.groups.flatMap((g) =>
    table.results.map((r): GridCell => {
      const path = `${table.key}.${g.key}.${r.key}`
      return {
        kind: 'value',
        path,
        rowSpan: 1,
        colSpan: 1,
        derived: derived.has(path),
        rowKey: g.key,
        columnKey: r.key,
      }
    }),
  )
  rows.push({ header: false, cells: values })
  return { columnCount: values.length, labelColumnCount: 0, rows }
}

/** Spread n columns over the value area: one column spans it all; otherwise the last takes the rest. */
function spans(n: number, width: number): number[] {
  const base = Math.max(1, Math.floor(width / n))
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? width - base * (n - 1) : base))
}

function blocksGrid(table: BlockTableDef, derived: ReadonlySet<string>): TableGrid {
  const width = table.valueColumns
  const rows: GridRow[] = []
  for (const block of table.blocks) {
    const widths = spans(block.columns.length, width)
    rows.push({ header: false, cells: [{ kind: 'caption', text: block.caption, rowSpan: 1, colSpan: width + 1 }] })
    rows.push({
      header: false,
      cells: [
        { kind: 'columnHeader', text: table.rowHeaderLabel, rowSpan: 1, colSpan: 1, group: false },
        ...block.columns.map(
          (c, i): GridCell => ({ kind: 'columnHeader', text: c.label, rowSpan: 1, colSpan: widths[i], group: false }),
        ),
      ],
    })
    for (const r of block.rows) {
      rows.push({
        header: false,
        cells: [
          { kind: 'rowHeader', text: r.label, rowSpan: 1, colSpan: 1, depth: 0 },
          ...block.columns.map((c, i): GridCell => {
            const path = `${table.key}.${block.key}.${r.key}.${c.key}`
            return {
              kind: 'value',
              path,
              rowSpan: 1,
              colSpan: widths[i],
              derived: derived.has(path),
              rowKey: r.key,
              columnKey: c.key,
            }
          }),
        ],
      })
    }
  }
  return { columnCount: width + 1, labelColumnCount: 1, rows }
}

export function tableGrid(table: TableDef, derived: ReadonlySet<string> = new Set()): TableGrid {
  switch (table.kind) {
    case 'blocks':
      return blocksGrid(table, derived)
    case 'matrix':
      return matrixGrid(table, derived)
    case 'singleRow':
      return singleRowGrid(table, derived)
    default:
      return assertNever(table)
  }
}
