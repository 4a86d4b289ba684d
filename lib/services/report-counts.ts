/**
 * The rule counts a list shows per report (errors, warnings, blanks). Computing them means
 * parsing the stored content and checking it, which is far too much to do for hundreds of
 * reports on every list view. They depend only on the content, and (report id, content version)
 * identifies the content, so each instance caches them by that key: every instance computes the
 * same numbers, and nothing needs to be shared between instances.
 */
import { prisma } from '@/lib/db'
import { formatFor } from '@/lib/format/index'
import { checkCompleteness } from '@/lib/report/completeness'
import type { ReportData } from '@/lib/report/schema'
import { evaluateRules } from '@/lib/rules/evaluate'

export interface ReportCounts {
  errorCount: number
  warningCount: number
  blankCount: number
}

const NONE: ReportCounts = { errorCount: 0, warningCount: 0, blankCount: 0 }
const MAX_ENTRIES = 20_000
const cache = new Map<string, { version: number; counts: ReportCounts }>()

export function countsOfContent(formatVersion: string, report: ReportData): ReportCounts {
  const format = formatFor(formatVersion)
  if (!format) return NONE
  const results = evaluateRules(format, report)
  const completeness = checkCompleteness(format, report, results)
  const filled = new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id))
  return {
    errorCount: results.filter((r) => r.status === 'fail' && r.severity === 'error').length,
    warningCount: results.filter((r) => r.status === 'fail' && r.severity === 'warning' && !filled.has(r.ruleId))
      .length,
    blankCount: completeness.blank.length,
  }
}

function remember(id: string, version: number, counts: ReportCounts) {
  cache.delete(id)
  cache.set(id, { version, counts })
  // Oldest first in a Map's order: drop the least recently computed.
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
}

/** Counts for listed rows (id and version only); reads the content of those not cached yet. */
export async function countsFor(rows: readonly { id: string; version: number }[]): Promise<Map<string, ReportCounts>> {
  const missing = rows.filter((r) => cache.get(r.id)?.version !== r.version).map((r) => r.id)
  if (missing.length > 0) {
    const contents = await prisma.report.findMany({
      where: { id: { in: missing } },
      select: { id: true, version: true, formatVersion: true, content: true },
    })
    for (const c of contents) {
      remember(c.id, c.version, countsOfContent(c.formatVersion, JSON.parse(c.content) as ReportData))
    }
  }
  return new Map(rows.map((r) => [r.id, cache.get(r.id)?.counts ?? NONE]))
}
