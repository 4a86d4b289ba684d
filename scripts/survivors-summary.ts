/**
 * What survived the scavenges, by the code that allocated it (decision 0930): reads the
 * PATH.<pid>.heapprofile files of scripts/stall-monitor.mjs's NIANBAO_DIAG_HEAP_FILE (V8's
 * sampling heap profiler, objects that died in a scavenge left out) and prints the bytes per
 * allocating stack, heaviest first, summed over the files; with SAVES (the saves acknowledged
 * in the sampled window) also per save.
 *
 *   npx tsx scripts/survivors-summary.ts SAVES FILE.heapprofile… [--depth N] [--top N]
 */
import { readFileSync } from 'node:fs'

interface Frame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface Node {
  callFrame: Frame
  selfSize: number
  children: Node[]
}

const args = process.argv.slice(2)
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  if (i < 0) return fallback
  const v = Number(args[i + 1])
  args.splice(i, 2)
  return v
}
const depth = opt('depth', 6)
const top = opt('top', 40)
const saves = Number(args.shift())
const files = args

const short = (f: Frame) => {
  const file = f.url
    .replace(/^.*\/(\.next[^/]*\/)/, '$1')
    .replace(/^.*node_modules\//, 'nm:')
    .replace(/^file:\/\//, '')
  return `${f.functionName || '(anon)'} ${file ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim()
}

const byStack = new Map<string, number>()
const bySelf = new Map<string, number>()
let total = 0
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { head: Node; from: string; to: string }
  console.log(`${file}: ${profile.from} → ${profile.to}`)
  const walk = (node: Node, stack: Frame[]) => {
    const here = node.callFrame.functionName === '(root)' ? stack : [...stack, node.callFrame]
    if (node.selfSize) {
      total += node.selfSize
      const key = here.slice(-depth).reverse().map(short).join('\n      ← ')
      byStack.set(key, (byStack.get(key) ?? 0) + node.selfSize)
      const self = short(here[here.length - 1] ?? node.callFrame)
      bySelf.set(self, (bySelf.get(self) ?? 0) + node.selfSize)
    }
    for (const child of node.children) walk(child, here)
  }
  walk(profile.head, [])
}
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`
const per = (b: number) => (saves > 0 ? ` (${(b / saves / 1024).toFixed(2)} KB per save)` : '')
console.log(`\nsurvived, sampled: ${(total / 2 ** 20).toFixed(1)} MB${per(total)}\n`)
console.log('by allocating function:')
for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${kb(v).padStart(10)}${per(v)}  ${k}`)
console.log('\nby stack:')
for (const [k, v] of [...byStack].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${kb(v).padStart(10)}${per(v)}  ${k}`)
