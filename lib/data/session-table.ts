/** Plain SQL on "session": a session by its token, with its user and memberships in one statement. */
import 'server-only'
import { sql, sqlRows } from './sql'
import { select } from './table'
import { sessions } from './tables'
import { type ActorRow, actorColumns, actorJoins, actorOrder, u } from './user-table'

const s = sessions.as('s')
const sessionRow = select({ expiresAt: s.c.expiresAt, ...actorColumns })

export async function findSessionRows(token: string): Promise<(ActorRow & { expiresAt: Date })[]> {
  const rows = await sqlRows(
    sql`SELECT ${sessionRow} FROM ${s} JOIN ${u} ON ${u.c.id} = ${s.c.userId} ${actorJoins}
    WHERE ${s.c.token} = ${token} ${actorOrder}`,
  )
  return rows.map(sessionRow.read)
}
