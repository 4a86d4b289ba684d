/**
 * Import speed (issue 15): a ~350 KB portal page and a 10-page PDF, read in this thread and
 * through importDocument (the worker thread with its limits, started per document); medians in ms.
 * The page is a published one with its site template repeated to 350 KB; the PDF is the
 * published 淮安 report (6 pages) with its first 4 pages added again by poppler's pdfunite.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { importDocument } from '@/lib/import/index'
import { readDocument } from '@/lib/import/read'
import { ensureCliBuild } from '@/scripts/build-cli'
import { type BenchResult, PrerequisiteMissing } from './lib'

const PUBLISHED = '/work/shared/published'
const SAMPLES = 15

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function timeMedian(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run()
  const times: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return Math.round(median(times) * 10) / 10
}

/** A published page grown to ~350 KB with more of its own site template (outside the article). */
function bigPage(): Buffer {
  const page = fs.readFileSync(path.join(PUBLISHED, 'pingtan-zrzj-2020.html'), 'utf8')
  const cut = page.lastIndexOf('</body>')
  const template = page.slice(0, 6_000).replace(/<script[\s\S]*?<\/script>/g, '')
  const chunk = `<div class="footer">${template.replace(/<\/?(html|head|body)[^>]*>/g, '')}</div>`
  let filler = ''
  while (Buffer.byteLength(page) + Buffer.byteLength(filler) + Buffer.byteLength(chunk) <= 350 * 1024) filler += chunk
  return Buffer.from(`${page.slice(0, cut)}${filler}${page.slice(cut)}`)
}

/** The published PDF grown to 10 pages with pdfunite (poppler-utils). */
function tenPagePdf(): Buffer | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-pdf-'))
  try {
    const source = path.join(PUBLISHED, 'huaian-2024.pdf')
    execFileSync('pdfseparate', ['-f', '1', '-l', '4', source, path.join(dir, 'p-%d.pdf')])
    const out = path.join(dir, 'ten.pdf')
    execFileSync('pdfunite', [source, ...[1, 2, 3, 4].map((n) => path.join(dir, `p-${n}.pdf`)), out])
    return fs.readFileSync(out)
  } catch {
    return null
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<BenchResult[]> {
  if (!fs.existsSync(PUBLISHED)) throw new PrerequisiteMissing(`没有 ${PUBLISHED}（已发布年报样本）`)
  await ensureCliBuild()
  const page = bigPage()
  const results: BenchResult[] = [
    { name: 'import-page-kb', value: Math.round(page.length / 1024), unit: 'KB' },
    {
      name: 'import-page-ms',
      value: await timeMedian(() => readDocument({ bytes: page, fileName: 'page.html' })),
      unit: 'ms',
    },
    {
      name: 'import-page-worker-ms',
      value: await timeMedian(() => importDocument({ bytes: page, fileName: 'page.html' })),
      unit: 'ms',
    },
  ]
  const pdf = tenPagePdf()
  if (!pdf) {
    console.error('跳过 import-pdf：没有 pdfseparate/pdfunite（poppler-utils）')
    return results
  }
  results.push(
    {
      name: 'import-pdf-ms',
      value: await timeMedian(() => readDocument({ bytes: pdf, fileName: 'ten.pdf' })),
      unit: 'ms',
    },
    {
      name: 'import-pdf-worker-ms',
      value: await timeMedian(() => importDocument({ bytes: pdf, fileName: 'ten.pdf' })),
      unit: 'ms',
    },
  )
  return results
}
