/**
 * Decision 1001: each phase's warm-up in one isolate. The bench's files are cut in two halves
 * (whole agencies); the first half's read, siblings' pass and checks run cold, then the second
 * half's the same, warm. Per phase: the JS thread's CPU (/proc/thread-self/schedstat) and the
 * process's (process.cpuUsage, so V8's helper threads too: compiles, parallel scavenges).
 * Usage: node --max-inlined-bytecode-size-cumulative=230 --import tsx \
 *   scripts/validate-phase-warmup-probe.ts DIR [reverse]
 * Last, what handing one half's reports to another thread would cost: the structured clone's
 * serialisation (sender) and deserialisation (receiver) of the reports, by v8.serialize.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gramsInSharedChunks } from '@/lib/narrative/similarity'
import { type CheckTask, packParagraphs, type SharedRepeat, Shard } from '@/lib/cli/validate-shard'
import { type Read, readFile, siblingName } from '@/lib/cli/validate-core'
import { deserialize, serialize } from 'node:v8'

const dir = process.argv[2] ?? '/tmp/years'
const files = readFileSync(path.join(dir, 'files.txt'), 'utf8').split('\n').filter(Boolean)
// `reverse`: the second half first, to tell the warm-up from the halves' difference.
const halves = [files.slice(0, files.length / 2), files.slice(files.length / 2)]
if (process.argv[3] === 'reverse') halves.reverse()

const jsMs = () => {
  const [run] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')
  return Number(run) / 1e6
}
const procMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
function measure<T>(what: string, work: () => T): T {
  const j = jsMs()
  const p = procMs()
  const value = work()
  const dj = jsMs() - j
  const dp = procMs() - p
  process.stdout.write(
    `${what.padEnd(22)} JS ${dj.toFixed(0).padStart(5)} ms, process ${dp.toFixed(0).padStart(5)} ms, other threads ${(dp - dj).toFixed(0).padStart(5)} ms\n`,
  )
  return value
}

gramsInSharedChunks()
halves.forEach((half, h) => {
  const base = (process.argv[3] === 'reverse' ? 1 - h : h) * half.length
  const shard = new Shard(dir)
  const { summaries } = measure(`half ${h + 1} read`, () =>
    shard.load(half.map((file, k) => ({ index: base + k, file: path.join(dir, file) }))),
  )
  type Ok = Extract<(typeof summaries)[number], { key: string }>
  const ok = summaries.filter((s): s is Ok => 'key' in s)
  const years = new Map<number, Ok[]>()
  for (const s of ok) years.set(s.year, [...(years.get(s.year) ?? []), s])
  const found = measure(`half ${h + 1} siblings`, () =>
    shard.siblings(
      [...years.values()].map((list) => ({
        files: list.map((s) => ({ index: s.index, name: siblingName(s.file, s.agencyName) })),
        paragraphs: packParagraphs([]),
      })),
    ),
  )
  const siblings = new Map<number, SharedRepeat[]>(found)
  const byKey = new Map(ok.map((s) => [`${s.key}|${s.year}`, s.index]))
  const tasks: CheckTask[] = ok.map((s) => ({
    index: s.index,
    previous: byKey.get(`${s.key}|${s.year - 1}`) ?? null,
    siblings: siblings.get(s.index) ?? [],
  }))
  measure(`half ${h + 1} check`, () => shard.check(tasks, true))
})

// What a split by phase would move: one half's reports (warm; the checking thread would rebuild the
// rest, e.g. the format, from them).
const reports = halves[0].map((file) => (readFile(path.join(dir, file), dir) as Read).report)
for (let round = 1; round <= 3; round++) {
  const bytes = measure(`clone ${reports.length}: serialise`, () => serialize(reports))
  measure(`clone ${(bytes.length / 1e6).toFixed(1)} MB: deserialise`, () => deserialize(bytes))
}
