import { describe, expect, it } from 'vitest'
import { DB_PROVIDER, prisma } from '@/lib/db'
import { asBoolean, asDate, sql, sqlExecute, sqlList, sqlRows, sqlTransaction } from '@/lib/data/sql'
import { testAgencyCode } from '@/test/agency-code'

async function agency(name: string) {
  return prisma.agency.create({ data: { code: testAgencyCode('sql'), name, type: 'department' } })
}

describe('plain SQL beside the Prisma client', () => {
  it('numbers its parameters for the database in force and splices fragments and lists', () => {
    const inner = sql`"b" IN ${sqlList(['x', 'y'])}`
    const statement = sql`SELECT 1 WHERE "a" = ${1} AND ${inner} AND "c" = ${'z'}`
    expect(statement.values).toEqual([1, 'x', 'y', 'z'])
    expect(statement.strings.join('?')).toBe('SELECT 1 WHERE "a" = ? AND "b" IN (?, ?) AND "c" = ?')
    expect(sqlList([]).strings.join('')).toBe('(NULL)')
  })

  it('reads what the Prisma client wrote, and the client reads what it wrote, dates included', async () => {
    const a = await agency('测试区平面SQL局')
    const [row] = await sqlRows(sql`SELECT "id", "name", "createdAt" FROM "Agency" WHERE "id" = ${a.id}`)
    expect(row.name).toBe('测试区平面SQL局')
    expect(asDate(row.createdAt).getTime()).toBe(a.createdAt.getTime())

    const when = new Date('2027-01-31T15:59:58.123Z')
    expect(await sqlExecute(sql`UPDATE "Agency" SET "createdAt" = ${when} WHERE "id" = ${a.id}`)).toBe(1)
    const back = await prisma.agency.findUniqueOrThrow({ where: { id: a.id } })
    expect(back.createdAt.toISOString()).toBe(when.toISOString())
  })

  it('finds rows by a list, and none by an empty list', async () => {
    const a = await agency('测试区列表一局')
    const b = await agency('测试区列表二局')
    const found = await sqlRows(sql`SELECT "id" FROM "Agency" WHERE "id" IN ${sqlList([a.id, b.id, 'nope'])}`)
    expect(found.map((r) => r.id).sort()).toEqual([a.id, b.id].sort())
    expect(await sqlRows(sql`SELECT "id" FROM "Agency" WHERE "id" IN ${sqlList([])}`)).toEqual([])
  })

  it('commits a transaction that returns and rolls back one that throws', async () => {
    const a = await agency('测试区事务局')
    await sqlTransaction(async (tx) => {
      await tx.execute(sql`UPDATE "Agency" SET "level" = ${'county'} WHERE "id" = ${a.id}`)
    })
    await expect(
      sqlTransaction(async (tx) => {
        await tx.execute(sql`UPDATE "Agency" SET "level" = ${'city'} WHERE "id" = ${a.id}`)
        const [inside] = await tx.rows(sql`SELECT "level" FROM "Agency" WHERE "id" = ${a.id}`)
        expect(inside.level).toBe('city')
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    const after = await prisma.agency.findUniqueOrThrow({ where: { id: a.id } })
    expect(after.level).toBe('county')
    // The connection is usable afterwards, by both.
    expect(await sqlRows(sql`SELECT "id" FROM "Agency" WHERE "id" = ${a.id}`)).toHaveLength(1)
    expect(await prisma.agency.count({ where: { id: a.id } })).toBe(1)
  })

  it.skipIf(DB_PROVIDER === 'postgresql')(
    'keeps SQLite transactions on the one connection, which keeps synchronous=FULL',
    async () => {
      // A temporary table lives in one connection: after the transactions it is still there,
      // holding the committed row only (@libsql/client alone moves to a new connection).
      await sqlExecute(sql`CREATE TEMP TABLE IF NOT EXISTS conn_probe (n INTEGER)`)
      await sqlTransaction(async (tx) => {
        await tx.execute(sql`INSERT INTO conn_probe (n) VALUES (${1})`)
      })
      await expect(
        sqlTransaction(async (tx) => {
          await tx.execute(sql`INSERT INTO conn_probe (n) VALUES (${2})`)
          throw new Error('undo')
        }),
      ).rejects.toThrow('undo')
      expect(await sqlRows(sql`SELECT n FROM conn_probe`)).toEqual([{ n: 1 }])
      const [row] = await sqlRows(sql`PRAGMA synchronous`)
      expect(Number(row.synchronous)).toBe(2)
    },
  )

  it('runs many transactions at once beside the client without losing a write', async () => {
    const a = await prisma.agency.create({
      data: { code: testAgencyCode('sql'), name: '测试区并发局', type: 'department' },
    })
    const user = await prisma.user.create({
      data: { id: `u-${Date.now()}`, name: '并发', email: `c${Date.now()}@x.test`, emailVerified: false },
    })
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? sqlTransaction(async (tx) => {
              await tx.execute(
                sql`INSERT INTO "Membership" ("id", "userId", "agencyId", "role", "createdAt") VALUES (${`m${i}-${Date.now()}`}, ${user.id}, ${a.id}, ${`r${i}`}, ${new Date()})`,
              )
            })
          : prisma.membership.create({ data: { userId: user.id, agencyId: a.id, role: `r${i}` } }),
      ),
    )
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(40)
  })

  it('reads booleans alike on both databases', async () => {
    const id = `u-bool-${Date.now()}`
    await prisma.user.create({ data: { id, name: 'b', email: `${id}@x.test`, emailVerified: true, isAdmin: true } })
    const [row] = await sqlRows(sql`SELECT "emailVerified", "isAdmin" FROM "user" WHERE "id" = ${id}`)
    expect(asBoolean(row.emailVerified)).toBe(true)
    expect(asBoolean(row.isAdmin)).toBe(true)
  })
})
