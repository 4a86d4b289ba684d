import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { agencyName } from '@/test/services'
import { publicColumnRows, publicReportRows, publishedContents } from './public-table'

const agency = (type: 'government' | 'department', parentId: string | null = null) =>
  prisma.agency.create({ data: { code: testAgencyCode(), name: agencyName(), type, parentId } })

/** A report with versions, each published or not (and withdrawn), each published one with files. */
async function report(
  agencyId: string,
  versions: { published: boolean; withdrawn?: boolean; files?: string[] }[],
  { kind = 'report', year = 2021 } = {},
) {
  return prisma.report.create({
    data: {
      agencyId,
      year,
      kind,
      scope: 'self',
      formatVersion: '2021',
      status: 'published',
      content: '{}',
      versions: {
        create: versions.map((v, i) => ({
          number: i + 1,
          content: `{"number":${i + 1}}`,
          contentVersion: 1,
          approvedAt: new Date('2022-03-01T00:00:00Z'),
          approvedById: 'u-x',
          publishedAt: v.published ? new Date(Date.UTC(2022, 2, 10 + i)) : null,
          withdrawnAt: v.withdrawn ? new Date('2022-04-01T00:00:00Z') : null,
          withdrawnReason: v.withdrawn ? '撤回' : null,
          files: {
            create: (v.files ?? []).map((kind) => ({
              kind,
              fileName: `f.${kind}`,
              mediaType: 'application/octet-stream',
              body: new Uint8Array([1, 2, 3]),
              sha256: `${kind}-${i}`.padEnd(64, '0'),
              size: 3,
            })),
          },
        })),
      },
    },
  })
}

describe('publicReportRows: one statement for a report page', () => {
  it('resolves government, agency (however deep), year and kind to the published versions and their files', async () => {
    const gov = await agency('government')
    const dept = await agency('department', gov.id)
    const sub = await agency('department', dept.id)
    await report(sub.id, [
      { published: true, files: ['html', 'docx', 'json'] },
      { published: false },
      { published: true, withdrawn: true, files: ['html'] },
    ])
    const found = await publicReportRows(gov.code, 2021, sub.code, 'report')
    expect(found?.government).toEqual({ id: gov.id, code: gov.code, name: gov.name })
    expect(found?.rows.map((r) => [r.number, r.agencyCode, r.agencyName, r.withdrawnReason])).toEqual([
      [1, sub.code, sub.name, null],
      [3, sub.code, sub.name, '撤回'],
    ])
    const v1 = found?.rows[0].versionId
    expect(found?.files.filter((f) => f.versionId === v1).map((f) => f.kind)).toEqual(['docx', 'html', 'json'])
    expect(found?.files.every((f) => f.id && f.size === 3 && f.sha256.length === 64)).toBe(true)
    // The department's own government is the one; so is any government above it.
    expect(await publicReportRows(gov.code, 2021, sub.code, 'rollup')).toBeNull()
    expect(await publicReportRows(gov.code, 2020, sub.code, 'report')).toBeNull()
    expect(await publicReportRows(dept.code, 2021, sub.code, 'report')).toBeNull()
  })

  it('finds nothing of another government, of history, of an unpublished report, or through a cycle', async () => {
    const gov = await agency('government')
    const other = await agency('government')
    const dept = await agency('department', other.id)
    await report(dept.id, [{ published: true, files: ['html'] }])
    expect(await publicReportRows(gov.code, 2021, dept.code, 'report')).toBeNull()
    expect(await publicReportRows(other.code, 2021, dept.code, 'report')).not.toBeNull()

    const history = await agency('department', gov.id)
    await report(history.id, [{ published: true }], { kind: 'history' })
    const unpublished = await agency('department', gov.id)
    await report(unpublished.id, [{ published: false }])
    for (const code of [history.code, unpublished.code])
      for (const kind of ['report', 'rollup'] as const)
        expect(await publicReportRows(gov.code, 2021, code, kind)).toBeNull()

    // Two departments each other's parent (never made by the app): the walk up still ends.
    const a = await agency('department')
    const b = await agency('department', a.id)
    await prisma.agency.update({ where: { id: a.id }, data: { parentId: b.id } })
    await report(a.id, [{ published: true }])
    expect(await publicReportRows(gov.code, 2021, a.code, 'report')).toBeNull()
  })
})

describe('publicColumnRows: one statement for the column, the index and the embed', () => {
  it('gives the government with its portal origin and every published version under it, newest year first', async () => {
    const gov = await agency('government')
    const dept = await agency('department', gov.id)
    const sub = await agency('department', dept.id)
    const elsewhere = await agency('department')
    await prisma.governmentSetting.create({ data: { agencyId: gov.id, portalOrigin: 'https://www.x.gov.cn' } })
    await report(gov.id, [{ published: true }], { kind: 'rollup' })
    await report(dept.id, [{ published: true }, { published: true }, { published: false }])
    await report(sub.id, [{ published: true }], { year: 2022 })
    await report(sub.id, [{ published: true }], { kind: 'history', year: 2020 })
    await report(elsewhere.id, [{ published: true }])

    const all = await publicColumnRows(gov.code)
    expect(all?.government).toEqual({
      id: gov.id,
      code: gov.code,
      name: gov.name,
      portalOrigin: 'https://www.x.gov.cn',
    })
    const rows = all?.rows ?? []
    expect(rows.map((r) => r.year)).toEqual([2022, 2021, 2021, 2021])
    expect(rows[0]).toMatchObject({ agencyCode: sub.code, kind: 'report', number: 1 })
    expect(
      rows
        .slice(1)
        .map((r) => `${r.agencyCode}/${r.kind}/${r.number}`)
        .sort(),
    ).toEqual([`${gov.code}/rollup/1`, `${dept.code}/report/1`, `${dept.code}/report/2`].sort())
    // A report's versions come together, by number.
    expect(rows.filter((r) => r.agencyCode === dept.code).map((r) => r.number)).toEqual([1, 2])
    expect((await publicColumnRows(gov.code, 2022))?.rows.map((r) => r.agencyCode)).toEqual([sub.code])
  })

  it('gives a government without publications (no rows), and nothing for a department or an unknown code', async () => {
    const gov = await agency('government')
    const dept = await agency('department', gov.id)
    expect(await publicColumnRows(gov.code)).toEqual({
      government: { id: gov.id, code: gov.code, name: gov.name, portalOrigin: null },
      rows: [],
    })
    expect(await publicColumnRows(dept.code)).toBeNull()
    expect(await publicColumnRows('no-such-code')).toBeNull()
  })
})

describe('publishedContents: one statement for the contents the changes page compares', () => {
  it('reads published versions by id, and nothing of an unpublished version, a history import or an unknown id', async () => {
    const gov = await agency('government')
    const dept = await agency('department', gov.id)
    const published = await report(dept.id, [{ published: true }, { published: false }, { published: true }])
    const history = await report(dept.id, [{ published: true }], { kind: 'history', year: 2020 })
    const versions = await prisma.reportVersion.findMany({
      where: { reportId: { in: [published.id, history.id] } },
      orderBy: [{ reportId: 'asc' }, { number: 'asc' }],
      select: { id: true, number: true, reportId: true },
    })
    const of = (reportId: string, number: number) =>
      versions.find((v) => v.reportId === reportId && v.number === number)?.id as string
    const contents = await publishedContents([
      of(published.id, 1),
      of(published.id, 2),
      of(published.id, 3),
      of(history.id, 1),
      'no-such-version',
    ])
    expect([...contents].sort(([a], [b]) => a.localeCompare(b))).toEqual(
      [
        [of(published.id, 1), '{"number":1}'],
        [of(published.id, 3), '{"number":3}'],
      ].sort(([a], [b]) => a.localeCompare(b)),
    )
    expect(await publishedContents([])).toEqual(new Map())
  })
})
