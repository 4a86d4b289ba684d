import { describe, expect, it } from 'vitest'
import {
  ACTIONS,
  type Action,
  type Actor,
  agenciesFor,
  can,
  canGlobally,
  type MemberRole,
  officerAgencies,
  PERMISSIONS,
  reportTarget,
  rolesOn,
} from './permissions'

// 张店区人民政府 (gov) ⟶ 办公室 (office), 机关事务服务中心 (jgsw); 淄川区人民政府 (zichuan) ⟶ 淄川教育局 (zcEdu)
const ZHANGDIAN_TREE = ['gov', 'office', 'jgsw']

function actor(role: MemberRole | 'admin', agencyId = 'office'): Actor {
  if (role === 'admin') return { id: 'a', name: '管理员', email: 'a@x', isAdmin: true, memberships: [] }
  return {
    id: role,
    name: role,
    email: `${role}@x`,
    isAdmin: false,
    memberships: [
      {
        agencyId,
        agencyName: agencyId,
        role,
        subtree: role === 'coordinator' ? (agencyId === 'gov' ? ZHANGDIAN_TREE : [agencyId]) : [agencyId],
      },
    ],
  }
}

const officer = actor('officer')
const reviewer = actor('reviewer')
const coordinator = actor('coordinator', 'gov')
const admin = actor('admin')

describe('the permission table', () => {
  it('lets an officer write only their own agency', () => {
    for (const action of ['report.read', 'report.edit', 'report.create', 'report.import'] as Action[]) {
      expect(can(officer, action, 'office')).toBe(true)
      expect(can(officer, action, 'jgsw')).toBe(false)
      expect(can(officer, action, 'gov')).toBe(false)
      expect(can(officer, action, 'zichuan')).toBe(false)
    }
    expect(can(officer, 'agency.manage', 'office')).toBe(false)
    expect(can(officer, 'user.manage', 'office')).toBe(false)
  })

  it('lets a reviewer read and export their own agency, never write', () => {
    expect(can(reviewer, 'report.read', 'office')).toBe(true)
    expect(can(reviewer, 'report.export', 'office')).toBe(true)
    for (const action of ['report.edit', 'report.create', 'report.import'] as Action[]) {
      expect(can(reviewer, action, 'office')).toBe(false)
    }
    expect(can(reviewer, 'report.read', 'jgsw')).toBe(false)
  })

  it('lets a coordinator read every agency under its government, and nothing outside it', () => {
    for (const id of ZHANGDIAN_TREE) {
      expect(can(coordinator, 'report.read', id)).toBe(true)
      expect(can(coordinator, 'report.export', id)).toBe(true)
      expect(can(coordinator, 'report.edit', id)).toBe(false)
    }
    expect(can(coordinator, 'report.read', 'zichuan')).toBe(false)
    expect(can(coordinator, 'report.read', 'zcEdu')).toBe(false)
  })

  it('lets an administrator read everything and manage accounts, but not write reports', () => {
    expect(can(admin, 'report.read', 'zichuan')).toBe(true)
    expect(canGlobally(admin, 'user.manage')).toBe(true)
    expect(canGlobally(admin, 'agency.manage')).toBe(true)
    expect(can(admin, 'report.edit', 'office')).toBe(false)
    expect(canGlobally(officer, 'user.manage')).toBe(false)
    expect(agenciesFor(admin, 'report.read')).toBe('all')
  })

  it('refuses the signed-out and agency-less requests', () => {
    for (const action of ACTIONS) {
      expect(can(null, action, 'office')).toBe(false)
      expect(can(officer, action, null)).toBe(false)
    }
    expect(agenciesFor(null, 'report.read')).toEqual([])
  })

  it('lists readable agencies by scope', () => {
    expect(agenciesFor(officer, 'report.read')).toEqual(['office'])
    expect(agenciesFor(reviewer, 'report.edit')).toEqual([])
    expect(agenciesFor(coordinator, 'report.read')).toEqual(ZHANGDIAN_TREE)
  })

  it("gives the workflow the user's roles for an agency", () => {
    expect(rolesOn(officer, 'office')).toEqual(['officer'])
    expect(rolesOn(officer, 'jgsw')).toEqual([])
    expect(rolesOn(coordinator, 'jgsw')).toEqual(['coordinator'])
    expect(rolesOn(coordinator, 'zichuan')).toEqual([])
    expect(rolesOn(admin, 'office')).toEqual(['admin'])
    const both: Actor = { ...officer, memberships: [...officer.memberships, ...reviewer.memberships] }
    expect(rolesOn(both, 'office')).toEqual(['officer', 'reviewer'])
  })

  it('sends new and imported reports only to an agency where the user is an officer', () => {
    expect(reportTarget(officer, null)).toEqual({ agencyId: 'office' })
    expect(reportTarget(officer, 'office')).toEqual({ agencyId: 'office' })
    expect(reportTarget(officer, 'jgsw')).toHaveProperty('refusal')
    expect(reportTarget(reviewer, null)).toHaveProperty('refusal')
    expect(reportTarget(admin, 'office')).toHaveProperty('refusal')
    const two: Actor = { ...officer, memberships: [...officer.memberships, ...actor('officer', 'jgsw').memberships] }
    expect(reportTarget(two, null)).toHaveProperty('refusal')
    expect(reportTarget(two, 'jgsw')).toEqual({ agencyId: 'jgsw' })
    expect(officerAgencies(two).map((a) => a.id)).toEqual(['office', 'jgsw'])
  })

  it('names only known actions and scopes', () => {
    for (const grants of Object.values(PERMISSIONS)) {
      for (const [action, scope] of Object.entries(grants)) {
        expect(ACTIONS).toContain(action)
        expect(['agency', 'subtree', 'all']).toContain(scope)
      }
    }
  })
})
