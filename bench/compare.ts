/**
 * Version compare at the largest content the schema accepts: every narrative at the paragraph
 * cap (5,000 paragraphs of 40 characters, 200,000 characters), two versions apart by scattered
 * edits, and the costliest shapes (every paragraph rewritten, the same paragraphs reordered).
 * One call each, as a request pays it (ms, median of a few runs).
 */
import { narrativePath } from '@/lib/format/cells'
import { MAX_NARRATIVE_PARAGRAPHS, type ReportData } from '@/lib/report/schema'
import { setAt } from '@/lib/report/values'
import { diffReports } from '@/lib/workflow/diff'
import { fixture } from '@/test/fixtures'
import type { BenchResult } from './lib'

const PARAGRAPH_CHARS = 40

function narrative(seed: string): string[] {
  return Array.from({ length: MAX_NARRATIVE_PARAGRAPHS }, (_, i) =>
    `${seed}${i}：本机关依法公开政府信息做好依申请公开工作。`.padEnd(PARAGRAPH_CHARS, '政'),
  )
}

function withNarratives(base: ReportData, texts: (path: string) => string[]): ReportData {
  const report = structuredClone(base)
  const { format } = fixture('zhangdian-gov-2021')
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (path) setAt(report.sections, path.split('.'), texts(path).join('\n'))
  }
  return report
}

function medianMs(fn: () => unknown, runs = 5): number {
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times.sort((x, y) => x - y)[runs >> 1]
}

export function run(): BenchResult[] {
  const { format, report } = fixture('zhangdian-gov-2021')
  const before = withNarratives(report, (path) => narrative(path))
  const scattered = withNarratives(report, (path) =>
    narrative(path)
      .map((p, i) => (i % 50 === 7 ? `${p.slice(0, 30)}（已修改）` : p))
      .filter((_, i) => i % 333 !== 5),
  )
  const rewritten = withNarratives(report, (path) => narrative(`${path}改`))
  const reordered = withNarratives(report, (path) => narrative(path).reverse())
  return [
    { name: 'compare-max-ms', value: medianMs(() => diffReports(before, scattered, format)), unit: 'ms' },
    { name: 'compare-max-rewritten-ms', value: medianMs(() => diffReports(before, rewritten, format)), unit: 'ms' },
    { name: 'compare-max-reordered-ms', value: medianMs(() => diffReports(before, reordered, format)), unit: 'ms' },
    { name: 'compare-max-same-ms', value: medianMs(() => diffReports(before, before, format)), unit: 'ms' },
  ]
}
