/**
 * Agencies, users and memberships: the administrator's side of accounts, and loading the
 * signed-in user for the permission layer. Passwords are hashed with better-auth's scrypt
 * (the same function its sign-in verifies with); sessions are better-auth's.
 */
import 'server-only'
import { randomUUID } from 'node:crypto'
import { hashPassword } from 'better-auth/crypto'
import { passwordProblem } from '@/lib/auth/password-policy'
import type { Actor, ActorSummary, MemberRole, MembershipGrant } from '@/lib/auth/permissions'
import { MEMBER_ROLES } from '@/lib/auth/permissions'
import { agencyTree } from '@/lib/data/agency-table'
import { type ActorRow, findActorRows } from '@/lib/data/user-table'
import { type AgencyInput, agencyInput, passwordSchema, userInput } from '@/lib/requests/accounts'
import { prisma } from '@/lib/db'
import { Prisma } from '@/generated/prisma/client'
import { type AuditActor, recordAudit } from './audit'
import { invalid, notFound, ServiceError } from './errors'

/** Who does an administrative action, for the audit trail; omitted by scripts (seed, load test). */
export interface AdminBy {
  actor: AuditActor
  address: string | null
}

const weakPassword = (problem: string) => new ServiceError(422, 'invalid', problem, { password: problem })

export { MAX_PASSWORD, MIN_PASSWORD } from '@/lib/requests/accounts'
export type { CreateUserInput } from '@/lib/requests/accounts'

export interface AgencyNode {
  id: string
  /** Immutable (lib/report/identity.ts): set when the agency is made, never changed. */
  code: string
  name: string
  type: string
  level: string | null
  parentId: string | null
  /** The agency this one replaced (机构改革). */
  predecessorId: string | null
}

const AGENCY_NODE = { id: true, code: true, name: true, type: true, level: true, parentId: true, predecessorId: true }

export interface UserSummary {
  id: string
  name: string
  email: string
  isAdmin: boolean
  /** False while deactivated (停用): no sign-in, no session. */
  active: boolean
  /** An administrator set the password; the user chooses their own at the next sign-in. */
  mustChangePassword: boolean
  memberships: { agencyId: string; agencyName: string; role: MemberRole }[]
}

/** What summary() reads with a user. */
export const USER_INCLUDE = {
  memberships: { include: { agency: { select: { name: true } } }, orderBy: { createdAt: 'asc' } },
} as const

/**
 * The user from their rows (one per membership) without a coordinator's agency tree; null for no
 * rows or a deactivated account. What a list needs (decision 0610); actorFromRows adds the trees.
 */
export function actorSummaryFromRows(rows: readonly ActorRow[]): ActorSummary | null {
  // A deactivated account is nobody: no session of it is honoured, on any path.
  if (rows.length === 0 || rows[0].deactivatedAt) return null
  const memberships: Omit<MembershipGrant, 'subtree'>[] = []
  for (const m of rows) {
    if (m.agencyId === null || !(MEMBER_ROLES as readonly string[]).includes(String(m.role))) continue
    memberships.push({ agencyId: m.agencyId, agencyName: m.agencyName ?? '', role: m.role as MemberRole })
  }
  const [user] = rows
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isAdmin: user.isAdmin,
    memberships,
    mustChangePassword: user.mustChangePassword === true,
  }
}

/** The actor from a user's rows (one per membership); null for no rows. */
export async function actorFromRows(rows: readonly ActorRow[]): Promise<Actor | null> {
  const summary = actorSummaryFromRows(rows)
  if (!summary) return null
  const memberships: MembershipGrant[] = []
  for (const m of summary.memberships) {
    memberships.push({
      ...m,
      subtree: m.role === 'coordinator' ? (await agencyTree([m.agencyId])).map((a) => a.id) : [m.agencyId],
    })
  }
  return { ...summary, memberships }
}

/**
 * The user as the permission layer needs it, or null when there is no such user. Plain SQL, one
 * statement (two for a coordinator): it runs on every request.
 */
export async function loadActor(userId: string): Promise<Actor | null> {
  return actorFromRows(await findActorRows(userId))
}

export async function listAgencies(): Promise<AgencyNode[]> {
  return prisma.agency.findMany({
    select: AGENCY_NODE,
    orderBy: [{ type: 'desc' }, { name: 'asc' }],
  })
}

export type CreateAgencyInput = AgencyInput

const codeTaken = (code: string) =>
  new ServiceError(409, 'duplicate', `机关代码“${code}”已存在，请换一个`, { code: '代码已存在' })

/**
 * A new agency. Its code is given here once and no function changes it afterwards: addresses,
 * file pairing and roll-up rely on it (docs/decisions/0040).
 */
export async function createAgency(input: unknown, by?: AdminBy): Promise<AgencyNode> {
  const parsed = agencyInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '机关信息有误，请按提示修改')
  const { code, name, type, level, parentId, predecessorId } = parsed.data
  if (parentId && !(await prisma.agency.findUnique({ where: { id: parentId } }))) {
    throw new ServiceError(422, 'invalid', '上级机关不存在，请刷新页面后重试', { parentId: '上级机关不存在' })
  }
  if (predecessorId && !(await prisma.agency.findUnique({ where: { id: predecessorId } }))) {
    throw new ServiceError(422, 'invalid', '前身机关不存在，请刷新页面后重试', { predecessorId: '前身机关不存在' })
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const agency = await tx.agency.create({
        data: {
          code,
          name,
          type,
          level: level ?? null,
          parentId: parentId ?? null,
          predecessorId: predecessorId ?? null,
        },
        select: AGENCY_NODE,
      })
      await recordAudit(
        {
          action: 'admin.agency.create',
          outcome: 'success',
          actor: by?.actor,
          subject: `${name}（${code}）`,
          address: by?.address,
        },
        tx,
      )
      return agency
    })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      if (await prisma.agency.findUnique({ where: { code }, select: { id: true } })) throw codeTaken(code)
      // Said once: the summary names the name, the field only marks it (as for a code in use).
      throw new ServiceError(409, 'duplicate', `机关名称“${name}”已被使用，请换一个名称`, { name: '名称已被使用' })
    }
    throw e
  }
}

/** A user with a password and their memberships, in one transaction. */
export async function createUser(input: unknown, by?: AdminBy): Promise<UserSummary> {
  const parsed = userInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '用户信息有误，请按提示修改')
  const { email, name, password, isAdmin, memberships = [] } = parsed.data
  // An administrator chose this password: by default the user replaces it at the first sign-in.
  const mustChangePassword = parsed.data.mustChangePassword ?? by !== undefined
  const problem = await passwordProblem(password, { email, name })
  if (problem) throw weakPassword(problem)
  for (const m of memberships) {
    const agency = await prisma.agency.findUnique({ where: { id: m.agencyId } })
    if (!agency) throw new ServiceError(422, 'invalid', '所选机关不存在，请刷新页面后重试', { agencyId: '机关不存在' })
    if (m.role === 'coordinator' && agency.type !== 'government') {
      throw new ServiceError(422, 'invalid', '政务公开办的角色只能设在人民政府上', { role: '请选择人民政府' })
    }
  }
  const hash = await hashPassword(password)
  const id = randomUUID()
  try {
    await prisma.$transaction(async (tx) => {
      await tx.user.create({
        data: { id, email, name, isAdmin: isAdmin ?? false, emailVerified: true, mustChangePassword },
      })
      await tx.account.create({
        data: { id: randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash },
      })
      for (const m of memberships)
        await tx.membership.create({ data: { userId: id, agencyId: m.agencyId, role: m.role } })
      await recordAudit(
        {
          action: 'admin.user.create',
          outcome: 'success',
          actor: by?.actor,
          subject: email,
          address: by?.address,
          detail: [
            isAdmin ? '系统管理员' : null,
            mustChangePassword ? '首次登录须修改密码' : null,
            ...memberships.map((m) => `${m.role}@${m.agencyId}`),
          ]
            .filter(Boolean)
            .join('；'),
        },
        tx,
      )
    })
  } catch (e) {
    // Only the e-mail is unique among what this writes twice (memberships are checked above).
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002' && e.meta?.modelName === 'User') {
      throw new ServiceError(409, 'duplicate', `账号“${email}”已存在`, { email: '已存在' })
    }
    throw e
  }
  return (await getUser(id)) as UserSummary
}

export async function getUser(id: string): Promise<UserSummary | null> {
  const user = await prisma.user.findUnique({ where: { id }, include: USER_INCLUDE })
  return user ? summary(user) : null
}

export function summary(user: {
  id: string
  name: string
  email: string
  isAdmin: boolean
  deactivatedAt: Date | null
  mustChangePassword: boolean
  memberships: { agencyId: string; role: string; agency: { name: string } }[]
}): UserSummary {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isAdmin: user.isAdmin,
    active: user.deactivatedAt === null,
    mustChangePassword: user.mustChangePassword,
    memberships: user.memberships.map((m) => ({
      agencyId: m.agencyId,
      agencyName: m.agency.name,
      role: m.role as MemberRole,
    })),
  }
}

/** A new password set by an administrator; the user's sessions end, and they must change it at sign-in. */
export async function resetPassword(
  userId: string,
  password: unknown,
  by?: AdminBy,
  options: { mustChangePassword?: boolean } = {},
): Promise<void> {
  const mustChangePassword = options.mustChangePassword ?? by !== undefined
  const parsed = passwordSchema.safeParse(password)
  if (!parsed.success) throw invalid(parsed.error, '新密码不符合要求')
  const owner = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, name: true } })
  if (!owner) throw notFound('用户不存在')
  const problem = await passwordProblem(parsed.data, owner)
  if (problem) throw weakPassword(problem)
  const hash = await hashPassword(parsed.data)
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } })
    if (!user) throw notFound('用户不存在')
    const { count } = await tx.account.updateMany({
      where: { userId, providerId: 'credential' },
      data: { password: hash },
    })
    if (count === 0) {
      await tx.account.create({
        data: { id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: hash },
      })
    }
    await tx.session.deleteMany({ where: { userId } })
    // Known to the administrator now: by default the user chooses their own at the next sign-in.
    await tx.user.update({ where: { id: userId }, data: { mustChangePassword } })
    await recordAudit(
      {
        action: 'admin.password.reset',
        outcome: 'success',
        actor: by?.actor,
        subject: user.email,
        address: by?.address,
        detail: mustChangePassword ? '该用户的登录已全部退出；登录后须修改密码' : '该用户的登录已全部退出',
      },
      tx,
    )
  })
}

/**
 * Finds an agency by name or creates it (demo data). A found agency keeps its code, whatever
 * code is given: codes never change.
 */
export async function ensureAgency(input: {
  code: string
  name: string
  type: 'government' | 'department'
  level?: string | null
  parentId?: string | null
}): Promise<AgencyNode> {
  const found = await prisma.agency.findUnique({ where: { name: input.name }, select: AGENCY_NODE })
  if (found) {
    if (input.parentId !== undefined && found.parentId !== input.parentId) {
      await prisma.agency.update({ where: { id: found.id }, data: { parentId: input.parentId } })
    }
    return { ...found, parentId: input.parentId !== undefined ? input.parentId : found.parentId }
  }
  return createAgency(input)
}

export async function findUserByEmail(email: string): Promise<UserSummary | null> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } })
  return user ? getUser(user.id) : null
}
