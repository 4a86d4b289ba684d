/**
 * Export speed: the .docx and the HTML of the largest fixture, built many times; medians in ms.
 * bench/run.ts collects this module's figures with the others.
 */
import fs from 'node:fs'
import { buildDocx } from '@/lib/export/docx'
import { buildHtml } from '@/lib/export/html'
import { FIXTURE_NAMES, fixture, fixturePath } from '@/test/fixtures'

const WARMUP = 5
const SAMPLES = 40

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function timeMedian(run: () => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run()
  const times: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return Math.round(median(times) * 100) / 100
}

export async function exportBench(): Promise<{ name: string; value: number; unit: string }[]> {
  const largest = [...FIXTURE_NAMES].sort(
    (a, b) => fs.statSync(fixturePath(b)).size - fs.statSync(fixturePath(a)).size,
  )[0]
  const { report } = fixture(largest)
  const signature = { agency: report.agency.name, date: `${report.year + 1}年1月20日` }
  return [
    {
      name: 'export-docx-largest-fixture',
      value: await timeMedian(() => buildDocx(report, { signature })),
      unit: 'ms',
    },
    {
      name: 'export-html-largest-fixture',
      value: await timeMedian(() => buildHtml(report, { signature })),
      unit: 'ms',
    },
  ]
}
