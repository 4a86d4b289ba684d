import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { FORMATS } from '@/lib/format/index'
import { reportSchema } from '@/lib/report/schema'
import { deriveTotals } from '@/lib/rules/derive'
import { newDraft } from '@/test/services'
import { countsOfContent } from './report-counts'
import { WARMUP_REPORT_ID, warmSavePipeline, warmSaveStatements, warmupReport, warmupRounds } from './save-warmup'

describe('warmupReport', () => {
  it.each(Object.values(FORMATS))('is a valid draft of format $version with its totals derived', (format) => {
    const report = warmupReport(format)
    expect(reportSchema(format, 'draft').safeParse(report).success).toBe(true)
    const again = structuredClone(report)
    expect(deriveTotals(format, again.sections)).toEqual([])
    expect(again.sections).toEqual(report.sections)
    // About the size of an officer's report (the load test's is ~32 KB of JSON).
    expect(JSON.stringify(report).length).toBeGreaterThan(5_000)
  })
})

describe('warmSavePipeline', () => {
  it('runs the save steps in memory and counts as a save would', () => {
    const warmth = warmSavePipeline(40)
    expect(warmth.rounds).toBe(40)
    expect(warmth.counts.errorCount).toBeGreaterThanOrEqual(0)
    expect(warmth.counts.blankCount).toBeGreaterThanOrEqual(0)
  })

  it('leaves nothing behind: a fresh report counts the same before and after', () => {
    const format = FORMATS['2021']
    const before = countsOfContent(format.version, warmupReport(format), null)
    warmSavePipeline(24)
    expect(countsOfContent(format.version, warmupReport(format), null)).toEqual(before)
  })
})

describe('warmupRounds', () => {
  it('reads NIANBAO_WARMUP_ROUNDS: default 400, 0 is off, nonsense is the default', () => {
    expect(warmupRounds(undefined)).toBe(400)
    expect(warmupRounds('')).toBe(400)
    expect(warmupRounds('0')).toBe(0)
    expect(warmupRounds('25')).toBe(25)
    expect(warmupRounds('-3')).toBe(400)
    expect(warmupRounds('many')).toBe(400)
    expect(warmupRounds('1e9')).toBe(100_000)
  })
})

describe('warmSaveStatements', () => {
  it('runs the save statements and writes nothing', async () => {
    const draft = await newDraft()
    const reports = await prisma.report.count()
    const events = await prisma.reportEvent.count()
    await warmSaveStatements(4)
    expect(await prisma.report.count()).toBe(reports)
    expect(await prisma.reportEvent.count()).toBe(events)
    expect(await prisma.report.findUnique({ where: { id: WARMUP_REPORT_ID } })).toBeNull()
    expect((await prisma.report.findUniqueOrThrow({ where: { id: draft.id } })).version).toBe(draft.version)
  })
})
