/**
 * LibreOffice opens every exported .docx: each 2021 fixture and the hostile report are converted
 * to PDF in one soffice run, then pdftotext shows the title, the headings and the table numbers,
 * a sane page count, and 22 lines on a page of body text. Skipped, saying so, without soffice
 * (CI installs libreoffice-writer-nogui and poppler-utils).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatCells } from '@/lib/format/cells'
import { getAt } from '@/lib/report/values'
import { type FixtureName, fixture, fixturesOf } from '@/test/fixtures'
import { buildDocx } from './docx'
import { hostileReport } from './hostile-report'
import { exportModel, valueText } from './model'
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
    'LibreOffice export test skipped: soffice or poppler-utils not installed (apt-get install libreoffice-writer-nogui poppler-utils)',
  )
}

const FIXTURES = fixturesOf('2021')
const compact = (s: string) => s.replace(/\s+/g, '')

describe.skipIf(!HAVE_TOOLS)('LibreOffice opens the .docx', () => {
  let dir = ''
  const pdf = (name: string) => path.join(dir, `${name}.pdf`)
  const pages = (name: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf(name)], { encoding: 'utf8' }))?.[1])
  const text = (name: string, args: string[] = []) =>
    execFileSync('pdftotext', [...args, pdf(name), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'))
    const files: string[] = []
    for (const name of FIXTURES) {
      const file = path.join(dir, `${name}.docx`)
      fs.writeFileSync(file, await buildDocx(fixture(name).report))
      files.push(file)
    }
    const hostile = path.join(dir, 'hostile.docx')
    fs.writeFileSync(hostile, await buildDocx(hostileReport(fixture(FIXTURES[0]).report)))
    files.push(hostile)
    // One soffice run for all files: its start-up is most of the cost.
    execFileSync(
      SOFFICE!,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files],
      { stdio: 'ignore', timeout: 110_000, env: { ...process.env, FONTCONFIG_FILE: writePreviewFontsConf(dir) } },
    )
  }, 120_000)

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each(FIXTURES)('%s: title, headings and every table number are in the PDF', (name: FixtureName) => {
    const { report, format } = fixture(name)
    expect(fs.existsSync(pdf(name))).toBe(true)
    const count = pages(name)
    expect(count).toBeGreaterThanOrEqual(4)
    expect(count).toBeLessThanOrEqual(30)
    const all = compact(text(name))
    for (const line of exportModel(report).titleLines) expect(all).toContain(compact(line))
    for (const section of format.sections) expect(all).toContain(section.heading)
    // Table cells come out as separate words; each value of the tables must be among them.
    const words = new Set(text(name, ['-layout']).split(/\s+/))
    for (const cell of formatCells(format)) {
      if (cell.sectionKey === 'otherMatters') continue
      const v = valueText(getAt(report.sections, cell.segments), cell.valueType)
      expect(words.has(v), `${cell.path} = ${v}`).toBe(true)
    }
  })

  it('a page of body text holds 22 lines', () => {
    const name = FIXTURES.find((n) => n === 'zhangdian-gov-2021') ?? FIXTURES[0]
    const lines = text(name, ['-f', '2', '-l', '2', '-layout'])
      .split('\n')
      .filter((l) => l.trim() !== '' && !/—\s*\d+\s*—/.test(l))
    expect(lines).toHaveLength(22)
  })

  it('the hostile report converts too (long, with emoji and markup as text)', () => {
    expect(pages('hostile')).toBeGreaterThan(50)
    const first = text('hostile', ['-f', '1', '-l', '3'])
    expect(first).toContain('<script>alert(1)</script>')
  })
})
