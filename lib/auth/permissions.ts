/**
 * Who may do what, as data. A role is held in an agency (Membership); the table says, for each
 * role and action, how far that membership reaches:
 *   'agency'  the membership's own agency
 *   'subtree' the membership's agency and every agency under it (a government's departments)
 *   'all'     every agency (administrators)
 * Plain functions: the guards (lib/auth/guards.ts), the pages and the workflow (part B: who may
 * take each transition) all ask `can` / `rolesOn`; nothing else decides access.
 */

export const MEMBER_ROLES = ['officer', 'reviewer', 'coordinator'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]
export type Role = MemberRole | 'admin'

export const ROLE_NAMES: Record<Role, string> = {
  officer: '填报人',
  reviewer: '审核人',
  coordinator: '政务公开办',
  admin: '系统管理员',
}

export const ACTIONS = [
  'report.read',
  'report.create',
  'report.edit',
  'report.import',
  'report.export',
  'agency.manage',
  'user.manage',
] as const
export type Action = (typeof ACTIONS)[number]

export type Scope = 'agency' | 'subtree' | 'all'

/** role × action → scope; a missing entry is a refusal. */
export const PERMISSIONS: Record<Role, Partial<Record<Action, Scope>>> = {
  officer: {
    'report.read': 'agency',
    'report.create': 'agency',
    'report.edit': 'agency',
    'report.import': 'agency',
    'report.export': 'agency',
  },
  reviewer: {
    'report.read': 'agency',
    'report.export': 'agency',
  },
  coordinator: {
    'report.read': 'subtree',
    'report.export': 'subtree',
  },
  admin: {
    'report.read': 'all',
    'report.export': 'all',
    'agency.manage': 'all',
    'user.manage': 'all',
  },
}

export interface MembershipGrant {
  agencyId: string
  agencyName: string
  role: MemberRole
  /**
   * The agencies this membership reaches when the scope is 'subtree': its own agency and every
   * descendant (filled in when the user is loaded, so `can` needs no database).
   */
  subtree: readonly string[]
}

/** The signed-in user as the permission layer sees it. */
export interface Actor {
  id: string
  name: string
  email: string
  isAdmin: boolean
  memberships: readonly MembershipGrant[]
  /** Set by an administrator (new account, reset password): pages send the user to /account/password. */
  mustChangePassword?: boolean
}

/**
 * The user as a list needs them: the memberships without a coordinator's agency tree, which only
 * can() and agenciesFor() read. The home list's statement walks the tree itself (readScope), so
 * its page reads the user without it (decision 0610). Every Actor is one.
 */
export interface ActorSummary extends Omit<Actor, 'memberships'> {
  memberships: readonly Omit<MembershipGrant, 'subtree'>[]
}

function reaches(grant: MembershipGrant, scope: Scope, agencyId: string): boolean {
  if (scope === 'all') return true
  if (scope === 'agency') return grant.agencyId === agencyId
  return grant.subtree.includes(agencyId)
}

/** May this user take this action on this agency's data? */
export function can(actor: Actor | null, action: Action, agencyId: string | null): boolean {
  if (!actor) return false
  if (actor.isAdmin) {
    const scope = PERMISSIONS.admin[action]
    if (scope === 'all') return true
  }
  if (!agencyId) return false
  return actor.memberships.some((m) => {
    const scope = PERMISSIONS[m.role][action]
    return scope !== undefined && reaches(m, scope, agencyId)
  })
}

/** Actions that need no agency (administration). */
export function canGlobally(actor: ActorSummary | null, action: Action): boolean {
  return !!actor?.isAdmin && PERMISSIONS.admin[action] === 'all'
}

/**
 * The roles this user holds for an agency's reports: 'officer' / 'reviewer' of that agency,
 * 'coordinator' of a government above it (or of it), 'admin'. The workflow's transition table
 * is checked against these.
 */
export function rolesOn(actor: Actor | null, agencyId: string): Role[] {
  if (!actor) return []
  const roles = new Set<Role>()
  for (const m of actor.memberships) {
    if (m.role === 'coordinator' ? m.subtree.includes(agencyId) : m.agencyId === agencyId) roles.add(m.role)
  }
  if (actor.isAdmin) roles.add('admin')
  const order: Role[] = [...MEMBER_ROLES, 'admin']
  return order.filter((r) => roles.has(r))
}

/** The agencies whose reports this user may take the action on, or 'all'. */
export function agenciesFor(actor: Actor | null, action: Action): 'all' | string[] {
  if (!actor) return []
  if (canGlobally(actor, action)) return 'all'
  const ids = new Set<string>()
  for (const m of actor.memberships) {
    const scope = PERMISSIONS[m.role][action]
    if (scope === 'agency') ids.add(m.agencyId)
    else if (scope === 'subtree') for (const id of m.subtree) ids.add(id)
    else if (scope === 'all') return 'all'
  }
  return [...ids]
}

/**
 * The same agencies as agenciesFor, named by the memberships: each 'agency' grant's agency, and
 * each 'subtree' grant's root, whose tree a list statement walks itself (decision 0510).
 */
export function readScope(
  actor: ActorSummary | null,
  action: Action,
): 'all' | { agencies: readonly string[]; subtrees: readonly string[] } {
  if (!actor) return { agencies: [], subtrees: [] }
  if (canGlobally(actor, action)) return 'all'
  const agencies = new Set<string>()
  const subtrees = new Set<string>()
  for (const m of actor.memberships) {
    const scope = PERMISSIONS[m.role][action]
    if (scope === 'agency') agencies.add(m.agencyId)
    else if (scope === 'subtree') subtrees.add(m.agencyId)
    else if (scope === 'all') return 'all'
  }
  return { agencies: [...agencies], subtrees: [...subtrees] }
}

/** The agencies where this user writes reports (create / import target). */
export function officerAgencies(actor: ActorSummary | null): { id: string; name: string }[] {
  if (!actor) return []
  const seen = new Map<string, string>()
  for (const m of actor.memberships) if (m.role === 'officer') seen.set(m.agencyId, m.agencyName)
  return [...seen].map(([id, name]) => ({ id, name }))
}

/** "张三 · 填报人（张店区人民政府办公室）" for the header. */
export function describeRoles(actor: ActorSummary): string {
  const parts = actor.memberships.map((m) => `${ROLE_NAMES[m.role]}（${m.agencyName}）`)
  if (actor.isAdmin) parts.unshift(ROLE_NAMES.admin)
  return parts.join('、')
}

/**
 * Where a new or imported report goes: the agency asked for, which must be one where the user
 * is an officer; or, when none is asked for, the user's only such agency.
 */
export function reportTarget(
  actor: Actor | null,
  requested: string | null | undefined,
): { agencyId: string } | { refusal: string } {
  const own = officerAgencies(actor)
  if (requested) {
    return own.some((a) => a.id === requested)
      ? { agencyId: requested }
      : { refusal: '您不是该机关的填报人，不能为它新建或导入年报。' }
  }
  if (own.length === 1) return { agencyId: own[0].id }
  if (own.length === 0) return { refusal: '只有机关的填报人可以新建或导入年报。' }
  return { refusal: '您是多个机关的填报人，请选择要为哪个机关新建或导入年报。' }
}
