/**
 * Where a server's CPU went, by source line: `node bench/cpuprofile-sources.cjs DIR/CPU*.cpuprofile`
 * after `npm run loadtest -- --profile DIR` (docs/decisions/0790). Sums the samples of the given
 * profiles (idle left out) by function, mapped through the build's chunk source maps
 * (.next or .next-pg, `next build` writes them) to lib/ and app/ lines: self time, then the time
 * of each of our functions with what it called. Sampling is wall-clock: a function that wakes
 * another process (writev to the database's socket) is charged while descheduled too.
 * `--slices S` first prints, per S seconds of each profile (from its start), the CPU not idle with
 * its GC and V8's own work ("(program)": compiling, among others) and the three app functions with
 * the most time; `--from A --to B` then sums only the samples between A and B seconds (decision 0810).
 */
const { readFileSync, existsSync } = require('node:fs')
const { SourceMapConsumer } = require('source-map-js')
const consumers = new Map()
function orig(cf) {
  if (!cf.url.includes('/chunks/')) return null
  const file = cf.url.replace('file://', '')
  if (!consumers.has(file)) {
    const m = `${file}.map`
    let c = null
    if (existsSync(m)) {
      try {
        const j = JSON.parse(readFileSync(m, 'utf8'))
        c = j.sections ? null : new SourceMapConsumer(j)
        if (j.sections) c = { sections: j.sections.map((s) => ({ off: s.offset, c: new SourceMapConsumer(s.map) })) }
      } catch {
        c = null
      }
    }
    consumers.set(file, c)
  }
  const c = consumers.get(file)
  if (!c) return null
  let line = cf.lineNumber,
    col = cf.columnNumber,
    cons = c
  if (c.sections) {
    let s = null
    for (const x of c.sections) {
      if (x.off.line < line || (x.off.line === line && x.off.column <= col)) s = x
    }
    if (!s) return null
    if (s.off.line === line) col -= s.off.column
    line -= s.off.line
    cons = s.c
  }
  const p = cons.originalPositionFor({ line: line + 1, column: col })
  return p.source ? `${p.source.replace(/.*\]\/|.*\.\.\//, '')}:${p.line}${p.name ? ` ${p.name}` : ''}` : null
}
const argv = process.argv.slice(2)
const opt = (name) => {
  const i = argv.indexOf(`--${name}`)
  if (i < 0) return null
  const v = Number(argv[i + 1])
  argv.splice(i, 2)
  return v
}
const SLICE = opt('slices')
const FROM = opt('from') ?? 0
const TO = opt('to') ?? Number.POSITIVE_INFINITY
const self = new Map(),
  incl = new Map()
let total = 0
for (const f of argv) {
  const p = JSON.parse(readFileSync(f, 'utf8'))
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of p.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id)
  const key = new Map()
  const k = (id) => {
    if (!key.has(id)) {
      const cf = byId.get(id).callFrame
      key.set(
        id,
        orig(cf) ??
          `${cf.functionName || '(anon)'} ${cf.url
            .replace(/.*node_modules\//, '')
            .split('/')
            .slice(0, 2)
            .join('/')}`,
      )
    }
    return key.get(id)
  }
  const slices = []
  let at = 0
  p.samples.forEach((s, i) => {
    const t = p.timeDeltas[i] ?? 0
    at += t
    const cf = byId.get(s).callFrame
    if (cf.functionName === '(idle)') return
    if (SLICE) {
      const n = Math.floor(at / 1e6 / SLICE)
      slices[n] ??= { busy: 0, gc: 0, program: 0, app: new Map() }
      const sl = slices[n]
      sl.busy += t
      if (cf.functionName === '(garbage collector)') sl.gc += t
      if (cf.functionName === '(program)') sl.program += t
      const seen = new Set()
      for (let cur = s; cur !== undefined; cur = parent.get(cur)) {
        const kk = k(cur)
        if (seen.has(kk) || !/^(lib|app)\//.test(kk)) continue
        seen.add(kk)
        sl.app.set(kk, (sl.app.get(kk) ?? 0) + t)
      }
    }
    if (at / 1e6 < FROM || at / 1e6 >= TO) return
    total += t
    self.set(k(s), (self.get(k(s)) ?? 0) + t)
    const seen = new Set()
    let cur = s
    while (cur !== undefined) {
      const kk = k(cur)
      if (!seen.has(kk)) {
        seen.add(kk)
        incl.set(kk, (incl.get(kk) ?? 0) + t)
      }
      cur = parent.get(cur)
    }
  })
  if (SLICE) {
    console.log(`--- ${f}: per ${SLICE} s (ms not idle, gc, program | app functions, inclusive)`)
    slices.forEach((sl, n) => {
      if (!sl) return
      const apps = [...sl.app]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([kk, v]) => `${kk} ${(v / 1000).toFixed(0)}`)
        .join(', ')
      const ms = (v) => (v / 1000).toFixed(0)
      console.log(
        `${String(n * SLICE).padStart(4)} s: ${ms(sl.busy)} (gc ${ms(sl.gc)}, program ${ms(sl.program)}) | ${apps}`,
      )
    })
  }
}
const top = (m, n, re) =>
  [...m]
    .filter(([k]) => !re || re.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n')
console.log('non-idle total', (total / 1000).toFixed(0))
console.log('--- self')
console.log(top(self, 40))
console.log('--- inclusive (app sources)')
console.log(top(incl, 60, /^(lib|app|scripts)\/|\.ts:/))
