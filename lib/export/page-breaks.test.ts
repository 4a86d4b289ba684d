import { describe, expect, it } from 'vitest'
import type { GridCell } from '@/lib/format/grid'
import { type FixtureName, FIXTURE_NAMES, fixture } from '@/test/fixtures'
import { type Block, exportModel } from './model'
import { BODY_HEIGHT, countLines, keepUnits, planPages, rowHeights, splitGrid, verticalLabels } from './page-breaks'

type TableBlock = Extract<Block, { kind: 'table' }>
type GroupCell = Extract<GridCell, { kind: 'rowGroup' }>
const tablesOf = (name: FixtureName) =>
  exportModel(fixture(name).report)
    .sections.flatMap((s) => s.blocks)
    .filter((b): b is TableBlock => b.kind === 'table')

describe('line estimate', () => {
  const body = { widthPt: 442.25, sizePt: 16, trackingPt: -0.25 }
  it('28 characters of 3号 fit a line, 29 do not; the first line is indented two', () => {
    expect(countLines('字'.repeat(28), body)).toBe(1)
    expect(countLines('字'.repeat(29), body)).toBe(2)
    expect(countLines('字'.repeat(27), { ...body, firstIndentPt: 32 })).toBe(2)
    expect(countLines('字'.repeat(26), { ...body, firstIndentPt: 32 })).toBe(1)
  })
  it('closing punctuation hangs at the end of a full line; a number is never split', () => {
    expect(countLines(`${'字'.repeat(28)}，`, body)).toBe(1)
    expect(countLines(`${'字'.repeat(26)}20211`, body)).toBe(2)
  })
})

describe('table units and cuts', () => {
  const [blocks, matrix] = tablesOf('zhangdian-gov-2021')

  it('表三 keeps each group of its outcome rows together (8, 3, 5, 3 rows)', () => {
    const sizes = keepUnits(matrix).map(([a, b]) => b - a + 1)
    expect(sizes.filter((n) => n > 1)).toEqual([8, 3, 5, 3])
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(matrix.grid.rows.filter((r) => !r.header).length)
  })

  it('表二 keeps each block (caption, header row, rows) together', () => {
    const units = keepUnits(blocks)
    for (const [a] of units) expect(blocks.grid.rows[a].cells[0].kind).toBe('caption')
  })

  it('a cut table repeats its header rows and the label of a group it cuts, with the rows split between', () => {
    const [, second] = keepUnits(matrix).filter(([a, b]) => b > a)
    const pieces = splitGrid(matrix.grid, [second[0]])
    expect(pieces).toHaveLength(2)
    const header = matrix.grid.rows.filter((r) => r.header)
    expect(pieces[1].slice(0, header.length)).toEqual(header)
    const outer = matrix.grid.rows
      .flatMap((r) => r.cells)
      .find((c): c is GroupCell => c.kind === 'rowGroup' && c.depth === 0)!
    const firstBody = pieces[1][header.length]
    expect(firstBody.cells[0]).toMatchObject({ kind: 'rowGroup', text: outer.text })
    const spanInPiece = (rows: (typeof pieces)[0]) =>
      rows.flatMap((r) => r.cells).find((c) => c.kind === 'rowGroup' && c.text === outer.text)?.rowSpan ?? 0
    expect(spanInPiece(pieces[0]) + spanInPiece(pieces[1])).toBe(outer.rowSpan)
    // Every row still covers the grid's columns once its spans are placed.
    for (const piece of pieces) {
      const taken = new Set<string>()
      piece.forEach((row, r) => {
        let col = 0
        for (const cell of row.cells) {
          while (taken.has(`${r},${col}`)) col++
          for (let i = 0; i < cell.rowSpan; i++) for (let k = 0; k < cell.colSpan; k++) taken.add(`${r + i},${col + k}`)
          col += cell.colSpan
        }
        while (taken.has(`${r},${col}`)) col++
        expect(col, `row ${r}`).toBe(matrix.grid.columnCount)
      })
    }
  })

  it('row heights: one line of 五号 is 15 pt plus margins and border; wrapped labels add lines', () => {
    const heights = rowHeights(matrix)
    const single = matrix.grid.rows.findIndex((r) =>
      r.cells.some((c) => c.kind === 'rowHeader' && c.text === '（一）予以公开'),
    )
    expect(heights[single]).toBe(350)
    expect(Math.max(...heights.filter((_, i) => !matrix.grid.rows[i].header))).toBeGreaterThanOrEqual(350 + 2 * 300)
  })
})

describe('page plan', () => {
  it.each(FIXTURE_NAMES)('%s: every unit of every table ends on the page it starts', (name) => {
    const model = exportModel(fixture(name).report)
    const plan = planPages(model)
    for (const block of model.sections.flatMap((s) => s.blocks)) {
      if (block.kind !== 'table') continue
      const heights = rowHeights(block)
      const breaks = plan.tableBreaks.get(block) ?? []
      for (const [from, to] of keepUnits(block)) {
        // A cut never falls inside a unit, and no unit is taller than a page.
        expect(breaks.some((b) => b > from && b <= to)).toBe(false)
        expect(heights.slice(from, to + 1).reduce((a, b) => a + b, 0)).toBeLessThan(BODY_HEIGHT)
      }
      // A label set top to bottom keeps rows enough for its text on both sides of a cut.
      const sum = (a: number, b: number) => heights.slice(a, b + 1).reduce((x, v) => x + v, 0)
      const cuts = [...breaks].sort((a, b) => a - b)
      for (const v of verticalLabels(block)) {
        const inside = cuts.filter((c) => c > v.start && c < v.start + v.span)
        const bounds = [v.start, ...inside, v.start + v.span]
        for (let k = 0; k < bounds.length - 1; k++) {
          expect(
            sum(bounds[k], bounds[k + 1] - 1),
            `${name} rows ${bounds[k]}–${bounds[k + 1] - 1}`,
          ).toBeGreaterThanOrEqual(v.need)
        }
      }
    }
  })
})
