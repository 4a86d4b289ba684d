import { verifyPassword } from 'better-auth/crypto'
import { describe, expect, it } from 'vitest'
import { can } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { rawFixture } from '@/test/fixtures'
import { refused } from '@/test/services'
import { createAgency, createUser, loadActor, resetPassword } from './accounts'
import { createReport } from './report-create'
import { importReport } from './report-import'
import { saveReport } from './report-save'

const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`

async function tree() {
  const gov = await createAgency({ name: unique('区政府'), type: 'government', level: 'county' })
  const dept = await createAgency({ name: unique('区教育局'), type: 'department', parentId: gov.id })
  const town = await createAgency({ name: unique('镇'), type: 'department', parentId: dept.id })
  const other = await createAgency({ name: unique('另一区政府'), type: 'government' })
  return { gov, dept, town, other }
}

describe('accounts', () => {
  it('stores a scrypt hash, never the password, and the memberships', async () => {
    const { dept } = await tree()
    const user = await createUser({
      email: `${unique('u')}@Test.Demo`,
      name: '张三',
      password: 'correct horse',
      memberships: [{ agencyId: dept.id, role: 'officer' }],
    })
    expect(user.email).toMatch(/@test\.demo$/)
    expect(user.memberships).toEqual([{ agencyId: dept.id, agencyName: dept.name, role: 'officer' }])
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id } })
    expect(account.providerId).toBe('credential')
    expect(account.password).not.toContain('correct horse')
    expect(await verifyPassword({ hash: account.password as string, password: 'correct horse' })).toBe(true)
  })

  it('refuses duplicates, short passwords and coordinators of a department', async () => {
    const { dept } = await tree()
    const email = `${unique('d')}@test.demo`
    await createUser({ email, name: '甲', password: '12345678' })
    expect((await refused(createUser({ email, name: '乙', password: '12345678' }))).code).toBe('duplicate')
    expect((await refused(createUser({ email: 'x@y.z', name: '丙', password: 'short' }))).status).toBe(422)
    const e = await refused(
      createUser({
        email: `${unique('c')}@t.demo`,
        name: '丁',
        password: '12345678',
        memberships: [{ agencyId: dept.id, role: 'coordinator' }],
      }),
    )
    expect(e.message).toContain('人民政府')
  })

  it('gives a coordinator every agency under its government, down the whole tree', async () => {
    const { gov, dept, town, other } = await tree()
    const user = await createUser({
      email: `${unique('co')}@t.demo`,
      name: '公开办',
      password: '12345678',
      memberships: [{ agencyId: gov.id, role: 'coordinator' }],
    })
    const actor = await loadActor(user.id)
    expect(actor?.memberships[0].subtree.slice().sort()).toEqual([gov.id, dept.id, town.id].sort())
    expect(can(actor, 'report.read', town.id)).toBe(true)
    expect(can(actor, 'report.read', other.id)).toBe(false)
  })

  it('resets a password and ends the sessions', async () => {
    const user = await createUser({ email: `${unique('r')}@t.demo`, name: '戊', password: 'old-password' })
    await prisma.session.create({
      data: { id: unique('s'), token: unique('t'), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    })
    await resetPassword(user.id, 'new-password')
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id } })
    expect(await verifyPassword({ hash: account.password as string, password: 'new-password' })).toBe(true)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect((await refused(resetPassword(user.id, '1'))).status).toBe(422)
  })
})

describe('reports with accounts', () => {
  it('creates into the agency by id and records the actor on every event', async () => {
    const { dept } = await tree()
    const user = await createUser({ email: `${unique('o')}@t.demo`, name: '己', password: '12345678' })
    const stored = await createReport({ formatVersion: '2021', year: 2023, agencyId: dept.id }, user.id)
    expect(stored.report.agency).toMatchObject({ name: dept.name, type: 'department' })
    const next = structuredClone(stored.report)
    next.sections.overview = '本年度……'
    await saveReport(stored.id, stored.version, next, user.id)
    const events = await prisma.reportEvent.findMany({ where: { reportId: stored.id } })
    expect(events.map((e) => e.actor)).toEqual([user.id, user.id])
  })

  it("imports into the officer's agency, not the one the file names, and says so", async () => {
    const { dept } = await tree()
    const { report, notices } = await importReport(JSON.stringify(rawFixture('zhangdian-office-2022')), {
      agencyId: dept.id,
      actor: 'someone',
    })
    expect(report.report.agency.name).toBe(dept.name)
    expect(notices[0]).toContain('张店区人民政府办公室')
    expect(notices[0]).toContain(dept.name)
    const row = await prisma.report.findUniqueOrThrow({ where: { id: report.id } })
    expect(row.agencyId).toBe(dept.id)
  })
})
