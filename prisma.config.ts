import 'dotenv/config'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { defineConfig } from 'prisma/config'

// Prisma 6 CLI fails with a misleading engine-download error when DATABASE_URL is unset.
process.env.DATABASE_URL ??= 'file:./prisma/dev.db'

/**
 * `migrate dev` replays migrations into the shadow database through executeRaw with the whole
 * file as one statement, and libsql runs only the first statement of it: the shadow saw only
 * the first table and `migrate dev` reported drift. Here a script without parameters runs
 * whole, in a temporary file database.
 */
class PrismaLibSQLWholeScripts extends PrismaLibSQL {
  async connectToShadowDb() {
    const file = path.join(tmpdir(), `nianbao-shadow-${process.pid}-${Date.now()}.db`)
    const shadow = await new PrismaLibSQL({ url: `file:${file}` }).connect()
    const executeRaw = shadow.executeRaw.bind(shadow)
    shadow.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query)
      await shadow.executeScript(query.sql)
      return 0
    }
    const dispose = shadow.dispose.bind(shadow)
    shadow.dispose = async () => {
      await dispose()
      rmSync(file, { force: true })
    }
    return shadow
  }
}

// DB_PROVIDER=postgresql (prisma-pg/) arrives later; only SQLite is wired for now.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    return new PrismaLibSQLWholeScripts({ url: process.env.DATABASE_URL! })
  },
})
