/**
 * Report.content on PostgreSQL (docs/decisions/0750-report-content-lz4-main.md): compressed (lz4
 * when the server has it, else pglz) and kept in the row where it fits, as the migration of
 * prisma-pg/migrations set it. SQLite has no column storage: nothing to check there.
 */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { isPostgres } from '@/test/database'

describe.runIf(isPostgres())('Report.content storage on PostgreSQL', () => {
  it('is STORAGE MAIN, lz4 when the server is built with it', async () => {
    const [column] = await prisma.$queryRawUnsafe<{ storage: string; compression: string }[]>(
      `SELECT attstorage::text AS storage, attcompression::text AS compression FROM pg_attribute
        WHERE attrelid = '"Report"'::regclass AND attname = 'content'`,
    )
    const [lz4] = await prisma.$queryRawUnsafe<{ available: boolean }[]>(
      `SELECT 'lz4' = ANY (enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`,
    )
    expect(column.storage).toBe('m')
    // '' is the column's default compression (default_toast_compression, pglz unless changed).
    expect(column.compression).toBe(lz4.available ? 'l' : '')
  })
})
