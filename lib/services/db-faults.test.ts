import { describe, expect, it } from 'vitest'
import { errorResponse } from '@/app/api/_lib/respond'
import { prisma } from '@/lib/db'
import { isPostgres } from '@/test/database'
import { newDraft } from '@/test/services'
import { dbFault } from './db-faults'
import { getReport } from './report-read'
import { saveReport } from './report-save'

/** Shapes of the errors as the drivers raise them (recorded against a PostgreSQL restart). */
const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error('x'), { name: 'DriverAdapterError', cause })

describe('dbFault', () => {
  it('recognizes a lost or unreachable PostgreSQL however it is wrapped', () => {
    expect(
      dbFault(
        adapterError({
          originalCode: '57P01',
          kind: 'postgres',
          code: '57P01',
          message: 'terminating connection due to administrator command',
        }),
      ),
    ).toBe('unavailable')
    expect(
      dbFault(
        Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
          code: 'P1001',
          meta: { driverAdapterError: adapterError({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }) },
        }),
      ),
    ).toBe('unavailable')
    expect(dbFault(adapterError({ kind: 'ConnectionClosed' }))).toBe('unavailable')
    expect(dbFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable')
    expect(dbFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(
      'unavailable',
    )
    expect(dbFault(new Error('timeout exceeded when trying to connect'))).toBe('unavailable')
  })

  it('leaves other errors alone', () => {
    expect(dbFault(new Error('boom'))).toBeNull()
    expect(dbFault(adapterError({ kind: 'UniqueConstraintViolation', constraint: { fields: ['name'] } }))).toBeNull()
    expect(dbFault(adapterError({ kind: 'postgres', code: '23514', message: 'check violation' }))).toBeNull()
  })

  it('answers 503 db_unavailable with a Chinese message and Retry-After', async () => {
    const res = errorResponse(adapterError({ kind: 'DatabaseNotReachable' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(await res.json()).toMatchObject({
      error: 'db_unavailable',
      message: expect.stringContaining('数据库暂时无法连接'),
    })
  })
})

/**
 * The SQLite file's disk full, simulated with PRAGMA max_page_count on the app's connection:
 * SQLite then fails a write with SQLITE_FULL exactly as on a full disk (the same code path:
 * the pager cannot grow the file). A real full filesystem is checked by hand in docs/production.md.
 */
describe.skipIf(isPostgres())('SQLite full', () => {
  it('refuses the save with 507 and a Chinese message, keeps the file consistent and the last save', async () => {
    const stored = await newDraft(2032)
    const report = structuredClone(stored.report) as any
    report.sections.overview = '本机关依法公开政府信息。'
    const acknowledged = await saveReport(stored.id, stored.version, report, null)

    const [{ page_count }] = await prisma.$queryRawUnsafe<{ page_count: number | bigint }[]>('PRAGMA page_count')
    const limit = async (pages: number) => {
      await prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${pages}`)
    }
    await limit(Number(page_count))
    try {
      const bigger = structuredClone(report)
      bigger.sections.overview = '政'.repeat(150_000)
      const error = await saveReport(stored.id, acknowledged.version, bigger, null).then(
        () => null,
        (e: unknown) => e,
      )
      expect(dbFault(error)).toBe('full')
      const res = errorResponse(error)
      expect(res.status).toBe(507)
      expect(await res.json()).toMatchObject({
        error: 'storage_full',
        message: expect.stringContaining('存储空间已满'),
      })
    } finally {
      await limit(1073741823)
    }
    expect(await prisma.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    const after = await getReport(stored.id)
    if (!after) throw new Error('the report is gone')
    expect(after.version).toBe(acknowledged.version)
    expect((after.report.sections as any).overview).toBe('本机关依法公开政府信息。')
    // Space again: saving works on.
    const next = structuredClone(report)
    next.sections.overview = '第二段。'
    expect((await saveReport(stored.id, acknowledged.version, next, null)).version).toBe(acknowledged.version + 1)
  })
})
