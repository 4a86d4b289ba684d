import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { isPostgres } from '@/test/database'
import { events, newDraft, refused, withCell } from '@/test/services'
import type { ServiceError } from './errors'
import { getReport } from './report-read'
import { patchReport } from './report-patch'
import { changedPaths, saveReport } from './report-save'

describe('save', () => {
  it('saves a change, bumps the version, derives totals and records the changed paths', async () => {
    const draft = await newDraft()
    const next = withCell(draft.report, 'applications', 'newReceived', 'natural', 7)
    const saved = await saveReport(draft.id, 1, next)
    expect(saved.version).toBe(2)
    expect(saved.status).toBe('draft')
    const stored = await getReport(draft.id)
    expect((stored!.report.sections.applications as any).newReceived.natural).toBe(7)
    const evs = await events(draft.id)
    expect(evs.map((e) => [e.kind, e.version])).toEqual([
      ['create', 1],
      ['save', 2],
    ])
    expect(JSON.parse(evs[1].summary).changed).toEqual(['sections.applications.newReceived.natural'])
  })

  it('saves the preamble, keeps it when a save leaves it out, and PATCHes it by paragraph', async () => {
    const draft = await newDraft()
    const preamble = '本报告根据《中华人民共和国政府信息公开条例》编制。\n如对本报告有疑问，请联系。'
    await saveReport(draft.id, 1, { ...draft.report, preamble })
    expect(JSON.parse((await events(draft.id))[1].summary).changed).toEqual(['preamble'])
    const { preamble: _dropped, ...without } = { ...draft.report, preamble }
    await saveReport(draft.id, 2, withCell(without, 'applications', 'newReceived', 'natural', 3))
    expect((await getReport(draft.id))!.report.preamble).toBe(preamble)
    const patched = await patchReport(draft.id, [
      { path: 'preamble#2', base: '如对本报告有疑问，请联系。', value: '联系电话：0533-2869928。' },
    ])
    expect(patched).toMatchObject({ applied: 1, conflicts: [] })
    expect((await getReport(draft.id))!.report.preamble).toBe(
      '本报告根据《中华人民共和国政府信息公开条例》编制。\n联系电话：0533-2869928。',
    )
  })

  it('computes a total on the server once its addends are filled, ignoring the client value', async () => {
    const draft = await newDraft()
    const next = structuredClone(draft.report) as any
    for (const column of Object.keys(next.sections.applications.newReceived)) {
      next.sections.applications.newReceived[column] = 1
    }
    next.sections.applications.newReceived.total = 999
    await saveReport(draft.id, 1, next)
    const stored = (await getReport(draft.id))!.report.sections.applications as any
    const addends = Object.keys(stored.newReceived).filter((k) => k !== 'total').length
    expect(stored.newReceived.total).toBe(addends)
  })

  it('refuses a stale save with 409 conflict, the current version and a message to reload', async () => {
    const draft = await newDraft()
    await saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 1))
    const e = await refused(
      saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 2)),
    )
    expect(e.status).toBe(409)
    expect(e.code).toBe('conflict')
    expect(e.details?.currentVersion).toBe(2)
    expect(e.message).toMatch(/其他标签页或由其他人修改.*重新加载页面/)
    expect((await getReport(draft.id))?.report.sections.applications).toMatchObject({ newReceived: { natural: 1 } })
    expect((await events(draft.id)).map((e) => e.kind)).toEqual(['create', 'save'])
  })

  it('lets exactly one of two simultaneous saves from the same version through', async () => {
    const draft = await newDraft()
    const results = await Promise.allSettled([
      saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 10)),
      saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 20)),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((rejected.reason as ServiceError).code).toBe('conflict')
    const stored = await getReport(draft.id)
    expect(stored?.version).toBe(2)
    expect((await events(draft.id)).filter((e) => e.kind === 'save')).toHaveLength(1)
  })

  it('accepts an unchanged save without bumping the version or writing an event', async () => {
    const draft = await newDraft()
    const saved = await saveReport(draft.id, 1, draft.report)
    expect(saved.version).toBe(1)
    expect(await events(draft.id)).toHaveLength(1)
  })

  it('refuses bad values with 422 and fields keyed by full path; nothing is stored', async () => {
    const draft = await newDraft()
    const next = withCell(draft.report, 'applications', 'newReceived', 'natural', -3)
    next.sections.applications.newReceived.commercial = 'abc'
    next.sections.overview = 42
    const e = await refused(saveReport(draft.id, 1, next))
    expect(e.status).toBe(422)
    expect(e.code).toBe('invalid')
    expect(e.fields).toMatchObject({
      'sections.applications.newReceived.natural': '不能为负数',
      'sections.applications.newReceived.commercial': '请填写数字',
      'sections.overview': '应为文本',
    })
    expect((await getReport(draft.id))?.version).toBe(1)
  })

  it('keeps format, year and agency from the stored record', async () => {
    const draft = await newDraft(2021)
    const next = withCell(draft.report, 'applications', 'newReceived', 'natural', 3)
    next.year = 2099
    next.formatVersion = '2019'
    next.agency = { name: '别的机关', type: 'government' }
    await saveReport(draft.id, 1, next)
    const stored = await getReport(draft.id)
    expect(stored?.report.year).toBe(2021)
    expect(stored?.report.formatVersion).toBe('2021')
    expect(stored?.report.agency).toEqual(draft.report.agency)
  })

  it('answers 404 for an unknown report and 400 for a missing baseVersion', async () => {
    expect((await refused(saveReport('nope', 1, {}))).status).toBe(404)
    const draft = await newDraft()
    expect((await refused(saveReport(draft.id, undefined as any, draft.report))).status).toBe(400)
    expect(await getReport('nope')).toBeNull()
  })

  it('writes the change and its audit event in one transaction', async () => {
    const draft = await newDraft()
    // A trigger makes the audit insert fail: the content change must roll back with it.
    const [create, drop] = isPostgres()
      ? [
          [
            `CREATE FUNCTION fail_audit() RETURNS trigger AS $$ BEGIN IF NEW."reportId" = '${draft.id}' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
            'CREATE TRIGGER fail_audit BEFORE INSERT ON "ReportEvent" FOR EACH ROW EXECUTE FUNCTION fail_audit()',
          ],
          ['DROP TRIGGER fail_audit ON "ReportEvent"', 'DROP FUNCTION fail_audit()'],
        ]
      : [
          [
            `CREATE TRIGGER fail_audit BEFORE INSERT ON ReportEvent WHEN NEW.reportId = '${draft.id}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`,
          ],
          ['DROP TRIGGER fail_audit'],
        ]
    for (const sql of create) await prisma.$executeRawUnsafe(sql)
    try {
      await expect(
        saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 5)),
      ).rejects.toThrow()
    } finally {
      for (const sql of drop) await prisma.$executeRawUnsafe(sql)
    }
    const stored = await getReport(draft.id)
    expect(stored?.version).toBe(1)
    expect((stored!.report.sections.applications as any).newReceived.natural).toBeNull()
    // And the same save goes through once the audit can be written.
    expect(
      (await saveReport(draft.id, 1, withCell(draft.report, 'applications', 'newReceived', 'natural', 5))).version,
    ).toBe(2)
  })
})

describe('changedPaths', () => {
  it('names leaves that changed, appeared or vanished', () => {
    expect(changedPaths({ a: { b: 1, c: 'x' } }, { a: { b: 2, c: 'x', d: null } })).toEqual(['a.b', 'a.d'])
    expect(changedPaths({ e: { r1: 'why' } }, {})).toEqual(['e.r1'])
    expect(changedPaths({ a: 1 }, { a: 1 })).toEqual([])
  })
})
