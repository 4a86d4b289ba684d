import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { agencyName, events, refused } from '@/test/services'
import { createReport } from './report-create'

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
