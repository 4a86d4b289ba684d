/**
 * The read pass of `validate` in one isolate, block by block (decision 0850): the CPU of readFile
 * and of paragraphsOf for each block of 50 files, in the command line's shared-chunks mode, and
 * the GC pauses that fell in each block (the JS thread's CPU from /proc/thread-self/schedstat; the
 * other threads' CPU is V8's compiles and GC helpers). Shows the JIT warm-up (the first blocks) apart from the
 * steady cost, and what the scavenges of the kept reports add.
 *
 *   node --max-inlined-bytecode-size-cumulative=230 --import tsx scripts/validate-read-curve.ts /tmp/years
 *
 * (the flag is the one bin/nianbao.js sets for validate; the directory holds files.txt, as the
 * bench's /tmp/years does.) Prints figures; never judged.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import { paragraphsOf, readFile } from '@/lib/cli/validate-core'
import { gramsInSharedChunks } from '@/lib/narrative/similarity'

const BLOCK = 50
const dir = path.resolve(process.argv[2] ?? '/tmp/years')
const files = readFileSync(path.join(dir, 'files.txt'), 'utf8').trim().split(/\s+/)
const limit = Number(process.argv[3] ?? files.length)

/** This thread's CPU time in ms (schedstat's run time, in ns: finer than stat's 10 ms ticks). */
const cpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6
/** The other threads of the process (V8's compiles and GC helpers), in ms. */
const otherMs = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000 - cpuMs()
}
const pauses: { start: number; ms: number }[] = []
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration })
})
observer.observe({ entryTypes: ['gc'] })

gramsInSharedChunks()
const kept: unknown[] = []
const blocks: { from: number; to: number; read: number; paragraphs: number; others: number }[] = []
for (let b = 0; b < Math.min(limit, files.length); b += BLOCK) {
  const from = performance.now()
  const others = otherMs()
  let t = cpuMs()
  const reads = files.slice(b, b + BLOCK).map((f) => readFile(f, dir))
  const read = cpuMs() - t
  t = cpuMs()
  for (const r of reads) if (!('error' in r)) paragraphsOf(r)
  const paragraphs = cpuMs() - t
  kept.push(reads)
  blocks.push({ from, to: performance.now(), read, paragraphs, others: otherMs() - others })
}

setTimeout(() => {
  observer.disconnect()
  let sum = { read: 0, paragraphs: 0, gc: 0, others: 0 }
  console.log('files      readFile  paragraphsOf  GC pauses  other threads (ms)')
  blocks.forEach((k, i) => {
    const gc = pauses.filter((p) => p.start >= k.from && p.start < k.to).reduce((s, p) => s + p.ms, 0)
    sum = {
      read: sum.read + k.read,
      paragraphs: sum.paragraphs + k.paragraphs,
      gc: sum.gc + gc,
      others: sum.others + k.others,
    }
    const label = `${i * BLOCK + 1}–${(i + 1) * BLOCK}`.padEnd(10)
    const row = [k.read, k.paragraphs, gc, k.others].map((v, j) => v.toFixed(0).padStart([8, 12, 9, 18][j]))
    console.log(`${label} ${row.join('  ')}`)
  })
  const all = [sum.read, sum.paragraphs, sum.gc, sum.others].map((v, j) => v.toFixed(0).padStart([8, 12, 9, 18][j]))
  console.log(`all        ${all.join('  ')}`)
}, 50)
