/**
 * Codes for agencies registered implicitly (docs/decisions/0040). Apart from accounts.ts so that
 * reports.ts can use it without an import cycle.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import { prisma } from '@/lib/db'
import { agencyCodeSchema } from '@/lib/report/identity-schema'

/**
 * A code for an agency registered without one (a report or file naming an agency not yet known:
 * demo data, tests): the file's code when it is free, else one derived from
 * the name, stable for a name and tried again with another suffix while taken.
 */
export async function freeAgencyCode(
  name: string,
  wanted: string | undefined,
  db: Pick<typeof prisma, 'agency'> = prisma,
): Promise<string> {
  const taken = async (code: string) => (await db.agency.findUnique({ where: { code }, select: { id: true } })) !== null
  if (wanted && agencyCodeSchema().safeParse(wanted).success && !(await taken(wanted))) return wanted
  for (let attempt = 0; ; attempt++) {
    const hash = createHash('sha256').update(`${name}\u0000${attempt}`).digest('hex')
    const code = `agency-${hash.slice(0, 12)}`
    if (!(await taken(code))) return code
  }
}
