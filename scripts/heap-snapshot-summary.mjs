/**
 * node --max-old-space-size=8000 scripts/heap-snapshot-summary.mjs FILE.heapsnapshot [MIN_MB=1] [DEPTH=6]
 *
 * A diagnostic (decision 0960): what holds a server worker's live heap. V8 takes a heap snapshot
 * after a full GC, so it holds only what is reachable. Prints the live heap by node type, the
 * largest (type, name) groups by their own size, and the dominator tree (what, if dropped, frees
 * how much: the retained size) down to nodes retaining MIN_MB or more, each named by the edge it
 * was first reached through. Take the snapshot with NIANBAO_WORKER_V8_FLAGS=--heapsnapshot-signal=SIGUSR2
 * and `kill -USR2 <worker pid>` (the worker writes Heap.*.heapsnapshot in its working directory).
 */
import { readFileSync } from 'node:fs'

const [file, minMbArg, depthArg] = process.argv.slice(2)
const MIN = Number(minMbArg ?? 1) * 2 ** 20
const DEPTH = Number(depthArg ?? 6)
const snap = JSON.parse(readFileSync(file, 'utf8'))
const { meta } = snap.snapshot
const NF = meta.node_fields.length
const EF = meta.edge_fields.length
const nTypeOff = meta.node_fields.indexOf('type')
const nNameOff = meta.node_fields.indexOf('name')
const nSizeOff = meta.node_fields.indexOf('self_size')
const nEdgesOff = meta.node_fields.indexOf('edge_count')
const eTypeOff = meta.edge_fields.indexOf('type')
const eNameOff = meta.edge_fields.indexOf('name_or_index')
const eToOff = meta.edge_fields.indexOf('to_node')
const nodeTypes = meta.node_types[0]
const edgeTypes = meta.edge_types[0]
const WEAK = edgeTypes.indexOf('weak')
const SHORTCUT = edgeTypes.indexOf('shortcut')
const ELEMENT = edgeTypes.indexOf('element')
const HIDDEN = edgeTypes.indexOf('hidden')
const nodes = snap.nodes
const edges = snap.edges
const strings = snap.strings
const N = nodes.length / NF

const firstEdge = new Uint32Array(N + 1)
for (let i = 0, e = 0; i < N; i++) {
  firstEdge[i] = e
  e += nodes[i * NF + nEdgesOff] * EF
}
firstEdge[N] = edges.length
const size = (i) => nodes[i * NF + nSizeOff]
const typeOf = (i) => nodeTypes[nodes[i * NF + nTypeOff]]
const nameOf = (i) => strings[nodes[i * NF + nNameOff]]
const edgeName = (e) => {
  const t = edges[e + eTypeOff]
  const n = edges[e + eNameOff]
  return t === ELEMENT || t === HIDDEN ? `[${n}]` : String(strings[n])
}
const followed = (e, from) => {
  const t = edges[e + eTypeOff]
  return t !== WEAK && (t !== SHORTCUT || from === 0)
}

// Depth-first order from the root (node 0), iteratively; the edge each node was first reached by.
const post = new Int32Array(N).fill(-1)
const order = new Int32Array(N)
const via = new Int32Array(N).fill(-1)
const parent = new Int32Array(N).fill(-1)
const visited = new Uint8Array(N)
let count = 0
{
  const stack = new Int32Array(N)
  const cursor = new Uint32Array(N)
  let sp = 0
  stack[sp++] = 0
  visited[0] = 1
  cursor[0] = firstEdge[0]
  while (sp > 0) {
    const v = stack[sp - 1]
    if (cursor[v] < firstEdge[v + 1]) {
      const e = cursor[v]
      cursor[v] += EF
      if (!followed(e, v)) continue
      const w = edges[e + eToOff] / NF
      if (!visited[w]) {
        visited[w] = 1
        via[w] = e
        parent[w] = v
        cursor[w] = firstEdge[w]
        stack[sp++] = w
      }
    } else {
      sp--
      post[v] = count
      order[count++] = v
    }
  }
}

// Predecessors (reachable nodes only), then Cooper–Harvey–Kennedy's iterative dominators.
const predCount = new Uint32Array(N + 1)
for (let v = 0; v < N; v++) {
  if (!visited[v]) continue
  for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
    if (followed(e, v)) predCount[edges[e + eToOff] / NF + 1]++
  }
}
for (let i = 0; i < N; i++) predCount[i + 1] += predCount[i]
const preds = new Int32Array(predCount[N])
const fill = predCount.slice(0, N)
for (let v = 0; v < N; v++) {
  if (!visited[v]) continue
  for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
    if (followed(e, v)) preds[fill[edges[e + eToOff] / NF]++] = v
  }
}
const idom = new Int32Array(N).fill(-1)
idom[0] = 0
const intersect = (a, b) => {
  while (a !== b) {
    while (post[a] < post[b]) a = idom[a]
    while (post[b] < post[a]) b = idom[b]
  }
  return a
}
for (let changed = true; changed; ) {
  changed = false
  for (let k = count - 2; k >= 0; k--) {
    const v = order[k]
    let d = -1
    for (let p = predCount[v]; p < predCount[v + 1]; p++) {
      const u = preds[p]
      if (idom[u] === -1) continue
      d = d === -1 ? u : intersect(u, d)
    }
    if (d !== idom[v]) {
      idom[v] = d
      changed = true
    }
  }
}
const retained = new Float64Array(N)
for (let k = 0; k < count; k++) {
  const v = order[k]
  retained[v] += size(v)
  if (v !== 0) retained[idom[v]] += retained[v]
}

const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`
console.log(`${file}: ${count} live nodes, ${mb(retained[0])} (unreachable in the file: ${N - count} nodes)`)
const byType = new Map()
const byName = new Map()
for (let k = 0; k < count; k++) {
  const v = order[k]
  const t = typeOf(v)
  byType.set(t, (byType.get(t) ?? 0) + size(v))
  // Strings by where they hang: the edge they were first reached by, from which kind of node.
  const isString = t === 'string' || t === 'concatenated string' || t === 'sliced string'
  const key = isString
    ? `${t} via ${parent[v] >= 0 ? typeOf(parent[v]) : '?'} ${parent[v] >= 0 && typeOf(parent[v]) !== 'code' ? String(nameOf(parent[v])).slice(0, 30) : ''}.${via[v] >= 0 ? (edges[via[v] + eTypeOff] === ELEMENT ? '[n]' : edgeName(via[v]).slice(0, 20)) : '?'}`
    : `${t} ${String(nameOf(v)).slice(0, 60)}`
  const g = byName.get(key) ?? { n: 0, b: 0 }
  g.n++
  g.b += size(v)
  byName.set(key, g)
}
console.log('\nby node type (own size):')
for (const [t, b] of [...byType].sort((a, b) => b[1] - a[1])) console.log(`  ${mb(b).padStart(10)}  ${t}`)
console.log('\nlargest (type, name) groups (own size):')
for (const [k, g] of [...byName].sort((a, b) => b[1].b - a[1].b).slice(0, 40))
  console.log(`  ${mb(g.b).padStart(10)}  ${String(g.n).padStart(8)} × ${k}`)

// The dominator tree, children by retained size.
const children = new Map()
for (let k = 0; k < count; k++) {
  const v = order[k]
  if (v === 0 || retained[v] < MIN) continue
  const d = idom[v]
  if (!children.has(d)) children.set(d, [])
  children.get(d).push(v)
}
console.log(
  `\ndominator tree (retained ≥ ${mb(MIN)}, depth ${DEPTH}; "via" is the edge the node was first reached by, from its parent in the walk):`,
)
const show = (v, depth) => {
  const kids = (children.get(v) ?? []).sort((a, b) => retained[b] - retained[a])
  for (const w of kids) {
    const label = via[w] >= 0 ? edgeName(via[w]) : '?'
    const from = parent[w] >= 0 ? String(nameOf(parent[w])).slice(0, 40) : ''
    console.log(
      `${'  '.repeat(depth)}${mb(retained[w]).padStart(9)} ${typeOf(w)} ${String(nameOf(w)).slice(0, 80)}  (via ${from}.${label.slice(0, 50)})`,
    )
    if (depth < DEPTH) show(w, depth + 1)
  }
}
show(0, 1)
