import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { fixture } from '@/test/fixtures'
import { refused } from '@/test/services'
import { createSelection, deleteSelection, listSelections, savedSelections, updateSelection } from './agency-selections'
import { createReport } from './report-create'
import { readRollup, rollupFor } from './rollup'

const YEAR = 2025
const TOTAL = 'applications.newReceived.total'
const ids: Record<string, string> = {}
let coordinator: Actor
let otherCoordinator: Actor

async function agency(key: string, name: string, type: 'government' | 'department', parentId: string | null) {
  const row = await prisma.agency.create({
    data: { code: testAgencyCode('sel'), name: `${name}${Date.now() % 100000}`, type, parentId },
  })
  ids[key] = row.id
  return row
}

async function approved(agencyId: string, total: number) {
  const r = await createReport({ formatVersion: '2021', year: YEAR, agencyId })
  const report = structuredClone(fixture('zhangdian-gov-2021').report) as any
  report.sections.applications.newReceived.total = total
  const content = JSON.stringify(report)
  await prisma.report.update({ where: { id: r.id }, data: { content, status: 'approved' } })
  await prisma.reportVersion.create({
    data: { reportId: r.id, number: 1, content, contentVersion: 1, approvedAt: new Date(), approvedById: 'x' },
  })
}

const coordinatorOf = (id: string, governmentId: string, subtree: string[]): Actor => ({
  id,
  name: `统筹${id}`,
  email: `${id}@test.demo`,
  isAdmin: false,
  memberships: [{ agencyId: governmentId, agencyName: '', role: 'coordinator', subtree }],
})

beforeAll(async () => {
  const gov = await agency('gov', '范围区人民政府', 'government', null)
  await agency('townA', '范围甲镇人民政府', 'government', gov.id)
  await agency('townB', '范围乙街道办事处', 'government', gov.id)
  await agency('dept', '范围财政局', 'department', gov.id)
  const other = await agency('other', '别的区人民政府', 'government', null)
  await approved(ids.townA, 10)
  await approved(ids.townB, 4)
  await approved(ids.dept, 100)
  coordinator = coordinatorOf('u-sel-coord', gov.id, [ids.gov, ids.townA, ids.townB, ids.dept])
  otherCoordinator = coordinatorOf('u-sel-other', other.id, [other.id])
})

describe('saved selections', () => {
  it('are saved, listed, rolled up, renamed, changed and deleted by the coordinator, each change audited', async () => {
    const towns = await createSelection(coordinator, ids.gov, { name: ' 乡镇街道 ', agencyIds: [ids.townA, ids.townB] })
    expect(towns).toMatchObject({ name: '乡镇街道', gone: [] })
    expect(towns.agencies.map((a) => a.id).sort()).toEqual([ids.townA, ids.townB].sort())
    const { selections, agencies } = await listSelections(coordinator, ids.gov)
    expect(selections.map((s) => s.name)).toEqual(['乡镇街道'])
    expect(agencies[0].id).toBe(ids.gov)
    expect(agencies.map((a) => a.id).sort()).toEqual([ids.gov, ids.townA, ids.townB, ids.dept].sort())

    const run = await rollupFor(coordinator, ids.gov, { year: YEAR, selectionId: towns.id })
    expect(run.selection).toEqual({ id: towns.id, name: '乡镇街道' })
    expect(run.result.totals[TOTAL]).toBe(14)
    expect(run.result.agencies.map((a) => a.agencyId).sort()).toEqual([ids.townA, ids.townB].sort())
    expect((await readRollup(coordinator, run.id)).selection?.name).toBe('乡镇街道')

    const changed = await updateSelection(coordinator, ids.gov, towns.id, {
      name: '乡镇和财政',
      agencyIds: [ids.townA, ids.dept],
    })
    expect(changed.name).toBe('乡镇和财政')
    expect((await rollupFor(coordinator, ids.gov, { year: YEAR, selectionId: towns.id })).result.totals[TOTAL]).toBe(
      110,
    )

    await deleteSelection(coordinator, ids.gov, towns.id)
    expect(await savedSelections(coordinator, ids.gov)).toEqual([])
    expect((await refused(rollupFor(coordinator, ids.gov, { year: YEAR, selectionId: towns.id }))).status).toBe(404)

    const audit = await prisma.auditEvent.findMany({
      where: { action: { startsWith: 'selection.' }, actorId: coordinator.id },
      orderBy: { at: 'asc' },
    })
    expect(audit.map((e) => e.action)).toEqual(['selection.create', 'selection.update', 'selection.delete'])
    expect(audit[1].detail).toBe('乡镇街道（2个机关） → 乡镇和财政（2个机关）')
  })

  it('refuses a duplicate name, an empty name or list, and an agency outside the government', async () => {
    const first = await createSelection(coordinator, ids.gov, { name: '区直部门', agencyIds: [ids.dept] })
    const duplicate = await refused(createSelection(coordinator, ids.gov, { name: '区直部门', agencyIds: [ids.townA] }))
    expect(duplicate.status).toBe(409)
    expect(duplicate.message).toContain('已有名为“区直部门”的汇总范围')
    expect((await refused(createSelection(coordinator, ids.gov, { name: '  ', agencyIds: [ids.dept] }))).status).toBe(
      422,
    )
    expect((await refused(createSelection(coordinator, ids.gov, { name: '空', agencyIds: [] }))).status).toBe(422)
    const outside = await refused(createSelection(coordinator, ids.gov, { name: '越界', agencyIds: [ids.other] }))
    expect(outside).toMatchObject({ status: 422, message: '所选机关不在本级政府之下' })
    // Another government's coordinator sees nothing of it and cannot change it.
    expect((await refused(listSelections(otherCoordinator, ids.gov))).status).toBe(403)
    expect(
      (await refused(updateSelection(otherCoordinator, ids.other, first.id, { name: 'x', agencyIds: [ids.other] })))
        .status,
    ).toBe(404)
    expect((await refused(deleteSelection(otherCoordinator, ids.other, first.id))).status).toBe(404)
    expect(await savedSelections(otherCoordinator, ids.gov)).toEqual([])
    await deleteSelection(coordinator, ids.gov, first.id)
  })

  it('names a member that has moved away from the government and sums the rest', async () => {
    const moved = await agency('moved', '范围迁出局', 'department', ids.gov)
    await approved(moved.id, 1000)
    const selection = await createSelection(coordinator, ids.gov, { name: '含迁出', agencyIds: [ids.townA, moved.id] })
    await prisma.agency.update({ where: { id: moved.id }, data: { parentId: ids.other } })
    const [listed] = await savedSelections(coordinator, ids.gov)
    expect(listed.gone).toEqual([{ id: moved.id, name: moved.name }])
    const run = await rollupFor(coordinator, ids.gov, { year: YEAR, selectionId: selection.id })
    expect(run.result.totals[TOTAL]).toBe(10)
    expect(run.result.excluded).toEqual([
      { agencyId: moved.id, agencyName: moved.name, reason: expect.stringContaining('已不在本级政府之下') },
    ])
  })
})
