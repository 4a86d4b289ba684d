/**
 * Where a server's CPU went, by source line: `node bench/cpuprofile-sources.cjs DIR/CPU*.cpuprofile`
 * after `npm run loadtest -- --profile DIR` (docs/decisions/0790). Sums the samples of the given
 * profiles (idle left out) by function, mapped through the build's chunk source maps
 * (.next or .next-pg, `next build` writes them) to lib/ and app/ lines: self time, then the time
 * of each of our functions with what it called. Sampling is wall-clock: a function that wakes
 * another process (writev to the database's socket) is charged while descheduled too.
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
const self = new Map(),
  incl = new Map()
let total = 0
for (const f of process.argv.slice(2)) {
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
  p.samples.forEach((s, i) => {
    const t = p.timeDeltas[i] ?? 0
    const cf = byId.get(s).callFrame
    if (cf.functionName === '(idle)') return
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
