import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/generated/prisma/client'

/**
 * The database: SQLite in a file by default, PostgreSQL with DB_PROVIDER=postgresql. The
 * generated client is provider-specific: `prisma generate` (run by `npm install`, `npm test`
 * and `npm run setup`) builds it for the DB_PROVIDER in force.
 */
export const DB_PROVIDER = process.env.DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite'

function adapter() {
  if (DB_PROVIDER === 'postgresql') {
    const connectionString = process.env.DATABASE_URL
    if (!connectionString?.startsWith('postgres')) {
      throw new Error('DB_PROVIDER=postgresql needs DATABASE_URL=postgresql://user:password@host:port/database')
    }
    // Each app instance keeps a small pool; size it so instances × pool < max_connections.
    return new PrismaPg({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) })
  }
  return new PrismaLibSQL({ url: process.env.DATABASE_URL ?? 'file:./prisma/dev.db' })
}

const g = globalThis as unknown as { prisma?: PrismaClient }
export const prisma = g.prisma ?? new PrismaClient({ adapter: adapter() })
if (process.env.NODE_ENV !== 'production') g.prisma = prisma
