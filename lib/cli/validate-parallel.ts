/**
 * `nianbao validate` of many report files on several threads (decision 0530). The threads claim
 * the files a block at a time until none is left (decision 1027): the main thread reads what it
 * claims while each worker thread reads what it does. The main thread pairs the years and refuses
 * duplicates from what each thread says of its files; the siblings' pass (paragraphs repeated among
 * agencies of one year) is shared out by year, each thread getting the paragraphs of that year's
 * files it did not read; then each thread checks its own files, with last year's figures sent over
 * when another thread holds them. Every part of the output is rendered where its file was checked
 * and joined in the files' order: the output is the single thread's, byte for byte.
 */
import { Worker } from 'node:worker_threads'
import { bundledWorkerPath } from '@/lib/bundled-worker'
import { gramsInSharedChunks } from '@/lib/narrative/similarity'
import { type OutputPart, sameAgencyYear, siblingName } from './validate-core'
import {
  type CheckTask,
  claimedFiles,
  type FileClaims,
  type FileSummary,
  fileClaims,
  type PackedParagraphs,
  packedBuffers,
  PartBytes,
  packParagraphs,
  Shard,
  type SharedPrevious,
  type SharedRepeat,
  type SiblingYear,
  PackedFiles,
  yearSiblings,
} from './validate-shard'
import { NurseryCap } from './nursery'
import { YOUNG_MB } from './validate-plan'
import { epochMs, record, type Span, startSpan, threadCpuMs, tracing } from './validate-trace'

/** What the main thread asks a worker (validate-worker.ts), one at a time. */
export type ShardRequest =
  | { type: 'load'; claims: FileClaims }
  | { type: 'siblings'; years: SiblingYear[] }
  | { type: 'lend'; indices: number[] }
  | {
      type: 'check'
      borrow: SharedPrevious[]
      borrowParagraphs: PackedParagraphs
      tasks: CheckTask[]
      json: boolean
    }

const WORKER_FILE = 'validate-worker.mjs'

/**
 * Files a thread claims at a time (decision 1027): even (an agency's two years given together stay
 * in one thread) and small, so that the threads end their reads within a file or two of each
 * other; a claim is one atomic add.
 */
const CLAIM_BLOCK = 8

/** A worker thread and its one request in flight. */
class Remote {
  private readonly worker: Worker
  private pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null
  private failed: Error | null = null

  constructor(file: string, cwd: string, adopted: Worker | null = null) {
    // The worker's young generation is set (validate-plan.json): 12 MB, 4 MB semi-spaces since
    // the files' parts die young (decisions 0771, 1021; 96 MB before, decision 0531).
    this.worker =
      adopted ??
      new Worker(file, {
        workerData: { cwd, spawned: epochMs() },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
      })
    if (adopted) {
      adopted.removeAllListeners('error')
      adopted.ref()
    }
    this.worker.on('message', ({ value, spans }: { value: unknown; spans: Span[] }) => {
      record(...spans)
      const p = this.pending
      this.pending = null
      p?.resolve(value)
    })
    const fail = (error: Error) => {
      this.failed ??= error
      const p = this.pending
      this.pending = null
      p?.reject(error)
    }
    this.worker.on('error', fail)
    this.worker.on('exit', (code) => fail(new Error(`validate worker exited (${code})`)))
  }

  ask<T>(request: ShardRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (value: unknown) => void, reject }
      this.worker.postMessage(request, transfer)
    })
  }

  end(): void {
    this.worker.removeAllListeners('exit')
    void this.worker.terminate()
  }
}

/**
 * Phase spans of the main thread (validate-trace.ts) when NIANBAO_VALIDATE_TRACE is set: `trace(what)`
 * closes the span running since the last call (or the start) as `what`.
 */
function tracer() {
  if (!tracing()) return () => {}
  let span = startSpan('main', '')
  return (what: string) => {
    record({ ...span.end(), what })
    span = startSpan('main', '')
  }
}

/**
 * The worker bin/nianbao.js started before the main bundle loaded (decision 0731), once, when it
 * started without error and for this working directory; else null.
 */
function prestarted(cwd: string): Worker | null {
  const key = Symbol.for('nianbao.validateWorker')
  const holder = globalThis as unknown as Record<
    symbol,
    { worker: Worker; cwd: string; error: Error | null } | undefined
  >
  const early = holder[key]
  holder[key] = undefined
  if (!early) return null
  if (early.error || early.cwd !== cwd) {
    void early.worker.terminate()
    return null
  }
  return early.worker
}

/**
 * Checks the files on `threads` threads; each file's part of the output in the files' order, or
 * null when the worker threads could not do their part (the caller then checks on one thread).
 */
export async function validateInThreads(
  files: string[],
  cwd: string,
  json: boolean,
  threads: number,
): Promise<OutputPart[] | null> {
  const file = bundledWorkerPath(WORKER_FILE)
  if (!file) return null
  if (tracing()) {
    record({
      thread: 'main',
      what: 'start, load bundle',
      start: performance.timeOrigin,
      end: epochMs(),
      cpu: threadCpuMs(),
    })
    process.stderr.write(`validate: threads ${threads}, ${files.length} files\n`)
  }
  const trace = tracer()
  const early = prestarted(cwd)
  const remotes = Array.from({ length: threads - 1 }, (_, k) => new Remote(file, cwd, k === 0 ? early : null))
  // The main thread's young generation at the worker's size (decision 1028).
  const nursery = new NurseryCap()
  try {
    // Read: every thread claims blocks of the files until none is left.
    const claims = fileClaims(files, CLAIM_BLOCK)
    const loading = remotes.map((r) =>
      r.ask<{ summaries: FileSummary[]; packed: PackedParagraphs }>({ type: 'load', claims }),
    )
    trace(`start ${remotes.length} workers`)
    // Grams in shared chunks: the paragraphs this thread lends a worker are not copied (decision 0730).
    gramsInSharedChunks()
    const local = new Shard(cwd)
    const own = local.load(nursery.cap(claimedFiles(claims)))
    trace(`read ${own.summaries.length} files`)
    const loaded: { summaries: FileSummary[]; paragraphs: Pick<PackedFiles, 'count' | 'get'> }[] = [
      {
        summaries: own.summaries,
        paragraphs: { count: (k) => own.paragraphs[k].length, get: (k) => own.paragraphs[k] },
      },
    ]
    const read = await Promise.all(loading)
    trace('wait: workers read')
    for (const l of read) loaded.push({ summaries: l.summaries, paragraphs: new PackedFiles(l.packed) })

    const summaries: FileSummary[] = new Array(files.length)
    const holder = new Int32Array(files.length)
    // Each readable file's place among its thread's paragraph lists.
    const placeOf = new Int32Array(files.length)
    loaded.forEach((l, t) => {
      let k = 0
      for (const s of l.summaries) {
        summaries[s.index] = s
        holder[s.index] = t
        if (!('error' in s)) placeOf[s.index] = k++
      }
    })
    const paragraphsOf = (index: number) => loaded[holder[index]].paragraphs.get(placeOf[index])
    const paragraphCount = (index: number) => loaded[holder[index]].paragraphs.count(placeOf[index])
    const { refused, previousOf, siblingYears } = pair(summaries)
    // Years to threads, the largest first, each to the thread with the least so far.
    const load = new Float64Array(threads)
    const yearsOf: (typeof siblingYears)[] = Array.from({ length: threads }, () => [])
    const weight = (list: (typeof siblingYears)[number]) => list.reduce((n, s) => n + paragraphCount(s.index), 0)
    for (const list of [...siblingYears].sort((a, b) => weight(b) - weight(a))) {
      const t = load.indexOf(Math.min(...load))
      load[t] += weight(list)
      yearsOf[t].push(list)
    }
    const asking = remotes.map((r, k) => {
      const t = k + 1
      const years = yearsOf[t].map((list): SiblingYear => {
        const others = list.filter((s) => holder[s.index] !== t).map((s) => paragraphsOf(s.index))
        return {
          files: list.map((s) => ({ index: s.index, name: siblingName(s.file, s.agencyName) })),
          paragraphs: packParagraphs(others),
        }
      })
      return r.ask<[number, SharedRepeat[]][]>(
        { type: 'siblings', years },
        years.flatMap((y) => packedBuffers(y.paragraphs)),
      )
    })
    trace('unpack, pair, pack siblings')
    const siblings = new Map<number, SharedRepeat[]>()
    for (const list of yearsOf[0]) {
      const found = yearSiblings(
        list.map((s) => ({
          index: s.index,
          name: siblingName(s.file, s.agencyName),
          paragraphs: paragraphsOf(s.index),
        })),
      )
      for (const [index, repeats] of found) siblings.set(index, repeats)
    }
    trace(`siblings of ${yearsOf[0].length} years`)
    const compared = await Promise.all(asking)
    trace('wait: workers siblings')
    for (const found of compared) for (const [index, repeats] of found) siblings.set(index, repeats)

    // Last year's figures held by another thread than this year's file.
    const tasks: CheckTask[][] = Array.from({ length: threads }, () => [])
    const wanted: Set<number>[] = Array.from({ length: threads }, () => new Set())
    const lent: Set<number>[] = Array.from({ length: threads }, () => new Set())
    for (const s of summaries) {
      if ('error' in s || refused.has(s.index)) continue
      const previous = previousOf.get(s.index) ?? null
      const t = holder[s.index]
      tasks[t].push({ index: s.index, previous, siblings: siblings.get(s.index) ?? [] })
      if (previous !== null && holder[previous] !== t) {
        wanted[t].add(previous)
        lent[holder[previous]].add(previous)
      }
    }
    const lending = new Map<number, SharedPrevious>()
    const asked = await Promise.all(
      lent.map((indices, t) =>
        indices.size === 0
          ? []
          : t === 0
            ? local.lend([...indices])
            : remotes[t - 1].ask<SharedPrevious[]>({ type: 'lend', indices: [...indices] }),
      ),
    )
    for (const list of asked) for (const p of list) lending.set(p.index, p)
    const borrowOf = (t: number) => {
      const borrow = [...wanted[t]].map((i) => lending.get(i) as SharedPrevious)
      return { borrow, paragraphs: borrow.map((p) => paragraphsOf(p.index)) }
    }

    // Check: each thread its own files.
    const checking = remotes.map((r, k) => {
      const { borrow, paragraphs: lists } = borrowOf(k + 1)
      const packed = packParagraphs(lists)
      return r.ask<OutputPart[]>(
        { type: 'check', borrow, borrowParagraphs: packed, tasks: tasks[k + 1], json },
        packedBuffers(packed),
      )
    })
    trace('tasks, lend, pack')
    const mine = borrowOf(0)
    local.borrow(mine.borrow, mine.paragraphs)
    const checked = [local.check(tasks[0], json, new PartBytes())]
    trace(`check ${tasks[0].length} files`)
    checked.push(...(await Promise.all(checking)))
    trace('wait: workers check')

    const parts = new Map<number, OutputPart>()
    checked.forEach((list, t) => {
      tasks[t].forEach((task, k) => {
        parts.set(task.index, list[k])
      })
    })
    const out = summaries.map((s) => {
      if ('error' in s) return { file: s.file, error: s.error }
      const why = refused.get(s.index)
      return why === undefined ? (parts.get(s.index) as OutputPart) : { file: s.file, error: why }
    })
    trace('merge')
    return out
  } catch (error) {
    if (process.env.NIANBAO_VALIDATE_TRACE) process.stderr.write(`validate: threads failed: ${String(error)}\n`)
    return null
  } finally {
    for (const r of remotes) r.end()
    nursery.release()
  }
}

/**
 * What validateFiles decides from all the files read (lib/cli/validate.ts), from their summaries:
 * the files refused as duplicates of one agency and year, each file's last year, and the years
 * whose files are compared for repeats among siblings (two agencies or more).
 */
function pair(summaries: FileSummary[]) {
  type Ok = Exclude<FileSummary, { error: string }>
  const ok = summaries.filter((s): s is Ok => !('error' in s))
  const refused = new Map<number, string>()
  const byAgencyYear = new Map<string, Ok>()
  for (const s of ok) {
    const key = `${s.key}|${s.year}`
    const first = byAgencyYear.get(key)
    if (!first) {
      byAgencyYear.set(key, s)
      continue
    }
    if (!refused.has(first.index)) refused.set(first.index, sameAgencyYear(s.file, s.agencyLabel, s.year))
    refused.set(s.index, sameAgencyYear(first.file, s.agencyLabel, s.year))
  }
  const previousOf = new Map<number, number>()
  for (const s of ok) {
    const previous = byAgencyYear.get(`${s.key}|${s.year - 1}`)
    if (previous && !refused.has(previous.index)) previousOf.set(s.index, previous.index)
  }

  // The siblings' pass is per year: the years are the units shared out between the threads.
  const years = new Map<number, Ok[]>()
  for (const s of ok) {
    const list = years.get(s.year)
    if (list) list.push(s)
    else years.set(s.year, [s])
  }
  const siblingYears = [...years.values()].filter((list) => new Set(list.map((s) => s.key)).size >= 2)
  return { refused, previousOf, siblingYears }
}
