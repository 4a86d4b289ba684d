/**
 * A second server process's view of one session, for lib/services/instances.test.ts: run as its
 * own process (tsx) on the database of DATABASE_URL, it answers "who is this session, may they
 * read this agency's reports, what is their first agency called" again and again, each answer
 * one JSON line with the time the lookup began and ended, until its stdin closes. Any cache
 * kept in this process would show here as an answer older than a change made by the other.
 *   tsx --conditions=react-server test/permission-process.ts COOKIE AGENCY_ID
 */
import { can } from '@/lib/auth/permissions'
import { quickSession } from '@/lib/auth/session'
import { prisma } from '@/lib/db'

async function main() {
  const [cookie, agencyId] = process.argv.slice(2)
  let open = true
  process.stdin.on('end', () => {
    open = false
  })
  process.stdin.resume()
  while (open) {
    const startedAt = Date.now()
    const actor = await quickSession(cookie)
    const endedAt = Date.now()
    const user = typeof actor === 'object' ? actor : null
    process.stdout.write(
      `${JSON.stringify({
        startedAt,
        endedAt,
        userId: user?.id ?? null,
        read: user ? can(user, 'report.read', agencyId) : false,
        agencyName: user?.memberships[0]?.agencyName ?? null,
      })}\n`,
    )
    await new Promise((r) => setTimeout(r, 5))
  }
  await prisma.$disconnect()
}

void main()
