/**
 * What a cell-level save would cost PostgreSQL with the narratives in a column of their own
 * (docs/decisions/0790, 0810): the whole content rewritten, as today, against the report's cells
 * and its texts in two columns with only the cells rewritten, as a PATCH of 1–3 cells would. The
 * texts moved are the format's narratives (`narrativePath` of each section of `formatFor(the
 * report's formatVersion)`, as lib/narrative/texts.ts `narrativeTexts` reads them), not a list
 * of keys of its own. Both tables have Report's storage (MAIN, lz4) and indexes like its own
 * (non-HOT updates); each update inserts an audit event in the same statement, as writeContent
 * does. Sequential, named statements, one connection, as the app.
 *
 * Run after `npm run loadtest -- --db postgresql` (it leaves the database nianbao_load, whose
 * contents are copied):
 *   N=2000 npx tsx --conditions=react-server bench/pg-content-split.ts
 * PGBASE (e.g. postgresql://postgres@127.0.0.1:55432) defaults to the cluster of
 * scripts/pg-cluster.sh: the port in $PG_DIR/port (PG_DIR as there, default /tmp/nianbao-pg),
 * else $PG_PORT, else 55432.
 * Prints per update: the backend's CPU (/proc, so the database must run on this machine), this
 * process's CPU (JSON, the driver, the socket; for `parts` an upper bound: it also splits the
 * JSON), WAL bytes and wall time. Makes and drops the database nianbao_split_bench.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { narrativePath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'

function clusterBase(): string {
  if (process.env.PGBASE) return process.env.PGBASE
  const portFile = path.join(process.env.PG_DIR ?? '/tmp/nianbao-pg', 'port')
  const port = existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : (process.env.PG_PORT ?? '55432')
  return `postgresql://postgres@127.0.0.1:${port}`
}

type Json = Record<string, unknown>

/** The content as two texts: without its narratives, and the narratives by their path. */
function split(s: string): [string, string] {
  const j = JSON.parse(s) as { formatVersion: string; sections: Json }
  const format = formatFor(j.formatVersion)
  if (!format) throw new Error(`no format ${j.formatVersion}`)
  const texts: Record<string, unknown> = {}
  for (const section of format.sections) {
    const p = narrativePath(section)
    if (!p) continue
    const keys = p.split('.')
    let node: Json | undefined = j.sections
    for (const k of keys.slice(0, -1)) node = node?.[k] as Json | undefined
    const last = keys[keys.length - 1]
    if (node && last in node) {
      texts[p] = node[last]
      delete node[last]
    }
  }
  return [JSON.stringify(j), JSON.stringify(texts)]
}

async function main() {
  const N = Number(process.env.N ?? 2000)
  const base = clusterBase()
  const admin = new pg.Client(`${base}/postgres`)
  await admin.connect()
  const src = new pg.Client(`${base}/nianbao_load`)
  await src.connect()
  const contents = (await src.query('select content from "Report" order by id')).rows.map((r) => r.content as string)
  await src.end()
  if (contents.length === 0) throw new Error('nianbao_load holds no report: run the load test first')
  await admin.query('DROP DATABASE IF EXISTS nianbao_split_bench WITH (FORCE)')
  await admin.query('CREATE DATABASE nianbao_split_bench')
  const c = new pg.Client(`${base}/nianbao_split_bench`)
  await c.connect()
  const idx = (t: string) =>
    `CREATE INDEX ${t}_list ON ${t}("agencyId", year, "updatedAt", id, status, version); CREATE INDEX ${t}_year ON ${t}(year); CREATE UNIQUE INDEX ${t}_u ON ${t}("agencyId", year)`
  await c.query(`CREATE TABLE whole(id text primary key, "agencyId" text, year int, status text, version int, "updatedAt" timestamp(3), "errorCount" int, content text not null);
    ALTER TABLE whole ALTER COLUMN content SET STORAGE MAIN, ALTER COLUMN content SET COMPRESSION lz4; ${idx('whole')};
    CREATE TABLE parts(id text primary key, "agencyId" text, year int, status text, version int, "updatedAt" timestamp(3), "errorCount" int, cells text not null, texts text not null);
    ALTER TABLE parts ALTER COLUMN cells SET STORAGE MAIN, ALTER COLUMN cells SET COMPRESSION lz4, ALTER COLUMN texts SET STORAGE MAIN, ALTER COLUMN texts SET COMPRESSION lz4; ${idx('parts')};
    CREATE TABLE ev(id serial primary key, "reportId" text, version int, summary text, "createdAt" timestamp(3))`)
  const R = 200
  for (let i = 0; i < R; i++) {
    const s = contents[i % contents.length]
    const [cells, texts] = split(s)
    await c.query('INSERT INTO whole VALUES ($1,$2,2024,$3,1,now(),0,$4)', [`r${i}`, `a${i}`, 'draft', s])
    await c.query('INSERT INTO parts VALUES ($1,$2,2024,$3,1,now(),0,$4,$5)', [`r${i}`, `a${i}`, 'draft', cells, texts])
  }
  const pid = (await c.query('select pg_backend_pid() p')).rows[0].p as number
  const cpu = () => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(f[11]) + Number(f[12])) * 10
  }
  const wal = async () => (await c.query('select pg_current_wal_lsn()::text l')).rows[0].l as string
  const walDiff = async (a: string, b: string) =>
    Number((await c.query('select pg_wal_lsn_diff($1::pg_lsn,$2::pg_lsn) d', [b, a])).rows[0].d)
  const bump = (s: string, n: number) => s.replace(/"natural":(\d+)/, `"natural":${n}`)
  async function run(kind: string) {
    const t0 = cpu()
    const w0 = await wal()
    const start = performance.now()
    const u0 = process.cpuUsage()
    for (let n = 0; n < N; n++) {
      const i = n % R
      const s = contents[i % contents.length]
      const v = n + 2
      const summary = JSON.stringify({
        changed: ['sections.applications.newReceived.natural'],
        changes: [{ path: 'sections.applications.newReceived.natural', old: n, new: n + 1 }],
      })
      if (kind === 'whole') {
        await c.query({
          name: 'w',
          text: 'WITH s AS (UPDATE whole SET content=$1, version=$2, "updatedAt"=now(), "errorCount"=$3 WHERE id=$4 RETURNING id) INSERT INTO ev("reportId",version,summary,"createdAt") SELECT id,$2,$5,now() FROM s',
          values: [bump(s, n), v, n % 3, `r${i}`, summary],
        })
      } else {
        const [cells] = split(bump(s, n))
        await c.query({
          name: 'p',
          text: 'WITH s AS (UPDATE parts SET cells=$1, version=$2, "updatedAt"=now(), "errorCount"=$3 WHERE id=$4 RETURNING id) INSERT INTO ev("reportId",version,summary,"createdAt") SELECT id,$2,$5,now() FROM s',
          values: [cells, v, n % 3, `r${i}`, summary],
        })
      }
    }
    const ms = performance.now() - start
    const u = process.cpuUsage(u0)
    const w1 = await wal()
    console.log(
      `${kind}: ${N} updates, backend cpu ${((cpu() - t0) / N).toFixed(3)} ms/update, this process (JSON, driver, socket) ${((u.user + u.system) / 1000 / N).toFixed(3)} ms/update, WAL ${((await walDiff(w0, w1)) / N / 1024).toFixed(1)} KB/update, wall ${(ms / N).toFixed(2)} ms/update`,
    )
  }
  for (const k of (process.env.ORDER ?? 'whole,parts,whole,parts').split(',')) await run(k)
  await c.end()
  await admin.query('DROP DATABASE nianbao_split_bench WITH (FORCE)')
  await admin.end()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
