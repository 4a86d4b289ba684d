/**
 * Administration that maintains, not only creates (issue 16, decision 0360): a user's roles,
 * deactivation and reactivation, an agency's name and parent, the user search. Each change and
 * its audit event are one transaction. Nothing here is cached in the process: the session
 * lookup reads the user, memberships and agency tree on every request (lib/auth/session.ts), so
 * a change made through one instance is in force on every instance at the next request.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import { Prisma } from '@/generated/prisma/client'
import type { MemberRole } from '@/lib/auth/permissions'
import { ROLE_NAMES } from '@/lib/auth/permissions'
import {
  agencyUpdateInput,
  USER_PAGE_SIZE,
  userAccessInput,
  userActiveInput,
  userSearchQuery,
} from '@/lib/requests/account-maintenance'
import type { AdminBy, AgencyNode, UserSummary } from './accounts'
import { getUser, summary, USER_INCLUDE } from './accounts'
import { recordAudit } from './audit'
import { invalid, notFound, ServiceError } from './errors'

type Tx = Prisma.TransactionClient

const refusedAt = (field: string, message: string, status = 422) =>
  new ServiceError(status, status === 409 ? 'duplicate' : 'invalid', message, { [field]: message })

/** Active administrators other than `userId` (the last one may not stop being one). */
const otherActiveAdmins = (tx: Tx, userId: string) =>
  tx.user.count({ where: { isAdmin: true, deactivatedAt: null, id: { not: userId } } })

/**
 * Replaces a user's roles: the administrator flag and the set of (agency, role) memberships.
 * Refused: an unknown agency, a coordinator role on a department, and taking the administrator
 * flag from the last active administrator.
 */
export async function updateUserAccess(userId: string, input: unknown, by?: AdminBy): Promise<UserSummary> {
  const parsed = userAccessInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '角色设置有误，请按提示修改')
  const { isAdmin, memberships } = parsed.data
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      include: { memberships: { include: { agency: { select: { name: true } } } } },
    })
    if (!user) throw notFound('用户不存在')
    if (user.isAdmin && !isAdmin && (await otherActiveAdmins(tx, userId)) === 0) {
      throw refusedAt('isAdmin', '这是唯一的系统管理员，不能取消其管理员身份。请先把另一位用户设为系统管理员。')
    }
    const names = new Map<string, string>()
    for (const [i, m] of memberships.entries()) {
      const agency = await tx.agency.findUnique({ where: { id: m.agencyId }, select: { name: true, type: true } })
      if (!agency) throw refusedAt(`memberships.${i}.agencyId`, '所选机关不存在，请刷新页面后重试')
      if (m.role === 'coordinator' && agency.type !== 'government') {
        throw refusedAt(`memberships.${i}.role`, '政务公开办的角色只能设在人民政府上')
      }
      names.set(m.agencyId, agency.name)
    }
    const key = (m: { agencyId: string; role: string }) => `${m.agencyId}\u0000${m.role}`
    const wanted = new Set(memberships.map(key))
    const had = new Set(user.memberships.map(key))
    const removed = user.memberships.filter((m) => !wanted.has(key(m)))
    const added = memberships.filter((m) => !had.has(key(m)))
    if (removed.length) await tx.membership.deleteMany({ where: { id: { in: removed.map((m) => m.id) } } })
    for (const m of added) await tx.membership.create({ data: { userId, agencyId: m.agencyId, role: m.role } })
    if (user.isAdmin !== isAdmin) await tx.user.update({ where: { id: userId }, data: { isAdmin } })
    const role = (r: string) => ROLE_NAMES[r as MemberRole] ?? r
    const detail = [
      user.isAdmin !== isAdmin ? (isAdmin ? `设为${ROLE_NAMES.admin}` : `取消${ROLE_NAMES.admin}`) : null,
      ...added.map((m) => `增加：${role(m.role)}（${names.get(m.agencyId)}）`),
      ...removed.map((m) => `删除：${role(m.role)}（${m.agency.name}）`),
    ].filter(Boolean)
    await recordAudit(
      {
        action: 'admin.user.access',
        outcome: 'success',
        actor: by?.actor,
        subject: user.email,
        address: by?.address,
        detail: detail.join('；') || '未改变',
      },
      tx,
    )
  })
  return (await getUser(userId)) as UserSummary
}

/**
 * Deactivates (its sessions end in the same transaction; sign-in is refused with the reason) or
 * reactivates a user. An administrator may not deactivate themselves, nor the last active one.
 */
export async function setUserActive(userId: string, input: unknown, by?: AdminBy): Promise<UserSummary> {
  const parsed = userActiveInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '请选择启用或停用')
  const { active } = parsed.data
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } })
    if (!user) throw notFound('用户不存在')
    if (!active) {
      if (by?.actor.id === userId) throw refusedAt('active', '不能停用自己的账号')
      if (user.isAdmin && (await otherActiveAdmins(tx, userId)) === 0) {
        throw refusedAt('active', '这是唯一的系统管理员，不能停用')
      }
    }
    const isActive = user.deactivatedAt === null
    if (isActive === active) return
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: active ? null : new Date() } })
    let ended = 0
    if (!active) ended = (await tx.session.deleteMany({ where: { userId } })).count
    await recordAudit(
      {
        action: active ? 'admin.user.reactivate' : 'admin.user.deactivate',
        outcome: 'success',
        actor: by?.actor,
        subject: user.email,
        address: by?.address,
        detail: active ? '可以重新登录' : `已退出该用户的${ended}个登录`,
      },
      tx,
    )
  })
  return (await getUser(userId)) as UserSummary
}

/** The chain of parents above `id` (nearest first), stopping at a repeat. */
async function ancestors(tx: Tx, id: string): Promise<string[]> {
  const out: string[] = []
  let next: string | null | undefined = id
  while (next && !out.includes(next)) {
    out.push(next)
    next = (await tx.agency.findUnique({ where: { id: next }, select: { parentId: true } }))?.parentId
  }
  return out
}

const AGENCY_NODE = { id: true, code: true, name: true, type: true, level: true, parentId: true, predecessorId: true }

/**
 * Renames an agency and/or moves it under another parent. The code stays: addresses, file
 * pairing and history follow the code and the id, not the name (docs/decisions/0040). Reports
 * already approved keep the name they were approved under (their frozen version's content).
 * Refused: a parent that does not exist, the agency itself or one beneath it (a loop, such as a
 * government under its own department), and a name another agency has.
 */
export async function updateAgency(agencyId: string, input: unknown, by?: AdminBy): Promise<AgencyNode> {
  const parsed = agencyUpdateInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '机关信息有误，请按提示修改')
  const { name, parentId } = parsed.data
  try {
    return await prisma.$transaction(async (tx) => {
      const agency = await tx.agency.findUnique({ where: { id: agencyId }, select: AGENCY_NODE })
      if (!agency) throw notFound('机关不存在，请刷新页面后重试')
      const changes: string[] = []
      let parentName: string | null = null
      if (parentId !== undefined && parentId !== agency.parentId) {
        if (parentId !== null) {
          if (parentId === agencyId) throw refusedAt('parentId', '机关不能做自己的上级机关')
          const parent = await tx.agency.findUnique({ where: { id: parentId }, select: { name: true } })
          if (!parent) throw refusedAt('parentId', '上级机关不存在，请刷新页面后重试')
          if ((await ancestors(tx, parentId)).includes(agencyId)) {
            throw refusedAt(
              'parentId',
              agency.type === 'government'
                ? `“${parent.name}”是本级政府的下属机关，人民政府不能移到自己的下属机关之下`
                : `“${parent.name}”是本机关的下级机关，不能移到其下`,
            )
          }
          parentName = parent.name
        }
        changes.push(parentName ? `上级机关改为${parentName}` : '不再设上级机关')
      }
      if (name !== undefined && name !== agency.name) changes.push(`名称由“${agency.name}”改为“${name}”`)
      if (!changes.length) return agency
      const updated = await tx.agency.update({
        where: { id: agencyId },
        data: {
          ...(name !== undefined ? { name } : {}),
          ...(parentId !== undefined ? { parentId } : {}),
        },
        select: AGENCY_NODE,
      })
      await recordAudit(
        {
          action: 'admin.agency.update',
          outcome: 'success',
          actor: by?.actor,
          subject: `${agency.name}（${agency.code}）`,
          address: by?.address,
          detail: changes.join('；'),
        },
        tx,
      )
      return updated
    })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new ServiceError(409, 'duplicate', `机关名称“${name}”已被使用，请换一个名称`, { name: '名称已被使用' })
    }
    throw e
  }
}

export interface UserPage {
  users: UserSummary[]
  total: number
  page: number
  pageSize: number
  q: string | null
}

/** Users whose name, account or agency name contains `q`, by account, one page at a time. */
export async function searchUsers(input: unknown): Promise<UserPage> {
  const parsed = userSearchQuery.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '搜索条件有误')
  const { q, page } = parsed.data
  const where: Prisma.UserWhereInput = q
    ? {
        OR: [
          { name: { contains: q } },
          { email: { contains: q.toLowerCase() } },
          { memberships: { some: { agency: { name: { contains: q } } } } },
        ],
      }
    : {}
  const [total, users] = await prisma.$transaction([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      include: USER_INCLUDE,
      orderBy: { email: 'asc' },
      skip: (page - 1) * USER_PAGE_SIZE,
      take: USER_PAGE_SIZE,
    }),
  ])
  return { users: users.map(summary), total, page, pageSize: USER_PAGE_SIZE, q: q ?? null }
}
