/**
 * Diagnostic preload (decision 1020): the wall time of every libsql statement a process runs,
 * summed by its text, written every 5 s and at exit to $STATEMENT_TIMER_DIR/statements-<pid>.txt
 * (default: the system's temporary directory). For the server under the load test:
 *
 *   NODE_OPTIONS="--require ./scripts/sqlite-statement-timer.cjs" npm run loadtest
 *
 * `all` runs `iterate` inside libsql, so a SELECT is counted under both.
 */
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const Database = require('libsql')

const stats = new Map()
const prepare = Database.prototype.prepare
Database.prototype.prepare = function timedPrepare(sql) {
  const statement = prepare.call(this, sql)
  if (statement.__timed) return statement
  statement.__timed = true
  const key = sql.replace(/\s+/g, ' ').slice(0, 90)
  for (const method of ['run', 'all', 'iterate', 'get']) {
    const original = statement[method]
    statement[method] = function timed(...args) {
      const start = process.hrtime.bigint()
      try {
        return original.apply(this, args)
      } finally {
        const ms = Number(process.hrtime.bigint() - start) / 1e6
        const s = stats.get(key) ?? { n: 0, ms: 0, max: 0, over2: 0, over2ms: 0, over10: 0 }
        s.n++
        s.ms += ms
        if (ms > s.max) s.max = ms
        if (ms > 2) {
          s.over2++
          s.over2ms += ms
        }
        if (ms > 10) s.over10++
        stats.set(key, s)
      }
    }
  }
  return statement
}

const dir = process.env.STATEMENT_TIMER_DIR || os.tmpdir()
function dump() {
  const lines = [...stats]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 25)
    .map(
      ([key, s]) =>
        `${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(6)} × ${((s.ms / s.n) * 1000).toFixed(0).padStart(5)} µs, longest ${s.max.toFixed(1)} ms, over 2 ms ${s.over2} (${s.over2ms.toFixed(0)} ms), over 10 ms ${s.over10}  ${key}`,
    )
  if (lines.length) fs.writeFileSync(path.join(dir, `statements-${process.pid}.txt`), `${lines.join('\n')}\n`)
}
process.on('exit', dump)
setInterval(dump, 5000).unref()
