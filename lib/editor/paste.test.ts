import { describe, expect, it } from 'vitest'
import { cellByPath } from '@/lib/format/cells'
import { tableGrid } from '@/lib/format/grid'
import { FORMATS } from '@/lib/format/index'
import { splitPastedBlock } from '@/lib/report/parse-cell-input'
import { derivedCells } from '@/lib/rules/derive'
import { neighbour, pasteBlock, valueCellPositions } from './paste'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']
const derived = derivedCells(F21)
const section = F21.sections.find((s) => s.key === 'applications')!
if (section.kind !== 'table') throw new Error('applications is a table')
const grid = tableGrid(section.table, derived)
const typeOf = (p: string) => cellByPath(F21, p)?.valueType ?? 'count'
const paste = (start: string, text: string) => pasteBlock(grid, start, text, typeOf)

/** The input cells of the applications table, row by row (the 总计 column is computed). */
const cells = valueCellPositions(grid)
const rowsOfInputs = [...new Set(cells.map((c) => c.row))].map((r) =>
  cells.filter((c) => c.row === r && !c.derived).map((c) => c.path),
)

describe('splitPastedBlock', () => {
  it('splits an Excel block: tabs between cells, CRLF between rows, one trailing newline dropped', () => {
    expect(splitPastedBlock('85\t12\t8\r\n3\t0\t0\r\n')).toEqual([
      ['85', '12', '8'],
      ['3', '0', '0'],
    ])
    expect(splitPastedBlock('1\r2\r')).toEqual([['1'], ['2']])
  })

  it('keeps an empty last cell of a one-column copy (a second newline is an empty row)', () => {
    expect(splitPastedBlock('1\r\n2\r\n\r\n')).toEqual([['1'], ['2'], ['']])
    expect(splitPastedBlock('5\t\t7\n')).toEqual([['5', '', '7']])
    expect(splitPastedBlock('')).toEqual([['']])
  })

  it('keeps a quoted cell with a line break in it as one cell (Excel quotes such cells)', () => {
    expect(splitPastedBlock('"申请人\r\n情况"\t"商业\n企业"\t其他\r\n5\t6\t7\r\n')).toEqual([
      ['申请人\n情况', '商业\n企业', '其他'],
      ['5', '6', '7'],
    ])
  })

  it('undoubles quotes inside a quoted cell; a stray quote is plain text', () => {
    expect(splitPastedBlock('"说""明"\t1')).toEqual([['说"明', '1']])
    expect(splitPastedBlock('"12\t3')).toEqual([['"12', '3']])
    expect(splitPastedBlock('"a"b\t3')).toEqual([['"a"b', '3']])
  })
})

describe('pasteBlock', () => {
  it('puts an Excel block on the rows and columns from the focused cell, skipping the computed 总计', () => {
    const [first, second] = rowsOfInputs.filter((r) => r.length > 0)
    const outcome = paste(first[0], '85\t12\t8\t0\t1\t2\t108\r\n3\t0\t0\t0\t0\t0\t3\r\n')
    expect(outcome.errors).toEqual({})
    expect(outcome.values[first[0]]).toBe(85)
    expect(outcome.values[first[5]]).toBe(2)
    expect(outcome.values[second[0]]).toBe(3)
    // The seventh value of each row falls on the 总计 column, which is computed: skipped, not stored.
    expect(outcome.skipped).toBe(2)
    expect(Object.keys(outcome.values)).toHaveLength(12)
    for (const path of Object.keys(outcome.values)) expect(derived.has(path)).toBe(false)
  })

  it('reads full-width digits and thousands separators as the cell parser does', () => {
    const [first] = rowsOfInputs.filter((r) => r.length > 0)
    const outcome = paste(first[0], '１，２３４\t5,678\t１２\t"1,000"\r\n')
    expect(outcome.values[first[0]]).toBe(1234)
    expect(outcome.values[first[1]]).toBe(5678)
    expect(outcome.values[first[2]]).toBe(12)
    expect(outcome.values[first[3]]).toBe(1000)
  })

  it('a header row copied along is refused cell by cell and the data goes one row lower', () => {
    const [first, second] = rowsOfInputs.filter((r) => r.length > 0)
    const outcome = paste(first[0], '"自然\r\n人"\t商业企业\r\n7\t8\r\n')
    expect(outcome.errors[first[0]]).toBe('“自然\n人”不是数字，请只填写数字')
    expect(outcome.errors[first[1]]).toContain('不是数字')
    expect(outcome.values[second[0]]).toBe(7)
    expect(outcome.values[second[1]]).toBe(8)
  })

  it('an empty cell in the block blanks its cell (blank is not zero)', () => {
    const [first] = rowsOfInputs.filter((r) => r.length > 0)
    const outcome = paste(first[0], '5\t\t7\r\n')
    expect(outcome.values).toEqual({ [first[0]]: 5, [first[1]]: null, [first[2]]: 7 })
  })

  it('counts values that fall outside the table as skipped, ignores empty ones', () => {
    const last = rowsOfInputs.filter((r) => r.length > 0).at(-1)!
    const outcome = paste(last[0], '1\r\n2\t\r\n')
    expect(outcome.values[last[0]]).toBe(1)
    expect(outcome.skipped).toBe(1)
  })

  it('negative numbers go only into 2019 本年增/减 cells', () => {
    const s19 = F19.sections.find((s) => s.kind === 'table' && s.table.kind === 'blocks')!
    if (s19.kind !== 'table') throw new Error('no blocks table')
    const grid19 = tableGrid(s19.table, derivedCells(F19))
    const cells19 = valueCellPositions(grid19)
    const signed = cells19.find((c) => cellByPath(F19, c.path)?.valueType === 'signedCount')!
    // The count cell just left of the first 本年增/减 cell.
    const start = cells19.filter((c) => c.row === signed.row && c.column < signed.column).at(-1)!
    const outcome = pasteBlock(grid19, start.path, '12\t-3\t-4', (p) => cellByPath(F19, p)?.valueType ?? 'count')
    const pasted = Object.keys({ ...outcome.values, ...outcome.errors })
    expect(pasted).toHaveLength(3)
    const [a, b, c] = pasted
    expect(outcome.values[a]).toBe(12)
    expect(cellByPath(F19, b)?.valueType).toBe('signedCount')
    expect(outcome.values[b]).toBe(-3)
    expect(outcome.errors[c]).toBe('不能为负数')
  })

  it('does nothing when the focused cell is not in the grid', () => {
    expect(paste('nowhere.at.all', '1\t2')).toEqual({ values: {}, errors: {}, skipped: 0 })
  })
})

describe('neighbour', () => {
  it('moves right along input cells and down to the next row, skipping computed cells', () => {
    const [first, second] = rowsOfInputs.filter((r) => r.length > 0)
    expect(neighbour(cells, first[0], 'right')).toBe(first[1])
    expect(neighbour(cells, first.at(-1)!, 'right')).toBeNull()
    expect(neighbour(cells, first[0], 'down')).toBe(second[0])
    expect(neighbour(cells, second[0], 'up')).toBe(first[0])
  })
})
