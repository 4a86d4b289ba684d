import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { agencyName, events, refused } from '@/test/services'
import { createReport } from './report-create'
import { listReports } from './report-lists'

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
    expect(stored).toMatchObject({ kind: 'report', scope: 'self' })
    expect((stored.report.sections.applications as any).newReceived.natural).toBeNull()
    expect(stored.report.sections.overview).toBe('')
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name } })
    expect(agency.level).toBe('county')
    // An agency made on the way gets a code of its own, and the report carries it.
    expect(agency.code).toMatch(/^agency-[0-9a-f]{12}$/)
    expect(stored.report.agency).toEqual({ name, type: 'government', level: 'county', code: agency.code })
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

  it("keys the duplicate check on (agency, year, kind): a 全区汇总 beside the agency's own report", async () => {
    const name = agencyName()
    const own = await createReport({ formatVersion: '2021', year: 2023, agency: { name, type: 'government' } })
    const rollup = await createReport({
      formatVersion: '2021',
      year: 2023,
      agency: { name, type: 'government' },
      kind: 'rollup',
    })
    expect(rollup).toMatchObject({ kind: 'rollup', scope: 'region' })
    expect(rollup.report.agency.code).toBe(own.report.agency.code)
    const e = await refused(
      createReport({ formatVersion: '2021', year: 2023, agency: { name, type: 'government' }, kind: 'rollup' }),
    )
    expect(e.code).toBe('duplicate')
    expect(e.message).toContain('全区汇总已存在')
    // The agency's own report may state 全区 too: scope is the report's, not the kind's.
    const other = agencyName()
    const wide = await createReport({
      formatVersion: '2021',
      year: 2023,
      agency: { name: other, type: 'government' },
      scope: 'region',
    })
    expect(wide).toMatchObject({ kind: 'report', scope: 'region' })
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name } })
    const listed = (await listReports([agency.id])).map((r) => [r.kind, r.scope, r.agencyCode])
    expect(listed.sort()).toEqual([
      ['report', 'self', agency.code],
      ['rollup', 'region', agency.code],
    ])
    const bad = await refused(
      createReport({ formatVersion: '2021', year: 2023, agency: { name, type: 'government' }, kind: 'draft' as any }),
    )
    expect(bad.fields).toHaveProperty('kind')
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
