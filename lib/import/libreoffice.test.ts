/**
 * A Word 97 .doc (as older offices and WPS save it) is converted by LibreOffice and read like the
 * .docx. The .doc is made here from the LibreOffice-made .docx of a published page. Skipped,
 * saying so, without soffice.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getAt } from '@/lib/report/values'
import { importDocument } from './index'

const which = (cmd: string) => {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}
const SOFFICE = process.env.NIANBAO_SOFFICE || which('soffice')
if (!SOFFICE) console.warn('.doc import test skipped: soffice not installed (apt-get install libreoffice-writer-nogui)')

describe.skipIf(!SOFFICE)('.doc through LibreOffice', () => {
  it('reads a .doc to the same report as its .docx', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-doc-'))
    const docx = path.resolve(__dirname, '..', '..', 'test', 'published-docx', 'pingtan-xzspj-2024.docx')
    execFileSync(
      SOFFICE as string,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'doc:MS Word 97',
        '--outdir',
        dir,
        docx,
      ],
      { stdio: 'ignore', timeout: 90_000 },
    )
    const doc = readFileSync(path.join(dir, 'pingtan-xzspj-2024.doc'))
    const fromDoc = await importDocument({ bytes: doc, fileName: 'report.doc' })
    const fromDocx = await importDocument({ bytes: readFileSync(docx), fileName: 'report.docx' })
    expect(fromDoc.recognition.source).toEqual({ fileName: 'report.doc', kind: 'doc', bytes: doc.length })
    expect(fromDoc.report.sections.applications).toEqual(fromDocx.report.sections.applications)
    expect(getAt(fromDoc.report.sections, ['applications', 'newReceived', 'natural'])).toBe(28)
    expect(fromDoc.report.stated).toEqual(fromDocx.report.stated)
  })
})
