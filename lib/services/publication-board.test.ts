import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { lateFrom } from '@/lib/workflow/deadlines'
import { testAgencyCode } from '@/test/agency-code'
import { boardOf } from './board'
import { createReport } from './report-create'

const YEAR = 2025
let gov: { id: string; name: string; code: string }
const ids: Record<string, string> = {}

async function agency(name: string, type: 'government' | 'department', parentId: string | null) {
  return prisma.agency.create({ data: { code: testAgencyCode('late'), name: `${name}${Date.now()}`, type, parentId } })
}

/** A report of the year with published versions (number → publishedAt, withdrawnAt). */
async function published(
  agencyId: string,
  status: string,
  versions: { publishedAt: string | null; withdrawnAt?: string }[],
) {
  const r = await createReport({ formatVersion: '2021', year: YEAR, agencyId })
  await prisma.report.update({ where: { id: r.id }, data: { status, edition: versions.length } })
  for (const [i, v] of versions.entries()) {
    await prisma.reportVersion.create({
      data: {
        reportId: r.id,
        number: i + 1,
        content: '{}',
        contentVersion: 1,
        approvedAt: new Date('2026-01-05T02:00:00Z'),
        approvedById: 'x',
        publishedAt: v.publishedAt ? new Date(v.publishedAt) : null,
        withdrawnAt: v.withdrawnAt ? new Date(v.withdrawnAt) : null,
        withdrawnReason: v.withdrawnAt ? '有误' : null,
      },
    })
  }
}

beforeAll(async () => {
  const g = await agency('逾期区人民政府', 'government', null)
  gov = { id: g.id, name: g.name, code: g.code }
  for (const name of ['准时局', '踩线局', '晚一天局', '晚十天局', '撤回局', '未发布局'])
    ids[name] = (await agency(name, 'department', g.id)).id
  // 23:59:59 on 31 January in Beijing: on time; 00:00 on 1 February: one day late.
  await published(ids.准时局, 'published', [{ publishedAt: '2026-01-20T02:00:00Z' }])
  await published(ids.踩线局, 'published', [{ publishedAt: '2026-01-31T15:59:59Z' }])
  await published(ids.晚一天局, 'published', [{ publishedAt: '2026-01-31T16:00:00Z' }])
  // Late first, then corrected: the lateness is the first publication's; the correction is in hand.
  await published(ids.晚十天局, 'draft', [{ publishedAt: '2026-02-10T03:00:00Z' }, { publishedAt: null }])
  // Published on time, then taken down: withdrawn, not published, and overdue once past the deadline.
  await published(ids.撤回局, 'withdrawn', [
    { publishedAt: '2026-01-10T03:00:00Z', withdrawnAt: '2026-02-02T03:00:00Z' },
  ])
  await createReport({ formatVersion: '2021', year: YEAR, agencyId: ids.未发布局 })
  // The government's own report, due 31 March: published in February, on time.
  await published(g.id, 'published', [{ publishedAt: '2026-02-20T03:00:00Z' }])
})

describe('late publication on the board (条例第四十九条)', () => {
  it('is late from 00:00 in Beijing on the day after the deadline', () => {
    expect(lateFrom('2026-01-31').toISOString()).toBe('2026-01-31T16:00:00.000Z')
  })

  it('marks each late first publication with its days, counts them and filters by them', async () => {
    const board = await boardOf(gov, { year: YEAR, today: '2026-03-01' })
    const row = (name: string) => board.rows.find((r) => r.agencyId === ids[name])!
    expect(row('准时局').publishedLateDays).toBeNull()
    expect(row('踩线局').publishedLateDays).toBeNull()
    expect(row('晚一天局').publishedLateDays).toBe(1)
    expect(row('晚一天局').deadlineStatus.label).toBe('已发布（逾期1天）')
    expect(row('晚十天局')).toMatchObject({ state: 'correcting', publishedLateDays: 10 })
    expect(board.rows.find((r) => r.agencyId === gov.id)?.publishedLateDays).toBeNull()
    expect(board.counts.publishedLate).toBe(2)

    const late = await boardOf(gov, { year: YEAR, today: '2026-03-01', publishedLate: true })
    expect(late.rows.map((r) => r.agencyId).sort()).toEqual([ids.晚一天局, ids.晚十天局].sort())
    expect(late.matching).toBe(2)
  })

  it('shows a withdrawn report as withdrawn: not published, overdue past its deadline', async () => {
    const board = await boardOf(gov, { year: YEAR, today: '2026-03-01' })
    const withdrawn = board.rows.find((r) => r.agencyId === ids.撤回局)!
    expect(withdrawn).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回发布', publishedLateDays: null })
    expect(withdrawn.deadlineStatus.kind).toBe('overdue')
    // 准时局, 踩线局, 晚一天局, the government (published); 晚十天局 (correcting); not 撤回局.
    expect(board.counts).toMatchObject({ published: 5, correcting: 1, withdrawn: 1, overdue: 2 })
    const filtered = await boardOf(gov, { year: YEAR, today: '2026-03-01', states: ['withdrawn'] })
    expect(filtered.rows.map((r) => r.agencyId)).toEqual([ids.撤回局])
  })
})
