/** Plain SQL on "session": a session by its token, with its user and memberships in one statement. */
import 'server-only'
import { sql, sqlExecute, sqlRows } from './sql'
import { assignments, select } from './table'
import { sessions } from './tables'
import { type ActorRow, actorColumns, actorJoins, actorOrder, u } from './user-table'

const s = sessions.as('s')
const sessionRow = select({ expiresAt: s.c.expiresAt, updatedAt: s.c.updatedAt, ...actorColumns })

export async function findSessionRows(token: string): Promise<(ActorRow & { expiresAt: Date; updatedAt: Date })[]> {
  const rows = await sqlRows(
    sql`SELECT ${sessionRow} FROM ${s} JOIN ${u} ON ${u.c.id} = ${s.c.userId} ${actorJoins}
    WHERE ${s.c.token} = ${token} ${actorOrder}`,
  )
  return rows.map(sessionRow.read)
}

/** Moves a session's last-seen time (its updatedAt) forward: the idle timeout counts from it. */
export async function touchSession(token: string, at: Date): Promise<void> {
  // Once a minute per signed-in user, on every server process.
  await sqlExecute(
    sql`UPDATE ${sessions} SET ${assignments(sessions, { updatedAt: at })} WHERE ${sessions.c.token} = ${token}`,
  )
}

/** Ends one session (idle too long). */
export async function deleteSession(token: string): Promise<void> {
  await sqlExecute(sql`DELETE FROM ${sessions} WHERE ${sessions.c.token} = ${token}`)
}
