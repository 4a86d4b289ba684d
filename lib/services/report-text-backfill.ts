/**
 * Rows stored whole move their narratives apart (docs/decisions/0880-first-seconds-scavenges-and-split-rows.md).
 * Since decision 0880 a new or imported report is written in its two parts (Report.content with
 * null at each narrative's place, ReportText the texts: decision 0840); a row written before, and
 * not saved since, still holds its texts in its content, and its first save then writes them
 * all. This moves them once, in the background of a server's start, a batch at a time: each row
 * only if its version has not moved since it was read (a save in between splits it itself), its
 * version and updatedAt unchanged (the row holds the same report).
 */
import 'server-only'
import { prisma } from '@/lib/db'
import { formatFor } from '@/lib/format/index'
import { splitContent } from '@/lib/report/content-split'

/** Splits up to `limit` rows stored whole, `batch` at a time; returns how many it split. */
export async function splitWholeReports(options: { batch?: number; limit?: number } = {}): Promise<number> {
  const batch = options.batch ?? 20
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  let split = 0
  let after: string | undefined
  while (split < limit) {
    const rows = await prisma.report.findMany({
      where: { text: null, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, version: true, formatVersion: true, content: true, updatedAt: true },
      orderBy: { id: 'asc' },
      take: batch,
    })
    if (rows.length === 0) break
    after = rows[rows.length - 1].id
    for (const row of rows) {
      const format = formatFor(row.formatVersion)
      if (!format) continue
      const { cells, texts } = splitContent(format, JSON.parse(row.content) as { sections: unknown })
      const moved = await prisma.$transaction(async (tx) => {
        const { count } = await tx.report.updateMany({
          where: { id: row.id, version: row.version },
          // updatedAt as it was: Prisma's @updatedAt would otherwise move it.
          data: { content: cells, updatedAt: row.updatedAt },
        })
        if (count !== 1) return false
        await tx.reportText.upsert({
          where: { reportId: row.id },
          create: { reportId: row.id, narratives: texts },
          update: { narratives: texts },
        })
        return true
      })
      if (moved) split++
      if (split >= limit) break
    }
  }
  return split
}
