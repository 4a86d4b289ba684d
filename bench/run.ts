/**
 * npm run bench: runs each benchmark module and prints one line per figure, `name: value unit`.
 * A module whose prerequisites are missing (no built app, no browser) is skipped with a note.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { type BenchModule, formatResult, isPrerequisiteMissing } from './lib'

/** Benchmark modules, in the order they run. */
const MODULES = [
  'rules',
  'narrative',
  'export',
  'compare',
  'keystroke',
  'cli',
  'cli-years',
  'pdf',
  'import',
  'board',
  'save',
]

/** The module whose figures are being taken; set while its run() has not settled. */
let running: string | null = null

// A run() whose promise never settles (an unref'd handle it waits on) lets the process end early
// with nothing printed: that is a benchmark that could not run, and fails the command.
process.on('beforeExit', () => {
  if (!running) return
  console.error(`${running} 出错：进程在它给出结果之前就结束了（它等待的异步操作不再让进程运行）`)
  running = null
  process.exitCode = 1
})

async function main(): Promise<number> {
  const only = process.argv.slice(2)
  let failed = 0
  for (const name of MODULES) {
    if (only.length && !only.includes(name)) continue
    const file = path.join(__dirname, `${name}.ts`)
    if (!existsSync(file)) {
      console.error(`跳过 ${name}：bench/${name}.ts 尚未提供`)
      continue
    }
    try {
      const mod = (await import(file)) as Partial<BenchModule> & Record<string, unknown>
      // run() by convention; otherwise the module's default or its one exported function.
      const fn = mod.run ?? mod.default ?? Object.values(mod).find((v) => typeof v === 'function')
      if (typeof fn !== 'function') throw new Error(`bench/${name}.ts 没有导出 run()`)
      running = name
      const results = await (fn as BenchModule['run'])()
      running = null
      for (const result of results) console.log(formatResult(result))
    } catch (error) {
      running = null
      if (isPrerequisiteMissing(error)) {
        console.error(`跳过 ${name}：${(error as Error).message}`)
        continue
      }
      failed++
      console.error(`${name} 出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
  return failed ? 1 : 0
}

main().then((code) => {
  process.exitCode = code
})
