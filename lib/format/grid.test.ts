/** The official merges of tables 二, 三 and 四 (spec/format.md §2.3–2.5, layout §2.2). */
import { describe, expect, it } from 'vitest'
import { derivedCells } from '@/lib/rules/derive'
import { dataRows, groupRows, leafColumns } from './cells'
import { FORMATS } from './index'
import { type GridCell, tableGrid } from './grid'
import type { ColumnNode, FormatDef, TableDef } from './types'

const tableOf = (format: FormatDef, kind: TableDef['kind']) => {
  const s = format.sections.find((x) => x.kind === 'table' && x.table.kind === kind)
  if (s?.kind !== 'table') throw new Error(`no ${kind} table`)
  return s.table
}

/** The text of a label cell ('' for a value cell). */
const text = (c: GridCell) => ('text' in c ? c.text : '')

/** Every grid row covers the same number of columns once rowSpans from above are counted. */
function expectRectangular(rows: { cells: GridCell[] }[], columnCount: number) {
  const carried = new Array<number>(rows.length + 30).fill(0)
  rows.forEach((row, i) => {
    const width = row.cells.reduce((n, c) => n + c.colSpan, 0) + carried[i]
    expect(width, `row ${i}`).toBe(columnCount)
    for (const c of row.cells) for (let k = 1; k < c.rowSpan; k++) carried[i + k] += c.colSpan
  })
}

describe.each([
  ['2021', [22, 8, 3, 5, 3], 25],
  ['2019', [20, 8, 3, 5], 23],
] as const)('table 三 (%s)', (version, spans, rowCount) => {
  const format = FORMATS[version]
  const table = tableOf(format, 'matrix')
  if (table.kind !== 'matrix') throw new Error('not a matrix')
  const grid = tableGrid(table, derivedCells(format))
  const header = grid.rows.filter((r) => r.header)
  const body = grid.rows.filter((r) => !r.header)
  const [applicant] = table.columns as Extract<ColumnNode, { kind: 'columnGroup' }>[]
  const leaves = leafColumns(table.columns)

  it('has 3 label columns and 7 value columns', () => {
    expect(grid.labelColumnCount).toBe(3)
    expect(grid.columnCount).toBe(10)
    expect(leaves).toHaveLength(7)
  })

  it('has the corner note merged 3×3', () => {
    expect(header).toHaveLength(3)
    expect(header[0].cells[0]).toEqual({ kind: 'corner', text: table.corner, rowSpan: 3, colSpan: 3 })
  })

  it('has 申请人情况 over all 7 columns, 法人或其他组织 over 5, and 自然人 / 总计 spanning two header rows', () => {
    expect(header[0].cells[1]).toMatchObject({ text: applicant.label, colSpan: 7, rowSpan: 1, group: true })
    const [natural, legal, total] = applicant.children
    expect(header[1].cells.map((c) => [text(c), c.rowSpan, c.colSpan])).toEqual([
      [natural.label, 2, 1],
      [legal.label, 1, 5],
      [total.label, 2, 1],
    ])
    expect(header[2].cells.map((c) => text(c))).toEqual(leaves.slice(1, 6).map((c) => c.label))
    expect(header[2].cells.every((c) => c.rowSpan === 1 && c.colSpan === 1)).toBe(true)
  })

  it(`has the group rows merged with rowSpans ${spans.join(', ')}`, () => {
    const groups = body.flatMap((r) => r.cells.filter((c) => c.kind === 'rowGroup'))
    expect(groups.map((g) => text(g))).toEqual(groupRows(table.rows).map((g) => g.label))
    expect(groups.map((g) => g.rowSpan)).toEqual(spans)
    expect(groups[0]).toMatchObject({ vertical: true, depth: 0 })
    expect(groups.slice(1).every((g) => g.kind === 'rowGroup' && g.depth === 1 && !g.vertical)).toBe(true)
  })

  it(`has ${rowCount} data rows, each with its label and 7 value cells`, () => {
    expect(body).toHaveLength(rowCount)
    const labels = body.map((r) => r.cells.find((c) => c.kind === 'rowHeader')).map((c) => (c ? text(c) : undefined))
    expect(labels).toEqual(dataRows(table.rows).map((r) => r.label))
    for (const r of body) expect(r.cells.filter((c) => c.kind === 'value')).toHaveLength(7)
  })

  it('spans the row labels: top-level rows colspan 3, （一）（二）（七） colspan 2, sub-items colspan 1', () => {
    const byLabel = new Map(
      body.map((r) => {
        const h = r.cells.find((c) => c.kind === 'rowHeader')!
        return [text(h), h.colSpan]
      }),
    )
    const top = table.rows.filter((n) => n.kind === 'row')
    for (const r of top) expect(byLabel.get(r.label)).toBe(3)
    const results = table.rows.find((n) => n.kind === 'rowGroup')!
    if (results.kind !== 'rowGroup') throw new Error('no results group')
    for (const n of results.children) {
      if (n.kind === 'row') expect(byLabel.get(n.label)).toBe(2)
      else for (const child of n.children) expect(byLabel.get(child.label)).toBe(1)
    }
  })

  it('marks the 总计 column and （七）总计 as derived, and nothing else', () => {
    const values = body.flatMap((r) => r.cells.filter((c) => c.kind === 'value'))
    const derived = derivedCells(format)
    for (const v of values) if (v.kind === 'value') expect(v.derived).toBe(derived.has(v.path))
    expect(values.filter((v) => v.kind === 'value' && v.derived)).toHaveLength(rowCount + 6)
  })

  it('is rectangular', () => {
    expectRectangular(grid.rows, grid.columnCount)
  })
})

describe('table 四', () => {
  const table = tableOf(FORMATS['2021'], 'singleRow')
  if (table.kind !== 'singleRow') throw new Error('not single row')
  const grid = tableGrid(table)
  const header = grid.rows.filter((r) => r.header)

  it('has a 3-row header: 行政复议 colspan 5, 行政诉讼 colspan 10', () => {
    expect(header).toHaveLength(3)
    const [parent] = table.parents
    const review = table.groups.find((g) => !g.parent)!
    expect(header[0].cells.map((c) => [text(c), c.colSpan, c.rowSpan])).toEqual([
      [review.label, 5, 1],
      [parent.label, 10, 1],
    ])
  })

  it('puts the five results under 行政复议 with rowSpan 2, and the two litigation groups colspan 5', () => {
    const results = table.results.map((r) => r.label)
    const litigation = table.groups.filter((g) => g.parent)
    expect(header[1].cells.map((c) => [text(c), c.rowSpan, c.colSpan])).toEqual([
      ...results.map((r) => [r, 2, 1]),
      ...litigation.map((g) => [g.label, 1, 5]),
    ])
    expect(header[2].cells.map((c) => [text(c), c.rowSpan, c.colSpan])).toEqual(
      [...results, ...results].map((r) => [r, 1, 1]),
    )
  })

  it('has one row of 15 values in group order', () => {
    const body = grid.rows.filter((r) => !r.header)
    expect(body).toHaveLength(1)
    expect(body[0].cells.map((c) => (c.kind === 'value' ? c.path : null))).toEqual(
      table.groups.flatMap((g) => table.results.map((r) => `${table.key}.${g.key}.${r.key}`)),
    )
    expect(grid.columnCount).toBe(15)
  })

  it('is rectangular', () => {
    expectRectangular(grid.rows, grid.columnCount)
  })
})

describe.each(['2021', '2019'] as const)('table 二 (%s)', (version) => {
  const table = tableOf(FORMATS[version], 'blocks')
  if (table.kind !== 'blocks') throw new Error('not blocks')
  const grid = tableGrid(table)

  it('has a caption row and a 信息内容 header row per block', () => {
    const captions = grid.rows.flatMap((r) => r.cells.filter((c) => c.kind === 'caption'))
    expect(captions.map((c) => text(c))).toEqual(table.blocks.map((b) => b.caption))
    expect(captions.every((c) => c.colSpan === 4)).toBe(true)
    const headers = grid.rows.filter((r) => r.cells[0].kind === 'columnHeader')
    expect(headers).toHaveLength(table.blocks.length)
    expect(headers.every((r) => text(r.cells[0]) === table.rowHeaderLabel)).toBe(true)
  })

  it('merges the value of a single-value block across all three value columns', () => {
    for (const block of table.blocks) {
      const values = grid.rows
        .flatMap((r) => r.cells)
        .filter((c) => c.kind === 'value' && c.path.startsWith(`${table.key}.${block.key}.`))
      expect(values).toHaveLength(block.rows.length * block.columns.length)
      if (block.columns.length === 1) expect(values.every((v) => v.colSpan === 3)).toBe(true)
      if (block.columns.length === 3) expect(values.every((v) => v.colSpan === 1)).toBe(true)
    }
    expect(table.blocks.some((b) => b.columns.length === 1) || version === '2019').toBe(true)
  })

  it('is rectangular', () => {
    expect(grid.columnCount).toBe(4)
    expectRectangular(grid.rows, grid.columnCount)
  })
})
