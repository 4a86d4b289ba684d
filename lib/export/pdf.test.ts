/**
 * The conversion's bounds, with a stand-in soffice (a shell script named by NIANBAO_SOFFICE): one
 * conversion at a time, a stuck one killed with its children at the time limit and reported in
 * Chinese, a failing one reported, and the fonts.conf it is given.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { convertDocxToPdf, fontReport, PdfError, pdfFontsConf, pdfUnavailableReason } from './pdf'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-fake-soffice-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const saved = process.env.NIANBAO_SOFFICE
afterEach(() => {
  if (saved === undefined) delete process.env.NIANBAO_SOFFICE
  else process.env.NIANBAO_SOFFICE = saved
})

/** A soffice that logs start and end, waits, then writes report.pdf into --outdir. */
function fakeSoffice(name: string, body: string): string {
  const file = path.join(dir, name)
  fs.writeFileSync(
    file,
    `#!/bin/sh
out=""
while [ $# -gt 0 ]; do if [ "$1" = "--outdir" ]; then out="$2"; fi; shift; done
${body}
`,
    { mode: 0o755 },
  )
  return file
}

describe('LibreOffice conversion bounds', () => {
  it('runs one conversion at a time', async () => {
    const log = path.join(dir, 'order.log')
    process.env.NIANBAO_SOFFICE = fakeSoffice(
      'serial',
      `echo start >> ${log}; sleep 0.3; echo end >> ${log}; printf '%%PDF-1.7 fake' > "$out/report.pdf"`,
    )
    const pdfs = await Promise.all([1, 2, 3].map(() => convertDocxToPdf(Buffer.from('docx'), { fontFolder: null })))
    for (const pdf of pdfs) expect(pdf.toString('latin1')).toBe('%PDF-1.7 fake')
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual(['start', 'end', 'start', 'end', 'start', 'end'])
  })

  it('kills a stuck conversion and its children at the time limit, saying so', async () => {
    const pidFile = path.join(dir, 'child.pid')
    process.env.NIANBAO_SOFFICE = fakeSoffice('stuck', `sleep 60 & echo $! > ${pidFile}; wait`)
    const e = await convertDocxToPdf(Buffer.from('docx'), { fontFolder: null, timeoutSeconds: 1 }).catch((x) => x)
    expect(e).toBeInstanceOf(PdfError)
    expect(e.message).toContain('超过 1 秒')
    const child = Number(fs.readFileSync(pidFile, 'utf8'))
    // Gone, or a zombie waiting for init to reap it: either way no longer running.
    const running = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${child}/stat`, 'utf8'))
      } catch {
        return false
      }
    }
    for (let i = 0; i < 50 && running(); i++) await new Promise((r) => setTimeout(r, 20))
    expect(running()).toBe(false)
    // The queue goes on after a failure.
    process.env.NIANBAO_SOFFICE = fakeSoffice('after', `printf '%%PDF-1.7 ok' > "$out/report.pdf"`)
    expect((await convertDocxToPdf(Buffer.from('docx'), { fontFolder: null })).toString('latin1')).toBe('%PDF-1.7 ok')
  })

  it('reports a failing or silent conversion', async () => {
    process.env.NIANBAO_SOFFICE = fakeSoffice('fails', 'exit 3')
    await expect(convertDocxToPdf(Buffer.from('docx'), { fontFolder: null })).rejects.toThrow('退出码 3')
    process.env.NIANBAO_SOFFICE = fakeSoffice('silent', 'exit 0')
    await expect(convertDocxToPdf(Buffer.from('docx'), { fontFolder: null })).rejects.toThrow('未能生成 PDF')
  })

  it('says why when the configured soffice is missing', async () => {
    process.env.NIANBAO_SOFFICE = path.join(dir, 'nowhere')
    expect(pdfUnavailableReason()).toContain('NIANBAO_SOFFICE')
    await expect(convertDocxToPdf(Buffer.from('docx'))).rejects.toBeInstanceOf(PdfError)
  })

  it('fonts.conf adds the folder and stock stand-ins; without a folder the note says fallbacks', () => {
    const conf = pdfFontsConf('/srv/fonts & more')
    expect(conf).toContain('<dir>/srv/fonts &amp; more</dir>')
    expect(conf).toContain('<family>仿宋_GB2312</family><accept><family>Noto Serif CJK SC</family>')
    expect(pdfFontsConf(null)).not.toContain('<dir>')
    const note = fontReport(null)
    expect(note.configured).toEqual([])
    expect(note.note).toMatch(/^字体：未配置仿宋_GB2312、方正小标宋简体，使用替代字体/)
  })
})
