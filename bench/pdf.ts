/**
 * PDF conversion: the largest fixture's .docx converted by LibreOffice (lib/export/pdf.ts), the
 * first run (which creates the LibreOffice profile) and the median of the next three, in ms.
 * Skipped without soffice. bench/run.ts collects these figures with the others.
 */
import fs from 'node:fs'
import { buildDocx } from '@/lib/export/docx'
import { convertDocxToPdf, sofficePath } from '@/lib/export/pdf'
import { FIXTURE_NAMES, fixture, fixturePath } from '@/test/fixtures'
import { type BenchResult, PrerequisiteMissing } from './lib'

export async function run(): Promise<BenchResult[]> {
  if (!sofficePath()) throw new PrerequisiteMissing('未安装 LibreOffice（soffice），不测 PDF 转换')
  const largest = [...FIXTURE_NAMES].sort(
    (a, b) => fs.statSync(fixturePath(b)).size - fs.statSync(fixturePath(a)).size,
  )[0]
  const docx = await buildDocx(fixture(largest).report, { timestamp: new Date(Date.UTC(2022, 0, 20)) })
  const time = async () => {
    const start = performance.now()
    await convertDocxToPdf(docx)
    return performance.now() - start
  }
  const first = await time()
  const next = [await time(), await time(), await time()].sort((a, b) => a - b)
  return [
    { name: 'pdf-convert-largest-fixture-first', value: Math.round(first), unit: 'ms' },
    { name: 'pdf-convert-largest-fixture', value: Math.round(next[1]), unit: 'ms' },
  ]
}
