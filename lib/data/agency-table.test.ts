import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { agencyName } from '@/test/services'
import { agencyTree } from './agency-table'

describe('the agency tree', () => {
  it('finds every agency under a government', async () => {
    const gov = await prisma.agency.create({ data: { code: testAgencyCode(), name: agencyName(), type: 'government' } })
    const dept = await prisma.agency.create({
      data: { code: testAgencyCode(), name: agencyName(), type: 'department', parentId: gov.id },
    })
    const sub = await prisma.agency.create({
      data: { code: testAgencyCode(), name: agencyName(), type: 'department', parentId: dept.id },
    })
    expect((await agencyTree([gov.id])).map((x) => x.id).sort()).toEqual([gov.id, dept.id, sub.id].sort())
  })
  it('walks from several roots at once, and from none', async () => {
    const a = await prisma.agency.create({ data: { code: testAgencyCode(), name: agencyName(), type: 'government' } })
    const b = await prisma.agency.create({ data: { code: testAgencyCode(), name: agencyName(), type: 'government' } })
    const under = await prisma.agency.create({
      data: { code: testAgencyCode(), name: agencyName(), type: 'department', parentId: b.id },
    })
    const tree = await agencyTree([a.id, b.id])
    expect(tree.map((x) => x.id).sort()).toEqual([a.id, b.id, under.id].sort())
    expect(tree.find((x) => x.id === under.id)).toEqual({
      id: under.id,
      name: under.name,
      type: 'department',
      level: null,
    })
    expect(await agencyTree([])).toEqual([])
  })
})
