import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import documentExtensions from '@/lib/import/document-extensions.json'
import { isDocumentFile } from './validate-plan'

describe('validate-plan', () => {
  it('tells published documents from report JSON, by extension in any case', () => {
    for (const f of ['a.html', 'b.HTM', 'c.docx', 'd.doc', 'e.WPS', 'f.pdf', 'g.txt', 'dir/报告.Pdf']) {
      expect(isDocumentFile(f)).toBe(true)
    }
    for (const f of ['a.json', 'b.docx.json', 'html', 'c.htmlx', 'd.pdf.bak', 'txt.json']) {
      expect(isDocumentFile(f)).toBe(false)
    }
    // Exactly what nianbao import reads (lib/import DOCUMENT_EXTENSIONS).
    for (const e of documentExtensions) expect(isDocumentFile(`报告${e.toUpperCase()}`)).toBe(true)
  })

  it('is read by bin/nianbao.js from the same file, before the bundle loads', () => {
    const bin = readFileSync(path.join(__dirname, '../../bin/nianbao.js'), 'utf8')
    expect(bin).toContain("require('../lib/cli/validate-plan.json')")
    expect(bin).toContain("require('../lib/import/document-extensions.json')")
    expect(bin).not.toMatch(/maxYoungGenerationSizeMb: \d|files\.length < \d\d|docx\|doc\|wps/)
  })
})
