/**
 * `nianbao validate` of many files on worker threads (decision 0530) says exactly what it says on
 * one thread: the compiled CLI is run on the years bench's generated set with the thread count
 * set (NIANBAO_VALIDATE_THREADS), and stdout, stderr and the exit code are compared byte for byte.
 * The files are given year by year, so an agency's two years are in different blocks of the
 * threads' claims (decision 1027) and most are read by different threads (last year's figures
 * cross between them); a duplicate, a file that is not a report and a
 * missing one are among them, so refusals and their places in the output are compared too.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeReports } from '@/bench/cli-years'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/nianbao.js')
const AGENCIES = 40

const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-validate-threads-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const written = writeReports(dir, AGENCIES).map((f) => path.basename(f))
// Year by year: agency i's 2021 and 2022 files are 40 files apart, in different claims.
const byYear = [...written.filter((f) => f.endsWith('-2021.json')), ...written.filter((f) => f.endsWith('-2022.json'))]
copyFileSync(path.join(dir, 'bench-3-2022.json'), path.join(dir, 'again-bench-3-2022.json'))
writeFileSync(path.join(dir, 'not-a-report.json'), '{"formatVersion": "2021"}')
const files = [
  ...byYear.slice(0, 30),
  'not-a-report.json',
  ...byYear.slice(30, 70),
  'again-bench-3-2022.json',
  'missing.json',
  ...byYear.slice(70),
]

function validate(threads: number | null, args: string[], extraEnv: Record<string, string> = {}, bin = BIN) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.NIANBAO_VALIDATE_TRACE
  delete env.NIANBAO_VALIDATE_THREADS
  if (threads !== null) env.NIANBAO_VALIDATE_THREADS = String(threads)
  Object.assign(env, extraEnv)
  const r = spawnSync(process.execPath, [bin, 'validate', ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 120_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('validate on worker threads', () => {
  const single = { json: validate(1, [...files, '--json']), text: validate(1, files) }

  it('gives the single thread’s output, byte for byte, on 2 and 3 threads', () => {
    // What is compared: refusals, pairs and sibling repeats are all there.
    expect(single.json.code).toBe(2)
    const reports = JSON.parse(single.json.stdout).reports as { previousFile?: string; error?: string }[]
    expect(reports.filter((r) => r.error).length).toBe(4)
    expect(reports.filter((r) => r.previousFile).length).toBe(AGENCIES - 1)
    expect(single.json.stdout).toContain('"L12"')
    expect(single.json.stderr).toContain('missing.json：无法检查——找不到文件')
    for (const threads of [2, 3]) {
      expect(validate(threads, [...files, '--json'])).toEqual(single.json)
      expect(validate(threads, files)).toEqual(single.text)
    }
  })

  it('uses the threads it is given, and one thread for a few files', () => {
    const traced = validate(2, files, { NIANBAO_VALIDATE_TRACE: '1' })
    expect(traced.stderr).toContain('validate: threads 2,')
    expect(traced.stdout).toBe(single.text.stdout)
    // The timeline (decision 0731): bin/nianbao.js started the worker before the main bundle had loaded.
    const at = (thread: string) => {
      const m = new RegExp(`validate: timeline ${thread} +start, load bundle +(\\d+) → +(\\d+) ms`).exec(traced.stderr)
      if (!m) throw new Error(`no start span of ${thread}: ${traced.stderr}`)
      return { start: Number(m[1]), end: Number(m[2]) }
    }
    expect(at('worker').start).toBeLessThanOrEqual(at('main').end)
    expect(traced.stderr).toMatch(/validate: timeline critical path CPU \d+ ms/)
    // Unset, few files stay on one thread (FILES_PER_THREAD): no thread is started.
    const few = validate(null, files.slice(0, 10), { NIANBAO_VALIDATE_TRACE: '1' })
    expect(few.stderr).not.toContain('validate: threads')
    expect(few.stdout).toBe(validate(1, files.slice(0, 10)).stdout)
  })

  it('exits only after a slow reader has had the whole output, and quietly when it stops reading', () => {
    // bin/nianbao.js ends validate with process.exit once stdout is flushed (decision 0780); the
    // output is larger than a pipe holds, so most of it is still queued when the checks end.
    const piped = (reader: string) =>
      spawnSync('/bin/sh', ['-c', `"$0" "$@" | ${reader}`, process.execPath, BIN, 'validate', ...files, '--json'], {
        cwd: dir,
        env: { ...process.env, NIANBAO_VALIDATE_THREADS: '2' },
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        timeout: 120_000,
      })
    expect(single.json.stdout.length).toBeGreaterThan(1 << 17)
    expect(piped('{ sleep 1; cat; }').stdout).toBe(single.json.stdout)
    const closed = piped('head -c 100')
    expect(closed.stdout).toBe(single.json.stdout.slice(0, 100))
    expect(closed.stderr).not.toContain('Unhandled')
  })

  it('checks on one thread when the worker is not there, with the same output', () => {
    // A copy of the command without dist/cli/validate-worker.mjs.
    const root = mkdtempSync(path.join(os.tmpdir(), 'nianbao-no-worker-'))
    try {
      mkdirSync(path.join(root, 'bin'))
      copyFileSync(BIN, path.join(root, 'bin/nianbao.js'))
      cpSync(path.join(ROOT, 'dist/cli'), path.join(root, 'dist/cli'), { recursive: true })
      rmSync(path.join(root, 'dist/cli/validate-worker.mjs'))
      const r = validate(2, files, {}, path.join(root, 'bin/nianbao.js'))
      expect(r.code).toBe(single.text.code)
      expect(r.stdout).toBe(single.text.stdout)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
