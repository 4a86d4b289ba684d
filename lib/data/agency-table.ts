/** Plain SQL on "Agency": the walk down the agency tree, one statement however deep. */
import 'server-only'
import { sql, sqlList, sqlRows } from './sql'
import { select } from './table'
import { agencies } from './tables'

const a = agencies.as('a')
const treeColumns = select({ id: a.c.id, name: a.c.name, type: a.c.type, level: a.c.level })

export type AgencyInTree = ReturnType<typeof treeColumns.read>

/** The given agencies and every agency under them (a government's departments, theirs, …). */
export async function agencyTree(rootIds: readonly string[]): Promise<AgencyInTree[]> {
  if (rootIds.length === 0) return []
  const rows = await sqlRows(
    sql`WITH RECURSIVE "tree"("id") AS (
      SELECT ${agencies.c.id} FROM ${agencies} WHERE ${agencies.c.id} IN ${sqlList(rootIds)}
      UNION SELECT ${a.c.id} FROM ${a} JOIN "tree" t ON ${a.c.parentId} = t."id"
    ) SELECT ${treeColumns} FROM ${a} JOIN "tree" t ON t."id" = ${a.c.id}`,
  )
  return rows.map(treeColumns.read)
}
