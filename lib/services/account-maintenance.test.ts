import { beforeAll, describe, expect, it } from 'vitest'
import { auth } from '@/lib/auth/auth'
import { can } from '@/lib/auth/permissions'
import { quickSession } from '@/lib/auth/session'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { refused } from '@/test/services'
import { searchUsers, setUserActive, updateAgency, updateUserAccess } from './account-maintenance'
import { type AdminBy, createAgency, createUser, loadActor, resetPassword } from './accounts'

const PASSWORD = 'maintenance-harbor-lantern-7'
let n = 0
const stamp = () => `${Date.now() % 1000000}${++n}`

const agency = (type: 'government' | 'department', parentId: string | null = null, prefix = '维护测试') =>
  createAgency({
    code: testAgencyCode('mnt'),
    name: `${prefix}${type === 'government' ? '区人民政府' : '局'}${stamp()}`,
    type,
    parentId,
  })

const user = (
  memberships: { agencyId: string; role: 'officer' | 'reviewer' | 'coordinator' }[] = [],
  isAdmin = false,
) => createUser({ email: `mnt${stamp()}@t.demo`, name: `维护${n}`, password: PASSWORD, isAdmin, memberships })

const lastAudit = (action: string) => prisma.auditEvent.findFirst({ where: { action }, orderBy: { at: 'desc' } })

/** Signs in through better-auth as the sign-in page does: the Cookie header, or the refusal. */
async function signIn(email: string, password = PASSWORD) {
  const res = await auth.api.signInEmail({
    body: { email, password },
    headers: new Headers({ host: '127.0.0.1:3000', 'x-nianbao-client-ip': `10.7.${n % 250}.${Date.now() % 250}` }),
    asResponse: true,
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { status: res.status, cookie, body: res.status === 200 ? null : await res.json() }
}

let admin: AdminBy
beforeAll(async () => {
  const a = await user([], true)
  admin = { actor: { id: a.id, name: a.name }, address: '10.0.0.1' }
})

describe('memberships', () => {
  it('replaces the set of roles, across several agencies, audited with the names', async () => {
    const g = await agency('government')
    const d1 = await agency('department', g.id)
    const d2 = await agency('department', g.id)
    const u = await user([{ agencyId: d1.id, role: 'officer' }])
    const updated = await updateUserAccess(
      u.id,
      {
        isAdmin: false,
        memberships: [
          { agencyId: d2.id, role: 'officer' },
          { agencyId: d2.id, role: 'reviewer' },
          { agencyId: g.id, role: 'coordinator' },
        ],
      },
      admin,
    )
    expect(updated.memberships.map((m) => `${m.role}@${m.agencyName}`).sort()).toEqual(
      [`coordinator@${g.name}`, `officer@${d2.name}`, `reviewer@${d2.name}`].sort(),
    )
    const actor = (await loadActor(u.id))!
    expect(can(actor, 'report.edit', d1.id)).toBe(false)
    expect(can(actor, 'report.edit', d2.id)).toBe(true)
    const event = await lastAudit('admin.user.access')
    expect(event).toMatchObject({ subject: u.email, actorName: admin.actor.name })
    expect(event?.detail).toContain(`删除：填报人（${d1.name}）`)
    expect(event?.detail).toContain(`增加：政务公开办（${g.name}）`)
  })

  it('refuses a coordinator on a department and an unknown agency, keyed by the row, and changes nothing', async () => {
    const d = await agency('department')
    const u = await user([{ agencyId: d.id, role: 'officer' }])
    const e = await refused(
      updateUserAccess(u.id, { isAdmin: false, memberships: [{ agencyId: d.id, role: 'coordinator' }] }, admin),
    )
    expect(e.fields).toEqual({ 'memberships.0.role': '政务公开办的角色只能设在人民政府上' })
    const unknown = await refused(
      updateUserAccess(u.id, { isAdmin: false, memberships: [{ agencyId: 'no-such', role: 'officer' }] }, admin),
    )
    expect(unknown.fields?.['memberships.0.agencyId']).toMatch(/机关不存在/)
    const twice = await refused(
      updateUserAccess(
        u.id,
        {
          isAdmin: false,
          memberships: [
            { agencyId: d.id, role: 'officer' },
            { agencyId: d.id, role: 'officer' },
          ],
        },
        admin,
      ),
    )
    expect(twice.fields?.['memberships.1.role']).toMatch(/重复/)
    expect((await prisma.membership.findMany({ where: { userId: u.id } })).map((m) => m.role)).toEqual(['officer'])
  })

  it('the last administrator cannot take away their own administrator role', async () => {
    // Make every other administrator of this database an ordinary user, then try.
    const others = await prisma.user.findMany({ where: { isAdmin: true, id: { not: admin.actor.id } } })
    await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { isAdmin: false } })
    try {
      const e = await refused(updateUserAccess(admin.actor.id, { isAdmin: false, memberships: [] }, admin))
      expect(e.status).toBe(422)
      expect(e.fields?.isAdmin).toMatch(/唯一的系统管理员/)
      expect((await prisma.user.findUnique({ where: { id: admin.actor.id } }))?.isAdmin).toBe(true)
      // With a second administrator it may.
      const second = await user([], true)
      await updateUserAccess(admin.actor.id, { isAdmin: false, memberships: [] }, admin)
      expect((await loadActor(admin.actor.id))?.isAdmin).toBe(false)
      await updateUserAccess(admin.actor.id, { isAdmin: true, memberships: [] }, admin)
      await prisma.user.delete({ where: { id: second.id } })
    } finally {
      await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { isAdmin: true } })
    }
  })

  it('an unknown user is 404', async () => {
    expect((await refused(updateUserAccess('nobody', { isAdmin: false, memberships: [] }, admin))).status).toBe(404)
  })
})

describe('deactivation', () => {
  it('ends the sessions at once, refuses sign-in with the reason, and reactivation lets the user in again', async () => {
    const d = await agency('department')
    const u = await user([{ agencyId: d.id, role: 'officer' }])
    const first = await signIn(u.email)
    expect(first.status).toBe(200)
    expect(await quickSession(first.cookie)).toMatchObject({ id: u.id })

    const off = await setUserActive(u.id, { active: false }, admin)
    expect(off.active).toBe(false)
    expect(await prisma.session.count({ where: { userId: u.id } })).toBe(0)
    expect(await quickSession(first.cookie)).not.toMatchObject({ id: u.id })
    expect(await loadActor(u.id)).toBeNull()
    expect((await lastAudit('admin.user.deactivate'))?.detail).toBe('已退出该用户的1个登录')

    const refusedSignIn = await signIn(u.email)
    expect(refusedSignIn.status).toBe(403)
    expect(refusedSignIn.body).toMatchObject({ code: 'ACCOUNT_DEACTIVATED', message: expect.stringMatching(/已停用/) })
    expect(await prisma.session.count({ where: { userId: u.id } })).toBe(0)
    expect(await lastAudit('sign-in')).toMatchObject({
      subject: u.email,
      outcome: 'refused',
      detail: expect.stringMatching(/已停用/),
    })
    // A wrong password is still only a wrong password: nothing about the account is told.
    expect((await signIn(u.email, 'not-the-password-at-all')).status).toBe(401)

    const on = await setUserActive(u.id, { active: true }, admin)
    expect(on.active).toBe(true)
    expect((await signIn(u.email)).status).toBe(200)
    expect(await lastAudit('admin.user.reactivate')).toMatchObject({ subject: u.email })
  })

  it('a session row that survived the deactivation (a race) is not honoured', async () => {
    const u = await user()
    const { cookie } = await signIn(u.email)
    await prisma.user.update({ where: { id: u.id }, data: { deactivatedAt: new Date() } })
    expect(await quickSession(cookie)).toBe('none')
    expect(await prisma.session.count({ where: { userId: u.id } })).toBe(0)
  })

  it('refuses deactivating oneself and the last administrator', async () => {
    expect((await refused(setUserActive(admin.actor.id, { active: false }, admin))).fields?.active).toBe(
      '不能停用自己的账号',
    )
    const others = await prisma.user.findMany({ where: { isAdmin: true, id: { not: admin.actor.id } } })
    await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { isAdmin: false } })
    try {
      const other = await user()
      const e = await refused(
        setUserActive(admin.actor.id, { active: false }, { ...admin, actor: { id: other.id, name: '他人' } }),
      )
      expect(e.fields?.active).toMatch(/唯一的系统管理员/)
    } finally {
      await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { isAdmin: true } })
    }
    expect((await refused(setUserActive(admin.actor.id, { active: 'no' }, admin))).status).toBe(422)
  })
})

describe('agencies: rename and move', () => {
  it('renames, keeping the code, and audits old and new name', async () => {
    const d = await agency('department')
    const name = `改名后的局${stamp()}`
    const renamed = await updateAgency(d.id, { name }, admin)
    expect(renamed).toMatchObject({ id: d.id, code: d.code, name })
    expect((await lastAudit('admin.agency.update'))?.detail).toBe(`名称由“${d.name}”改为“${name}”`)
  })

  it('refuses a name another agency has, an empty change, and a bad name, keyed by field', async () => {
    const a = await agency('department')
    const b = await agency('department')
    const taken = await refused(updateAgency(b.id, { name: a.name }, admin))
    expect([taken.status, taken.fields]).toEqual([409, { name: '名称已被使用' }])
    expect((await refused(updateAgency(b.id, {}, admin))).fields?.name).toMatch(/请填写新名称或选择新的上级机关/)
    expect((await refused(updateAgency(b.id, { name: '局' }, admin))).fields?.name).toMatch(/至少2个字/)
    expect((await refused(updateAgency('no-such', { name: '无此机关局' }, admin))).status).toBe(404)
  })

  it('moves under another parent: the coordinator of the old government loses it, the new one gains it', async () => {
    const g1 = await agency('government')
    const g2 = await agency('government')
    const d = await agency('department', g1.id)
    const c1 = await user([{ agencyId: g1.id, role: 'coordinator' }])
    const c2 = await user([{ agencyId: g2.id, role: 'coordinator' }])
    expect(can((await loadActor(c1.id))!, 'report.read', d.id)).toBe(true)
    expect(can((await loadActor(c2.id))!, 'report.read', d.id)).toBe(false)
    const moved = await updateAgency(d.id, { parentId: g2.id }, admin)
    expect(moved.parentId).toBe(g2.id)
    expect(can((await loadActor(c1.id))!, 'report.read', d.id)).toBe(false)
    expect(can((await loadActor(c2.id))!, 'report.read', d.id)).toBe(true)
    expect((await lastAudit('admin.agency.update'))?.detail).toBe(`上级机关改为${g2.name}`)
  })

  it('refuses itself, a loop, a government under its own department, and an unknown parent', async () => {
    const g = await agency('government')
    const d = await agency('department', g.id)
    const sub = await agency('department', d.id)
    expect((await refused(updateAgency(d.id, { parentId: d.id }, admin))).fields?.parentId).toBe(
      '机关不能做自己的上级机关',
    )
    expect((await refused(updateAgency(d.id, { parentId: sub.id }, admin))).fields?.parentId).toMatch(/下级机关/)
    const own = await refused(updateAgency(g.id, { parentId: sub.id }, admin))
    expect(own.fields?.parentId).toMatch(/人民政府不能移到自己的下属机关之下/)
    expect((await refused(updateAgency(g.id, { parentId: 'no-such' }, admin))).fields?.parentId).toMatch(/不存在/)
    expect((await prisma.agency.findUnique({ where: { id: g.id } }))?.parentId).toBeNull()
  })
})

describe('forced password change', () => {
  it('is set when an administrator creates a user or resets the password, not by scripts, and cleared by the change', async () => {
    const byAdmin = await createUser({ email: `mnt${stamp()}@t.demo`, name: '新人', password: PASSWORD }, admin)
    expect(byAdmin.mustChangePassword).toBe(true)
    expect((await loadActor(byAdmin.id))?.mustChangePassword).toBe(true)
    const optedOut = await createUser(
      { email: `mnt${stamp()}@t.demo`, name: '新人', password: PASSWORD, mustChangePassword: false },
      admin,
    )
    expect(optedOut.mustChangePassword).toBe(false)
    const scripted = await user()
    expect(scripted.mustChangePassword).toBe(false)

    await resetPassword(scripted.id, 'reset-harbor-lantern-9', admin)
    expect((await loadActor(scripted.id))?.mustChangePassword).toBe(true)
    expect((await lastAudit('admin.password.reset'))?.detail).toMatch(/登录后须修改密码/)

    const { cookie } = await signIn(scripted.email, 'reset-harbor-lantern-9')
    const res = await auth.api.changePassword({
      body: { currentPassword: 'reset-harbor-lantern-9', newPassword: 'own-choice-harbor-lantern-3' },
      headers: new Headers({ host: '127.0.0.1:3000', cookie }),
      asResponse: true,
    })
    expect(res.status).toBe(200)
    expect((await loadActor(scripted.id))?.mustChangePassword).toBe(false)
    expect(await lastAudit('password.change')).toMatchObject({ subject: scripted.email, outcome: 'success' })
  })
})

describe('user search', () => {
  it('finds by name, account and agency name, one page at a time', async () => {
    const d = await agency('department', null, '检索专用')
    const tag = `srch${stamp()}`
    for (let i = 0; i < 23; i++) {
      await createUser({
        email: `${tag}-${String(i).padStart(2, '0')}@t.demo`,
        name: i === 0 ? '欧阳检索' : `用户${i}`,
        password: PASSWORD,
        memberships: i < 3 ? [{ agencyId: d.id, role: 'officer' }] : [],
      })
    }
    const page1 = await searchUsers({ q: tag })
    expect([page1.total, page1.users.length, page1.page]).toEqual([23, 20, 1])
    const page2 = await searchUsers({ q: tag, page: '2' })
    expect(page2.users.map((u) => u.email)).toEqual([`${tag}-20@t.demo`, `${tag}-21@t.demo`, `${tag}-22@t.demo`])
    expect((await searchUsers({ q: '欧阳检索' })).users.map((u) => u.email)).toEqual([`${tag}-00@t.demo`])
    expect((await searchUsers({ q: d.name })).total).toBe(3)
    expect((await searchUsers({ q: tag.toUpperCase() })).total).toBe(23)
    expect((await refused(searchUsers({ page: '0' }))).fields?.page).toBe('页码从1开始')
  })
})
