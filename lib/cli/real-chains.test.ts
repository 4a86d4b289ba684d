/**
 * Held-out real reports (issue 13), as printed, given to `nianbao validate` together. What the
 * seeds hold (/work/shared/seeds, hand-written as fixtures/*.json): 张店区 at government level
 * for 2021 (张店区人民政府, 30号 format) and 2022 (published by 张店区人民政府办公室, which
 * answers the government-level applications), 2018 in the pre-2019 layout that neither format
 * can hold, 淄川区人民政府 2020 and 张店区机关事务服务中心 2022; the 平潭 pages are different
 * agencies of one government in different years. So the one real consecutive-year pair is
 * 张店 2021 → 2022; there is no longer chain of one government, and no other same-agency pair.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { rawFixture } from '@/test/fixtures'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/nianbao.js')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-real-chains-'))

type JsonFinding = {
  ruleId: string
  status: string
  message: string
  cells: string[]
  previousCells?: string[]
  previousFile?: string
  expected: unknown
  actual: unknown
}
type JsonReport = { file: string; previousFile?: string; findings: JsonFinding[] }

function validate(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'validate', ...args, '--json'], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(r.stderr).toBe('')
  return { code: r.status, reports: (JSON.parse(r.stdout) as { reports: JsonReport[] }).reports }
}

/** The real reports, as printed: names, years and formats untouched. */
const FILES = {
  zichuan2020: 'zichuan-gov-2020',
  zhangdian2021: 'zhangdian-gov-2021',
  zhangdian2022: 'zhangdian-office-2022',
  jgsw2022: 'zhangdian-jgsw-2022',
} as const
for (const name of Object.values(FILES)) writeFileSync(path.join(tmp, `${name}.json`), JSON.stringify(rawFixture(name)))
const file = (key: keyof typeof FILES) => `${FILES[key]}.json`

const crossYear = (r: JsonReport) =>
  r.findings.filter((f) => f.previousCells || /^(X1\.|X4$|P1\.|P2\.|Q2\.|Q5\.|R3$)/.test(f.ruleId))

describe('held-out real reports given to validate together', () => {
  it('pairs none of four real agencies with another (淄川 2020 and 张店 2021 are consecutive years, not one agency)', () => {
    const r = validate(Object.keys(FILES).map((k) => file(k as keyof typeof FILES)))
    expect(r.reports).toHaveLength(4)
    for (const report of r.reports) {
      expect(report.previousFile).toBeUndefined()
      expect(crossYear(report).filter((f) => f.status === 'fail')).toEqual([])
    }
  })

  it('张店 2021 → 2022 (the government-level report, --previous): the real 现行有效 break at 2022’s inForce, 上年结转 agreeing', () => {
    const r = validate([file('zhangdian2022'), '--previous', file('zhangdian2021')])
    const [report] = r.reports
    expect(report.previousFile).toBe(file('zhangdian2021'))
    const failing = crossYear(report).filter((f) => f.status === 'fail')
    // As printed: 2021 行政规范性文件 现行有效 47; 2022 制发 6, 废止 2, 现行有效 17.
    const p1 = failing.find((f) => f.ruleId === 'P1.normativeDocuments')
    expect(p1).toMatchObject({
      cells: expect.arrayContaining(['proactiveDisclosure.art20_1.normativeDocuments.inForce']),
      previousCells: ['proactiveDisclosure.art20_1.normativeDocuments.inForce'],
      previousFile: file('zhangdian2021'),
      expected: 51,
      actual: 17,
    })
    expect(p1?.cells[0]).toBe('proactiveDisclosure.art20_1.normativeDocuments.inForce')
    expect(p1?.message).toContain('现行有效件数 17，应等于上年度现行有效件数 47 + 本年制发件数 6 − 本年废止件数 2 = 51')
    // 2021's 结转下年度继续办理 and 2022's 上年结转 are all 0 in both documents: no X1. 规章 (0, 0, 0)
    // follows, and 废止 2 ≤ 47 + 6: no P1.regulations, no P2. The only other hints are the
    // five-fold jumps (X4, info) and the reference R3 — not continuity breaks.
    expect(failing.map((f) => f.ruleId).sort()).toEqual(
      [
        'P1.normativeDocuments',
        ...failing.filter((f) => f.ruleId === 'X4' || f.ruleId === 'R3').map((f) => f.ruleId),
      ].sort(),
    )
  })

  it('a real 2022 report without its 2021 report (机关事务服务中心) gets no cross-year finding', () => {
    const r = validate([file('jgsw2022'), file('zhangdian2021')])
    expect(r.reports[0].previousFile).toBeUndefined()
    expect(crossYear(r.reports[0]).filter((f) => f.status === 'fail')).toEqual([])
  })
})
