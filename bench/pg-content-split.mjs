/**
 * What a cell-level save would cost PostgreSQL with the narratives in a column of their own
 * (docs/decisions/0790): the whole content rewritten, as today, against the report's cells and
 * its texts in two columns with only the cells rewritten, as a PATCH of 1–3 cells would. Both
 * tables have Report's storage (MAIN, lz4) and indexes like its own (non-HOT updates), each update
 * inserts an audit event in the same statement, as writeContent does. Sequential, named
 * statements, one connection, as the app.
 *
 * Run after `npm run loadtest -- --db postgresql` (it leaves the database nianbao_load, whose
 * contents are copied): PGBASE=postgresql://postgres@127.0.0.1:55432 N=2000 node bench/pg-content-split.mjs
 * Prints per update: the backend's CPU (/proc, so the database must run on this machine), this
 * process's CPU (JSON, the driver, the socket; for `parts` an upper bound: it also splits the
 * JSON), WAL bytes and wall time. Makes and drops the database nianbao_split_bench.
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'
const N = Number(process.env.N ?? 2000)
const base = process.env.PGBASE ?? 'postgresql://postgres@127.0.0.1:55650'
const admin = new pg.Client(`${base}/postgres`)
await admin.connect()
const src = new pg.Client(`${base}/nianbao_load`)
await src.connect()
const contents = (await src.query('select content from "Report" order by id')).rows.map((r) => r.content)
await src.end()
await admin.query('DROP DATABASE IF EXISTS nianbao_split_bench WITH (FORCE)')
await admin.query('CREATE DATABASE nianbao_split_bench')
const c = new pg.Client(`${base}/nianbao_split_bench`)
await c.connect()
const TEXT_KEYS = ['overview', 'problemsImprovements', 'otherMatters']
const split = (s) => {
  const j = JSON.parse(s)
  const t = {}
  for (const k of TEXT_KEYS) {
    t[k] = j.sections[k]
    delete j.sections[k]
  }
  return [JSON.stringify(j), JSON.stringify(t)]
}
const idx = (t) =>
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
const pid = (await c.query('select pg_backend_pid() p')).rows[0].p
const cpu = () => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}
const wal = async () => (await c.query('select pg_current_wal_lsn()::text l')).rows[0].l
const walDiff = async (a, b) =>
  Number((await c.query('select pg_wal_lsn_diff($1::pg_lsn,$2::pg_lsn) d', [b, a])).rows[0].d)
const bump = (s, n) => s.replace(/"natural":(\d+)/, `"natural":${n}`)
async function run(kind) {
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
