/**
 * The predecessor link (机构改革, issue 13): the administrator names the agency this one
 * replaced; its reports then count as this agency's history (report-previous.ts follows the
 * link for prefill and the cross-year rules). Kept apart from accounts.ts so that other agency
 * maintenance (rename, move) merges without touching it.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import { predecessorInput } from '@/lib/requests/agency-predecessor'
import { recordAudit } from './audit'
import type { AdminBy } from './accounts'
import { invalid, notFound, ServiceError } from './errors'

export interface PredecessorLink {
  id: string
  name: string
  predecessorId: string | null
  predecessorName: string | null
}

const refused = (message: string) => new ServiceError(422, 'invalid', message, { predecessorId: message })

/**
 * Links `agencyId` to its predecessor (null unlinks), with its audit event in one transaction.
 * Refused: an agency that does not exist, itself, or a link that would make a loop.
 */
export async function setPredecessor(agencyId: string, input: unknown, by?: AdminBy): Promise<PredecessorLink> {
  const parsed = predecessorInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '前身机关有误，请重新选择')
  const { predecessorId } = parsed.data
  return prisma.$transaction(async (tx) => {
    const agency = await tx.agency.findUnique({ where: { id: agencyId }, select: { id: true, name: true, code: true } })
    if (!agency) throw notFound('机关不存在，请刷新页面后重试')
    let predecessorName: string | null = null
    if (predecessorId !== null) {
      if (predecessorId === agencyId) throw refused('机关不能是自己的前身')
      const predecessor = await tx.agency.findUnique({ where: { id: predecessorId }, select: { name: true } })
      if (!predecessor) throw refused('前身机关不存在，请刷新页面后重试')
      predecessorName = predecessor.name
      // Walk the predecessor's own chain: reaching this agency would make a loop.
      const seen = new Set<string>([predecessorId])
      let next = (await tx.agency.findUnique({ where: { id: predecessorId }, select: { predecessorId: true } }))
        ?.predecessorId
      while (next && !seen.has(next)) {
        if (next === agencyId) throw refused(`“${predecessorName}”已是本机关的后继机关，不能互为前身`)
        seen.add(next)
        next = (await tx.agency.findUnique({ where: { id: next }, select: { predecessorId: true } }))?.predecessorId
      }
    }
    await tx.agency.update({ where: { id: agencyId }, data: { predecessorId } })
    await recordAudit(
      {
        action: 'admin.agency.predecessor',
        outcome: 'success',
        actor: by?.actor,
        subject: `${agency.name}（${agency.code}）`,
        address: by?.address,
        detail: predecessorName ? `前身：${predecessorName}` : '取消前身',
      },
      tx,
    )
    return { id: agency.id, name: agency.name, predecessorId, predecessorName }
  })
}
