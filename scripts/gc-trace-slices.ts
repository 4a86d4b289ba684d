/**
 * V8's --trace-gc-nvp lines of the server's workers, summed per 5 s of a load run (decision 0870):
 * how many scavenges and mark-compacts, their pause, the bytes they promoted to the old generation
 * and the bytes that survived in the young one, per slice. Times are placed with each process's
 * start from the stall monitor's lines (`origin`).
 *
 *   NIANBAO_WORKER_V8_FLAGS=--trace-gc-nvp LOADTEST_SERVER_LOG=/tmp/x.log \
 *     npm run loadtest -- --timeline --stalls > /tmp/x.out
 *   npx tsx scripts/gc-trace-slices.ts /tmp/x.log /tmp/x.out
 *
 * The second file is the load test's output: its "measured from" line sets slice 0. Slices before
 * it (the server's own warm-up, the load test's 5 s warm-up) are printed with negative times.
 *
 * A second table says where the scavenges' time went (decision 0880): V8's phases summed per
 * slice (roots: the remembered old→new slots and the stack/handles; parallel: copying the
 * survivors; sweep of array buffers, external/weak handles, time to the safepoint), and how many
 * scavenges ran while an incremental marking was under way (with `--trace-incremental-marking` in
 * NIANBAO_WORKER_V8_FLAGS: from its "Start" line to the process's next mark-compact).
 */
import { readFileSync } from 'node:fs'

const [logFile, outFile] = process.argv.slice(2)
if (!logFile || !outFile) {
  console.error('usage: tsx scripts/gc-trace-slices.ts SERVER_LOG LOADTEST_OUTPUT')
  process.exit(2)
}

const measured = /measured from (\S+)/.exec(readFileSync(outFile, 'utf8'))
if (!measured) throw new Error(`${outFile}: no "measured from" line`)
const measureFrom = Date.parse(measured[1])

const origins = new Map<number, number>()
for (const text of readFileSync(`${logFile}.stalls.jsonl`, 'utf8').split('\n')) {
  if (!text) continue
  const l = JSON.parse(text) as { pid: number; origin?: number; role: string }
  if (l.origin && l.role !== 'primary') origins.set(l.pid, l.origin)
}

interface Slice {
  scavenges: number
  scavengeMs: number
  marks: number
  markMs: number
  promotedMb: number
  survivedMb: number
  allocatedMb: number
  /** Scavenges' phase times summed (ms), by V8's field name. */
  phases: Record<string, number>
  /** Scavenges that ran while this process's incremental marking was under way. */
  duringMarking: number
  duringMarkingMs: number
}
const PHASES = [
  'scavenge.roots',
  'scavenge.parallel',
  'scavenge.update_refs',
  'scavenge.weak',
  'scavenge.sweep_array_buffers',
  'scavenge.free_remembered_set',
  'heap.external.prologue',
  'heap.external.epilogue',
  'heap.external_weak_global_handles',
  'time_to_safepoint',
  'heap.epilogue',
]
const marking = new Map<number, boolean>()
const slices = new Map<number, Slice>()
const field = (line: string, name: string) => Number(new RegExp(` ${name}=([\\d.]+)`).exec(line)?.[1] ?? 0)

for (const line of readFileSync(logFile, 'utf8').split('\n')) {
  // --trace-incremental-marking: "[pid:0x…] 1234 ms: [IncrementalMarking] Start (…)"
  const start = /^\[(\d+):0x[0-9a-f]+\]\s+\d+ ms: \[IncrementalMarking\] Start/.exec(line)
  if (start) marking.set(Number(start[1]), true)
  const m = /^\[(\d+):0x[0-9a-f]+\]\s+(\d+) ms: pause=/.exec(line)
  if (!m) continue
  const origin = origins.get(Number(m[1]))
  if (origin === undefined) continue
  const at = origin + Number(m[2]) - measureFrom
  const key = Math.floor(at / 5000) * 5
  const s = slices.get(key) ?? {
    scavenges: 0,
    scavengeMs: 0,
    marks: 0,
    markMs: 0,
    promotedMb: 0,
    survivedMb: 0,
    allocatedMb: 0,
    phases: {},
    duringMarking: 0,
    duringMarkingMs: 0,
  }
  const kind = / gc=(\w+)/.exec(line)?.[1]
  const pause = field(line, 'pause')
  if (kind === 's') {
    s.scavenges++
    s.scavengeMs += pause
    for (const phase of PHASES) s.phases[phase] = (s.phases[phase] ?? 0) + field(line, phase)
    if (marking.get(Number(m[1]))) {
      s.duringMarking++
      s.duringMarkingMs += pause
    }
  } else {
    s.marks++
    s.markMs += pause
    marking.set(Number(m[1]), false)
  }
  s.promotedMb += field(line, 'promoted') / 2 ** 20
  s.survivedMb += field(line, 'new_space_survived') / 2 ** 20
  s.allocatedMb += field(line, 'allocated') / 2 ** 20
  slices.set(key, s)
}

console.log(
  `gc per 5 s (${origins.size} workers, all summed): from (s) | scavenges ms | mark-compacts ms | promoted MB | survived in young MB`,
)
for (const key of [...slices.keys()].sort((a, b) => a - b)) {
  const s = slices.get(key) as Slice
  console.log(
    `  ${String(key).padStart(4)}: ${String(s.scavenges).padStart(4)} scavenges ${s.scavengeMs.toFixed(0).padStart(5)} ms | ${s.marks} mark ${s.markMs.toFixed(0).padStart(4)} ms | promoted ${s.promotedMb.toFixed(1).padStart(6)} MB | survived ${s.survivedMb.toFixed(1).padStart(6)} MB`,
  )
}

console.log(
  'scavenges per 5 s, where their time went (ms summed; V8 --trace-gc-nvp fields) | during incremental marking',
)
for (const key of [...slices.keys()].sort((a, b) => a - b)) {
  const s = slices.get(key) as Slice
  if (s.scavenges === 0) continue
  const parts = PHASES.filter((p) => (s.phases[p] ?? 0) >= 0.5).map(
    (p) => `${p.replace('scavenge.', '').replace('heap.', '')} ${(s.phases[p] ?? 0).toFixed(0)}`,
  )
  console.log(
    `  ${String(key).padStart(4)}: ${(s.scavengeMs / s.scavenges).toFixed(1).padStart(5)} ms each | ${parts.join(', ')} | ${s.duringMarking} of ${s.scavenges} (${s.duringMarkingMs.toFixed(0)} ms)`,
  )
}
