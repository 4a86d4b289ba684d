import 'dotenv/config'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { defineConfig } from 'prisma/config'

/**
 * One config for both databases, chosen by DB_PROVIDER (sqlite, the default, or postgresql).
 * Each has its own schema file (prisma-pg/schema.prisma is generated from prisma/schema.prisma
 * by scripts/sync-pg-schema.mjs) and its own migrations folder.
 */
const isPg = process.env.DB_PROVIDER === 'postgresql'

// Prisma 6 CLI fails with a misleading engine-download error when DATABASE_URL is unset.
process.env.DATABASE_URL ??= isPg ? 'postgresql://postgres@127.0.0.1:55432/nianbao' : 'file:./prisma/dev.db'

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

/**
 * The wasm schema engine reads pg catalog columns of type `name` (19) and `"char"` (18), which
 * the pg adapter cannot map (prisma/orm#27403): report them as text. CLI process only.
 */
if (isPg) {
  const asText = (r: any) => {
    for (const f of r?.fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25
    return r
  }
  const query = pg.Client.prototype.query as any
  ;(pg.Client.prototype as any).query = function (...args: any[]) {
    const cb = args[args.length - 1]
    if (typeof cb === 'function') {
      args[args.length - 1] = (e: any, r: any) => cb(e, e ? r : asText(r))
      return query.apply(this, args)
    }
    const res = query.apply(this, args)
    return res && typeof res.then === 'function' ? res.then(asText) : res
  }
}

function pgConfig(url: string): pg.PoolConfig {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  }
}

/**
 * PrismaPg's shadow database reuses the connection string (so "shadow" is the main database)
 * and drops it while still connected. Here: its own database, dropped after disconnecting.
 */
class PrismaPgMigrate extends PrismaPg {
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg)
  }
  async connectToShadowDb() {
    const main = await this.connect()
    const database = `prisma_shadow_${process.pid}_${Date.now()}`
    await main.executeScript(`CREATE DATABASE "${database}"`)
    const shadow = await new PrismaPg({ ...this.cfg, database }).connect()
    const dispose = shadow.dispose.bind(shadow)
    shadow.dispose = async () => {
      await dispose()
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await main.dispose()
    }
    return shadow
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: isPg ? 'prisma-pg/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: isPg ? 'prisma-pg/migrations' : 'prisma/migrations' },
  async adapter() {
    const url = process.env.DATABASE_URL!
    return isPg ? new PrismaPgMigrate(pgConfig(url)) : new PrismaLibSQLWholeScripts({ url })
  },
})
