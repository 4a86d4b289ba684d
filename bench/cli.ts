/**
 * Command-line start-up: the wall time of `node bin/nianbao.js validate` of one fixture against a
 * bare `node -e 0`, measured turn about in the same run so that the machine's load weighs on
 * both alike; medians in ms and their ratio.
 */
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import path from 'node:path'
import { FIXTURE_NAMES, fixturePath } from '@/test/fixtures'
import { ensureCliBuild, ROOT } from '@/scripts/build-cli'
import type { BenchResult } from './lib'

const RUNS = 15
const WARMUP = 2

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function wallMs(args: string[], expectedStatus: number): number {
  const start = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = performance.now() - start
  if (r.status !== expectedStatus) throw new Error(`node ${args.join(' ')} 退出码 ${r.status}：${r.stderr}`)
  return ms
}

export async function run(): Promise<BenchResult[]> {
  await ensureCliBuild()
  const [largest] = [...FIXTURE_NAMES].sort((a, b) => statSync(fixturePath(b)).size - statSync(fixturePath(a)).size)
  const validate = [path.join(ROOT, 'bin/nianbao.js'), 'validate', fixturePath(largest)]
  const bare = ['-e', '0']
  const cli: number[] = []
  const node: number[] = []
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const c = wallMs(validate, 0)
    const n = wallMs(bare, 0)
    if (i < WARMUP) continue
    cli.push(c)
    node.push(n)
  }
  const [cliMs, nodeMs] = [median(cli), median(node)]
  return [
    { name: 'cli-validate-ms', value: cliMs, unit: 'ms' },
    { name: 'node-startup-ms', value: nodeMs, unit: 'ms' },
    { name: 'cli-validate-vs-node-startup', value: cliMs / nodeMs, unit: '×' },
  ]
}
