/**
 * One summariser for V8 `.cpuprofile` files (decision 0820): self and inclusive time per function,
 * with the function named either by its place in the built chunk or by its source line.
 *
 * - As a command, for a server's profiles (`npm run loadtest -- --profile DIR`, decision 0790):
 *   `npm run profile:server -- DIR/CPU*.cpuprofile`. Sums the samples of the given profiles (idle
 *   left out) by function, mapped through the build's chunk source maps (.next or .next-pg,
 *   `next build` writes them) to lib/ and app/ lines: self time, then the time of each of our
 *   functions with what it called. Sampling is wall-clock: a function that wakes another process
 *   (writev to the database's socket) is charged while descheduled too. `--slices S` first prints,
 *   per S seconds of each profile (from its start), the time not idle with its GC and V8's own work
 *   ("(program)": compiling, among others) and the three app functions with the most time;
 *   `--from A --to B` sums only the samples between A and B seconds (decision 0810).
 * - As a module, for the browser's profile of a keystroke (scripts/profile-keystroke.ts): the
 *   production bundle is minified, so a function is named by chunk:line:column.
 */
import { existsSync, readFileSync } from 'node:fs'
import { SourceMapConsumer } from 'source-map-js'

export interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
export interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Self and inclusive time (µs) per function name, and the total counted (µs). */
export interface ProfileSummary {
  self: Map<string, number>
  inclusive: Map<string, number>
  total: number
}

/** V8's pseudo-frames that are no function's time: idle, the VM's own (program), the root. */
export const PSEUDO_FRAME = /^\((idle|program|root)\)/

/** `name chunk.js:line:column` (1-based), for a browser profile of the minified bundle. */
export function chunkPositionName(f: CallFrame): string {
  const file = f.url.split('/').pop() || f.url || '(native)'
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`
}

type Consumer = SourceMapConsumer | { sections: { offset: { line: number; column: number }; map: SourceMapConsumer }[] }
const consumers = new Map<string, Consumer | null>()

function chunkSourceMap(file: string): Consumer | null {
  if (!consumers.has(file)) {
    let consumer: Consumer | null = null
    const mapFile = `${file}.map`
    if (existsSync(mapFile)) {
      try {
        const json = JSON.parse(readFileSync(mapFile, 'utf8'))
        consumer = json.sections
          ? {
              sections: json.sections.map((s: { offset: { line: number; column: number }; map: unknown }) => ({
                offset: s.offset,
                map: new SourceMapConsumer(s.map as never),
              })),
            }
          : new SourceMapConsumer(json)
      } catch {
        consumer = null
      }
    }
    consumers.set(file, consumer)
  }
  return consumers.get(file) ?? null
}

/** `lib/x.ts:12 name` through a server chunk's source map, or null outside the chunks. */
export function sourceLineName(f: CallFrame): string | null {
  if (!f.url.includes('/chunks/')) return null
  const consumer = chunkSourceMap(f.url.replace('file://', ''))
  if (!consumer) return null
  let line = f.lineNumber
  let column = f.columnNumber
  let map: SourceMapConsumer
  if ('sections' in consumer) {
    let section: (typeof consumer.sections)[number] | null = null
    for (const s of consumer.sections) {
      if (s.offset.line < line || (s.offset.line === line && s.offset.column <= column)) section = s
    }
    if (!section) return null
    if (section.offset.line === line) column -= section.offset.column
    line -= section.offset.line
    map = section.map
  } else map = consumer
  const p = map.originalPositionFor({ line: line + 1, column })
  return p.source ? `${p.source.replace(/.*\]\/|.*\.\.\//, '')}:${p.line}${p.name ? ` ${p.name}` : ''}` : null
}

/** A source line, else the function and its package (`name next/dist`). */
export function sourceOrPackageName(f: CallFrame): string {
  return (
    sourceLineName(f) ??
    `${f.functionName || '(anon)'} ${f.url
      .replace(/.*node_modules\//, '')
      .split('/')
      .slice(0, 2)
      .join('/')}`
  )
}

/** Seconds from each profile's start: only the samples in [from, to) are summed. */
export interface TimeWindow {
  from: number
  to: number
}

const WHOLE_PROFILE: TimeWindow = { from: 0, to: Number.POSITIVE_INFINITY }

/**
 * Sums the samples of the profiles by function name: self time, and inclusive time (a function
 * counted once per sample however often it is on the stack). `skip` leaves samples out of both
 * and of the total (the idle ones, by default); so does `window`.
 */
export function summariseProfiles(
  profiles: CpuProfile[],
  name: (f: CallFrame) => string,
  skip: (f: CallFrame) => boolean = (f) => f.functionName === '(idle)',
  window: TimeWindow = WHOLE_PROFILE,
): ProfileSummary {
  const inWindow = (seconds: number) => (seconds < window.from || seconds >= window.to ? undefined : 0)
  return summariseByTime(profiles, name, skip, inWindow).get(0) ?? { self: new Map(), inclusive: new Map(), total: 0 }
}

/**
 * One pass over the samples, summed per bucket: `bucketOf` gives a sample's bucket from its time
 * since the profile's start (seconds), or undefined to leave it out.
 */
function summariseByTime(
  profiles: CpuProfile[],
  name: (f: CallFrame) => string,
  skip: (f: CallFrame) => boolean,
  bucketOf: (seconds: number) => number | undefined,
): Map<number, ProfileSummary> {
  const buckets = new Map<number, ProfileSummary>()
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    const parent = new Map<number, number>()
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id)
    const names = new Map<number, string>()
    const nameOf = (id: number) => {
      let s = names.get(id)
      if (s === undefined) {
        s = name(byId.get(id)!.callFrame)
        names.set(id, s)
      }
      return s
    }
    let elapsed = 0
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0
      elapsed += dt
      const node = byId.get(id)
      if (!node || skip(node.callFrame)) return
      const bucket = bucketOf(elapsed / 1e6)
      if (bucket === undefined) return
      let sum = buckets.get(bucket)
      if (!sum) {
        sum = { self: new Map(), inclusive: new Map(), total: 0 }
        buckets.set(bucket, sum)
      }
      sum.total += dt
      sum.self.set(nameOf(id), (sum.self.get(nameOf(id)) ?? 0) + dt)
      const seen = new Set<string>()
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (!byId.has(cur)) break
        const k = nameOf(cur)
        if (seen.has(k)) continue
        seen.add(k)
        sum.inclusive.set(k, (sum.inclusive.get(k) ?? 0) + dt)
      }
    })
  }
  return buckets
}

/** The `count` largest entries whose name passes `keep`, sorted by time. */
export function largest(times: Map<string, number>, count: number, keep: (name: string) => boolean = () => true) {
  return [...times]
    .filter(([k]) => keep(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
}

const APP_SOURCE = /^(lib|app|scripts)\/|\.ts:/
const ms = (us: number) => (us / 1000).toFixed(0)

/**
 * Per `seconds` of one profile from its start: the time not idle, its GC and "(program)" (V8's
 * own work, compiling among it), and the three app functions with the most inclusive time.
 */
export function sliceReport(profile: CpuProfile, seconds: number): string[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]))
  const slices: { busy: number; gc: number; program: number }[] = []
  let elapsed = 0
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    elapsed += dt
    const frame = frames.get(id)
    if (frame === '(idle)') return
    const n = Math.floor(elapsed / 1e6 / seconds)
    if (!slices[n]) slices[n] = { busy: 0, gc: 0, program: 0 }
    const slice = slices[n]
    slice.busy += dt
    if (frame === '(garbage collector)') slice.gc += dt
    if (frame === '(program)') slice.program += dt
  })
  const bySlice = summariseByTime(
    [profile],
    sourceOrPackageName,
    (f) => f.functionName === '(idle)',
    (s) => Math.floor(s / seconds),
  )
  return slices.flatMap((slice, n) => {
    if (!slice) return []
    const inclusive = bySlice.get(n)?.inclusive ?? new Map<string, number>()
    const apps = largest(inclusive, 3, (k) => APP_SOURCE.test(k))
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ')
    return [
      `${String(n * seconds).padStart(4)} s: ${ms(slice.busy)} (gc ${ms(slice.gc)}, program ${ms(slice.program)}) | ${apps}`,
    ]
  })
}

/** The server's report (formerly bench/cpuprofile-sources.cjs): ms and share of the total. */
export function serverReport(files: string[], window: TimeWindow = WHOLE_PROFILE, sliceSeconds = 0): string {
  const profiles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile)
  const slices =
    sliceSeconds > 0
      ? profiles.flatMap((p, i) => [
          `--- ${files[i]}: per ${sliceSeconds} s (ms not idle, gc, program | app functions, inclusive)`,
          ...sliceReport(p, sliceSeconds),
        ])
      : []
  const { self, inclusive, total } = summariseProfiles(profiles, sourceOrPackageName, undefined, window)
  const lines = (rows: [string, number][]) =>
    rows
      .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n')
  return [
    ...slices,
    `non-idle total ${(total / 1000).toFixed(0)}`,
    '--- self',
    lines(largest(self, 40)),
    '--- inclusive (app sources)',
    lines(largest(inclusive, 60, (k) => APP_SOURCE.test(k))),
  ].join('\n')
}

/** `--name N` taken out of `args` (a number), or null. */
function numberOption(args: string[], name: string): number | null {
  const i = args.indexOf(`--${name}`)
  if (i < 0) return null
  const value = Number(args[i + 1])
  args.splice(i, 2)
  return Number.isFinite(value) ? value : null
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const sliceSeconds = numberOption(args, 'slices') ?? 0
  const window = { from: numberOption(args, 'from') ?? 0, to: numberOption(args, 'to') ?? Number.POSITIVE_INFINITY }
  if (!args.length) {
    console.error('usage: npm run profile:server -- [--slices S] [--from A --to B] DIR/CPU*.cpuprofile')
    process.exitCode = 2
  } else console.log(serverReport(args, window, sliceSeconds))
}
