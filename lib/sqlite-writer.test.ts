/** The SQLite writer thread (lib/sqlite-writer.ts) and the saves that go through it. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'libsql'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { connectedSqliteWriter } from '@/lib/db'
import { saveReport } from '@/lib/services/report-save'
import { isPostgres } from '@/test/database'
import { newDraft } from '@/test/services'
import { BACKSTOP_AUTOCHECKPOINT, CHECKPOINT_INTERVAL_MS, SqliteCheckpointer } from './sqlite-checkpointer'
import { SqliteWriter, sqliteFilePath } from './sqlite-writer'

// The writer is off by default (decision 0700): this file's saves go through it.
vi.hoisted(() => {
  process.env.NIANBAO_SQLITE_WRITER = '1'
})

const dir = mkdtempSync(path.join(tmpdir(), 'sqlite-writer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function scratch(name: string) {
  const file = path.join(dir, `${name}.db`)
  const db = new Database(file)
  db.prepare('PRAGMA journal_mode = WAL').all()
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, v INTEGER NOT NULL); CREATE TABLE e (id TEXT PRIMARY KEY, t TEXT)')
  db.exec("INSERT INTO t VALUES ('a', 0), ('b', 0), ('c', 0), ('d', 0)")
  return { file, db }
}

/** Bumps row `id` from version `from`; its event `eventId` after it; else the version stored. */
const bump = (id: string, from: number, eventId: string) => ({
  write: { sql: 'UPDATE t SET v = v + 1 WHERE id = ? AND v = ?', args: [id, from] },
  after: [{ sql: 'INSERT INTO e (id, t) VALUES (?, ?)', args: [eventId, id] }],
  otherwise: { sql: 'SELECT v FROM t WHERE id = ?', args: [id] },
})

describe('SqliteWriter', () => {
  it('reads the file a file: URL names, and none for a database in memory', () => {
    expect(sqliteFilePath('file:./prisma/dev.db')).toBe('./prisma/dev.db')
    expect(sqliteFilePath('file:/tmp/a%20b.db?connection_limit=1')).toBe('/tmp/a b.db')
    expect(sqliteFilePath('file:///tmp/x.db')).toBe('/tmp/x.db')
    expect(sqliteFilePath('file::memory:')).toBeNull()
    expect(sqliteFilePath('file:x?mode=memory')).toBeNull()
    expect(sqliteFilePath('postgresql://u@h/d')).toBeNull()
  })

  it('answers once committed: the other connection sees the write and its event, or the version stored', async () => {
    const { file, db } = scratch('answers')
    const writer = new SqliteWriter(file, 5000)
    try {
      expect(await writer.write(bump('a', 0, 'e1'))).toEqual({ written: true })
      expect(db.prepare("SELECT v FROM t WHERE id = 'a'").all()).toEqual([{ v: 1 }])
      expect(db.prepare("SELECT t FROM e WHERE id = 'e1'").all()).toEqual([{ t: 'a' }])
      // A stale version changes nothing and writes no event.
      expect(await writer.write(bump('a', 0, 'e2'))).toEqual({ written: false, rows: [{ v: 1 }] })
      expect(db.prepare("SELECT count(*) AS n FROM e WHERE id = 'e2'").all()).toEqual([{ n: 0 }])
    } finally {
      await writer.close()
      db.close()
    }
  })

  it('commits the writes that waited together in one group; a failing one is undone alone', async () => {
    const { file, db } = scratch('group')
    const writer = new SqliteWriter(file, 5000)
    try {
      // The thread running first (starting it may take longer than the wait below on a busy machine).
      expect(await writer.write(bump('a', 0, 'e0'))).toEqual({ written: true })
      const started = { ...writer.groups }
      // Another connection holds the write lock: the first write waits for it (retrying), and
      // the writes posted meanwhile queue up behind it.
      db.exec('BEGIN IMMEDIATE')
      const first = writer.write(bump('a', 1, 'e1'))
      await new Promise((r) => setTimeout(r, 100))
      const rest = [
        writer.write(bump('b', 0, 'e2')),
        // Its event's id is taken: the update before it must be undone too.
        writer.write(bump('c', 0, 'e1')),
        writer.write(bump('d', 0, 'e4')),
      ]
      db.exec('COMMIT')
      const results = await Promise.allSettled([first, ...rest])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
      expect(String((results[2] as PromiseRejectedResult).reason.message)).toMatch(/UNIQUE/)
      expect(db.prepare('SELECT id, v FROM t ORDER BY id').all()).toEqual([
        { id: 'a', v: 2 },
        { id: 'b', v: 1 },
        { id: 'c', v: 0 },
        { id: 'd', v: 1 },
      ])
      // The first alone (it was waiting for the lock), then the three that queued behind it in one
      // commit; all four in one when the first had not reached the thread before the lock was free.
      expect(writer.groups.writes - started.writes).toBe(4)
      expect(writer.groups.count - started.count).toBeLessThanOrEqual(2)
    } finally {
      await writer.close()
      db.close()
    }
  })

  it('says it is broken when its thread cannot open the database, so saves write elsewhere', async () => {
    const writer = new SqliteWriter(path.join(dir, 'no-such-folder', 'x.db'), 5000)
    expect(writer.broken).toBe(false)
    await expect(writer.write(bump('a', 0, 'e1'))).rejects.toThrow()
    expect(writer.broken).toBe(true)
  })

  it('runs a plain write in its group and answers the rows it changed', async () => {
    const { file, db } = scratch('run')
    const writer = new SqliteWriter(file, 5000)
    try {
      const [changed, none, saved] = await Promise.all([
        writer.run({ sql: 'UPDATE t SET v = ? WHERE id IN (?, ?)', args: [7, 'b', 'c'] }),
        writer.run({ sql: 'UPDATE t SET v = 1 WHERE id = ?', args: ['nobody'] }),
        writer.write(bump('a', 0, 'e1')),
      ])
      expect([changed, none, saved]).toEqual([2, 0, { written: true }])
      expect(db.prepare("SELECT id, v FROM t WHERE id IN ('a', 'b', 'c') ORDER BY id").all()).toEqual([
        { id: 'a', v: 1 },
        { id: 'b', v: 7 },
        { id: 'c', v: 7 },
      ])
    } finally {
      await writer.close()
      db.close()
    }
  })

  it('checkpoints the WAL on its own thread: the writes reach the database file without a commit doing it', async () => {
    // In WAL mode only a checkpoint writes the database file: its size tells whether one ran.
    const fileSize = async (checkpoints: boolean, name: string) => {
      const { file, db } = scratch(name)
      const writer = new SqliteWriter(file, 5000, checkpoints ? BACKSTOP_AUTOCHECKPOINT : null)
      const checkpointer = new SqliteCheckpointer(file)
      if (checkpoints) checkpointer.start()
      try {
        const before = statSync(file).size
        // 40 rows of 3 kB: far below the autocheckpoint of 1,000 pages, no commit checkpoints.
        await writer.run({ sql: 'CREATE TABLE big (n INTEGER, pad TEXT)', args: [] })
        for (let i = 0; i < 40; i++)
          await writer.run({ sql: 'INSERT INTO big VALUES (?, ?)', args: [i, 'x'.repeat(3000)] })
        const deadline = Date.now() + 4 * CHECKPOINT_INTERVAL_MS
        while (statSync(file).size < before + 40 * 3000 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50))
        return statSync(file).size - before
      } finally {
        await checkpointer.close()
        await writer.close()
        db.close()
      }
    }
    expect(await fileSize(true, 'checkpointer')).toBeGreaterThanOrEqual(40 * 3000)
    expect(await fileSize(false, 'no-checkpointer')).toBe(0)
  })

  it('gives up with SQLITE_BUSY when another connection keeps the lock past the timeout', async () => {
    const { file, db } = scratch('busy')
    const writer = new SqliteWriter(file, 50)
    try {
      db.exec('BEGIN IMMEDIATE')
      const error = await writer.write(bump('a', 0, 'e1')).then(
        () => null,
        (e: unknown) => e as { code?: string },
      )
      db.exec('ROLLBACK')
      expect(error?.code).toBe('SQLITE_BUSY')
      // The writer works on afterwards.
      expect(await writer.write(bump('a', 0, 'e1'))).toEqual({ written: true })
    } finally {
      await writer.close()
      db.close()
    }
  })
  it('holds a script that closes it until its thread has ended (a bench ended early without this)', () => {
    const { file, db } = scratch('close')
    db.close()
    const script = path.join(dir, 'close.mts')
    writeFileSync(
      script,
      `import { SqliteWriter } from ${JSON.stringify(path.join(__dirname, 'sqlite-writer.ts'))}
      const writer = new SqliteWriter(${JSON.stringify(file)}, 5000)
      for (let i = 0; i < 20; i++) await writer.write(${JSON.stringify(bump('a', 0, 'e'))})
      await writer.close()
      console.log('closed')`,
    )
    // Several times: the early end depended on which came first, the last reply or the thread's end.
    for (let i = 0; i < 3; i++) {
      const out = execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], {
        encoding: 'utf8',
      })
      expect(out.trim()).toBe('closed')
    }
  })
})

describe.skipIf(isPostgres())('saves through the writer thread', () => {
  it('an acknowledged save is in the database file, with its audit event', async () => {
    const writer = await connectedSqliteWriter()
    if (!writer) throw new Error('the test database is a file: the saves should have a writer thread')
    const before = writer.groups.writes
    const stored = await newDraft(2031)
    const report = structuredClone(stored.report) as { sections: Record<string, unknown> }
    report.sections.overview = '本机关依法公开政府信息。'
    const saved = await saveReport(stored.id, stored.version, report, null)
    expect(writer.groups.writes).toBe(before + 1)
    // A connection of its own, opened after the answer: what it reads is on disk.
    const file = sqliteFilePath(process.env.DATABASE_URL ?? '')
    if (!file) throw new Error('no database file')
    const db = new Database(file)
    try {
      const [row] = db
        .prepare('SELECT "version", "content", "updatedAt" FROM "Report" WHERE "id" = ?')
        .all([stored.id]) as { version: number; content: string; updatedAt: string }[]
      expect(row.version).toBe(saved.version)
      expect(JSON.parse(row.content).sections.overview).toBe('本机关依法公开政府信息。')
      // The same text the libsql adapter writes for a date (so every reader parses it).
      expect(row.updatedAt).toBe(saved.updatedAt.replace('Z', '+00:00'))
      const events = db
        .prepare('SELECT "kind", "version" FROM "ReportEvent" WHERE "reportId" = ? AND "kind" = ?')
        .all([stored.id, 'save'])
      expect(events).toEqual([{ kind: 'save', version: saved.version }])
    } finally {
      db.close()
    }
  })
})
