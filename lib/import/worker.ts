/**
 * The worker thread of lib/import/index.ts: reads each document it is sent and posts the result
 * or the refusal. Bundled on its own as dist/cli/import-worker.mjs (scripts/build-cli.ts), which the
 * CLI, the Next server and the tests all start.
 */
import { parentPort } from 'node:worker_threads'
import { ImportRefusal } from './lines'
import { readDocument } from './read'

// One document at a time: the parent sends the next only after this one's answer.
parentPort?.on('message', ({ id, bytes, fileName }: { id: number; bytes: Uint8Array; fileName: string }) => {
  readDocument({ bytes, fileName }).then(
    (result) => parentPort?.postMessage({ id, ok: true, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id,
        ok: false,
        // A document nested beyond the stack (thousands of nested tags) is refused as such.
        refusal: error instanceof ImportRefusal || error instanceof RangeError,
        message:
          error instanceof RangeError
            ? '文件结构嵌套过深或过于复杂，不像一份年报，已拒绝读取。'
            : error instanceof Error
              ? error.message
              : String(error),
      }),
  )
})
