/**
 * A worker thread of `nianbao validate` over many files (decision 0530): one Shard, driven by the
 * main thread (validate-parallel.ts) one request at a time. Bundled on its own as
 * dist/cli/validate-worker.mjs (scripts/build-cli.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { gramsInSharedChunks } from '@/lib/narrative/similarity'
import type { ShardRequest } from './validate-parallel'
import { packedBuffers, packParagraphs, Shard, unpackParagraphs } from './validate-shard'

const shard = new Shard((workerData as { cwd: string }).cwd)
// The main thread reads this thread's grams where they are (decision 0730).
gramsInSharedChunks()

parentPort?.on('message', (request: ShardRequest) => {
  switch (request.type) {
    case 'load': {
      const { summaries, paragraphs } = shard.load(request.files)
      const packed = packParagraphs(paragraphs)
      parentPort?.postMessage({ summaries, packed }, packedBuffers(packed))
      return
    }
    case 'siblings':
      parentPort?.postMessage(shard.siblings(request.years))
      return
    case 'lend':
      parentPort?.postMessage(shard.lend(request.indices))
      return
    case 'check':
      shard.borrow(request.borrow, unpackParagraphs(request.borrowParagraphs))
      parentPort?.postMessage(shard.check(request.tasks, request.json))
      return
  }
})
