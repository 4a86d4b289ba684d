/**
 * A worker thread of `nianbao validate` over many files (decision 0530): one Shard, driven by the
 * main thread (validate-parallel.ts) one request at a time. Bundled on its own as
 * dist/cli/validate-worker.mjs (scripts/build-cli.ts). Each answer is `{ value, spans }`: the
 * spans are this thread's timeline when NIANBAO_VALIDATE_TRACE is set (decision 0731).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { gramsInSharedChunks } from '@/lib/narrative/similarity'
import type { ShardRequest } from './validate-parallel'
import { claimedFiles, PartBytes, packedBuffers, packParagraphs, Shard, unpackParagraphs } from './validate-shard'
import { epochMs, type Span, startSpan, threadCpuMs, tracing } from './validate-trace'

const trace = tracing()
/** The thread's start to its bundle loaded: sent with the first answer. */
let pending: Span[] = trace
  ? [
      {
        thread: 'worker',
        what: 'start, load bundle',
        start: (workerData as { spawned?: number }).spawned ?? performance.timeOrigin,
        end: epochMs(),
        cpu: threadCpuMs(),
      },
    ]
  : []

const shard = new Shard((workerData as { cwd: string }).cwd)
// The main thread reads this thread's grams where they are (decision 0730).
gramsInSharedChunks()

/** Runs one request's work and answers it; the span is named `what`, or what the work says it did. */
function answer(what: string, work: () => { value: unknown; transfer?: ArrayBuffer[]; did?: string }): void {
  const span = trace ? startSpan('worker', what) : null
  const { value, transfer, did } = work()
  const spans = span ? [...pending, { ...span.end(), what: did ?? what }] : []
  pending = []
  parentPort?.postMessage({ value, spans }, transfer ?? [])
}

parentPort?.on('message', (request: ShardRequest) => {
  switch (request.type) {
    case 'load':
      return answer('read claimed files', () => {
        const { summaries, paragraphs } = shard.load(claimedFiles(request.claims))
        const packed = packParagraphs(paragraphs)
        return { value: { summaries, packed }, transfer: packedBuffers(packed), did: `read ${summaries.length} files` }
      })
    case 'siblings':
      return answer(`siblings of ${request.years.length} years`, () => ({ value: shard.siblings(request.years) }))
    case 'lend':
      return answer('lend', () => ({ value: shard.lend(request.indices) }))
    case 'check':
      return answer(`check ${request.tasks.length} files`, () => {
        shard.borrow(request.borrow, unpackParagraphs(request.borrowParagraphs))
        // Encoded here as rendered; the chunks are moved, not copied (decision 0771).
        const bytes = new PartBytes()
        return { value: shard.check(request.tasks, request.json, bytes), transfer: bytes.chunks }
      })
  }
})
