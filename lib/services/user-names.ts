import 'server-only'
import { prisma } from '@/lib/db'

/** Display names of users by id; an id with no account left shows as itself. */
export async function userNames(
  ids: (string | null | undefined)[],
): Promise<(id: string | null | undefined) => string | null> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  const users = wanted.length
    ? await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
    : []
  const byId = new Map(users.map((u) => [u.id, u.name]))
  return (id) => (id ? (byId.get(id) ?? id) : null)
}
