/**
 * LibreOffice render of the largest fixture: page by page (pdftotext), no page shows a row of a
 * 表三 group without the group's label, nor a row of a 表二 block without its caption; and the
 * page plan's predicted section starts agree with where LibreOffice put them. Skipped, saying
 * so, without soffice (CI installs libreoffice-writer-nogui and poppler-utils).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GridCell } from '@/lib/format/grid'
import { type FixtureName, FIXTURE_NAMES, fixture, fixturePath } from '@/test/fixtures'
import { buildDocx } from './docx'
import { type Block, exportModel } from './model'
import { planPages } from './page-breaks'
import { writePreviewFontsConf } from './preview-fonts'

const which = (cmd: string) => {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}
const SOFFICE = which('soffice')
const HAVE_TOOLS = SOFFICE !== null && which('pdftotext') !== null && which('pdfinfo') !== null
if (!HAVE_TOOLS) {
  console.warn(
    'LibreOffice page-break test skipped: soffice or poppler-utils not installed (apt-get install libreoffice-writer-nogui poppler-utils)',
  )
}

const LARGEST: FixtureName = [...FIXTURE_NAMES].sort(
  (a, b) => fs.statSync(fixturePath(b)).size - fs.statSync(fixturePath(a)).size,
)[0]
const compact = (s: string) => s.replace(/\s+/g, '')
type GroupCell = Extract<GridCell, { kind: 'rowGroup' }>

describe.skipIf(!HAVE_TOOLS)(`LibreOffice pages of the largest fixture (${LARGEST})`, () => {
  let dir = ''
  let pages: string[] = []
  const { report } = fixture(LARGEST)
  const model = exportModel(report)
  const tables = model.sections
    .flatMap((s) => s.blocks)
    .filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pages-'))
    const file = path.join(dir, 'report.docx')
    fs.writeFileSync(file, await buildDocx(report))
    execFileSync(
      SOFFICE!,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
      { stdio: 'ignore', timeout: 110_000, env: { ...process.env, FONTCONFIG_FILE: writePreviewFontsConf(dir) } },
    )
    const pdf = path.join(dir, 'report.pdf')
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])
    pages = Array.from({ length: count }, (_, i) =>
      compact(execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, pdf, '-'], { encoding: 'utf8' })),
    )
  }, 120_000)

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('the plan cuts a table here (else the test would prove nothing about the cuts)', () => {
    const plan = planPages(model)
    expect([...plan.tableBreaks.values()].flat().length + plan.sectionBreaks.size).toBeGreaterThan(0)
  })

  it('no page shows a row of a 表三 group without its label', () => {
    const matrix = tables.find((t) => t.table.kind === 'matrix')!
    const first = matrix.grid.rows[0].cells[0]
    const corner = compact(first.kind === 'corner' ? first.text : '')
    const rows = matrix.grid.rows
    let checked = 0
    rows.forEach((row, r) => {
      const group = row.cells.find((c): c is GroupCell => c.kind === 'rowGroup' && c.depth >= 1)
      if (!group) return
      const labels = rows
        .slice(r, r + group.rowSpan)
        .map((x) => x.cells.find((c) => c.kind === 'rowHeader')?.text ?? '')
        .map(compact)
      pages.forEach((page, p) => {
        // Only pages of the table (its header repeats on each): narrative may quote a label.
        if (!page.includes(corner)) return
        for (const label of labels) {
          if (!page.includes(label)) continue
          checked++
          expect(page, `page ${p + 1}: ${label} without ${group.text}`).toContain(compact(group.text))
        }
      })
    })
    expect(checked).toBeGreaterThanOrEqual(19)
  })

  it('no block of 表二 splits: each row is on the page of its caption', () => {
    const blocks = tables.find((t) => t.table.kind === 'blocks')!
    let caption = ''
    for (const row of blocks.grid.rows) {
      const first = row.cells[0]
      if (first?.kind === 'caption') {
        caption = compact(first.text)
        continue
      }
      if (first?.kind !== 'rowHeader') continue
      // A row reads "label value…" on its line: the page that has it has the caption too.
      const values = row.cells.filter((c) => c.kind === 'value').map((c) => blocks.texts.get(c.path) ?? '')
      const line = compact(first.text) + values.join('')
      const at = pages.findIndex((page) => page.includes(line))
      expect(at, `${first.text} ${values.join(' ')}`).toBeGreaterThanOrEqual(0)
      expect(pages[at], `${first.text} without ${caption}`).toContain(caption)
    }
  })

  it('LibreOffice starts each section on the page the plan predicts', () => {
    const predicted: [string, number][] = []
    planPages(model, (what, page) => {
      if (model.sections.some((s) => s.heading === what)) predicted.push([what, page])
    })
    expect(predicted).toHaveLength(model.sections.length)
    for (const [heading, page] of predicted) {
      expect(pages[page - 1], `${heading} on page ${page}`).toContain(compact(heading))
    }
  })
})
