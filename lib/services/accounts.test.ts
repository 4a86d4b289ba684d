import { verifyPassword } from 'better-auth/crypto'
import { describe, expect, it } from 'vitest'
import { can } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { rawFixture } from '@/test/fixtures'
import { refused } from '@/test/services'
import { testAgencyCode } from '@/test/agency-code'
import { createAgency, createUser, ensureAgency, listAgencies, loadActor, resetPassword } from './accounts'
import { createReport } from './report-create'
import { importReport } from './report-import'
import { saveReport } from './report-save'

const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`

async function tree() {
  const gov = await createAgency({
    code: testAgencyCode('gov'),
    name: unique('区政府'),
    type: 'government',
    level: 'county',
  })
  const dept = await createAgency({
    code: testAgencyCode('edu'),
    name: unique('区教育局'),
    type: 'department',
    parentId: gov.id,
  })
  const town = await createAgency({
    code: testAgencyCode('town'),
    name: unique('镇'),
    type: 'department',
    parentId: dept.id,
  })
  const other = await createAgency({ code: testAgencyCode('gov'), name: unique('另一区政府'), type: 'government' })
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
    await createUser({ email, name: '甲', password: 'amber-lantern-4417' })
    expect((await refused(createUser({ email, name: '乙', password: 'amber-lantern-4417' }))).code).toBe('duplicate')
    expect((await refused(createUser({ email: 'x@y.z', name: '丙', password: 'short' }))).status).toBe(422)
    const e = await refused(
      createUser({
        email: `${unique('c')}@t.demo`,
        name: '丁',
        password: 'amber-lantern-4417',
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
      password: 'amber-lantern-4417',
      memberships: [{ agencyId: gov.id, role: 'coordinator' }],
    })
    const actor = await loadActor(user.id)
    expect(actor?.memberships[0].subtree.slice().sort()).toEqual([gov.id, dept.id, town.id].sort())
    expect(can(actor, 'report.read', town.id)).toBe(true)
    expect(can(actor, 'report.read', other.id)).toBe(false)
  })

  it('resets a password and ends the sessions', async () => {
    const user = await createUser({ email: `${unique('r')}@t.demo`, name: '戊', password: 'old-harbor-lantern-1' })
    await prisma.session.create({
      data: { id: unique('s'), token: unique('t'), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    })
    await resetPassword(user.id, 'new-harbor-lantern-2')
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id } })
    expect(await verifyPassword({ hash: account.password as string, password: 'new-harbor-lantern-2' })).toBe(true)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect((await refused(resetPassword(user.id, '1'))).status).toBe(422)
  })

  it('refuses weak passwords for new users and in resets, in Chinese at the field, and audits the reset', async () => {
    const email = `${unique('w')}@t.demo`
    for (const password of ['        ', '12345678', email, '123456789012', 'password1234']) {
      const e = await refused(createUser({ email, name: '庚', password }))
      expect(e.status, password).toBe(422)
      expect(e.fields?.password, password).toMatch(/[\u4e00-\u9fff]/)
    }
    const user = await createUser({ email, name: '庚', password: 'old-harbor-lantern-1' })
    const local = email.split('@')[0]
    const e = await refused(resetPassword(user.id, `${local}-2026-river`))
    expect(e.fields?.password).toBe('密码不能包含账号名或姓名')
    expect((await refused(resetPassword(user.id, 'qwertyuiopas'))).fields?.password).toMatch(/过于常见/)
    await resetPassword(user.id, 'new-harbor-lantern-2', {
      actor: { id: 'admin-id', name: '管理员甲' },
      address: '10.1.2.3',
    })
    const [event] = await prisma.auditEvent.findMany({ where: { subject: email }, orderBy: { at: 'desc' } })
    expect(event).toMatchObject({
      action: 'admin.password.reset',
      outcome: 'success',
      actorName: '管理员甲',
      address: '10.1.2.3',
    })
  })
})

describe('agency codes', () => {
  const department = (code: unknown, name = unique('代码测试局')) => ({ code, name, type: 'department' })

  it('stores a valid code, trimmed, and lists it', async () => {
    const code = testAgencyCode('edu')
    const agency = await createAgency(department(`  ${code} `))
    expect(agency.code).toBe(code)
    expect((await listAgencies()).find((a) => a.id === agency.id)).toMatchObject({ code, predecessorId: null })
  })

  it.each([
    [undefined, '请填写机关代码'],
    ['', '机关代码至少2个字符'],
    ['a', '机关代码至少2个字符'],
    ['a'.repeat(65), '机关代码不超过64个字符'],
    ['Zhangdian', '英文小写字母、数字和连字符'],
    ['张店', '英文小写字母、数字和连字符'],
    ['zhang dian', '英文小写字母、数字和连字符'],
    ['zhang_dian', '英文小写字母、数字和连字符'],
    ['-zhangdian', '连字符不能在开头、结尾或连用'],
    ['zhangdian-', '连字符不能在开头、结尾或连用'],
    ['zhang--dian', '连字符不能在开头、结尾或连用'],
    [42, '请填写机关代码'],
  ])('refuses the code %j with a message at the field', async (code, message) => {
    const e = await refused(createAgency(department(code)))
    expect(e.status).toBe(422)
    expect(e.fields?.code).toContain(message)
  })

  it('accepts digits anywhere (行政区划代码) and the longest code', async () => {
    const stamp = Date.now().toString(36)
    for (const code of [`370303-${stamp}`, `${stamp}${'x'.repeat(64 - stamp.length)}`]) {
      expect((await createAgency(department(code))).code).toBe(code)
    }
  })

  it('refuses a code in use, whatever the name: 代码已存在', async () => {
    const code = testAgencyCode('dup')
    const first = await createAgency(department(code))
    const e = await refused(createAgency(department(code)))
    expect(e.status).toBe(409)
    expect(e.code).toBe('duplicate')
    expect(e.fields).toEqual({ code: '代码已存在' })
    expect(e.message).toContain(code)
    // A name in use with a new code is the name's fault.
    const named = await refused(createAgency(department(testAgencyCode('dup'), first.name)))
    expect(named.fields).toEqual({ name: '名称已被使用' })
    expect(named.message).toBe(`机关名称“${first.name}”已被使用，请换一个名称`)
    expect(await prisma.agency.count({ where: { code } })).toBe(1)
  })

  it('never changes a code: ensureAgency keeps the stored one', async () => {
    const code = testAgencyCode('keep')
    const made = await createAgency({ ...department(code), type: 'government' })
    const again = await ensureAgency({ code: testAgencyCode('other'), name: made.name, type: 'government' })
    expect(again).toMatchObject({ id: made.id, code })
    expect((await prisma.agency.findUniqueOrThrow({ where: { id: made.id } })).code).toBe(code)
  })

  it('names a predecessor (机构改革), which must exist', async () => {
    const old = await createAgency(department(testAgencyCode('old')))
    const successor = await createAgency({ ...department(testAgencyCode('new')), predecessorId: old.id })
    expect(successor.predecessorId).toBe(old.id)
    const e = await refused(createAgency({ ...department(testAgencyCode('new')), predecessorId: 'no-such-agency' }))
    expect(e.status).toBe(422)
    expect(e.fields).toEqual({ predecessorId: '前身机关不存在' })
  })
})

describe('reports with accounts', () => {
  it('creates into the agency by id and records the actor on every event', async () => {
    const { dept } = await tree()
    const user = await createUser({ email: `${unique('o')}@t.demo`, name: '己', password: 'amber-lantern-4417' })
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
    expect(report.report.agency.code).toBe(dept.code)
    expect(notices[0]).toContain('张店区人民政府办公室')
    expect(notices[0]).toContain(dept.name)
    const row = await prisma.report.findUniqueOrThrow({ where: { id: report.id } })
    expect(row.agencyId).toBe(dept.id)
  })
})
