import { describe, expect, it } from 'vitest'
import { agenciesFor, readScope } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { fixture } from '@/test/fixtures'
import { agencyName, newDraft, withCell, workflowActors } from '@/test/services'
import { addComment } from './comments'
import { countsOfContent } from './report-counts'
import { countReports, listReportPage, listReports } from './report-lists'
import { createReport } from './report-create'
import { getReport } from './report-read'
import { saveReport } from './report-save'

const { reviewer, completeDraft, submitted } = workflowActors()

describe('the list of reports', () => {
  it('lists reports newest year first with counts from the rules', async () => {
    const a = await newDraft(2019)
    const b = await newDraft(2025)
    const list = await listReports()
    const ids = list.map((r) => r.id)
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id))
    expect(list.map((r) => r.year)).toEqual([...list.map((r) => r.year)].sort((x, y) => y - x))
    const summary = list.find((r) => r.id === b.id)!
    expect(summary).toMatchObject({ year: 2025, status: 'draft', version: 1, agencyType: 'department' })
    // A blank draft: every cell blank, but nothing started, so nothing is an error yet (待填写).
    expect(summary.errorCount).toBe(0)
    expect(summary.warningCount).toBe(0)
    expect(summary.blankCount).toBeGreaterThan(50)
  })

  it('counts one wrong cell of table 三 as one error, as the editor shows it', async () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    expect(countsOfContent(format.version, report).errorCount).toBe(0)
    report.sections.applications = { ...(report.sections.applications as object) }
    const granted = getAt(report.sections, ['applications', 'granted', 'natural']) as number
    setAt(report.sections, ['applications', 'granted', 'natural'], granted + 1)
    deriveTotals(format, report.sections)
    // Four rules fail (the balance and the bound of its column and of 总计): one finding.
    const failing = evaluateRules(format, report).filter((r) => r.status === 'fail' && r.severity === 'error')
    expect(failing.length).toBeGreaterThan(1)
    expect(countsOfContent(format.version, report).errorCount).toBe(1)
  })

  it('lists a page at a time, in the same order as the whole list, and counts them all', async () => {
    const mine = [await newDraft(2021), await newDraft(2022), await newDraft(2023)]
    const agencies = (await prisma.report.findMany({ where: { id: { in: mine.map((d) => d.id) } } })).map(
      (r) => r.agencyId,
    )
    expect(await countReports(agencies)).toBe(3)
    const whole = await listReports(agencies)
    expect(whole.map((r) => r.year)).toEqual([2023, 2022, 2021])
    const first = await listReports(agencies, { limit: 2, offset: 0 })
    const second = await listReports(agencies, { limit: 2, offset: 2 })
    expect([...first, ...second].map((r) => r.id)).toEqual(whole.map((r) => r.id))
    expect(await listReports([], { limit: 2 })).toEqual([])
    expect(await countReports([])).toBe(0)
  })

  it('keeps the listed counts with every save, and computes them once for rows stored without', async () => {
    const draft = await newDraft(2024)
    const countsNow = async () => {
      const row = (await listReports()).find((r) => r.id === draft.id)!
      return { errorCount: row.errorCount, warningCount: row.warningCount, blankCount: row.blankCount }
    }
    const before = await countsNow()
    const saved = await saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 7))
    const after = await countsNow()
    expect(after.blankCount).toBe(before.blankCount - 1)
    const stored = await getReport(draft.id)
    expect(after).toEqual(countsOfContent(stored!.report.formatVersion, stored!.report))

    // A row from before the counts were stored: the list computes them and stores them.
    await prisma.report.update({
      where: { id: draft.id },
      data: { errorCount: null, warningCount: null, blankCount: null },
    })
    expect(await countsNow()).toEqual(after)
    const row = await prisma.report.findUniqueOrThrow({ where: { id: draft.id } })
    expect(row).toMatchObject({ ...after, version: saved.version })
  })

  it('gives state, open comments and the deadline, overdue marked', async () => {
    const a = await submitted()
    await addComment(a.id, reviewer, { anchor: 'overview', body: '请补充。' })
    const b = await completeDraft()
    const rows = await listReports([(await prisma.report.findUniqueOrThrow({ where: { id: a.id } })).agencyId], {
      today: '2022-04-01',
    })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      openComments: 1,
      deadline: '2022-03-31',
      finished: false,
    })
    expect(rows[0].deadlineStatus).toMatchObject({ kind: 'overdue', daysOver: 1 })
    expect(rows[0].submittedAt).not.toBeNull()
    const waiting = await listReports(
      (await prisma.agency.findMany({ select: { id: true } })).map((x) => x.id),
      { states: ['submitted'] },
    )
    expect(waiting.map((r) => r.id)).toContain(a.id)
    expect(waiting.map((r) => r.id)).not.toContain(b.id)
  })

  it('walks a coordinator’s tree in the statement: the same reports as the ids the actor holds', async () => {
    const agency = (parentId: string | null, type = 'department') =>
      prisma.agency.create({
        data: { name: agencyName('树测试第'), code: `tree-${Math.random().toString(36).slice(2, 10)}`, type, parentId },
      })
    const gov = await agency(null, 'government')
    const dept = await agency(gov.id)
    const sub = await agency(dept.id)
    const other = await agency(null)
    const reports = []
    for (const a of [gov, dept, sub, other]) {
      for (const year of [2022, 2023]) reports.push(await createReport({ formatVersion: '2021', year, agencyId: a.id }))
    }
    const actor = {
      id: 'u-tree',
      name: '树',
      email: 'tree@test.demo',
      isAdmin: false,
      memberships: [
        // subtree as lib/services/accounts.ts fills it in for a coordinator
        { agencyId: gov.id, agencyName: '', role: 'coordinator' as const, subtree: [gov.id, dept.id, sub.id] },
        { agencyId: other.id, agencyName: '', role: 'reviewer' as const, subtree: [other.id] },
      ],
    }
    const scope = readScope(actor, 'report.read')
    expect(scope).toEqual({ agencies: [other.id], subtrees: [gov.id] })
    const byIds = await listReports(agenciesFor(actor, 'report.read'))
    const byScope = await listReports(scope)
    expect(byScope.map((r) => r.id)).toEqual(byIds.map((r) => r.id))
    expect(new Set(byScope.map((r) => r.id))).toEqual(new Set(reports.map((r) => r.id)))
    expect(await countReports(scope)).toBe(8)

    // One page and the list's size from one statement; past the end, the last page.
    const first = await listReportPage(scope, { page: 1, pageSize: 3 })
    expect(first).toMatchObject({ total: 8, page: 1, pages: 3 })
    expect(first.reports.map((r) => r.id)).toEqual(byIds.slice(0, 3).map((r) => r.id))
    const last = await listReportPage(scope, { page: 99, pageSize: 3 })
    expect(last).toMatchObject({ total: 8, page: 3, pages: 3 })
    expect(last.reports.map((r) => r.id)).toEqual(byIds.slice(6).map((r) => r.id))

    // A reviewer of the department alone sees its two; nobody's scope sees none.
    const reviewerOnly = { ...actor, memberships: [{ ...actor.memberships[1], agencyId: dept.id, subtree: [dept.id] }] }
    expect((await listReportPage(readScope(reviewerOnly, 'report.read'), { page: 1, pageSize: 50 })).total).toBe(2)
    expect(await listReportPage(readScope(null, 'report.read'), { page: 1, pageSize: 50 })).toEqual({
      reports: [],
      total: 0,
      page: 1,
      pages: 1,
    })
  })
})
