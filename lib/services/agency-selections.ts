/**
 * Saved selections of agencies (decision 0411): a government's 政务公开办 names a set of the
 * agencies under it (乡镇街道, 区直部门) and rolls them up again any year. Stored per government
 * (AgencySelection), names unique within it; only its coordinators and administrators
 * (`coordinates`) see or change them; each change is audited in its transaction. A member that
 * has since moved out from under the government is not summed: the roll-up names it.
 */
import 'server-only'
import type { Actor } from '@/lib/auth/permissions'
import { agenciesUnder } from '@/lib/data/rollup-table'
import { prisma } from '@/lib/db'
import { type SelectionBody, selectionBody } from '@/lib/requests/board'
import { recordAudit } from './audit'
import { invalid, notFound, ServiceError } from './errors'
import { coordinates, requireGovernment } from './government-settings'

export interface AgencyChoice {
  id: string
  name: string
  type: string
  parentId: string | null
}

export interface AgencySelectionView {
  id: string
  governmentId: string
  name: string
  /** The members still under the government, by name. */
  agencies: { id: string; name: string }[]
  /** Members no longer under the government (moved away or deleted): named, never summed. */
  gone: { id: string; name: string | null }[]
  updatedAt: string
}

const forbidden = () => new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以管理汇总范围')

function idsOf(text: string): string[] {
  try {
    const ids = JSON.parse(text) as unknown
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

async function guard(actor: Actor, governmentId: string) {
  const government = await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId)) throw forbidden()
  return government
}

async function views(
  governmentId: string,
  rows: { id: string; name: string; agencyIds: string; updatedAt: Date }[],
  tree?: AgencyChoice[],
): Promise<AgencySelectionView[]> {
  if (rows.length === 0) return []
  const under = new Map((tree ?? (await agenciesUnder(governmentId))).map((a) => [a.id, a.name]))
  const goneIds = [...new Set(rows.flatMap((r) => idsOf(r.agencyIds).filter((id) => !under.has(id))))]
  const goneNames = new Map(
    goneIds.length
      ? (await prisma.agency.findMany({ where: { id: { in: goneIds } }, select: { id: true, name: true } })).map(
          (a) => [a.id, a.name],
        )
      : [],
  )
  return rows.map((r) => {
    const ids = idsOf(r.agencyIds)
    return {
      id: r.id,
      governmentId,
      name: r.name,
      agencies: ids.filter((id) => under.has(id)).map((id) => ({ id, name: under.get(id) as string })),
      gone: ids.filter((id) => !under.has(id)).map((id) => ({ id, name: goneNames.get(id) ?? null })),
      updatedAt: r.updatedAt.toISOString(),
    }
  })
}

/** The government's saved selections, and every agency under it to choose from. */
export async function listSelections(
  actor: Actor,
  governmentId: string,
): Promise<{ selections: AgencySelectionView[]; agencies: AgencyChoice[] }> {
  await guard(actor, governmentId)
  const tree = await agenciesUnder(governmentId)
  const rows = await prisma.agencySelection.findMany({ where: { agencyId: governmentId }, orderBy: { name: 'asc' } })
  return { selections: await views(governmentId, rows, tree), agencies: tree }
}

/** The government's saved selections (the board lists them). */
export async function savedSelections(actor: Actor, governmentId: string): Promise<AgencySelectionView[]> {
  if (!coordinates(actor, governmentId)) return []
  const rows = await prisma.agencySelection.findMany({ where: { agencyId: governmentId }, orderBy: { name: 'asc' } })
  return views(governmentId, rows)
}

/** One selection of the government (404 for another government's). */
export async function selectionOf(
  actor: Actor,
  governmentId: string,
  selectionId: string,
): Promise<AgencySelectionView> {
  await guard(actor, governmentId)
  const row = await prisma.agencySelection.findUnique({ where: { id: selectionId } })
  if (!row || row.agencyId !== governmentId) throw notFound('汇总范围不存在')
  return (await views(governmentId, [row]))[0]
}

async function checked(governmentId: string, input: unknown): Promise<SelectionBody> {
  const parsed = selectionBody.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '汇总范围有误，请按提示修改')
  const ids = [...new Set(parsed.data.agencyIds)]
  const under = new Set((await agenciesUnder(governmentId)).map((a) => a.id))
  if (ids.some((id) => !under.has(id))) {
    throw new ServiceError(422, 'invalid', '所选机关不在本级政府之下', { agencyIds: '所选机关不在本级政府之下' })
  }
  return { name: parsed.data.name, agencyIds: ids }
}

async function nameTaken(governmentId: string, name: string, except?: string): Promise<boolean> {
  const same = await prisma.agencySelection.findUnique({
    where: { agencyId_name: { agencyId: governmentId, name } },
    select: { id: true },
  })
  return !!same && same.id !== except
}

const taken = (name: string) =>
  new ServiceError(409, 'conflict', `已有名为“${name}”的汇总范围，请换一个名称`, { name: '已有同名的汇总范围' })

const detail = (name: string, count: number) => `${name}（${count}个机关）`

export async function createSelection(
  actor: Actor,
  governmentId: string,
  input: unknown,
): Promise<AgencySelectionView> {
  const government = await guard(actor, governmentId)
  const body = await checked(governmentId, input)
  if (await nameTaken(governmentId, body.name)) throw taken(body.name)
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.agencySelection.create({
      data: {
        agencyId: governmentId,
        name: body.name,
        agencyIds: JSON.stringify(body.agencyIds),
        createdById: actor.id,
        updatedById: actor.id,
      },
    })
    await recordAudit(
      {
        action: 'selection.create',
        outcome: 'success',
        actor: { id: actor.id, name: actor.name },
        subject: government.name,
        detail: detail(body.name, body.agencyIds.length),
      },
      tx,
    )
    return created
  })
  return (await views(governmentId, [row]))[0]
}

export async function updateSelection(
  actor: Actor,
  governmentId: string,
  selectionId: string,
  input: unknown,
): Promise<AgencySelectionView> {
  const government = await guard(actor, governmentId)
  const before = await prisma.agencySelection.findUnique({ where: { id: selectionId } })
  if (!before || before.agencyId !== governmentId) throw notFound('汇总范围不存在')
  const body = await checked(governmentId, input)
  if (await nameTaken(governmentId, body.name, selectionId)) throw taken(body.name)
  const row = await prisma.$transaction(async (tx) => {
    const updated = await tx.agencySelection.update({
      where: { id: selectionId },
      data: { name: body.name, agencyIds: JSON.stringify(body.agencyIds), updatedById: actor.id },
    })
    await recordAudit(
      {
        action: 'selection.update',
        outcome: 'success',
        actor: { id: actor.id, name: actor.name },
        subject: government.name,
        detail: `${detail(before.name, idsOf(before.agencyIds).length)} → ${detail(body.name, body.agencyIds.length)}`,
      },
      tx,
    )
    return updated
  })
  return (await views(governmentId, [row]))[0]
}

export async function deleteSelection(actor: Actor, governmentId: string, selectionId: string): Promise<void> {
  const government = await guard(actor, governmentId)
  await prisma.$transaction(async (tx) => {
    const row = await tx.agencySelection.findUnique({ where: { id: selectionId } })
    if (!row || row.agencyId !== governmentId) throw notFound('汇总范围不存在')
    await tx.agencySelection.delete({ where: { id: selectionId } })
    await recordAudit(
      {
        action: 'selection.delete',
        outcome: 'success',
        actor: { id: actor.id, name: actor.name },
        subject: government.name,
        detail: detail(row.name, idsOf(row.agencyIds).length),
      },
      tx,
    )
  })
}
