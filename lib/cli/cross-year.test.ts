/**
 * `nianbao validate` over several years: files of one agency in consecutive years are paired and
 * the later one is checked against the earlier (the cross-year rules), by agency.code or, without
 * one, by name; `--previous` names last year's file; two files of one agency and year are refused.
 * The chain is built from the seed reports (three years of one agency, made of three real reports).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { setAt } from '@/lib/report/values'
import { rawFixture } from '@/test/fixtures'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/nianbao.js')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-years-'))

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function write(name: string, content: Record<string, any>) {
  writeFileSync(path.join(tmp, name), JSON.stringify(content))
  return name
}

const AGENCY = { name: '测试区人民政府', type: 'government', level: 'county' }

/**
 * 2020 (2019 format; 结转 1 自然人), 2021 (上年结转 0: an X1 break; 行政规范性文件 现行有效 47),
 * 2022 (制发 6, 废止 2, 现行有效 17: a P1 break, 47 + 6 − 2 = 51).
 */
function chain(agency: Record<string, unknown>, prefix: string) {
  const y2020 = { ...rawFixture('zichuan-gov-2020'), agency }
  const y2021 = { ...rawFixture('zhangdian-gov-2021'), agency }
  const y2022 = { ...rawFixture('zhangdian-office-2022'), agency }
  return {
    y2020: write(`${prefix}-2020.json`, y2020),
    y2021: write(`${prefix}-2021.json`, y2021),
    y2022: write(`${prefix}-2022.json`, y2022),
    raw: { y2020, y2021, y2022 },
  }
}

type JsonFinding = {
  ruleId: string
  status: string
  severity: string
  message: string
  cells: string[]
  previousCells?: string[]
  previousFile?: string
  expected: unknown
  actual: unknown
}
type JsonReport = { file: string; previousFile?: string; error?: string; findings: JsonFinding[] }

function json(args: string[]) {
  const r = cli(['validate', ...args, '--json'])
  return { ...r, reports: (JSON.parse(r.stdout) as { reports: JsonReport[] }).reports }
}

const crossYear = (r: JsonReport) => r.findings.filter((f) => f.previousCells)

describe('validate: a chain of one agency (same agency.code)', () => {
  const { y2020, y2021, y2022 } = chain({ ...AGENCY, code: 'ceshi-gov' }, 'coded')
  const other = write('other-2021.json', rawFixture('zhangdian-jgsw-2022'))

  it('pairs consecutive years and puts each cross-year finding on the later report, with both years’ cells', () => {
    const r = json([y2022, other, y2020, y2021])
    expect(r.code).toBe(0) // cross-year findings are warnings and hints
    const [r2022, rOther, r2020, r2021] = r.reports
    expect(r2020.previousFile).toBeUndefined()
    expect(crossYear(r2020)).toEqual([])
    expect(rOther.previousFile).toBeUndefined()
    expect(r2021.previousFile).toBe(y2020)
    expect(r2022.previousFile).toBe(y2021)

    // 2021 against 2020 (across the format change): 上年结转 自然人 0, last year's 结转 1.
    const x1 = r2021.findings.find((f) => f.ruleId === 'X1.natural')!
    expect(x1).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: ['applications.carriedOver.natural'],
      previousCells: ['applications.carriedForward.natural'],
      previousFile: y2020,
      expected: 1,
      actual: 0,
    })
    // Table 二 of the 2019 format does not map: no P1 for that pair.
    expect(r2021.findings.some((f) => f.ruleId.startsWith('P1.'))).toBe(false)

    // 2022 against 2021: the 现行有效 break at the inForce cell, with the arithmetic.
    const p1 = r2022.findings.find((f) => f.ruleId === 'P1.normativeDocuments')!
    expect(p1).toMatchObject({
      status: 'fail',
      severity: 'warning',
      previousCells: ['proactiveDisclosure.art20_1.normativeDocuments.inForce'],
      previousFile: y2021,
      expected: 51,
      actual: 17,
    })
    expect(p1.cells[0]).toBe('proactiveDisclosure.art20_1.normativeDocuments.inForce')
    expect(p1.message).toContain('47 + 本年制发件数 6 − 本年废止件数 2 = 51')
    // Both years agree on 上年结转 / 结转 (all 0): no X1 finding.
    expect(r2022.findings.filter((f) => f.ruleId.startsWith('X1.'))).toEqual([])
    // Within-year findings carry no previous cells.
    for (const f of r2022.findings.filter((x) => !x.ruleId.match(/^(X|P1|P2|R3)/))) {
      expect(f.previousCells).toBeUndefined()
    }
  })

  it('says the same in text: which file each report was checked against, and last year’s cells', () => {
    const r = cli(['validate', y2021, y2022])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`与上年度年报 ${y2021} 衔接核对`)
    expect(r.stdout).toContain('P1.normativeDocuments')
    expect(r.stdout).toContain(`上年度：行政规范性文件·现行有效件数（${y2021}）`)
  })

  it('a consistent pair has no continuity finding', () => {
    const raw = rawFixture('zhangdian-office-2022')
    setAt(raw.sections, ['proactiveDisclosure', 'art20_1', 'normativeDocuments', 'inForce'], 51)
    const fixed = write('coded-2022-fixed.json', { ...raw, agency: { ...AGENCY, code: 'ceshi-gov' } })
    const r = json([y2021, fixed])
    expect(r.reports[1].previousFile).toBe(y2021)
    const failing = crossYear(r.reports[1]).filter((f) => f.status === 'fail' && f.severity !== 'info')
    expect(failing).toEqual([])
  })
})

describe('validate: pairing by name, explicit --previous, refusals', () => {
  it('pairs files without a code by agency name, and not files of different agencies', () => {
    const named = chain(AGENCY, 'named')
    const otherName = write('renamed-2021.json', { ...named.raw.y2021, agency: { ...AGENCY, name: '另一区人民政府' } })
    const r = json([named.y2022, otherName])
    expect(r.reports[0].previousFile).toBeUndefined()
    const paired = json([named.y2022, named.y2021])
    expect(paired.reports[0].previousFile).toBe(named.y2021)
  })

  it('codes decide over names: same name, different codes are different agencies', () => {
    const a = write('code-a-2021.json', { ...rawFixture('zhangdian-gov-2021'), agency: { ...AGENCY, code: 'code-a' } })
    const b = write('code-b-2022.json', {
      ...rawFixture('zhangdian-office-2022'),
      agency: { ...AGENCY, code: 'code-b' },
    })
    expect(json([a, b]).reports[1].previousFile).toBeUndefined()
  })

  it('--previous names last year’s file explicitly, even for another name (机构改革)', () => {
    const named = chain(AGENCY, 'explicit')
    const renamed = write('explicit-renamed-2022.json', {
      ...named.raw.y2022,
      agency: { ...AGENCY, name: '测试区人民政府（新）' },
    })
    const r = json([renamed, '--previous', named.y2021])
    expect(r.reports).toHaveLength(1)
    expect(r.reports[0].previousFile).toBe(named.y2021)
    expect(r.reports[0].findings.find((f) => f.ruleId === 'P1.normativeDocuments')?.previousFile).toBe(named.y2021)
  })

  it('--previous of the wrong year is refused with the reason (exit 2)', () => {
    const named = chain(AGENCY, 'wrong-year')
    const r = cli(['validate', named.y2022, '--previous', named.y2020])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('是2020年的年报，不是本文件（2022年）的上一年度')
  })

  it('two files of one agency and year are refused (exit 2), saying which and why; the others are still checked', () => {
    const named = chain({ ...AGENCY, code: 'twice' }, 'twice')
    const copy = write('twice-2021-copy.json', named.raw.y2021)
    const r = json([named.y2021, copy, named.y2022])
    expect(r.code).toBe(2)
    expect(r.reports[0].error).toContain(`与 ${copy} 是同一机关（twice）同一年度（2021年）的年报`)
    expect(r.reports[1].error).toContain(`与 ${named.y2021} 是同一机关`)
    // The other file is still read and checked (it has a findings list, not an error).
    expect(r.reports[2].error).toBeUndefined()
    expect(Array.isArray(r.reports[2].findings)).toBe(true)
    // Last year is ambiguous: no pairing for 2022.
    expect(r.reports[2].previousFile).toBeUndefined()
    const text = cli(['validate', named.y2021, copy])
    expect(text.code).toBe(2)
    expect(text.stderr).toContain('无法确定以哪一份为准')
  })
})
