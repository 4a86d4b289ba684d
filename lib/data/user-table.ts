/**
 * Plain SQL on "user": the signed-in user with their memberships, one row per membership (a
 * user without any has one row with null membership columns). Runs on every request, and is
 * never cached in the process: a role change, a move or a deactivation made through any instance
 * is in force on the next request (decision 0360).
 */
import 'server-only'
import { sql, sqlRows } from './sql'
import { orNull, select } from './table'
import { agencies, memberships, users } from './tables'

export const u = users.as('u')
const m = memberships.as('m')
const a = agencies.as('a')

/** The columns of an actor row, for the statements that read one (here and lib/data/session-table.ts). */
export const actorColumns = {
  id: u.c.id,
  name: u.c.name,
  email: u.c.email,
  isAdmin: u.c.isAdmin,
  deactivatedAt: u.c.deactivatedAt,
  mustChangePassword: u.c.mustChangePassword,
  agencyId: orNull(m.c.agencyId),
  role: orNull(m.c.role),
  agencyName: orNull(a.c.name),
}

/** `u` joined with its memberships and their agencies. */
export const actorJoins = sql`LEFT JOIN ${m} ON ${m.c.userId} = ${u.c.id} LEFT JOIN ${a} ON ${a.c.id} = ${m.c.agencyId}`
export const actorOrder = sql`ORDER BY ${m.c.createdAt}`

const actorRow = select(actorColumns)
export type ActorRow = ReturnType<typeof actorRow.read>

export async function findActorRows(userId: string): Promise<ActorRow[]> {
  const rows = await sqlRows(sql`SELECT ${actorRow} FROM ${u} ${actorJoins} WHERE ${u.c.id} = ${userId} ${actorOrder}`)
  return rows.map(actorRow.read)
}
