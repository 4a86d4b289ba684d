/**
 * What `nianbao validate` finds on many files at once, pinned: the years bench's generated set
 * (bench/cli-years.ts writeReports) for 100 agencies × 2 years, so the speed work on the 1,000-file
 * call (decision 0430) cannot change a finding unnoticed. The counts per rule say what changed; the
 * digests pin every byte of the JSON and text reports (a deliberate change of a message or a rule
 * updates them, with its reason in the commit).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeReports } from '@/bench/cli-years'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/nianbao.js')
const AGENCIES = 100

const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-validate-many-'))
const files = writeReports(dir, AGENCIES).map((f) => path.basename(f))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function validate(json: boolean) {
  const r = spawnSync(process.execPath, [BIN, 'validate', ...files, ...(json ? ['--json'] : [])], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 120_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

type JsonReport = {
  file: string
  previousFile?: string
  findings: { ruleId: string; status: string; severity: string }[]
}

describe('validate of the generated years set (100 agencies × 2 years)', () => {
  it('pairs every agency and finds the same findings, byte for byte', () => {
    const r = validate(true)
    expect(r.stderr).toBe('')
    // The seeds carry error findings (table 三's balances): exit 1, as before.
    expect(r.code).toBe(1)
    const reports = (JSON.parse(r.stdout) as { reports: JsonReport[] }).reports
    expect(reports.map((x) => x.file)).toEqual(files)
    expect(reports.filter((x) => x.previousFile).length).toBe(AGENCIES)

    const byRule: Record<string, number> = {}
    for (const x of reports) {
      for (const f of x.findings) {
        // By rule family (A1.granted → A1): what kind of finding, and how many.
        const key = `${f.ruleId.split('.')[0]} ${f.severity} ${f.status}`
        byRule[key] = (byRule[key] ?? 0) + 1
      }
    }
    expect(byRule).toEqual(EXPECTED_BY_RULE)
    expect(sha256(r.stdout)).toBe(JSON_SHA256)
  })

  it('says the same in text', () => {
    const r = validate(false)
    expect(r.code).toBe(1)
    expect(sha256(r.stdout)).toBe(TEXT_SHA256)
  })
})

/** As the command found them before decision 0430's work (the same 2,698 findings after it). */
const EXPECTED_BY_RULE: Record<string, number> = {
  'A1 error fail': 159,
  'A2 error fail': 139,
  'A3 error fail': 25,
  'A4 error fail': 12,
  'A5 info fail': 101,
  'A6 warning fail': 1,
  'D2 warning fail': 200,
  'D4 warning fail': 109,
  'L1 warning fail': 200,
  'L11 info fail': 1040,
  'L12 info fail': 104,
  'L8 info fail': 12,
  'N1 warning fail': 174,
  'P1 warning fail': 102,
  'P3 warning fail': 2,
  'P4 info fail': 100,
  'R1 error fail': 12,
  'R3 info fail': 100,
  'X1 warning fail': 6,
  'X4 info fail': 100,
}
const JSON_SHA256 = 'e6c76d5b15961db2c88d7e4846cebddd3b3922547b966ea43b094b3bfd367b36'
const TEXT_SHA256 = '4276d3fb42c816d2c19ccab8f6cd4838b440ee3ac1483cd5f56b39e6e29ebd30'
