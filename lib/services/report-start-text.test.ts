import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { FORMATS } from '@/lib/format/index'
import { checkCompleteness } from '@/lib/report/completeness'
import type { ReportData } from '@/lib/report/schema'
import { completeReport } from '@/test/complete-report'
import { agencyName, fixtureJson, refused } from '@/test/services'
import { testAgencyCode } from '@/test/agency-code'
import { setPredecessor } from './agency-predecessor'
import { createReport } from './report-create'
import { importReport } from './report-import'
import { patchReport } from './report-patch'
import { previousReportOf } from './report-previous'
import { getReport } from './report-read'
import { startFromPreviousText } from './report-start-text'

const F21 = FORMATS['2021']

async function lastYear(name: string, year = 2022) {
  const raw = { ...fixtureJson('zhangdian-gov-2021.json'), year, agency: { name, type: 'government', level: 'county' } }
  raw.preamble = '本报告根据条例编制。'
  return (await importReport(raw)).report
}

const content = async (id: string) => (await getReport(id))!.report as ReportData

describe('沿用上年度正文', () => {
  it('copies last year’s narratives on create when asked, each marked prefilled; nothing else is marked', async () => {
    const name = agencyName()
    const last = await lastYear(name)
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name } })
    const created = await createReport({
      formatVersion: '2021',
      year: 2023,
      agencyId: agency.id,
      startFromPreviousText: true,
    })
    const report = await content(created.id)
    const before = await content(last.id)
    expect(report.preamble).toBe('本报告根据条例编制。')
    expect(report.sections.overview).toBe(before.sections.overview)
    const prefilled = Object.entries(report.origins ?? {})
      .filter(([, o]) => o === 'prefilled')
      .map(([k]) => k)
    expect(prefilled.sort()).toEqual(['otherMatters.text', 'overview', 'preamble', 'problemsImprovements'])
    // Carried cells stay carried; nothing of the tables is prefilled.
    expect(report.origins?.['applications.carriedOver.natural']).toBe('carried')
    expect(prefilled.every((k) => !k.includes('applications'))).toBe(true)

    // Completeness lists the unconfirmed narratives, even once everything else is done.
    const done = completeReport(F21, report)
    expect(checkCompleteness(F21, done).unconfirmed.sort()).toEqual(prefilled.sort())
    expect(checkCompleteness(F21, done).complete).toBe(false)
  })

  it('without the option, a new report has no narrative of last year', async () => {
    const name = agencyName()
    await lastYear(name)
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name } })
    const created = await createReport({ formatVersion: '2021', year: 2023, agencyId: agency.id })
    const report = await content(created.id)
    expect(report.sections.overview ?? '').toBe('')
    expect(Object.values(report.origins ?? {})).not.toContain('prefilled')
  })

  it('from the report page: only while every narrative is empty; 确认 and editing take the marks away', async () => {
    const name = agencyName()
    await lastYear(name)
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name } })
    const created = await createReport({ formatVersion: '2021', year: 2023, agencyId: agency.id })
    const started = await startFromPreviousText(created.id)
    expect(started.copied).toContain('overview')
    expect(started.source).toEqual({ agencyName: name, year: 2022, fromPredecessor: false })
    expect((await refused(startFromPreviousText(created.id))).code).toBe('not_empty')

    const report = await content(created.id)
    // 确认 of one narrative (the editor sends the mark's removal) and an edit of another.
    const lines = String(report.sections.problemsImprovements).split('\n')
    const patched = await patchReport(created.id, [
      { path: 'origins.overview', base: 'prefilled', value: null },
      { path: 'sections.problemsImprovements#1', base: lines[0], value: `${lines[0]}（已更新）` },
    ])
    expect(patched.applied).toBe(2)
    const after = await content(created.id)
    expect(after.origins?.overview).toBeUndefined()
    expect(after.origins?.problemsImprovements).toBeUndefined()
    expect(after.origins?.preamble).toBe('prefilled')
    // A mark cannot be set from outside.
    const e = await refused(patchReport(created.id, [{ path: 'origins.overview', base: null, value: 'prefilled' }]))
    expect(e.fields?.['origins.overview']).toBe('来源标记只能确认（清除）')
  })

  it('says why when there is no report of last year', async () => {
    const created = await createReport({
      formatVersion: '2021',
      year: 2023,
      agency: { name: agencyName(), type: 'government', level: 'county' },
    })
    const e = await refused(startFromPreviousText(created.id))
    expect(e.code).toBe('no_previous')
    expect(e.message).toBe('没有2022年度的年报，无法沿用上年度正文。')
  })
})

describe('setPredecessor (机构改革)', () => {
  it('links an agency to its predecessor with its audit event; prefill and continuity follow the link', async () => {
    const oldName = agencyName('旧机关')
    const last = await lastYear(oldName)
    const old = await prisma.agency.findUniqueOrThrow({ where: { name: oldName } })
    const successor = await prisma.agency.create({
      data: { code: testAgencyCode('new'), name: agencyName('新机关'), type: 'government', level: 'county' },
    })
    const link = await setPredecessor(
      successor.id,
      { predecessorId: old.id },
      {
        actor: { id: 'admin-1', name: '管理员' },
        address: '127.0.0.1',
      },
    )
    expect(link).toMatchObject({ predecessorId: old.id, predecessorName: oldName })
    const [event] = await prisma.auditEvent.findMany({
      where: { action: 'admin.agency.predecessor', subject: { startsWith: successor.name } },
    })
    expect(event).toMatchObject({ outcome: 'success', detail: `前身：${oldName}`, actorName: '管理员' })

    const created = await createReport({
      formatVersion: '2021',
      year: 2023,
      agencyId: successor.id,
      startFromPreviousText: true,
    })
    expect(await previousReportOf(created.id)).toMatchObject({
      id: last.id,
      fromPredecessor: true,
      agencyName: oldName,
    })
    const report = await content(created.id)
    expect(report.origins?.overview).toBe('prefilled')
    expect((report.sections.applications as any).carriedOver.natural).toBe(
      ((await content(last.id)).sections.applications as any).carriedForward.natural,
    )
  })

  it('refuses itself, a loop and an unknown agency; null unlinks', async () => {
    const a = await prisma.agency.create({
      data: { code: testAgencyCode('a'), name: agencyName('甲'), type: 'department' },
    })
    const b = await prisma.agency.create({
      data: { code: testAgencyCode('b'), name: agencyName('乙'), type: 'department' },
    })
    expect((await refused(setPredecessor(a.id, { predecessorId: a.id }))).fields).toEqual({
      predecessorId: '机关不能是自己的前身',
    })
    await setPredecessor(b.id, { predecessorId: a.id })
    const loop = await refused(setPredecessor(a.id, { predecessorId: b.id }))
    expect(loop.message).toBe(`“${b.name}”已是本机关的后继机关，不能互为前身`)
    expect((await refused(setPredecessor(a.id, { predecessorId: 'no-such' }))).fields).toEqual({
      predecessorId: '前身机关不存在，请刷新页面后重试',
    })
    expect((await refused(setPredecessor('no-such', { predecessorId: null }))).status).toBe(404)
    expect(await setPredecessor(b.id, { predecessorId: null })).toMatchObject({ predecessorId: null })
    expect((await prisma.agency.findUniqueOrThrow({ where: { id: b.id } })).predecessorId).toBeNull()
  })
})
