import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { fixture, fixturesOf } from '@/test/fixtures'
import { refused } from '@/test/services'
import { listNotices, runDueReminders, sendReminders } from './notices'
import { createReport } from './report-create'
import { readRollup, rollupFor } from './rollup'
import { drillDown } from '@/lib/rollup/sum'
import { FORMATS } from '@/lib/format/index'
import { rollupWorkbook } from './rollup-xlsx'

const YEAR = 2025
const FIXTURE_2019 = fixturesOf('2019')[0]
const TOTAL = 'applications.newReceived.total'
const ids: Record<string, string> = {}
let coordinator: Actor

async function agency(name: string, type: 'government' | 'department', parentId: string | null) {
  return prisma.agency.create({
    data: { code: testAgencyCode('rollup'), name: `${name}${Date.now()}`, type, parentId },
  })
}

function contentWith(formatVersion: '2021' | '2019', total: number) {
  const report = structuredClone(fixture(formatVersion === '2021' ? 'zhangdian-gov-2021' : FIXTURE_2019).report) as any
  report.sections.applications.newReceived.total = total
  return JSON.stringify(report)
}

async function reportOf(
  agencyId: string,
  formatVersion: '2021' | '2019',
  total: number,
  approved: boolean,
  scope = 'self',
) {
  const r = await createReport({ formatVersion, year: YEAR, agencyId })
  const content = contentWith(formatVersion, total)
  await prisma.report.update({ where: { id: r.id }, data: { content, scope, status: approved ? 'approved' : 'draft' } })
  if (approved) {
    await prisma.reportVersion.create({
      data: { reportId: r.id, number: 1, content, contentVersion: 1, approvedAt: new Date(), approvedById: 'x' },
    })
  }
  return r.id
}

beforeAll(async () => {
  const gov = await agency('汇总区人民政府', 'government', null)
  ids.gov = gov.id
  ids.a = (await agency('甲局', 'department', gov.id)).id
  ids.b = (await agency('乙局', 'department', gov.id)).id
  ids.c = (await agency('丙局', 'department', gov.id)).id
  ids.d = (await agency('丁局', 'department', gov.id)).id
  ids.town = (await agency('某镇', 'government', gov.id)).id
  ids.townDept = (await agency('某镇办', 'department', ids.town)).id
  await reportOf(ids.a, '2021', 40, true)
  await reportOf(ids.b, '2021', 7, false)
  await reportOf(ids.c, '2019', 9, true)
  // The town's own report states 全区 figures: its department is summed on its own instead.
  await reportOf(ids.town, '2021', 1000, true, 'region')
  await reportOf(ids.townDept, '2021', 3, true)
  // The government's own report is 全区: compared with the sum of the agencies beneath it.
  await reportOf(ids.gov, '2021', 50, true, 'region')
  coordinator = {
    id: 'u-rollup-coord',
    name: '汇总统筹',
    email: 'rollup@test.demo',
    isAdmin: false,
    memberships: [{ agencyId: gov.id, agencyName: gov.name, role: 'coordinator', subtree: Object.values(ids) }],
  }
  await prisma.user.create({ data: { id: coordinator.id, name: coordinator.name, email: coordinator.email } })
  await prisma.user.create({ data: { id: 'u-rollup-officer', name: '丁填报', email: 'officer-d@test.demo' } })
  await prisma.membership.create({ data: { userId: 'u-rollup-officer', agencyId: ids.d, role: 'officer' } })
})

describe('rollupFor', () => {
  it('sums the approved 本级 reports, maps the 2019 one, and names every agency left out', async () => {
    const view = await rollupFor(coordinator, ids.gov, { year: YEAR })
    expect(view.result.agencies.map((a) => a.agencyId).sort()).toEqual([ids.a, ids.c, ids.townDept].sort())
    expect(view.result.totals[TOTAL]).toBe(52)
    const reasons = new Map(view.result.excluded.map((e) => [e.agencyId, e.reason]))
    expect(reasons.get(ids.b)).toContain('尚无审核通过的版本')
    expect(reasons.has(ids.c)).toBe(false)
    expect(reasons.get(ids.d)).toBe('未创建年报')
    expect(reasons.get(ids.town)).toContain('全区口径')
    expect(reasons.get(ids.gov)).toContain('全区口径')
    // The 2019 report: 表三、表四 mapped and said so, 表二 named as left out.
    expect(view.result.mapped).toEqual([
      expect.objectContaining({ agencyId: ids.c, unmapped: ['proactiveDisclosure'] }),
    ])
    const drill = drillDown(FORMATS['2021'], view.result, TOTAL)
    expect(drill?.rows.find((r) => r.agencyId === ids.c)).toMatchObject({ value: 9, note: '按2019年格式折算' })
    // 50 stated for 全区, 52 summed: G1 on that cell, G2 for those left out.
    const g1 = view.parentFindings?.find((f) => f.rule === 'G1' && f.path === TOTAL)
    expect(g1).toMatchObject({ parent: 50, children: 52 })
    expect(view.parentFindings?.some((f) => f.rule === 'G2')).toBe(true)
    expect((await readRollup(coordinator, view.id)).result.totals[TOTAL]).toBe(52)
  })

  it('downloads as .xlsx: every cell with its total and each agency’s value, and who was left out', async () => {
    const view = await rollupFor(coordinator, ids.gov, { year: YEAR })
    const { name, body } = await rollupWorkbook(coordinator, view.id)
    expect(name).toMatch(/2025年度-汇总\.xlsx$/)
    const { default: ExcelJS } = await import('exceljs')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(body as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('汇总')!
    const header = sheet.getRow(1).values as unknown[]
    expect(header.slice(1, 4)).toEqual(['部分', '项目', '合计'])
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][]
    const total = rows.find((r) => String(r[2]).includes('总计') && String(r[2]).includes('本年新收'))
    expect(total?.[3]).toBe(52)
    expect(((total ?? []).slice(4) as number[]).reduce((x, y) => x + y, 0)).toBe(52)
    expect(book.getWorksheet('未计入')!.rowCount).toBe(1 + view.result.excluded.length)
    expect(book.getWorksheet('格式折算')!.getRow(2).values).toEqual([
      undefined,
      view.result.mapped?.[0].agencyName,
      view.result.mapped?.[0].reason,
    ])
  })

  it('sums the working copies when asked, and a selection only', async () => {
    const latest = await rollupFor(coordinator, ids.gov, { year: YEAR, basis: 'latest' })
    expect(latest.result.totals[TOTAL]).toBe(59)
    const some = await rollupFor(coordinator, ids.gov, { year: YEAR, basis: 'latest', agencyIds: [ids.a, ids.b] })
    expect(some.result.totals[TOTAL]).toBe(47)
    expect(some.result.excluded).toEqual([])
  })

  it('stores the totals as the government’s 全区汇总 report, and again on the next roll-up', async () => {
    const first = await rollupFor(coordinator, ids.gov, { year: YEAR, store: true })
    const stored = await prisma.report.findUniqueOrThrow({ where: { id: first.reportId as string } })
    expect(stored).toMatchObject({ kind: 'rollup', scope: 'region', agencyId: ids.gov, year: YEAR })
    expect(JSON.parse(stored.content).sections.applications.newReceived.total).toBe(52)
    const again = await rollupFor(coordinator, ids.gov, { year: YEAR, store: true, basis: 'latest' })
    expect(again.reportId).toBe(first.reportId)
    const after = await prisma.report.findUniqueOrThrow({ where: { id: first.reportId as string } })
    expect(JSON.parse(after.content).sections.applications.newReceived.total).toBe(59)
  })

  it('is refused to others and for agencies outside the government', async () => {
    const officer: Actor = {
      ...coordinator,
      id: 'o',
      memberships: [{ agencyId: ids.a, agencyName: '', role: 'officer', subtree: [ids.a] }],
    }
    expect((await refused(rollupFor(officer, ids.gov, { year: YEAR }))).status).toBe(403)
    const other = await agency('别区', 'government', null)
    expect((await refused(rollupFor(coordinator, ids.gov, { year: YEAR, agencyIds: [other.id] }))).status).toBe(403)
  })
})

describe('reminders', () => {
  it('催报 reaches the officers of the selected agencies; published ones and agencies without officers are named', async () => {
    const result = await sendReminders(coordinator, ids.gov, {
      year: YEAR,
      agencyIds: [ids.d, ids.a],
      message: '请于本周内提交',
    })
    expect(result).toMatchObject({ agencies: 1, officers: 1 })
    expect(result.skipped).toEqual([{ agencyName: expect.stringContaining('甲局'), reason: '没有填报人账号' }])
    const { notices, unread } = await listNotices('u-rollup-officer')
    expect(unread).toBe(1)
    expect(notices[0]).toMatchObject({ kind: 'reminder', kindLabel: '催报', senderName: '汇总统筹' })
    expect(notices[0].body).toContain('请于本周内提交')
    const outbox = await prisma.noticeOutbox.findMany({ where: { address: 'officer-d@test.demo' } })
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ channel: 'email', sentAt: null })
  })

  it('automatic reminders go out once per configured day-count before the deadline', async () => {
    const before = (await listNotices('u-rollup-officer')).notices.length
    // Departments' deadline for 2025 is 2026-01-31; 2026-01-25 is within 7 days (of 14,7,1).
    expect(await runDueReminders(ids.gov, '2026-01-25')).toBeGreaterThan(0)
    expect(await runDueReminders(ids.gov, '2026-01-26')).toBe(0)
    const after = await listNotices('u-rollup-officer')
    expect(after.notices.length).toBe(before + 1)
    expect(after.notices[0].title).toContain('还有6天')
    // Past the deadline: nothing automatic (the coordinator sends 催报 by hand).
    expect(await runDueReminders(ids.gov, '2026-02-05')).toBe(0)
  })
})
