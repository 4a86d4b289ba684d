/**
 * The worker thread of lib/import/index.ts: reads one document and posts the result or the
 * refusal. Bundled on its own as dist/cli/import-worker.mjs (scripts/build-cli.ts), which the
 * CLI, the Next server and the tests all start.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { ImportRefusal } from './lines'
import { readDocument } from './read'

const { bytes, fileName } = workerData as { bytes: Uint8Array; fileName: string }
readDocument({ bytes, fileName }).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      refusal: error instanceof ImportRefusal,
      message: error instanceof Error ? error.message : String(error),
    }),
)
