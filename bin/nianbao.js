#!/usr/bin/env node
// The nianbao command line: runs lib/cli compiled ahead of time into dist/cli/ (scripts/build-cli.ts,
// run by npm install, npm run build and npm run build:cli), so nothing is transpiled at start.

const { existsSync, readFileSync, statSync } = require('node:fs')
const v8 = require('node:v8')
const path = require('node:path')
const { pathToFileURL } = require('node:url')

const root = path.resolve(__dirname, '..')
const dist = path.join(root, 'dist', 'cli')
const entry = path.join(dist, 'main.mjs')

/** A source newer than the build (after a git pull or an edit) means the build is out of date. */
function isStale() {
  try {
    const builtAt = statSync(entry).mtimeMs
    const inputs = JSON.parse(readFileSync(path.join(dist, 'inputs.json'), 'utf8'))
    return inputs.some((file) => statSync(path.join(root, file)).mtimeMs > builtAt)
  } catch {
    return true
  }
}

// validate's hot functions are compiled once per thread by TurboFan on V8's helper threads, and
// with V8's default inlining budget those compiles were a quarter of the call's CPU: a smaller
// budget cuts them by a third without slowing the checks (decision 0680); 120, not 0680's 230, by
// the instructions of a whole call (decision 1026: −0.6 % on two threads). Set before any code
// of the bundle is compiled; V8's flags are the process's, so the worker threads have it too.
// Array builtins (map, forEach, filter…) are called, not inlined into each compile: −0.4 % of a
// one-thread call's instructions (decision 1027).
if (process.argv[2] === 'validate') {
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=120')
  v8.setFlagsFromString('--no-turbo-inline-array-builtins')
  prestartValidateWorker()
}

/**
 * validate of many report files runs on worker threads (lib/cli/validate-parallel.ts). Starting the
 * first worker here, before the main bundle loads, lets it load its own bundle on the other core at
 * the same time instead of after (decision 0731): validateInThreads adopts it. It is unref'd, so
 * when the call does not use it (one thread after all) it ends with the process.
 */
function prestartValidateWorker() {
  const args = process.argv.slice(3)
  if (args.some((a) => a === '--previous' || a.startsWith('--previous=') || a === '--help' || a === '-h')) return
  const files = args.filter((a) => !a.startsWith('-'))
  // The facts lib/cli reads too (lib/cli/validate-plan.ts, decision 0770). Without them (a copy of
  // the command without lib/) nothing is started early: validateInThreads starts its own worker.
  let plan
  let extensions
  try {
    plan = require('../lib/cli/validate-plan.json')
    extensions = require('../lib/import/document-extensions.json')
  } catch {
    return
  }
  const document = new RegExp(`\\.(?:${extensions.map((e) => e.slice(1)).join('|')})$`, 'i')
  if (files.some((f) => document.test(f))) return
  const forced = Number(process.env.NIANBAO_VALIDATE_THREADS)
  const threads = Number.isInteger(forced) && forced >= 1 ? forced : require('node:os').availableParallelism()
  // lib/cli/validate-core.ts threadsFor: two threads from 2 × FILES_PER_THREAD files.
  if (threads < 2 || (!(forced >= 1) && files.length < 2 * plan.filesPerThread) || files.length < 2) return
  const file = path.join(dist, 'validate-worker.mjs')
  if (!existsSync(file)) return
  const { Worker } = require('node:worker_threads')
  const spawned = performance.timeOrigin + performance.now()
  const cwd = process.cwd()
  // The same young generation as validate-parallel.ts YOUNG_MB.
  const resourceLimits = { maxYoungGenerationSizeMb: plan.workerYoungGenerationMb }
  const worker = new Worker(file, { workerData: { cwd, spawned }, resourceLimits })
  const early = { worker, cwd, error: null }
  // An error before validateInThreads listens (it then starts a worker of its own).
  worker.on('error', (error) => {
    early.error = error
  })
  worker.unref()
  globalThis[Symbol.for('nianbao.validateWorker')] = early
}

/**
 * validate has nothing left to do once its output is written: exit then, without tearing down the
 * heaps (decision 0780). Left to end by itself, Node frees the main thread's heap page by page
 * (~500 munmap calls after a 1,000-file call, 0.1–0.2 s of wall time after the last byte); exit()
 * hands the whole address space back at once. Only after stdout and stderr have taken every byte
 * (a write's callback runs after the writes before it; a pipe may still hold queued output here).
 */
function exitWhenFlushed(code) {
  let open = 2
  const done = () => {
    open -= 1
    if (open === 0) process.exit(code)
  }
  process.stdout.write('', done)
  process.stderr.write('', done)
}

if (!existsSync(entry)) {
  process.stderr.write(`nianbao 命令行尚未编译：请在 ${root} 运行 npm run build:cli，然后重试。\n`)
  process.exitCode = 2
} else {
  if (isStale()) {
    process.stderr.write(`注意：nianbao 命令行的编译结果比源代码旧，请在 ${root} 运行 npm run build:cli。\n`)
  }
  import(pathToFileURL(entry).href)
    .then(({ main }) => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code
        if (process.argv[2] === 'validate') exitWhenFlushed(code)
      },
      (error) => {
        process.stderr.write(`nianbao 内部错误：${error?.stack ?? error}\n`)
        process.exitCode = 2
      },
    )
}
