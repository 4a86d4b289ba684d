import { Worker } from 'node:worker_threads'
import { bundledWorkerPath } from '@/lib/bundled-worker'
import { ImportRefusal } from './lines'
import type { ImportResult } from './types'
import documentExtensions from './document-extensions.json'

export { ImportRefusal } from './lines'
export type { CellRecognition, DocumentKind, ImportResult, RecognitionRecord } from './types'

export interface ImportLimits {
  /** Largest file read (bytes). */
  maxBytes: number
  /** The worker is ended after this long (ms). */
  timeoutMs: number
  /** Heap of the worker (MB): a document that needs more is refused. */
  maxHeapMb: number
}

export const IMPORT_LIMITS: ImportLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 15_000, maxHeapMb: 512 }

/**
 * Extensions `nianbao import` and `validate` read as published documents: one JSON file that
 * lib/cli/validate-plan.ts and bin/nianbao.js read too (decision 0770).
 */
export const DOCUMENT_EXTENSIONS: readonly string[] = documentExtensions

const WORKER_FILE = 'import-worker.mjs'

/** The bundled worker: NIANBAO_IMPORT_WORKER, beside this bundle, or dist/cli of the checkout. */
export function importWorkerPath(): string {
  const configured = process.env.NIANBAO_IMPORT_WORKER?.trim()
  if (configured) return configured
  const found = bundledWorkerPath(WORKER_FILE)
  if (!found) throw new Error(`找不到导入程序 ${WORKER_FILE}：请先运行 npm run build:cli`)
  return found
}

const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** Reads one document in a worker thread, within the limits. */
export async function importDocument(
  input: { bytes: Uint8Array; fileName: string },
  options: Partial<ImportLimits> = {},
): Promise<ImportResult> {
  const limits = { ...IMPORT_LIMITS, ...options }
  const { fileName } = input
  let bytes = input.bytes
  if (bytes.length === 0) throw new ImportRefusal(`文件“${fileName}”是空的。`)
  if (bytes.length > limits.maxBytes) {
    throw new ImportRefusal(
      `文件“${fileName}”有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB 的上限，不像一份年报。`,
    )
  }
  const ext = extensionOf(fileName)
  let name = fileName
  if (ext === 'doc' || ext === 'wps') {
    const { convertToDocx } = await import('./convert')
    bytes = await convertToDocx(bytes, ext)
    name = `${fileName.slice(0, -ext.length)}docx`
  }
  const result = await inWorker(bytes, name, limits)
  result.recognition.source = {
    fileName,
    kind: ext === 'doc' || ext === 'wps' ? 'doc' : result.recognition.source.kind,
    bytes: input.bytes.length,
  }
  return result
}

/**
 * Idle workers kept warm (starting one costs a few hundred ms): a worker that finished a document
 * in time takes the next; one that ran out of time or memory is ended, never reused.
 */
const idle: Worker[] = []
const MAX_IDLE = 2

type WorkerReply =
  | { id: number; ok: true; result: ImportResult }
  | { id: number; ok: false; refusal: boolean; message: string }

let nextId = 0

function acquire(): Worker {
  const warm = idle.pop()
  if (warm) {
    warm.ref()
    return warm
  }
  return new Worker(importWorkerPath(), { resourceLimits: { maxOldGenerationSizeMb: IMPORT_LIMITS.maxHeapMb } })
}

function release(worker: Worker): void {
  if (idle.length >= MAX_IDLE) {
    void worker.terminate()
    return
  }
  // An idle worker does not keep the process (the command line) alive.
  worker.unref()
  idle.push(worker)
}

function inWorker(bytes: Uint8Array, fileName: string, limits: ImportLimits): Promise<ImportResult> {
  const copy = new Uint8Array(bytes)
  const worker =
    limits.maxHeapMb === IMPORT_LIMITS.maxHeapMb
      ? acquire()
      : new Worker(importWorkerPath(), { resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb } })
  const id = ++nextId
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false
    const cleanup = () => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
    }
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      cleanup()
      void worker.terminate()
      reject(error)
    }
    const onMessage = (m: WorkerReply) => {
      if (settled || m.id !== id) return
      settled = true
      cleanup()
      release(worker)
      if (m.ok) resolve(m.result)
      else if (m.refusal) reject(new ImportRefusal(m.message))
      else reject(new ImportRefusal(`读取“${fileName}”时出错：${m.message}`))
    }
    const onError = (e: Error & { code?: string }) =>
      fail(
        new ImportRefusal(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `读取“${fileName}”所需内存超过上限，已停止：文件过大或过于复杂。`
            : `读取“${fileName}”时出错：${e.message}`,
        ),
      )
    const onExit = (code: number) => fail(new ImportRefusal(`读取“${fileName}”的程序意外退出（${code}）。`))
    const timer = setTimeout(
      () =>
        fail(
          new ImportRefusal(
            `读取“${fileName}”超过 ${Math.round(limits.timeoutMs / 1000)} 秒，已停止：文件可能已损坏或过于复杂。`,
          ),
        ),
      limits.timeoutMs,
    )
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage({ id, bytes: copy, fileName }, [copy.buffer])
  })
}
