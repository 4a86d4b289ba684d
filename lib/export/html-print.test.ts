/**
 * The HTML's print and phone structure: each group of 表三 and each block of 表二 is one tbody
 * (print keeps a tbody together), the 落款 is one block, each table is captioned by and labelled
 * with its section heading, and the numbers of 表三 and 表四 carry their column's name.
 */
import { describe, expect, it } from 'vitest'
import type { GridCell } from '@/lib/format/grid'
import { fixture } from '@/test/fixtures'
import { buildHtml } from './html'
import { exportModel } from './model'

const { report } = fixture('zhangdian-gov-2021')
const html = buildHtml(report, { signature: { agency: '张店区人民政府办公室', date: '2022年1月20日' } })
const model = exportModel(report)
const text = (s: string) => s.replace(/<[^>]*>/g, '')

describe('HTML for print and phone', () => {
  it('each group of 表三 lies in one tbody, and print keeps a tbody together', () => {
    const matrix = model.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.table.kind === 'matrix')
    if (matrix?.kind !== 'table') throw new Error('no 表三')
    const table = /<section id="applications">[\s\S]*?<\/table>/.exec(html)![0]
    const bodies = [...table.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => text(m[1].replace(/<\/t[dh]>/g, '|')))
    const groups = matrix.grid.rows
      .map((row, r) => ({
        row: r,
        cell: row.cells.find(
          (c): c is Extract<GridCell, { kind: 'rowGroup' }> => c.kind === 'rowGroup' && c.depth >= 1,
        ),
      }))
      .filter((g) => g.cell)
    expect(groups.map((g) => g.cell!.rowSpan)).toEqual([8, 3, 5, 3])
    for (const { row, cell } of groups) {
      const labels = matrix.grid.rows
        .slice(row, row + cell!.rowSpan)
        .map((r) => r.cells.find((c) => c.kind === 'rowHeader'))
        .map((c) => (c?.kind === 'rowHeader' ? c.text : ''))
      const holding = bodies.filter((b) => labels.some((l) => b.includes(`${l}|`)))
      expect(holding, cell!.text).toHaveLength(1)
      expect(holding[0]).toContain(cell!.text)
    }
    expect(html).toMatch(/@media print \{[\s\S]*\.gw tbody, \.gw \.sign-block \{ break-inside: avoid; \}/)
  })

  it('the 落款 is one block', () => {
    expect(html).toMatch(
      /<div class="sign-block"><p class="sign first"[^>]*>张店区人民政府办公室<\/p><p class="sign"[^>]*>2022年1月20日<\/p><\/div>/,
    )
  })

  it('each table has a caption and is labelled by its section heading', () => {
    for (const section of model.sections) {
      if (!section.blocks.some((b) => b.kind === 'table')) continue
      expect(html).toContain(`<h2 id="h-${section.key}" class="h1">${section.heading}</h2>`)
      expect(html).toContain(`aria-labelledby="h-${section.key}"><caption class="vh">${section.heading}</caption>`)
    }
  })

  it('the numbers of 表三 and 表四 carry their column, without the heading over all of them', () => {
    expect(html).toContain('data-label="自然人"')
    expect(html).toContain('data-label="法人或其他组织 · 商业企业"')
    expect(html).toContain('data-label="行政复议 · 结果维持"')
    expect(html).not.toContain('data-label="申请人情况')
  })
})
