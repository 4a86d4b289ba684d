/**
 * A backup taken while saves are running restores into a fresh database with every report's
 * content, version and events as the source had them at one moment: each restored report is
 * exactly an acknowledged state of its source, with the events up to that version.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PrismaClient } from '@/generated/prisma/client'
import { prisma } from '@/lib/db'
import { wholeContent } from '@/lib/report/content-split'
import { getReport } from '@/lib/services/report-read'
import { saveReport } from '@/lib/services/report-save'
import { dropPgDatabase, isPostgres, recreatePgDatabase } from '@/test/database'
import { newDraft } from '@/test/services'
import { backupDatabase, type DatabaseTarget, restoreDatabase } from './backup'

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-backup-'))
const restoreDb = `nianbao_restore_${process.pid}`
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  if (isPostgres()) await dropPgDatabase(restoreDb)
})

const source = (): DatabaseTarget => ({
  provider: isPostgres() ? 'postgresql' : 'sqlite',
  url: process.env.DATABASE_URL as string,
})

async function clientOf(target: DatabaseTarget): Promise<PrismaClient> {
  const adapter =
    target.provider === 'postgresql'
      ? new (await import('@prisma/adapter-pg')).PrismaPg({ connectionString: target.url })
      : new (await import('@prisma/adapter-libsql')).PrismaLibSQL({ url: target.url })
  return new PrismaClient({ adapter })
}

async function reportsOf(client: PrismaClient) {
  // The report whole: its content and its narratives stored apart (decision 0840) both restore.
  const reports = await client.report.findMany({ orderBy: { id: 'asc' }, include: { text: true } })
  const events = await client.reportEvent.findMany({
    orderBy: [{ reportId: 'asc' }, { version: 'asc' }, { id: 'asc' }],
  })
  return reports.map((r) => ({
    id: r.id,
    version: r.version,
    content: wholeContent(r),
    status: r.status,
    events: events
      .filter((e) => e.reportId === r.id)
      .map((e) => ({ id: e.id, kind: e.kind, version: e.version, summary: e.summary, actor: e.actor })),
  }))
}

describe('backup and restore', () => {
  it('restores a backup taken under load to reports identical to the source at the snapshot', async () => {
    const drafts = await Promise.all(Array.from({ length: 6 }, (_, i) => newDraft(2040 + i)))
    /** Every acknowledged state: report id → version → stored content. */
    const acknowledged = new Map<string, Map<number, string>>()
    for (const d of drafts)
      acknowledged.set(d.id, new Map([[d.version, JSON.stringify((await getReport(d.id))?.report)]]))

    let running = true
    const writer = async (id: string) => {
      const stored = await getReport(id)
      if (!stored) throw new Error('no report')
      const report = structuredClone(stored.report) as any
      let version = stored.version
      // Saves go on until the backup is done, and two more after it: the source moves past the
      // snapshot whatever the machine's speed.
      for (let n = 1, after = 0; running || after < 2; n++) {
        if (!running) after++
        report.sections.overview = `第${n}次保存：本机关依法公开政府信息。`
        const saved = await saveReport(id, version, report, null)
        version = saved.version
        acknowledged.get(id)?.set(version, JSON.stringify((await getReport(id))?.report))
        // As requests arrive from the network: let timers (and the backup) run between saves.
        await new Promise((r) => setImmediate(r))
      }
    }
    const load = Promise.all(drafts.map((d) => writer(d.id)))
    // Let the saves get going, then back up in the middle of them.
    await new Promise((r) => setTimeout(r, 200))
    const file = path.join(dir, isPostgres() ? 'under-load.dump' : 'under-load.db')
    try {
      await backupDatabase(source(), file)
    } finally {
      running = false
      await load
    }

    const target: DatabaseTarget = isPostgres()
      ? { provider: 'postgresql', url: await recreatePgDatabase(restoreDb) }
      : { provider: 'sqlite', url: `file:${path.join(dir, 'restored.db')}` }
    // PostgreSQL restores into an empty database; SQLite's file is created by the restore.
    await restoreDatabase(target, file)
    const restored = await clientOf(target)
    try {
      expect(await restored.$queryRawUnsafe(isPostgres() ? 'SELECT 1 AS ok' : 'PRAGMA integrity_check')).toEqual([
        isPostgres() ? { ok: 1 } : { integrity_check: 'ok' },
      ])
      const now = await reportsOf(prisma)
      const copy = await reportsOf(restored)
      expect(copy.map((r) => r.id)).toEqual(now.map((r) => r.id))
      let caughtMidway = 0
      for (const r of copy) {
        const live = now.find((x) => x.id === r.id)
        if (!live) throw new Error(`report ${r.id} missing in the source`)
        // Its content is the source's own at that version, and its events are the source's up to it.
        const states = acknowledged.get(r.id)
        if (states) {
          expect(states.has(r.version), `${r.id} v${r.version} was acknowledged`).toBe(true)
          expect(JSON.parse(r.content)).toEqual(JSON.parse(states.get(r.version) as string))
          if (r.version < live.version) caughtMidway++
        } else {
          expect(r).toEqual(live)
        }
        expect(r.events).toEqual(live.events.filter((e) => e.version <= r.version))
      }
      // The saves were running when the backup was taken.
      expect(caughtMidway).toBeGreaterThan(0)
    } finally {
      await restored.$disconnect()
    }

    // Taken at rest, a backup restores to exactly the source: every report, every event.
    const quiet = path.join(dir, isPostgres() ? 'quiet.dump' : 'quiet.db')
    await backupDatabase(source(), quiet)
    await restoreDatabase(target, quiet, { replace: true })
    const again = await clientOf(target)
    try {
      expect(await reportsOf(again)).toEqual(await reportsOf(prisma))
    } finally {
      await again.$disconnect()
    }
  })

  it('refuses to overwrite an existing database without replace', async () => {
    const file = path.join(dir, isPostgres() ? 'refuse.dump' : 'refuse.db')
    await backupDatabase(source(), file)
    await expect(backupDatabase(source(), file)).rejects.toThrow('备份文件已存在')
    if (!isPostgres()) await expect(restoreDatabase(source(), file)).rejects.toThrow('数据库文件已存在')
  })
})
