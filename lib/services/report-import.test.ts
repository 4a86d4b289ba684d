import { readdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { FIXTURES_DIR } from '@/test/fixtures'
import { agencyName, events, fixtureJson, fixtureText, refused } from '@/test/services'
import { getReport } from './report-read'
import { importReport } from './report-import'

describe('import', () => {
  const imported: Record<string, string> = {}

  beforeAll(async () => {
    for (const name of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'))) {
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
    expect(await refused(importReport(fixtureText('zhangdian-gov-2021.json')))).toMatchObject({
      status: 409,
      code: 'duplicate',
      message: expect.stringContaining('张店区人民政府2021年度的年报已存在'),
    })
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

  it('refuses a file nested 4,000 and 100,000 deep with 400 and a Chinese message, not 500', async () => {
    for (const depth of [4_000, 100_000]) {
      const deep = `{"formatVersion":"2021","year":2021,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`
      const e = await refused(importReport(deep))
      expect([e.status, e.code, e.message.includes('嵌套层级过深')]).toEqual([400, 'bad_input', true])
    }
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

  it("takes a file's code for a new agency only when it is free, and never picks the agency by it", async () => {
    const first = fixtureJson('zhangdian-jgsw-2022.json')
    first.agency = { ...first.agency, name: agencyName(), code: `file-code-${Date.now().toString(36)}` }
    const { report: a } = await importReport(first)
    expect(a.report.agency.code).toBe(first.agency.code)
    // Another name with the same code: a new agency with a code of its own, not the first one.
    const second = { ...first, agency: { ...first.agency, name: agencyName() } }
    const { report: b } = await importReport(second)
    const [ra, rb] = await Promise.all([a, b].map((r) => prisma.report.findUniqueOrThrow({ where: { id: r.id } })))
    expect(rb.agencyId).not.toBe(ra.agencyId)
    expect(b.report.agency.code).not.toBe(first.agency.code)
    expect(b.report.agency.code).toMatch(/^agency-/)
    // The first agency's name with a stranger's code: the report goes to the agency of that name,
    // and carries its code.
    const third = { ...first, year: 2023, agency: { ...first.agency, code: 'stranger-code' } }
    const { report: c } = await importReport(third)
    expect((await prisma.report.findUniqueOrThrow({ where: { id: c.id } })).agencyId).toBe(ra.agencyId)
    expect(c.report.agency.code).toBe(first.agency.code)
  })
})
