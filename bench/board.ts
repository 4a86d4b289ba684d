/**
 * The coordinator's board and roll-up (decision 0270): board of 5,000 agencies, one page, p95
 * (goal ≤ 100 ms); roll-up of 1,000 approved reports through the service, read, summed and
 * stored (goal ≤ 200 ms); sibling similarity (L12 on the board, decision 0420) of 1,000 reports
 * cold and warm. Runs bench/board-worker.ts in its own process on a fresh SQLite file.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BenchResult } from './lib'

const ROOT = path.join(__dirname, '..')

export function run(): BenchResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-board-bench-'))
  try {
    const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, CHECKPOINT_DISABLE: '1' }
    delete (env as Record<string, string | undefined>).DB_PROVIDER
    execFileSync(path.join(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
      cwd: ROOT,
      env,
      stdio: 'ignore',
    })
    const out = execFileSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['--conditions=react-server', path.join(__dirname, 'board-worker.ts')],
      { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 16 << 20 },
    )
    return JSON.parse(out.trim().split('\n').at(-1) as string) as BenchResult[]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
