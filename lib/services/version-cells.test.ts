import { describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { PATHS_SIGNATURE } from '@/lib/rollup/format-map'
import { testAgencyCode } from '@/test/agency-code'
import { workflowActors } from '@/test/services'
import { rollupFor } from './rollup'
import { backfillVersionCells } from './version-cells'

const { approved } = workflowActors()
const admin: Actor = { id: 'u-cells-admin', name: '管理员', email: 'cells@test.demo', isAdmin: true, memberships: [] }

/** Two agencies under a new government, each with a report approved through the workflow (cells stored). */
async function approvedPair() {
  const gov = await prisma.agency.create({
    data: { code: testAgencyCode('cells'), name: `补存区人民政府${Date.now()}`, type: 'government' },
  })
  const reports = [await approved(), await approved()]
  const versions = []
  for (const stored of reports) {
    const report = await prisma.report.findUniqueOrThrow({ where: { id: stored.id } })
    await prisma.agency.update({ where: { id: report.agencyId }, data: { parentId: gov.id } })
    const version = await prisma.reportVersion.findFirstOrThrow({ where: { reportId: stored.id } })
    versions.push(version.id)
  }
  const { year } = await prisma.report.findUniqueOrThrow({ where: { id: reports[0].id } })
  return { governmentId: gov.id, year, versions }
}

const cellsRow = (versionId: string) => prisma.reportVersionCells.findUnique({ where: { versionId } })

describe('cells of versions approved before they were stored (decision 0550)', () => {
  it('backfills them as approval writes them, once, and the roll-up is the one of versions approved since', async () => {
    const { governmentId, year, versions } = await approvedPair()
    const since = await rollupFor(admin, governmentId, { year })
    expect(since.result.agencies).toHaveLength(2)
    const written = await cellsRow(versions[1])
    expect(written?.paths).toBe(PATHS_SIGNATURE)

    // As if approved before migration 20261129082115: no cells; and one stored in an older order.
    await prisma.reportVersionCells.delete({ where: { versionId: versions[1] } })
    await prisma.reportVersionCells.update({
      where: { versionId: versions[0] },
      data: { paths: '3-0', cells: '[1,2,3]' },
    })
    const first = await cellsRow(versions[0])
    expect(first?.paths).toBe('3-0')

    // Two instances at once: both succeed, one row each, the text approval wrote.
    const [one, two] = await Promise.all([backfillVersionCells(), backfillVersionCells()])
    expect(one + two).toBeGreaterThanOrEqual(2)
    expect(await cellsRow(versions[1])).toEqual(written)
    expect((await cellsRow(versions[0]))?.cells).toBe(written?.cells)
    expect(await backfillVersionCells()).toBe(0)

    const after = await rollupFor(admin, governmentId, { year })
    expect(after.result).toEqual(since.result)
  })

  it('is done by the roll-up itself for the versions it sums, with the same result', async () => {
    const { governmentId, year, versions } = await approvedPair()
    const since = await rollupFor(admin, governmentId, { year })
    const written = await cellsRow(versions[0])
    await prisma.reportVersionCells.deleteMany({ where: { versionId: { in: versions } } })

    // Cut from the content this once, stored for the next run.
    const cut = await rollupFor(admin, governmentId, { year })
    expect(cut.result).toEqual(since.result)
    expect(await cellsRow(versions[0])).toEqual(written)
    expect((await cellsRow(versions[1]))?.paths).toBe(PATHS_SIGNATURE)
    expect((await rollupFor(admin, governmentId, { year })).result).toEqual(since.result)
  })
})
