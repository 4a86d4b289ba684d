/**
 * Validating 1,000 reports in one command-line call (issue 13): 500 agencies × two consecutive
 * years, so every table rule runs on every report and the cross-year rules on 500 pairs. The
 * files are the seed reports under 500 agency codes, one number changed per agency so no two are
 * alike, and narratives of each agency's own (bench/years-texts.ts): the narrative checks run too.
 * Median wall time of the call in ms (goal ≤ 2,000), its findings (`--json`) written to a file as
 * a user's `> findings.json` would.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { formatCells } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import { setAt } from '@/lib/report/values'
import { ensureCliBuild, ROOT } from '@/scripts/build-cli'
import type { FormatDef } from '@/lib/format/types'
import { type NarrativeSource, narrativeTexts } from '@/lib/narrative/texts'
import { FIXTURE_NAMES, fixture, rawFixture } from '@/test/fixtures'
import { agencyName, agencyText, clausePool, followUp, nextYearText, seeded, setNarrative } from './years-texts'
import { type BenchResult, machineCpu, othersDuring } from './lib'

const AGENCIES = 500
const RUNS = 3

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

/** The narratives the seeds carry (preamble and narrative sections), by section key. */
function seedTexts(format: FormatDef, report: Record<string, any>): Map<string, string> {
  return new Map(narrativeTexts(format, report as NarrativeSource).map((t) => [t.section, t.text]))
}

/**
 * Last year and this year of each agency: two 2021-format seed reports, made a little different
 * in their figures, each agency with narratives of its own (bench/years-texts.ts); agency i ≡ 99
 * (mod 100) copies its neighbour's 总体情况, i ≡ 7 (mod 20) borrows one paragraph, as real reports do.
 */
export function writeReports(dir: string, agencies = AGENCIES): string[] {
  const files: string[] = []
  const years = [rawFixture('zhangdian-gov-2021'), rawFixture('zhangdian-office-2022')]
  const format = formatFor(years[0].formatVersion)!
  const cells = formatCells(format).filter((c) => c.valueType === 'count')
  const pool = clausePool(FIXTURE_NAMES.map((n) => fixture(n)))
  const seed = seedTexts(format, years[0])
  const written: Map<string, string>[][] = []
  for (let i = 0; i < agencies; i++) {
    const name = agencyName(i)
    const agency = { name, type: 'department', level: 'county', code: `bench-${i}` }
    const r = seeded(i + 1)
    const texts: Map<string, string>[] = []
    years.forEach((raw, y) => {
      const year = 2021 + y
      const mine = new Map<string, string>()
      for (const [section, text] of seed) {
        mine.set(
          section,
          y === 0 ? agencyText(text, name, year, pool, r) : nextYearText(texts[0].get(section)!, name, year, pool, r),
        )
      }
      if (y === 0) mine.set('problemsImprovements', `${mine.get('problemsImprovements')}${followUp(name, r)}`)
      if (i % 100 === 99) mine.set('overview', written[i - 1][y].get('overview')!)
      if (i % 20 === 7) {
        const lines = written[i - 3][y].get('problemsImprovements')!.split('\n')
        mine.set('problemsImprovements', `${mine.get('problemsImprovements')}\n${lines.at(-1)}`)
      }
      texts.push(mine)
      const report = structuredClone(raw)
      report.year = year
      report.agency = agency
      for (const [section, text] of mine) setNarrative(format, report as any, section, text)
      const cell = cells[(i * 7 + y) % cells.length]
      setAt(report.sections, cell.segments, i % 10)
      const file = path.join(dir, `${agency.code}-${report.year}.json`)
      writeFileSync(file, JSON.stringify(report))
      files.push(file)
    })
    written.push(texts)
  }
  return files
}

/** The children's user and system time from the last line of sh's `times` (e.g. `0m0.912s 0m0.081s`). */
function childCpuMs(stderr: string): { user: number; system: number } {
  const line = stderr.trim().split('\n').at(-1) ?? ''
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000)
  if (parts.length !== 2) throw new Error(`无法读取 CPU 时间：${line}`)
  return { user: parts[0], system: parts[1] }
}

/** The call's minor page faults, from its trace's last lines (none printed: NaN). */
function pageFaults(stderr: string): number {
  const m = /validate: timeline page faults (\d+)/.exec(stderr)
  return m ? Number(m[1]) : Number.NaN
}

/** The threads the call used, from its trace on stderr (NIANBAO_VALIDATE_TRACE; none: one thread). */
function threadsUsed(stderr: string): number {
  const m = /validate: threads (\d+),/.exec(stderr)
  return m ? Number(m[1]) : 1
}

export async function run(): Promise<BenchResult[]> {
  await ensureCliBuild()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-years-'))
  try {
    const files = writeReports(dir).map((f) => path.basename(f))
    const args = [path.join(ROOT, 'bin/nianbao.js'), 'validate', ...files, '--json']
    /** One call: wall and CPU time (ms), threads used; `threads` forces the count (decision 0530). */
    const call = (threads?: number) => {
      const env: NodeJS.ProcessEnv = { ...process.env, NIANBAO_VALIDATE_TRACE: '1' }
      if (threads === undefined) delete env.NIANBAO_VALIDATE_THREADS
      else env.NIANBAO_VALIDATE_THREADS = String(threads)
      // The findings go to a file, as `npx nianbao validate … --json > findings.json` writes them:
      // read through a pipe and decoded here, the 8 MB took this process 90–330 ms of CPU on the
      // same two cores while the call ran (decision 1021).
      const output = openSync(path.join(dir, 'findings.json'), 'w')
      const machineBefore = machineCpu()
      const start = performance.now()
      // Through sh so that its `times` tells the call's CPU time too (every thread's): on a busy
      // machine the wall time is mostly waiting for a core.
      const r = spawnSync('/bin/sh', ['-c', '"$0" "$@"; s=$?; times >&2; exit $s', process.execPath, ...args], {
        cwd: dir,
        env,
        encoding: 'utf8',
        stdio: ['ignore', output, 'pipe'],
      })
      const ms = performance.now() - start
      const machineAfter = machineCpu()
      closeSync(output)
      if (r.status !== 0 && r.status !== 1) throw new Error(`validate 退出码 ${r.status}：${r.stderr.slice(0, 500)}`)
      const { user, system } = childCpuMs(r.stderr)
      const cpu = user + system
      const others = machineBefore && machineAfter ? othersDuring(machineBefore, machineAfter, cpu, ms) : null
      return { ms, cpu, system, threads: threadsUsed(r.stderr), faults: pageFaults(r.stderr), others }
    }
    const times: number[] = []
    const cpu: number[] = []
    const system: number[] = []
    const otherCores: number[] = []
    const stolenCores: number[] = []
    const faults: number[] = []
    let threads = 1
    let paired = 0
    for (let i = 0; i < RUNS + 1; i++) {
      const { ms, cpu: cpuMs, system: systemMs, threads: used, faults: faulted, others } = call()
      cpu.push(cpuMs)
      system.push(systemMs)
      faults.push(faulted)
      threads = used
      if (i === 0) {
        // The warm-up run also proves the pairing happened: every later year has its previous file.
        const written = readFileSync(path.join(dir, 'findings.json'), 'utf8')
        const reports = (JSON.parse(written) as { reports: { previousFile?: string }[] }).reports
        paired = reports.filter((x) => x.previousFile).length
        if (reports.length !== files.length || paired !== AGENCIES) {
          throw new Error(`应检查 ${files.length} 个文件、${AGENCIES} 对，实际 ${reports.length} 个、${paired} 对`)
        }
        continue
      }
      times.push(ms)
      if (others) {
        otherCores.push(others.otherCores)
        stolenCores.push(others.stolenCores)
      }
    }
    // The same call on one thread, for its CPU time beside the threads' (what the threads cost).
    const one = call(1)
    const ms = median(times)
    return [
      { name: 'cli-validate-1000-reports-500-pairs-ms', value: ms, unit: 'ms' },
      { name: 'cli-validate-1000-reports-500-pairs-cpu-ms', value: median(cpu.slice(1)), unit: 'ms' },
      // The kernel's part of that CPU: mostly page faults (decision 1028).
      { name: 'cli-validate-1000-reports-system-cpu-ms', value: median(system.slice(1)), unit: 'ms' },
      { name: 'cli-validate-1000-reports-threads', value: threads, unit: 'threads' },
      // Pages first touched: their cost follows the host (decision 1028), their count the code.
      { name: 'cli-validate-1000-reports-page-faults', value: median(faults.slice(1)), unit: 'faults' },
      { name: 'cli-validate-1000-reports-1-thread-ms', value: one.ms, unit: 'ms' },
      { name: 'cli-validate-1000-reports-1-thread-cpu-ms', value: one.cpu, unit: 'ms' },
      { name: 'cli-validate-per-report-ms', value: ms / files.length, unit: 'ms' },
      // Wall times follow the machine's load (other processes on the same cores): read them beside it.
      { name: 'cli-validate-load-average-1min', value: os.loadavg()[0], unit: 'load' },
      // The load average is of the last minute, the bench's own calls included; these are of the
      // measured calls alone: what else ran on the two cores, and what the hypervisor took away.
      ...(otherCores.length
        ? [
            { name: 'cli-validate-other-processes-cores', value: median(otherCores), unit: 'cores' },
            { name: 'cli-validate-stolen-cores', value: median(stolenCores), unit: 'cores' },
          ]
        : []),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
