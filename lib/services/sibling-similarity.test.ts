import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { narrativePath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import { comparable, siblingRepeats } from '@/lib/narrative/similarity'
import { narrativeTexts } from '@/lib/narrative/texts'
import { getAt, setAt } from '@/lib/report/values'
import { testAgencyCode } from '@/test/agency-code'
import { fixtureJson, refused } from '@/test/services'
import { createReport } from './report-create'
import {
  clearSiblingCache,
  fingerprintOf,
  preparedCacheSize,
  reportSiblings,
  siblingsOf,
  yearSiblings,
} from './sibling-similarity'

const YEAR = 2025
const ids: Record<string, string> = {}
const reports: Record<string, string> = {}
let coordinator: Actor
let officer: Actor

async function agency(name: string, type: 'government' | 'department', parentId: string | null) {
  return (await prisma.agency.create({ data: { code: testAgencyCode('sib'), name, type, parentId } })).id
}

/** Writes narratives into a report as a save would: the content and a new content version. */
async function writeNarratives(reportId: string, from: { sections: Record<string, any>; preamble?: string }) {
  const row = await prisma.report.findUniqueOrThrow({ where: { id: reportId } })
  const content = JSON.parse(row.content)
  content.preamble = from.preamble ?? null
  for (const section of formatFor('2021')!.sections) {
    const at = narrativePath(section)?.split('.')
    if (at) setAt(content.sections, at, getAt(from.sections, at) ?? '')
  }
  await prisma.report.update({
    where: { id: reportId },
    data: { content: JSON.stringify(content), version: row.version + 1 },
  })
}

const gov = fixtureJson('zhangdian-gov-2021.json')
const office = fixtureJson('zhangdian-office-2022.json')

beforeAll(async () => {
  const stamp = Date.now()
  ids.gov = await agency(`雷同区人民政府${stamp}`, 'government', null)
  ids.a = await agency(`雷同甲局${stamp}`, 'department', ids.gov)
  ids.b = await agency(`雷同乙局${stamp}`, 'department', ids.gov)
  ids.c = await agency(`雷同丙局${stamp}`, 'department', ids.gov)
  ids.outside = await agency(`别处区人民政府${stamp}`, 'government', null)
  for (const k of ['a', 'b', 'c', 'outside'])
    reports[k] = (await createReport({ formatVersion: '2021', year: YEAR, agencyId: ids[k] })).id
  // 甲 writes its own; 乙 copies 甲's narratives outright; 丙 writes another agency's; an agency of
  // another government copies 甲 too, which this government's board must not see.
  await writeNarratives(reports.a, gov)
  await writeNarratives(reports.b, gov)
  await writeNarratives(reports.c, office)
  await writeNarratives(reports.outside, gov)
  coordinator = {
    id: 'u-sib-coord',
    name: '雷同统筹',
    email: 'sib@test.demo',
    isAdmin: false,
    memberships: [
      { agencyId: ids.gov, agencyName: '雷同区', role: 'coordinator', subtree: [ids.gov, ids.a, ids.b, ids.c] },
    ],
  }
  officer = {
    id: 'u-sib-officer',
    name: '雷同填报',
    email: 'sib-officer@test.demo',
    isAdmin: false,
    memberships: [{ agencyId: ids.a, agencyName: '雷同甲局', role: 'officer', subtree: [ids.a] }],
  }
})

describe('sibling similarity on the board (L12, decision 0420)', () => {
  it('gives each report its share repeated in the same year’s sibling reports, the CLI’s definition', async () => {
    clearSiblingCache()
    const year = await yearSiblings(coordinator, ids.gov, YEAR)
    expect(year.reports).toBe(3)
    const a = year.summaries.get(reports.a)
    const b = year.summaries.get(reports.b)
    const c = year.summaries.get(reports.c)
    expect(a?.percent).toBe(100)
    expect(a?.above).toBe(true)
    expect(b?.above).toBe(true)
    expect(c?.above).toBe(false)
    expect(year.above).toBe(2)
    expect(year.summaries.has(reports.outside)).toBe(false)

    // The same figures as siblingRepeats on the reports' own narratives (the command line's function).
    const format = formatFor('2021')!
    const paragraphsOf = (r: typeof gov) => comparable(narrativeTexts(format, r))
    const [forC] = siblingRepeats([
      { name: 'c', paragraphs: paragraphsOf(office) },
      { name: 'a', paragraphs: paragraphsOf(gov) },
      { name: 'b', paragraphs: paragraphsOf(gov) },
    ])
    expect(c?.repeated).toBe(forC.length)
    expect(a?.repeated).toBe(paragraphsOf(gov).length)
  })

  it('names the sibling and quotes both paragraphs, for the coordinator only', async () => {
    const view = await reportSiblings(coordinator, ids.gov, reports.b)
    expect(view.summary.agencyName).toMatch(/^雷同乙局/)
    expect(view.matches.length).toBeGreaterThan(3)
    const first = view.matches[0]
    expect(first.otherReportId).toBe(reports.a)
    expect(first.otherAgencyName).toMatch(/^雷同甲局/)
    expect(first.identical).toBe(true)
    expect(first.quote).toBe(first.otherQuote)
    expect(first.sectionHeading).toBeTruthy()
    // An officer never sees other agencies' text; a report outside the government is not found.
    expect((await refused(reportSiblings(officer, ids.gov, reports.b))).status).toBe(403)
    expect((await refused(yearSiblings(officer, ids.gov, YEAR))).status).toBe(403)
    expect((await refused(reportSiblings(coordinator, ids.gov, reports.outside))).status).toBe(404)
  })

  it('is computed again only when a report of the year changes', async () => {
    const before = await siblingsOf(ids.gov, YEAR)
    expect(before.current).toBe(true)
    // The same computation answers while nothing changed.
    expect((await siblingsOf(ids.gov, YEAR)).summaries).toBe(before.summaries)
    // 乙 rewrites its text: a new content version, a new fingerprint, nobody above 50 % any more.
    await writeNarratives(reports.b, office)
    // The board may answer with the last computation at once, saying so, while the new one runs.
    const stale = await siblingsOf(ids.gov, YEAR, { stale: true })
    expect(stale.current).toBe(false)
    expect(stale.summaries).toBe(before.summaries)
    const after = await siblingsOf(ids.gov, YEAR)
    expect(after.current).toBe(true)
    expect(after.summaries).not.toBe(before.summaries)
    expect(after.fingerprint).not.toBe(before.fingerprint)
    expect(after.summaries.get(reports.a)?.above).toBe(false)
    // 乙 and 丙 now print the same text.
    expect(after.summaries.get(reports.b)?.above).toBe(true)
    expect(after.summaries.get(reports.c)?.above).toBe(true)
  })

  it('fingerprints ids and versions in order', () => {
    const one = fingerprintOf([
      { reportId: 'x', version: 1 },
      { reportId: 'y', version: 2 },
    ])
    expect(fingerprintOf([{ reportId: 'x', version: 1 }])).not.toBe(one)
    expect(
      fingerprintOf([
        { reportId: 'x', version: 1 },
        { reportId: 'y', version: 3 },
      ]),
    ).not.toBe(one)
  })

  it('keeps each report’s grams per content version: a save re-grams that report alone (decision 0550)', async () => {
    clearSiblingCache()
    const cold = await siblingsOf(ids.gov, YEAR)
    expect(preparedCacheSize()).toMatchObject({ reports: 3, grammed: 3 })
    expect(preparedCacheSize().bytes).toBeGreaterThan(0)
    // 丙 takes 甲's text: one report read and grammed again, the year compared again.
    await writeNarratives(reports.c, gov)
    const after = await siblingsOf(ids.gov, YEAR)
    expect(preparedCacheSize()).toMatchObject({ reports: 3, grammed: 4 })
    expect(after.fingerprint).not.toBe(cold.fingerprint)
    expect(after.summaries.get(reports.c)?.above).toBe(true)
    expect(after.summaries.get(reports.a)?.above).toBe(true)
    // The same answer as a computation from nothing.
    clearSiblingCache()
    const fresh = await siblingsOf(ids.gov, YEAR)
    expect(fresh.fingerprint).toBe(after.fingerprint)
    expect([...fresh.summaries]).toEqual([...after.summaries])
    expect([...fresh.matches]).toEqual([...after.matches])
    // An agency renamed: no content version changes, the kept grams serve, the new name shows.
    await prisma.agency.update({ where: { id: ids.c }, data: { name: `雷同丙局（更名）${Date.now()}` } })
    clearSiblingCache()
    await siblingsOf(ids.gov, YEAR)
    await writeNarratives(reports.b, gov)
    const renamed = await siblingsOf(ids.gov, YEAR)
    expect(preparedCacheSize().grammed).toBe(4)
    expect(renamed.summaries.get(reports.c)?.agencyName).toMatch(/^雷同丙局（更名）/)
  })

  it('keeps nothing with NIANBAO_SIBLING_CACHE_MB=0, and answers the same', async () => {
    vi.stubEnv('NIANBAO_SIBLING_CACHE_MB', '0')
    vi.resetModules()
    try {
      const bounded = await import('./sibling-similarity')
      const first = await bounded.siblingsOf(ids.gov, YEAR)
      expect(bounded.preparedCacheSize()).toMatchObject({ reports: 0, bytes: 0, grammed: 3 })
      await writeNarratives(reports.a, office)
      const second = await bounded.siblingsOf(ids.gov, YEAR)
      expect(bounded.preparedCacheSize()).toMatchObject({ reports: 0, grammed: 6 })
      expect(second.fingerprint).not.toBe(first.fingerprint)
      clearSiblingCache()
      expect([...(await siblingsOf(ids.gov, YEAR)).summaries]).toEqual([...second.summaries])
    } finally {
      vi.unstubAllEnvs()
    }
  })
})
