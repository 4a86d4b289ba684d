/**
 * The agency's contact details, which the report's opening paragraph states and next year's
 * report reuses: read by anyone who may read its reports, changed by its officers, each change
 * with its audit event in one transaction.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import { type AgencyContactInput, agencyContactInput } from '@/lib/requests/agency-contact'
import type { AgencyContact } from '@/lib/report/preamble'
import { type AuditActor, recordAudit } from './audit'
import { invalid, notFound } from './errors'

const CONTACT = { portalUrl: true, address: true, postcode: true, telephone: true, email: true } as const

export interface AgencyContactView {
  agencyId: string
  name: string
  contact: Required<{ [K in keyof AgencyContact]: string | null }>
}

export async function getAgencyContact(agencyId: string): Promise<AgencyContactView> {
  const agency = await prisma.agency.findUnique({
    where: { id: agencyId },
    select: { id: true, name: true, ...CONTACT },
  })
  if (!agency) throw notFound('机关不存在')
  const { id, name, ...contact } = agency
  return { agencyId: id, name, contact }
}

/** '' and missing clear a detail; only the details given are written. */
export async function saveAgencyContact(
  agencyId: string,
  input: unknown,
  by: { actor?: AuditActor; address?: string | null } = {},
): Promise<AgencyContactView> {
  const parsed = agencyContactInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '联系方式有误，请按提示修改')
  const data: Partial<Record<keyof AgencyContactInput, string | null>> = {}
  for (const [key, value] of Object.entries(parsed.data) as [keyof AgencyContactInput, string | null | undefined][]) {
    if (value !== undefined) data[key] = value === null || value === '' ? null : value
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.agency.findUnique({ where: { id: agencyId }, select: { name: true, ...CONTACT } })
    if (!before) throw notFound('机关不存在')
    const agency = await tx.agency.update({
      where: { id: agencyId },
      data,
      select: { id: true, name: true, ...CONTACT },
    })
    const changed = (Object.keys(data) as (keyof AgencyContactInput)[]).filter((k) => before[k] !== agency[k])
    if (changed.length > 0) {
      await recordAudit(
        {
          action: 'agency.contact.update',
          outcome: 'success',
          actor: by.actor,
          subject: agency.name,
          address: by.address ?? undefined,
          detail: JSON.stringify(Object.fromEntries(changed.map((k) => [k, { old: before[k], new: agency[k] }]))),
        },
        tx,
      )
    }
    const { id, name, ...contact } = agency
    return { agencyId: id, name, contact }
  })
}
