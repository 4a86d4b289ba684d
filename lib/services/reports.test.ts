import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { isPostgres } from '@/test/database'
import {
  changedPaths,
  countReports,
  createReport,
  exportDocument,
  exportReport,
  getReport,
  importReport,
  listReports,
  markComplete,
  reopen,
  ServiceError,
  saveReport,
} from './reports'
import { countsOfContent } from './report-counts'

const FIXTURES = path.resolve(__dirname, '../../fixtures')
const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const fixtureJson = (name: string) => JSON.parse(fixtureText(name))

let seq = 0
/** A unique agency per test: tests never share data. */
const agencyName = () => `测试区第${++seq}${Date.now() % 100000}局`

async function refused(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p
  } catch (e) {
    if (e instanceof ServiceError) return e
    throw e
  }
  throw new Error('expected a ServiceError')
}

const events = (reportId: string) =>
  prisma.reportEvent.findMany({ where: { reportId }, orderBy: [{ createdAt: 'asc' }, { version: 'asc' }] })

async function newDraft(year = 2023) {
  return createReport({ formatVersion: '2021', year, agency: { name: agencyName(), type: 'department' } })
}

/** A report object the editor would send, with one cell changed. */
function withCell(report: any, section: string, row: string, column: string, value: unknown) {
  const next = structuredClone(report)
  next.sections[section][row][column] = value
  return next
}

describe('import', () => {
  const imported: Record<string, string> = {}

  beforeAll(async () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
      const { report } = await importReport(fixtureText(name))
      imported[name] = report.id
    }
  })

  it('imports every fixture as a draft at version 1 with an import event', async () => {
    expect(Object.keys(imported)).toHaveLength(4)
    for (const [name, id] of Object.entries(imported)) {
      const stored = await getReport(id)
      const raw = fixtureJson(name)
      expect(stored?.status).toBe('draft')
      expect(stored?.version).toBe(1)
      expect(stored?.report.agency.name).toBe(raw.agency.name)
      expect(stored?.report.year).toBe(raw.year)
      expect(stored?.report.formatVersion).toBe(raw.formatVersion)
      const evs = await events(id)
      expect(evs.map((e) => e.kind)).toEqual(['import'])
    }
  })

  it('keeps the numbers of the file', async () => {
    const stored = await getReport(imported['zhangdian-gov-2021.json'])
    const raw = fixtureJson('zhangdian-gov-2021.json')
    expect(stored?.report.sections.applications).toEqual(raw.sections.applications)
    expect(stored?.report.sections.reviewLitigation).toEqual(raw.sections.reviewLitigation)
  })

  it('refuses the same agency and year twice', async () => {
    const e = await refused(importReport(fixtureText('zhangdian-gov-2021.json')))
    expect(e.status).toBe(409)
    expect(e.code).toBe('duplicate')
    expect(e.message).toContain('张店区人民政府2021年度的年报已存在')
  })

  it('accepts the parsed object as well as the text', async () => {
    const raw = fixtureJson('zhangdian-office-2022.json')
    raw.agency.name = agencyName()
    const { report } = await importReport(raw)
    expect(report.report.agency.name).toBe(raw.agency.name)
  })

  it('answers malformed JSON and non-reports with 400 and a Chinese message', async () => {
    const e = await refused(importReport('{"formatVersion": "2021",'))
    expect(e.status).toBe(400)
    expect(e.code).toBe('bad_input')
    expect(e.message).toMatch(/不是有效的 JSON/)
    const e2 = await refused(
      importReport({ formatVersion: '1999', year: 2020, agency: { name: 'x', type: 'government' } }),
    )
    expect(e2.status).toBe(400)
    expect(e2.message).toMatch(/不支持的格式版本/)
  })

  it('refuses a bad cell with 422 keyed by its full path, and stores nothing', async () => {
    const raw = fixtureJson('zhangdian-jgsw-2022.json')
    raw.agency.name = agencyName()
    raw.sections.applications.newReceived.natural = '十二'
    const e = await refused(importReport(raw))
    expect(e.status).toBe(422)
    expect(e.fields?.['sections.applications.newReceived.natural']).toBe('请填写数字')
    expect(await prisma.agency.findUnique({ where: { name: raw.agency.name } })).toBeNull()
  })

  it('recomputes a stated total that differs from its addends and says so', async () => {
    const raw = fixtureJson('zhangdian-gov-2021.json')
    raw.agency.name = agencyName()
    const stated = raw.sections.applications.newReceived.total
    raw.sections.applications.newReceived.total = stated + 5
    const { report, notices } = await importReport(raw)
    expect(report.report.sections.applications).toMatchObject({ newReceived: { total: stated } })
    expect(notices.join('')).toMatch(/合计数与分项之和不一致，已按分项重新计算/)
    expect(notices.join('')).toContain(`原为${stated + 5}`)
    const [ev] = await events(report.id)
    expect(JSON.parse(ev.summary).recomputed).toContain('applications.newReceived.total')
  })
})

describe('create', () => {
  it('creates a blank draft, its agency and a create event', async () => {
    const name = agencyName()
    const stored = await createReport({
      formatVersion: '2021',
      year: 2024,
      agency: { name, type: 'government', level: 'county' },
    })
    expect(stored.version).toBe(1)
    expect(stored.status).toBe('draft')
    expect(stored.report.agency).toEqual({ name, type: 'government', level: 'county' })
    expect((stored.report.sections.applications as any).newReceived.natural).toBeNull()
    expect(stored.report.sections.overview).toBe('')
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name } })
    expect(agency.level).toBe('county')
    expect((await events(stored.id)).map((e) => e.kind)).toEqual(['create'])
  })

  it('reuses the agency for another year and refuses a second report of the same year', async () => {
    const name = agencyName()
    await createReport({ formatVersion: '2021', year: 2022, agency: { name, type: 'department' } })
    await createReport({ formatVersion: '2021', year: 2023, agency: { name, type: 'department' } })
    expect(await prisma.agency.count({ where: { name } })).toBe(1)
    const e = await refused(createReport({ formatVersion: '2021', year: 2023, agency: { name, type: 'department' } }))
    expect(e.status).toBe(409)
    expect(e.code).toBe('duplicate')
  })

  it('validates the input with messages keyed by field', async () => {
    const e = await refused(
      createReport({ formatVersion: '2030', year: 1990, agency: { name: '局', type: 'ministry' as any } }),
    )
    expect(e.status).toBe(422)
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['agency.name', 'agency.type', 'formatVersion', 'year'])
    expect(e.fields?.year).toBe('年度不早于2008年')
  })
})

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

describe('complete and reopen', () => {
  async function importedJgsw() {
    const raw = fixtureJson('zhangdian-jgsw-2022.json')
    raw.agency.name = agencyName()
    return (await importReport(raw)).report
  }

  it('refuses an incomplete report with 422 and what is missing', async () => {
    const draft = await newDraft()
    const e = await refused(markComplete(draft.id, 1))
    expect(e.status).toBe(422)
    expect(e.code).toBe('incomplete')
    expect(e.details?.completeness?.complete).toBe(false)
    expect(e.details?.completeness?.blank).toContain('applications.newReceived.natural')
    expect(e.message).toMatch(/尚未填写完整/)
    expect((await getReport(draft.id))?.status).toBe('draft')
  })

  it('marks a complete report complete, and a changing save sets it back to draft', async () => {
    const stored = await importedJgsw()
    const next = structuredClone(stored.report) as any
    next.sections.otherMatters.infoProcessingFee = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }
    const saved = await saveReport(stored.id, 1, next)

    expect((await refused(markComplete(stored.id, 1))).code).toBe('conflict')
    const done = await markComplete(stored.id, saved.version)
    expect(done).toMatchObject({ status: 'complete', version: saved.version })

    // Unchanged content keeps it complete; a change reopens it.
    expect((await saveReport(stored.id, saved.version, next)).status).toBe('complete')
    next.sections.overview = `${next.sections.overview}\n补充说明。`
    const changed = await saveReport(stored.id, saved.version, next)
    expect(changed).toMatchObject({ status: 'draft', version: saved.version + 1 })
    const evs = await events(stored.id)
    expect(evs.map((e) => e.kind)).toEqual(['import', 'save', 'complete', 'save'])
    expect(JSON.parse(evs[3].summary)).toEqual({ changed: ['sections.overview'], reopened: true })

    await markComplete(stored.id, changed.version)
    const reopened = await reopen(stored.id)
    expect(reopened.status).toBe('draft')
    expect((await events(stored.id)).map((e) => e.kind).slice(-2)).toEqual(['complete', 'reopen'])
  })
})

describe('list and export', () => {
  it('lists reports newest year first with counts from the rules', async () => {
    const a = await newDraft(2019)
    const b = await newDraft(2025)
    const list = await listReports()
    const ids = list.map((r) => r.id)
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id))
    expect(list.map((r) => r.year)).toEqual([...list.map((r) => r.year)].sort((x, y) => y - x))
    const summary = list.find((r) => r.id === b.id)!
    expect(summary).toMatchObject({ year: 2025, status: 'draft', version: 1, agencyType: 'department' })
    // A blank draft: every cell blank, and D1 (six sections with content) fails.
    expect(summary.errorCount).toBe(1)
    expect(summary.blankCount).toBeGreaterThan(50)
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

  it('exports the stored report as interchange JSON with a Chinese file name', async () => {
    const raw = fixtureJson('zichuan-gov-2020.json')
    raw.agency.name = `${agencyName()}/"试"`
    const { report } = await importReport(raw)
    const out = await exportReport(report.id)
    expect(out.filename).toBe(`${raw.agency.name.replace(/[/"]+/g, '_')}-2020.json`)
    expect(out.contentDisposition).toContain(`filename*=UTF-8''${encodeURIComponent(out.filename)}`)
    expect(out.contentDisposition).toMatch(/^attachment; filename="[ -~]+"/)
    // The export reads back as the same report.
    const again = JSON.parse(out.json)
    expect(again).toEqual(report.report)
  })
})

describe('published documents', () => {
  it('carry the 草稿 mark until a version is approved: marking complete is not enough', async () => {
    const JSZip = (await import('jszip')).default
    const headerText = async (body: Buffer | string) => {
      const zip = await JSZip.loadAsync(body)
      const parts = zip.file(/^word\/header\d*\.xml$/)
      return (await Promise.all(parts.map((f) => f.async('string')))).join('')
    }
    const raw = fixtureJson('zhangdian-jgsw-2022.json')
    raw.agency.name = agencyName()
    const { report: stored } = await importReport(raw)
    const draftDoc = await exportDocument(stored.id, 'docx', { signatureDate: '2023-01-20' })
    expect(draftDoc.draft).toBe(true)
    expect(await headerText(draftDoc.body)).toContain('草稿')
    expect(draftDoc.filename).toBe(`${raw.agency.name}2022年政府信息公开工作年度报告.docx`)

    const next = structuredClone(stored.report) as any
    next.sections.otherMatters.infoProcessingFee = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }
    const saved = await saveReport(stored.id, 1, next)
    await markComplete(stored.id, saved.version)
    // Without review the document is still a draft (approved versions: lib/services/workflow.test.ts).
    const completeDoc = await exportDocument(stored.id, 'docx')
    expect(completeDoc.draft).toBe(true)
    expect(await headerText(completeDoc.body)).toContain('草稿')
    const html = await exportDocument(stored.id, 'html', { inline: true })
    expect(String(html.body)).toContain(raw.agency.name)
    expect(html.contentDisposition).toMatch(/^inline; /)
    expect((await refused(exportDocument(stored.id, 'docx', { signatureDate: '2023-02-30' }))).status).toBe(400)
  })
})

describe('changedPaths', () => {
  it('names leaves that changed, appeared or vanished', () => {
    expect(changedPaths({ a: { b: 1, c: 'x' } }, { a: { b: 2, c: 'x', d: null } })).toEqual(['a.b', 'a.d'])
    expect(changedPaths({ e: { r1: 'why' } }, {})).toEqual(['e.r1'])
    expect(changedPaths({ a: 1 }, { a: 1 })).toEqual([])
  })
})
