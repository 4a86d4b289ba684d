import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaClient } from '@/generated/prisma/client'

const g = globalThis as unknown as { prisma?: PrismaClient }
export const prisma =
  g.prisma ??
  new PrismaClient({ adapter: new PrismaLibSQL({ url: process.env.DATABASE_URL ?? 'file:./prisma/dev.db' }) })
if (process.env.NODE_ENV !== 'production') g.prisma = prisma
