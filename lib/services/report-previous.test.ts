import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { agencyName, fixtureJson, refused } from '@/test/services'
import { testAgencyCode } from '@/test/agency-code'
import { FORMATS } from '@/lib/format/index'
import { evaluateRules } from '@/lib/rules/evaluate'
import { createReport } from './report-create'
import { importReport } from './report-import'
import { patchReport } from './report-patch'
import { previousReportOf } from './report-previous'
import { saveReport } from './report-save'

/** A seed report imported for a fresh agency and a given year (and kind). */
async function imported(name: string, fixture: string, year: number, kind?: 'report' | 'history' | 'rollup') {
  const raw = { ...fixtureJson(fixture), year, agency: { name, type: 'government', level: 'county' } }
  return (await importReport(raw, { kind })).report
}

describe('previousReportOf: the agency’s report of the year before', () => {
  it('finds last year’s report of the same agency, kind and scope: tables, facts and narrative texts', async () => {
    const name = agencyName()
    const last = await imported(name, 'zhangdian-gov-2021.json', 2022)
    const now = await imported(name, 'zhangdian-office-2022.json', 2023)
    const previous = await previousReportOf(now.id)
    expect(previous).toMatchObject({
      id: last.id,
      year: 2022,
      formatVersion: '2021',
      kind: 'report',
      fromPredecessor: false,
    })
    expect((previous!.sections as any).proactiveDisclosure.art20_1.normativeDocuments.inForce).toBe(47)
    // The narratives come too (the copied-text check compares paragraphs, L10/L11).
    expect(previous!.sections.overview).toBe(fixtureJson('zhangdian-gov-2021.json').sections.overview)
    expect(previous!.preamble ?? null).toBe(fixtureJson('zhangdian-gov-2021.json').preamble ?? null)
    expect(await previousReportOf(last.id)).toBeNull()
  })

  it('takes a 2019-format report of the year before (2020 → 2021)', async () => {
    const name = agencyName()
    const last = await imported(name, 'zichuan-gov-2020.json', 2020)
    const now = await imported(name, 'zhangdian-gov-2021.json', 2021)
    expect(await previousReportOf(now.id)).toMatchObject({ id: last.id, formatVersion: '2019' })
  })

  it('does not take another kind or scope: a 全区汇总 is not the agency’s own report', async () => {
    const name = agencyName()
    await imported(name, 'zhangdian-gov-2021.json', 2022, 'rollup')
    const now = await imported(name, 'zhangdian-office-2022.json', 2023)
    expect(await previousReportOf(now.id)).toBeNull()
  })

  it('takes a report imported as history when the agency has no own report of that year', async () => {
    const name = agencyName()
    const history = await imported(name, 'zhangdian-gov-2021.json', 2022, 'history')
    const now = await imported(name, 'zhangdian-office-2022.json', 2023)
    expect(await previousReportOf(now.id)).toMatchObject({ id: history.id, kind: 'history' })
  })

  it('follows the predecessor (机构改革) when the agency has no report of last year', async () => {
    const oldName = agencyName('旧机关')
    const last = await imported(oldName, 'zhangdian-gov-2021.json', 2022)
    const old = await prisma.agency.findUniqueOrThrow({ where: { name: oldName } })
    const successor = await prisma.agency.create({
      data: { code: testAgencyCode(), name: agencyName('新机关'), type: 'government', predecessorId: old.id },
    })
    const raw = { ...fixtureJson('zhangdian-office-2022.json'), year: 2023 }
    const now = (await importReport(raw, { agencyId: successor.id })).report
    expect(await previousReportOf(now.id)).toMatchObject({ id: last.id, fromPredecessor: true, agencyName: oldName })
  })

  it('counts the cross-year warnings in the stored counts on save', async () => {
    const name = agencyName()
    await imported(name, 'zhangdian-gov-2021.json', 2022) // 现行有效 47
    const now = await imported(name, 'zhangdian-office-2022.json', 2023)
    const save = async (inForce: number, baseVersion: number) => {
      const next = structuredClone(now.report) as any
      next.sections.proactiveDisclosure.art20_1.normativeDocuments.inForce = inForce
      const saved = await saveReport(now.id, baseVersion, next)
      const row = await prisma.report.findUniqueOrThrow({ where: { id: now.id } })
      return { version: saved.version, warnings: row.warningCount! }
    }
    const broken = await save(18, now.version) // 47 + 6 − 2 = 51 ≠ 18: P1
    const fixed = await save(51, broken.version)
    expect(fixed.warnings).toBe(broken.warnings - 1)
  })
})

describe('a new report carries last year’s 结转 over', () => {
  it('opens with 上年结转 = last year’s 结转下年度继续办理 per column, marked; a changed value loses its mark', async () => {
    const name = agencyName()
    const raw = { ...fixtureJson('zhangdian-office-2022.json'), year: 2022, agency: { name, type: 'department' } }
    raw.sections.applications.carriedForward = {
      natural: 12,
      commercial: 2,
      research: 0,
      publicInterest: 0,
      legalService: 1,
      other: 0,
      total: 15,
    }
    await importReport(raw)
    const created = await createReport({ formatVersion: '2021', year: 2023, agency: { name, type: 'department' } })
    const carried = (created.report.sections.applications as any).carriedOver
    expect(carried).toEqual(raw.sections.applications.carriedForward)
    expect(created.report.origins?.['applications.carriedOver.natural']).toBe('carried')

    const patched = await patchReport(created.id, [
      { path: 'sections.applications.carriedOver.natural', base: 12, value: 10 },
    ])
    expect(patched.applied).toBe(1)
    const stored = JSON.parse((await prisma.report.findUniqueOrThrow({ where: { id: created.id } })).content)
    expect(stored.origins['applications.carriedOver.natural']).toBeUndefined()
    expect(stored.origins['applications.carriedOver.commercial']).toBe('carried')
    const previous = await previousReportOf(created.id)
    const x1 = evaluateRules(FORMATS['2021'], { ...stored, previous }).find((r) => r.ruleId === 'X1.natural')
    expect(x1).toMatchObject({ status: 'fail', expected: 12, actual: 10 })
  })

  it('a report of an agency without last year’s report starts blank, unmarked', async () => {
    const created = await createReport({
      formatVersion: '2021',
      year: 2023,
      agency: { name: agencyName(), type: 'department' },
    })
    expect((created.report.sections.applications as any).carriedOver.natural).toBeNull()
    expect(created.report.origins).toBeUndefined()
  })
})

describe('last year’s report imported as history', () => {
  it('is read-only: saves, patches and transitions are refused with the reason', async () => {
    const name = agencyName()
    const history = await imported(name, 'zhangdian-gov-2021.json', 2022, 'history')
    for (const attempt of [
      saveReport(history.id, history.version, history.report),
      patchReport(history.id, [{ path: 'sections.applications.newReceived.natural', base: null, value: 1 }]),
    ]) {
      const e = await refused(attempt)
      expect(e).toMatchObject({ status: 409, code: 'not_editable' })
      expect(e.message).toContain('只读')
    }
  })
})
