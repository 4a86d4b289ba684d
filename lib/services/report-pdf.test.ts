/**
 * The PDF of an approved version, converted by LibreOffice: it holds every table value and every
 * heading of the report (pdftotext), it is stored once and served as the same bytes, its
 * properties say when it is set in fallback faces, and with a font folder the configured faces
 * are the ones embedded (pdffonts). The LibreOffice parts skip, saying so, without soffice.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { exportModel, valueText } from '@/lib/export/model'
import { formatCells } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { writeRenamedFont } from '@/test/renamed-font'
import { refused, workflowActors } from '@/test/services'
import { reportPdf } from './report-pdf'

const which = (cmd: string) => {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}
const HAVE_TOOLS = ['soffice', 'pdftotext', 'pdfinfo', 'pdffonts', 'fc-scan'].every((c) => which(c) !== null)
if (!HAVE_TOOLS) {
  console.warn(
    'PDF tests skipped: soffice, poppler-utils or fontconfig not installed (apt-get install libreoffice-writer-nogui poppler-utils)',
  )
}
const NOTO = '/usr/share/fonts/opentype/noto'
const HAVE_NOTO = fs.existsSync(`${NOTO}/NotoSerifCJK-Regular.ttc`) && fs.existsSync(`${NOTO}/NotoSerifCJK-Bold.ttc`)

const { completeDraft, approved } = workflowActors()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-test-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const save = (name: string, body: Buffer) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, body)
  return file
}
const compact = (s: string) => s.replace(/\s+/g, '')

function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  set(vars)
  return run().finally(() => set(before))
}

describe('PDF downloads', () => {
  it('a draft has none: the PDF is made from an approved version', async () => {
    const draft = await completeDraft()
    const e = await refused(reportPdf(draft.id, { signatureDate: null }))
    expect(e.code).toBe('not_approved')
    expect(e.message).toContain('审核通过')
  })

  it('without LibreOffice the download says why', async () => {
    const stored = await approved()
    const e = await withEnv({ NIANBAO_SOFFICE: path.join(dir, 'no-such-soffice') }, () =>
      refused(reportPdf(stored.id, { signatureDate: null })),
    )
    expect(e.status).toBe(503)
    expect(e.code).toBe('pdf_unavailable')
    expect(e.message).toContain('LibreOffice')
  })
})

describe.skipIf(!HAVE_TOOLS)('PDF by LibreOffice', () => {
  it('holds every table value and heading, is stored once and says it uses fallback faces', async () => {
    const stored = await approved()
    const first = await withEnv({ NIANBAO_PDF_FONTS: undefined }, () => reportPdf(stored.id, { signatureDate: null }))
    expect(first.body.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(first.contentType).toBe('application/pdf')
    expect(first.contentDisposition).toContain('.pdf')
    const file = save('approved.pdf', first.body)

    const report = stored.report as ReportData
    const format = formatFor(report.formatVersion)!
    const all = compact(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }))
    const model = exportModel(report)
    for (const line of model.titleLines) expect(all).toContain(compact(line))
    const headings = model.sections.flatMap((s) => [
      s.heading,
      ...s.blocks.flatMap((b) =>
        b.kind === 'narrative'
          ? b.paragraphs.filter((p) => p.level > 0).map((p) => p.heading.map((r) => r.text).join(''))
          : [],
      ),
    ])
    expect(headings.length).toBeGreaterThan(10)
    for (const h of headings) expect(all, h).toContain(compact(h))
    const words = new Set(
      execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).split(/\s+/),
    )
    let values = 0
    for (const cell of formatCells(format)) {
      if (cell.sectionKey === 'otherMatters') continue
      const v = valueText(getAt(report.sections, cell.segments), cell.valueType)
      expect(words.has(v), `${cell.path} = ${v}`).toBe(true)
      values++
    }
    expect(values).toBeGreaterThan(100)

    // Stored: a second download is the same bytes, without converting again.
    const again = await withEnv({ NIANBAO_SOFFICE: path.join(dir, 'no-such-soffice') }, () =>
      reportPdf(stored.id, { signatureDate: null }),
    )
    expect(Buffer.compare(again.body, first.body)).toBe(0)
    expect(await prisma.reportPdf.count({ where: { version: { reportId: stored.id } } })).toBe(1)

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    expect(info).toMatch(/Subject:\s+字体：未配置仿宋_GB2312、方正小标宋简体，使用替代字体/)
  }, 180_000)

  it.skipIf(!HAVE_NOTO)(
    'with a font folder, the configured faces are embedded and named',
    async () => {
      const folder = path.join(dir, 'fonts')
      fs.mkdirSync(folder)
      writeRenamedFont(`${NOTO}/NotoSerifCJK-Regular.ttc`, 'Noto Serif CJK SC', path.join(folder, 'fangsong.otf'), {
        english: 'FangSong_GB2312',
        chinese: '仿宋_GB2312',
        postscript: 'FangSong_GB2312',
      })
      writeRenamedFont(`${NOTO}/NotoSerifCJK-Bold.ttc`, 'Noto Serif CJK SC', path.join(folder, 'xiaobiaosong.otf'), {
        english: 'FZXiaoBiaoSong-B05S',
        chinese: '方正小标宋简体',
        postscript: 'FZXiaoBiaoSong-B05S',
      })
      const stored = await approved()
      const pdf = await withEnv({ NIANBAO_PDF_FONTS: folder }, () =>
        reportPdf(stored.id, { signatureDate: '2022-01-20' }),
      )
      const file = save('configured.pdf', pdf.body)
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      expect(fonts).toContain('FangSongGB2312')
      expect(fonts).toContain('FZXiaoBiaoSong')
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
        /Subject:\s+字体：仿宋_GB2312、方正小标宋简体（已配置字体）/,
      )
      // The 落款 date asked for is in it.
      expect(compact(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }))).toContain('2022年1月20日')
    },
    180_000,
  )
})
