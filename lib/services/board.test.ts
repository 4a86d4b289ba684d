import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { refused } from '@/test/services'
import { boardOf, boardYears, defaultBoardYear, yearBoard } from './board'
import { updateGovernmentSettings } from './government-settings'
import { createReport } from './report-create'

const YEAR = 2025
let gov: { id: string; name: string; code: string }
let coordinator: Actor
const ids: Record<string, string> = {}

async function agency(name: string, type: 'government' | 'department', parentId: string | null) {
  return prisma.agency.create({ data: { code: testAgencyCode('board'), name, type, parentId } })
}

beforeAll(async () => {
  const g = await agency(`看板区人民政府${Date.now()}`, 'government', null)
  gov = { id: g.id, name: g.name, code: g.code }
  ids.gov = g.id
  for (const name of ['甲局', '乙局', '丙局', '丁局', '戊局'])
    ids[name] = (await agency(`${name}${Date.now()}`, 'department', g.id)).id
  // A town under the government, and a department under the town: the whole tree is on the board.
  ids.town = (await agency(`某镇${Date.now()}`, 'government', g.id)).id
  ids.townDept = (await agency(`某镇办${Date.now()}`, 'department', ids.town)).id
  const outside = await agency(`别区${Date.now()}`, 'government', null)
  await createReport({ formatVersion: '2021', year: YEAR, agencyId: outside.id })

  const draft = await createReport({ formatVersion: '2021', year: YEAR, agencyId: ids.甲局 })
  await prisma.report.update({ where: { id: draft.id }, data: { errorCount: 2, warningCount: 1 } })
  const submitted = await createReport({ formatVersion: '2021', year: YEAR, agencyId: ids.乙局 })
  await prisma.report.update({ where: { id: submitted.id }, data: { status: 'submitted', errorCount: 0 } })
  await prisma.reportEvent.create({
    data: {
      reportId: submitted.id,
      kind: 'submit',
      version: 1,
      summary: '提交审核',
      createdAt: new Date('2026-01-10T02:00:00Z'),
    },
  })
  const published = await createReport({ formatVersion: '2021', year: YEAR, agencyId: ids.丙局 })
  await prisma.report.update({ where: { id: published.id }, data: { status: 'published', errorCount: 0 } })
  await prisma.reportVersion.create({
    data: {
      reportId: published.id,
      number: 1,
      content: '{}',
      contentVersion: 1,
      approvedAt: new Date('2026-01-20T02:00:00Z'),
      approvedById: 'x',
      publishedAt: new Date('2026-01-25T02:00:00Z'),
    },
  })
  // Published, then 更正 opened a new draft edition: published with a correction, never an overdue 草稿.
  const correcting = await createReport({ formatVersion: '2021', year: YEAR, agencyId: ids.丁局 })
  await prisma.report.update({ where: { id: correcting.id }, data: { status: 'draft', edition: 2, errorCount: 0 } })
  await prisma.reportVersion.create({
    data: {
      reportId: correcting.id,
      number: 1,
      content: '{}',
      contentVersion: 1,
      approvedAt: new Date('2026-01-20T02:00:00Z'),
      approvedById: 'x',
      publishedAt: new Date('2026-01-28T02:00:00Z'),
    },
  })
  // Another year's report does not count for this year's board.
  await createReport({ formatVersion: '2021', year: YEAR - 1, agencyId: ids.戊局 })
  coordinator = {
    id: 'u-board-coord',
    name: '看板统筹',
    email: 'board@test.demo',
    isAdmin: false,
    memberships: [{ agencyId: g.id, agencyName: g.name, role: 'coordinator', subtree: Object.values(ids) }],
  }
  await prisma.user.create({ data: { id: coordinator.id, name: coordinator.name, email: coordinator.email } })
})

describe('year board', () => {
  it('lists every agency of the tree, the government first, agencies without a report as 未创建', async () => {
    const board = await yearBoard(coordinator, gov.id, { year: YEAR, today: '2026-02-15' })
    expect(board.counts.total).toBe(8)
    expect(board.rows[0].agencyId).toBe(gov.id)
    const byId = new Map(board.rows.map((r) => [r.agencyId, r]))
    expect(byId.get(ids.戊局)?.state).toBe('none')
    expect(byId.get(ids.戊局)?.stateLabel).toBe('未创建')
    expect(byId.get(ids.townDept)?.state).toBe('none')
    expect(byId.get(ids.甲局)).toMatchObject({ state: 'draft', errorCount: 2, warningCount: 1 })
    expect(byId.get(ids.乙局)?.submittedAt).toBe('2026-01-10T02:00:00.000Z')
    expect(byId.get(ids.丙局)).toMatchObject({ state: 'published', publishedAt: '2026-01-25T02:00:00.000Z' })
    expect(byId.get(ids.丙局)?.deadlineStatus.kind).toBe('met')
    const correcting = byId.get(ids.丁局)
    expect(correcting?.state).toBe('correcting')
    expect(correcting?.stateLabel).toBe('已发布（更正中）')
    expect(correcting?.deadlineStatus.kind).toBe('met')
  })

  it('counts the whole board: published, overdue (departments past 31 January), not created', async () => {
    const board = await boardOf(gov, { year: YEAR, today: '2026-02-15' })
    // Departments 甲乙戊 and the town's department are overdue; the governments (31 March) are not yet.
    expect(board.counts).toMatchObject({
      published: 2,
      correcting: 1,
      overdue: 4,
      notCreated: 4,
      submitted: 1,
      withErrors: 1,
    })
    const byId = new Map(board.rows.map((r) => [r.agencyId, r]))
    expect(byId.get(ids.甲局)?.deadlineStatus).toMatchObject({ kind: 'overdue', daysOver: 15 })
    expect(byId.get(ids.town)?.deadlineStatus).toMatchObject({ kind: 'open', daysLeft: 44 })
  })

  it('filters in the database: state, overdue, errors; pages', async () => {
    const none = await boardOf(gov, { year: YEAR, today: '2026-02-15', states: ['none'] })
    expect(none.matching).toBe(4)
    expect(none.rows.every((r) => r.state === 'none')).toBe(true)
    const published = await boardOf(gov, { year: YEAR, today: '2026-02-15', states: ['published'] })
    expect(published.rows.map((r) => r.state).sort()).toEqual(['correcting', 'published'])
    const overdue = await boardOf(gov, { year: YEAR, today: '2026-02-15', overdue: true })
    expect(overdue.rows.map((r) => r.agencyId).sort()).toEqual([ids.甲局, ids.乙局, ids.戊局, ids.townDept].sort())
    const errors = await boardOf(gov, { year: YEAR, today: '2026-02-15', hasErrors: true })
    expect(errors.rows.map((r) => r.agencyId)).toEqual([ids.甲局])
    const page2 = await boardOf(gov, { year: YEAR, today: '2026-02-15', pageSize: 3, page: 2 })
    expect(page2).toMatchObject({ page: 2, pages: 3, matching: 8 })
    expect(page2.rows).toHaveLength(3)
    const page1 = await boardOf(gov, { year: YEAR, today: '2026-02-15', pageSize: 3, page: 1 })
    expect(page1.rows.map((r) => r.agencyId)).not.toContain(page2.rows[0].agencyId)
  })

  it('takes the deadline from the government’s own setting', async () => {
    await updateGovernmentSettings(gov.id, { departmentDeadline: '02-20', reminderDays: [3, 10] }, coordinator)
    const board = await boardOf(gov, { year: YEAR, today: '2026-02-15' })
    expect(board.deadlines.department).toBe('2026-02-20')
    expect(board.counts.overdue).toBe(0)
    const wrong = await refused(updateGovernmentSettings(gov.id, { departmentDeadline: '02-30' }, coordinator))
    expect(wrong.status).toBe(422)
    await updateGovernmentSettings(gov.id, { departmentDeadline: '' }, coordinator)
    expect((await boardOf(gov, { year: YEAR, today: '2026-02-15' })).deadlines.department).toBe('2026-01-31')
  })

  it('is refused to anyone who does not coordinate the government', async () => {
    const officer: Actor = {
      ...coordinator,
      id: 'x',
      memberships: [{ agencyId: ids.甲局, agencyName: '', role: 'officer', subtree: [ids.甲局] }],
    }
    expect((await refused(yearBoard(officer, gov.id, { year: YEAR }))).status).toBe(403)
  })

  it('opens on the year just ended in China and offers every year since 2008', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Beijing.
    expect(defaultBoardYear(new Date('2026-12-31T17:00:00Z'))).toBe(2026)
    expect(defaultBoardYear(new Date('2026-12-31T15:00:00Z'))).toBe(2025)
    const years = boardYears(new Date('2026-06-01T00:00:00Z'))
    expect(years[0]).toBe(2026)
    expect(years.at(-1)).toBe(2008)
  })
})
