/**
 * Every rule family, on real seed numbers (fixtures/ and spec/format.md §4.8): a passing and a
 * failing case each, checking the status, the cells named, expected and actual.
 */
import { describe, expect, it } from 'vitest'
import { dataRows, formatCells, groupRows, leafColumns, narrativePath } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import {
  APPLICATION_KEYS,
  APPLICATIONS_TOTAL_COLUMN,
  FEE_TOPIC,
  GOVERNMENT_ACCOUNTABILITY_TOPIC,
  REVIEW_TOTAL_RESULT,
} from '@/lib/format/shared-parts'
import type { BlockTableDef, FormatDef, MatrixTableDef, SectionDef, SingleRowTableDef } from '@/lib/format/types'
import { getAt, setAt } from '@/lib/report/values'
import { type FixtureName, fixture } from '@/test/fixtures'
import { evaluateRules, findingsOf, type RuleResult } from './evaluate'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']

type Sections = Record<string, unknown>

function tableOf<K extends 'matrix' | 'singleRow' | 'blocks'>(format: FormatDef, kind: K) {
  const section = format.sections.find((s) => s.kind === 'table' && s.table.kind === kind) as Extract<
    SectionDef,
    { kind: 'table' }
  >
  return {
    key: section.key,
    table: section.table as K extends 'matrix'
      ? MatrixTableDef
      : K extends 'singleRow'
        ? SingleRowTableDef
        : BlockTableDef,
  }
}

/** Table 三 of a format: its section key, data rows and leaf columns, from the definition. */
function applications(format: FormatDef) {
  const { key, table } = tableOf(format, 'matrix')
  const rows = dataRows(table.rows).map((r) => r.key)
  const columns = leafColumns(table.columns).map((c) => c.key)
  const addends = columns.filter((c) => c !== APPLICATIONS_TOTAL_COLUMN)
  const resultsGroup = groupRows(table.rows).find((g) => g.key === APPLICATION_KEYS.results)!
  const resultRows = dataRows(resultsGroup.children)
    .map((r) => r.key)
    .filter((r) => r !== APPLICATION_KEYS.resultsTotal)
  const p = (row: string, column: string) => `${key}.${row}.${column}`
  return { key, table, rows, columns, addends, resultRows, p }
}

const otherMatters = (format: FormatDef) =>
  format.sections.find((s) => s.kind === 'narrativeWithFacts') as Extract<SectionDef, { kind: 'narrativeWithFacts' }>

const factPaths = (format: FormatDef) => formatCells(format).filter((c) => c.sectionKey === otherMatters(format).key)

function run(name: FixtureName, mutate?: (sections: Sections, report: ReturnType<typeof fixture>['report']) => void) {
  const { report, format } = fixture(name)
  mutate?.(report.sections, report)
  return evaluateRules(format, report)
}

function rule(results: RuleResult[], id: string): RuleResult {
  const found = results.find((r) => r.ruleId === id)
  if (!found) throw new Error(`no result for rule ${id}`)
  return found
}

const set = (sections: Sections, path: string, value: unknown) => setAt(sections, path.split('.'), value)
const get = (sections: Sections, path: string) => getAt(sections, path.split('.'))

/** Fills the 信息处理费 facts so that T5 and A6 can be assessed. */
/** The fee facts blank, as a report has them before the officer states them. */
function blankFees(sections: Sections, format: FormatDef) {
  for (const c of factPaths(format)) set(sections, c.path, null)
}

function fillFees(sections: Sections, format: FormatDef, notices = 0) {
  for (const c of factPaths(format)) set(sections, c.path, c.valueType === 'count' ? notices : '0')
}

describe('T — value types', () => {
  const A = applications(F21)
  const cell = A.p(A.rows[0], A.addends[0])

  it('T1 passes on real counts and names no cell', () => {
    const r = rule(run('zhangdian-gov-2021'), 'T1')
    expect(r).toMatchObject({ status: 'pass', severity: 'error', cells: [] })
  })

  it.each([
    ['negative', -1],
    ['fractional', 84.5],
    ['a string', '85'],
    ['above the maximum', 1_000_000_000],
  ])('T1 fails on a count cell that is %s, naming exactly that cell', (_what, value) => {
    const r = rule(
      run('zhangdian-gov-2021', (s) => set(s, cell, value)),
      'T1',
    )
    expect(r).toMatchObject({ status: 'fail', cells: [cell], expected: null, actual: '1处不符合', focus: cell })
  })

  const B = tableOf(F21, 'blocks')
  const feeCell = formatCells(F21).find((c) => c.sectionKey === B.key && c.valueType === 'decimal')!.path

  it('T2 accepts the real 张店区 2021 fee with five decimals', () => {
    const results = run('zhangdian-gov-2021')
    expect(get(fixture('zhangdian-gov-2021').report.sections, feeCell)).toBe('19318.93442')
    expect(rule(results, 'T2')).toMatchObject({ status: 'pass', cells: [] })
  })

  it.each(['19318.9344211', '-1', 'abc', '1,000'])('T2 fails on fee amount %s', (value) => {
    const r = rule(
      run('zhangdian-gov-2021', (s) => set(s, feeCell, value)),
      'T2',
    )
    expect(r).toMatchObject({
      status: 'fail',
      severity: 'error',
      cells: [feeCell],
      expected: null,
      actual: '1处不符合',
    })
  })

  it('T2.yuan passes below 100000 万元 and warns above it', () => {
    expect(rule(run('zhangdian-gov-2021'), 'T2.yuan')).toMatchObject({ status: 'pass', cells: [] })
    const r = rule(
      run('zhangdian-gov-2021', (s) => set(s, feeCell, '193189344.2')),
      'T2.yuan',
    )
    expect(r).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: [feeCell],
      expected: '≤ 100000',
      actual: 193189344.2,
    })
  })

  const signed = formatCells(F19).filter((c) => c.valueType === 'signedCount')

  it('T3 (2019) accepts the real negative 本年增/减 of 淄川 2020', () => {
    const { report } = fixture('zichuan-gov-2020')
    expect(signed.some((c) => (get(report.sections, c.path) as number) < 0)).toBe(true)
    expect(rule(run('zichuan-gov-2020'), 'T3')).toMatchObject({ status: 'pass', cells: [] })
  })

  it('T3 (2019) fails on a fractional 本年增/减', () => {
    const r = rule(
      run('zichuan-gov-2020', (s) => set(s, signed[0].path, -4.5)),
      'T3',
    )
    expect(r).toMatchObject({ status: 'fail', cells: [signed[0].path], expected: null, actual: '1处不符合' })
  })

  it('T5 names the blank 信息处理费 facts of a real report, and passes once they are filled', () => {
    const facts = factPaths(F21).map((c) => c.path)
    expect(
      rule(
        run('zhangdian-office-2022', (s) => blankFees(s, F21)),
        'T5',
      ),
    ).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: facts,
      expected: null,
      actual: `${facts.length}处空白`,
    })
    expect(
      rule(
        run('zhangdian-office-2022', (s) => fillFees(s, F21)),
        'T5',
      ),
    ).toMatchObject({
      status: 'pass',
      cells: [],
    })
  })

  it('T5 treats 0 as filled and null as blank', () => {
    const r = rule(
      run('zhangdian-office-2022', (s) => {
        fillFees(s, F21)
        set(s, cell, null)
      }),
      'T5',
    )
    expect(r).toMatchObject({ status: 'fail', cells: [cell], actual: '1处空白' })
  })
})

describe('A — table 三', () => {
  const A = applications(F21)
  const [first] = A.rows
  const T = APPLICATIONS_TOTAL_COLUMN
  const K = APPLICATION_KEYS
  const natural = A.addends[0]

  it('A1 passes on 张店区 2021 (85 + 12 + 8 = 105) and fails when the 总计 is off by one', () => {
    const ok = rule(run('zhangdian-gov-2021'), `A1.${first}`)
    expect(ok).toMatchObject({ status: 'pass', expected: 105, actual: 105 })
    expect(ok.cells).toEqual([A.p(first, T), ...A.addends.map((c) => A.p(first, c))])

    const bad = rule(
      run('zhangdian-gov-2021', (s) => set(s, A.p(first, T), 104)),
      `A1.${first}`,
    )
    expect(bad).toMatchObject({ status: 'fail', severity: 'error', expected: 105, actual: 104 })
    expect(bad.cells).toContain(A.p(first, T))
    expect(bad.cells).toHaveLength(A.columns.length)
  })

  it('A1 is not assessable while an addend is blank, and points at the blank', () => {
    const r = rule(
      run('zhangdian-gov-2021', (s) => set(s, A.p(first, natural), null)),
      `A1.${first}`,
    )
    expect(r).toMatchObject({ status: 'na', focus: A.p(first, natural), expected: null, actual: null })
  })

  it('A2 passes on 张店区政府办公室 2022 (60 + 26 + 7 + 2 = 95) and fails when （七）总计 is off', () => {
    const ok = rule(run('zhangdian-office-2022'), `A2.${T}`)
    expect(ok).toMatchObject({ status: 'pass', expected: 95, actual: 95 })
    expect(ok.cells).toEqual([A.p(K.resultsTotal, T), ...A.resultRows.map((r) => A.p(r, T))])
    expect(A.resultRows).toHaveLength(21)

    const bad = rule(
      run('zhangdian-office-2022', (s) => set(s, A.p(K.resultsTotal, natural), 88)),
      `A2.${natural}`,
    )
    expect(bad).toMatchObject({ status: 'fail', expected: 89, actual: 88 })
    expect(bad.cells).toContain(A.p(K.resultsTotal, natural))
  })

  it('A3 勾稽 passes on 张店区政府办公室 2022 (89 + 12 = 101 + 0) and fails when 结转 is off', () => {
    const ok = rule(run('zhangdian-office-2022'), `A3.${natural}`)
    expect(ok).toMatchObject({ status: 'pass', expected: 101, actual: 101 })
    expect(new Set(ok.cells)).toEqual(
      new Set([K.newReceived, K.carriedOver, K.resultsTotal, K.carriedForward].map((r) => A.p(r, natural))),
    )
    // 三（七）+ 四 is the checked side; 一 + 二 is what it should come to.
    const bad = rule(
      run('zhangdian-office-2022', (s) => set(s, A.p(K.carriedForward, natural), 11)),
      `A3.${natural}`,
    )
    expect(bad).toMatchObject({ status: 'fail', severity: 'error', expected: 101, actual: 100 })
    expect(bad.cells).toContain(A.p(K.carriedForward, natural))
  })

  it('A3 holds on the city figures of spec §4.8 (14069 + 560 = 13810 + 819) and fails when one is off', () => {
    const city = (carriedForward: number) =>
      run('zhangdian-gov-2021', (s) => {
        set(s, A.p(K.newReceived, T), 14069)
        set(s, A.p(K.carriedOver, T), 560)
        set(s, A.p(K.resultsTotal, T), 13810)
        set(s, A.p(K.carriedForward, T), carriedForward)
      })
    expect(rule(city(819), `A3.${T}`)).toMatchObject({ status: 'pass', expected: 14629, actual: 14629 })
    expect(rule(city(818), `A3.${T}`)).toMatchObject({ status: 'fail', expected: 14629, actual: 14628 })
  })

  it('A4 bounds 结转 by what was there to handle', () => {
    const id = `A4.${K.carriedForward}.${natural}`
    expect(rule(run('zhangdian-office-2022'), id)).toMatchObject({ status: 'pass', expected: '≤ 101', actual: 12 })
    const bad = rule(
      run('zhangdian-office-2022', (s) => set(s, A.p(K.carriedForward, natural), 102)),
      id,
    )
    expect(bad).toMatchObject({ status: 'fail', severity: 'error', expected: '≤ 101', actual: 102 })
    expect(bad.cells).toContain(A.p(K.carriedForward, natural))
    const results = `A4.${K.resultsTotal}.${natural}`
    expect(
      rule(
        run('zhangdian-office-2022', (s) => set(s, A.p(K.resultsTotal, natural), 200)),
        results,
      ),
    ).toMatchObject({ status: 'fail', expected: '≤ 101', actual: 200 })
  })

  it('A5 hints on 张店区 2021 (3 部分公开) and is quiet with none', () => {
    const cell = A.p(K.partiallyGranted, T)
    expect(rule(run('zhangdian-gov-2021'), 'A5')).toMatchObject({
      status: 'fail',
      severity: 'info',
      cells: [cell],
      expected: null,
      actual: 3,
    })
    expect(rule(run('zhangdian-office-2022'), 'A5')).toMatchObject({ status: 'pass', cells: [] })
  })

  const feeUnpaid = A.rows.find((r) => r.toLowerCase().includes('fee'))!
  const noticesIssued = factPaths(F21).find((c) => c.valueType === 'count')!.path

  it('A6 needs a fee notice for every application dropped for an unpaid fee', () => {
    expect(
      rule(
        run('zhangdian-office-2022', (s) => fillFees(s, F21)),
        'A6',
      ),
    ).toMatchObject({
      status: 'pass',
      expected: '≤ 0',
      actual: 0,
    })
    const bad = rule(
      run('zhangdian-office-2022', (s) => {
        fillFees(s, F21)
        set(s, A.p(feeUnpaid, T), 1)
      }),
      'A6',
    )
    expect(bad).toMatchObject({ status: 'fail', severity: 'warning', expected: '≤ 0', actual: 1 })
    expect(bad.cells).toEqual([A.p(feeUnpaid, T), noticesIssued])
    expect(
      rule(
        run('zhangdian-office-2022', (s) => {
          fillFees(s, F21, 2)
          set(s, A.p(feeUnpaid, T), 1)
        }),
        'A6',
      ),
    ).toMatchObject({ status: 'pass', expected: '≤ 2', actual: 1 })
  })

  const textPath = narrativePath(otherMatters(F21))!

  it('A7 asks for the 信息处理费 statement once there were excessive applications', () => {
    const excessive = A.p(K.notProcessedExcessive, T)
    expect(
      rule(
        run('zhangdian-office-2022', (s) => set(s, textPath, '无')),
        'A7',
      ),
    ).toMatchObject({
      status: 'pass',
    })
    const bad = rule(
      run('zhangdian-office-2022', (s) => {
        set(s, textPath, '无')
        set(s, excessive, 2)
      }),
      'A7',
    )
    expect(bad).toMatchObject({
      status: 'fail',
      severity: 'info',
      cells: [textPath],
      expected: null,
      actual: `缺少：${FEE_TOPIC.label}`,
    })
    // The real 张店区 2021 text states the fee, so the same figures pass there.
    expect(
      rule(
        run('zhangdian-gov-2021', (s) => set(s, excessive, 2)),
        'A7',
      ),
    ).toMatchObject({ status: 'pass' })
  })

  it('A8 refuses a value stored under a group row', () => {
    expect(rule(run('zhangdian-gov-2021'), 'A8')).toMatchObject({ status: 'pass', cells: [] })
    const groups = groupRows(A.table.rows).map((g) => g.key)
    const bad = rule(
      run('zhangdian-gov-2021', (s) => set(s, `${A.key}.${groups[1]}.${natural}`, 12)),
      'A8',
    )
    expect(bad).toMatchObject({ status: 'fail', severity: 'error', cells: [`${A.key}.${groups[1]}`] })
  })

  it('A9 refuses 实际收取 above 应收 信息处理费, and passes when equal or below', () => {
    const fee = (billed: string, collected: string) =>
      rule(
        run('zhangdian-gov-2021', (s) => {
          ;(s as any).otherMatters.infoProcessingFee = {
            noticesIssued: 1,
            amountBilledYuan: billed,
            amountCollectedYuan: collected,
          }
        }),
        'A9',
      )
    expect(fee('100', '120.5')).toMatchObject({
      status: 'fail',
      severity: 'error',
      cells: ['otherMatters.infoProcessingFee.amountCollectedYuan', 'otherMatters.infoProcessingFee.amountBilledYuan'],
    })
    expect(fee('100', '100')).toMatchObject({ status: 'pass' })
    expect(fee('100.50', '0')).toMatchObject({ status: 'pass' })
  })
})

describe('A — 2019 format, 上海市政府办公厅 2019 figures (spec §4.8)', () => {
  const A = applications(F19)
  const K = APPLICATION_KEYS
  const natural = A.addends[0]
  // The spec gives the 自然人 result figures as a sum; which rows hold them does not matter to A2.
  const shanghai = [258, 3, 14, 5, 3, 10, 252, 44, 25, 148, 5]

  function shanghaiReport(resultsTotal = 767) {
    return run('zichuan-gov-2020', (s) => {
      A.resultRows.forEach((r, i) => {
        set(s, A.p(r, natural), shanghai[i] ?? 0)
      })
      set(s, A.p(K.resultsTotal, natural), resultsTotal)
      set(s, A.p(K.newReceived, natural), 821)
      set(s, A.p(K.carriedOver, natural), 18)
      set(s, A.p(K.carriedForward, natural), 72)
    })
  }

  it('the 2019 format sums 19 result rows (a single （六）其他处理) into （七）总计', () => {
    expect(A.resultRows).toHaveLength(19)
  })

  it('A2: 258+3+14+5+3+10+252+44+25+148+5 = 767', () => {
    expect(rule(shanghaiReport(), `A2.${natural}`)).toMatchObject({ status: 'pass', expected: 767, actual: 767 })
    expect(rule(shanghaiReport(766), `A2.${natural}`)).toMatchObject({ status: 'fail', expected: 767, actual: 766 })
  })

  it('A3: 821 + 18 = 767 + 72', () => {
    expect(rule(shanghaiReport(), `A3.${natural}`)).toMatchObject({ status: 'pass', expected: 839, actual: 839 })
    expect(rule(shanghaiReport(766), `A3.${natural}`)).toMatchObject({ status: 'fail', expected: 839, actual: 838 })
  })
})

describe('R — table 四', () => {
  const { key, table } = tableOf(F21, 'singleRow')
  const [review, direct] = table.groups.map((g) => g.key)
  const parts = table.results.filter((r) => r.key !== REVIEW_TOTAL_RESULT).map((r) => r.key)
  const p = (g: string, r: string) => `${key}.${g}.${r}`

  it('R1 passes on 张店区 2021 (复议 4 + 3 + 0 + 1 = 8; 直接起诉 9 + 3 + 1 + 0 = 13)', () => {
    const results = run('zhangdian-gov-2021')
    const r = rule(results, `R1.${review}`)
    expect(r).toMatchObject({ status: 'pass', expected: 8, actual: 8 })
    expect(r.cells).toEqual([p(review, REVIEW_TOTAL_RESULT), ...parts.map((x) => p(review, x))])
    expect(rule(results, `R1.${direct}`)).toMatchObject({ status: 'pass', expected: 13, actual: 13 })
  })

  it('R1 fails when a result is changed without the 总计', () => {
    const pending = parts[parts.length - 1]
    const r = rule(
      run('zhangdian-gov-2021', (s) => set(s, p(review, pending), 2)),
      `R1.${review}`,
    )
    expect(r).toMatchObject({ status: 'fail', severity: 'error', expected: 9, actual: 8 })
    expect(r.cells).toContain(p(review, pending))
  })

  it('R1 on the 上海 2019 figures: 5 + 0 + 0 + 2 = 7 and 8 + 0 + 0 + 1 = 9', () => {
    const results = (reviewTotal: number) =>
      run('zichuan-gov-2020', (s) => {
        table.results.forEach((r, i) => {
          set(s, p(review, r.key), [5, 0, 0, 2, reviewTotal][i])
          set(s, p(direct, r.key), [8, 0, 0, 1, 9][i])
        })
      })
    expect(rule(results(7), `R1.${review}`)).toMatchObject({ status: 'pass', expected: 7, actual: 7 })
    expect(rule(results(7), `R1.${direct}`)).toMatchObject({ status: 'pass', expected: 9, actual: 9 })
    expect(rule(results(8), `R1.${review}`)).toMatchObject({ status: 'fail', expected: 7, actual: 8 })
  })
})

describe('P — table 二 (2021)', () => {
  const B = tableOf(F21, 'blocks')
  const art20_1 = B.table.blocks[0]
  const regulations = art20_1.columns.map((c) => `${B.key}.${art20_1.key}.${art20_1.rows[0].key}.${c.key}`)
  const feeCell = formatCells(F21).find((c) => c.sectionKey === B.key && c.valueType === 'decimal')!.path

  it('P3 passes for a county with no 规章 and warns when it reports some', () => {
    expect(rule(run('zhangdian-gov-2021'), 'P3')).toMatchObject({ status: 'pass', cells: [] })
    const bad = rule(
      run('zhangdian-gov-2021', (s) => set(s, regulations[0], 1)),
      'P3',
    )
    expect(bad).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: [regulations[0]],
      expected: '≤ 0',
      actual: 1,
    })
  })

  it('P3 does not apply to a 设区的市 government', () => {
    const r = rule(
      run('zhangdian-gov-2021', (s, report) => {
        set(s, regulations[0], 1)
        report.agency.level = 'city'
      }),
      'P3',
    )
    expect(r).toMatchObject({ status: 'pass' })
  })

  it('P4 asks whether the fee amount includes 信息处理费 when there is one', () => {
    expect(rule(run('zhangdian-gov-2021'), 'P4')).toMatchObject({
      status: 'fail',
      severity: 'info',
      cells: [feeCell],
      actual: 19318.93442,
    })
    expect(rule(run('zhangdian-jgsw-2022'), 'P4')).toMatchObject({ status: 'pass', cells: [] })
  })
})

describe('D — the document', () => {
  const overview = F21.sections.find((s) => s.kind === 'narrative')!
  const textPath = narrativePath(otherMatters(F21))!
  const topics = overview.kind === 'narrative' ? (overview.topics ?? []) : []

  it('D1 passes with six sections and names a missing one', () => {
    expect(rule(run('zhangdian-gov-2021'), 'D1')).toMatchObject({ status: 'pass', cells: [] })
    const last = F21.sections[4]
    const r = rule(
      run('zhangdian-gov-2021', (s) => {
        delete s[last.key]
      }),
      'D1',
    )
    expect(r).toMatchObject({ status: 'fail', severity: 'error', cells: [last.key], actual: `缺少：${last.heading}` })
  })

  it('D2 flags the real 张店区 2021 overview, which never says 监督保障', () => {
    const r = rule(run('zhangdian-gov-2021'), 'D2')
    expect(r).toMatchObject({ status: 'fail', severity: 'warning', cells: [overview.key] })
    expect(r.actual).toBe(`缺少：${topics[topics.length - 1].label}`)
    // At the paragraph: after the last one on the topic before it (平台建设), where 监督保障 belongs.
    const text = (fixture('zhangdian-gov-2021').report.sections as Record<string, string>)[overview.key].split('\n')
    const platform = topics[topics.length - 2]
    const expected = text.reduce((at, line, i) => (platform.keywords.some((k) => line.includes(k)) ? i + 1 : at), 0)
    expect(expected).toBeGreaterThan(0)
    expect(r.narrative).toEqual({ section: overview.key, paragraph: expected })
    expect(r.focus).toBe(overview.key)
    expect(text[expected - 1]).toContain((r.quote ?? '').replace(/…$/, ''))
    expect(rule(run('zhangdian-office-2022'), 'D2')).toMatchObject({ status: 'pass' })
  })

  it('D2 waits while the overview is blank (D1 already says it is missing)', () => {
    const blank = run('zhangdian-gov-2021', (s) => set(s, overview.key, '  '))
    expect(rule(blank, 'D2')).toMatchObject({ status: 'na', cells: [overview.key] })
    expect(rule(blank, 'D1')).toMatchObject({ status: 'fail', cells: [overview.key] })
  })

  it('D3 flags a government report without 工作考核、社会评议和责任追究 (淄川 2020)', () => {
    const r = rule(run('zichuan-gov-2020'), 'D3')
    expect(r).toMatchObject({
      status: 'fail',
      severity: 'warning',
      actual: `缺少：${GOVERNMENT_ACCOUNTABILITY_TOPIC.label}`,
    })
    expect(r.cells).toContain(overview.key)
    // No topic comes before it: after the overview's last paragraph.
    const lines = (fixture('zichuan-gov-2020').report.sections as Record<string, string>)[overview.key].split('\n')
    const last = lines.reduce((at, line, i) => (line.trim() ? i + 1 : at), 0)
    expect(r.narrative).toEqual({ section: overview.key, paragraph: last })
    expect(rule(run('zhangdian-gov-2021'), 'D3')).toMatchObject({ status: 'pass' })
    // Not asked of a department.
    expect(
      rule(
        run('zichuan-gov-2020', (_s, report) => {
          report.agency.type = 'department'
        }),
        'D3',
      ),
    ).toMatchObject({ status: 'pass' })
  })

  it('D4 requires section 六 to say something, if only 无', () => {
    expect(rule(run('zhangdian-jgsw-2022'), 'D4')).toMatchObject({ status: 'pass' })
    expect(
      rule(
        run('zhangdian-jgsw-2022', (s) => set(s, textPath, '  ')),
        'D4',
      ),
    ).toMatchObject({
      status: 'fail',
      severity: 'warning',
      cells: [textPath],
      expected: null,
      actual: '1处空白',
    })
  })

  it('D4.fee requires the 信息处理费 statement in the 2021 format', () => {
    expect(rule(run('zhangdian-jgsw-2022'), 'D4.fee')).toMatchObject({ status: 'pass' })
    expect(
      rule(
        run('zhangdian-jgsw-2022', (s) => set(s, textPath, '无')),
        'D4.fee',
      ),
    ).toMatchObject({
      status: 'fail',
      cells: [textPath],
      actual: `缺少：${FEE_TOPIC.label}`,
    })
    expect(F19.rules.some((r) => r.id === 'D4.fee')).toBe(false)
  })
})

describe('Q — table 二 (2019)', () => {
  const B = tableOf(F19, 'blocks')
  const paths = (blockIndex: number, rowIndex: number) => {
    const block = B.table.blocks[blockIndex]
    const row = block.rows[rowIndex]
    return Object.fromEntries(block.columns.map((c) => [c.key, `${B.key}.${block.key}.${row.key}.${c.key}`]))
  }
  const [prior, change] = B.table.blocks[1].columns.map((c) => c.key)

  it('Q1 passes on 淄川 2020 行政许可 (284 + 125) and fails when the change exceeds the prior count', () => {
    const licensing = paths(1, 0)
    const id = `Q1.${B.table.blocks[1].rows[0].key}`
    const ok = rule(run('zichuan-gov-2020'), id)
    expect(ok).toMatchObject({ status: 'pass', expected: '≥ 0', actual: 409 })
    expect(ok.cells).toEqual([licensing[prior], licensing[change]])
    expect(
      rule(
        run('zichuan-gov-2020', (s) => set(s, licensing[change], -300)),
        id,
      ),
    ).toMatchObject({ status: 'fail', severity: 'error', expected: '≥ 0', actual: -16 })
  })

  it('Q3 passes on 淄川 2020 规范性文件 (4 ≤ 25) and fails when more were published than exist', () => {
    const docs = paths(0, 1)
    const [, newlyPublished, totalPublished] = Object.values(docs)
    const id = `Q3.${B.table.blocks[0].rows[1].key}`
    expect(rule(run('zichuan-gov-2020'), id)).toMatchObject({ status: 'pass', expected: '≤ 25', actual: 4 })
    const bad = rule(
      run('zichuan-gov-2020', (s) => set(s, newlyPublished, 26)),
      id,
    )
    expect(bad).toMatchObject({ status: 'fail', severity: 'warning', expected: '≤ 25', actual: 26 })
    expect(bad.cells).toEqual([newlyPublished, totalPublished])
  })
})

describe('findings', () => {
  it('findingsOf keeps failures and, when asked, what cannot be assessed yet', () => {
    const results = run('zhangdian-gov-2021', (s) => blankFees(s, F21))
    expect(findingsOf(results).every((r) => r.status === 'fail')).toBe(true)
    const withNa = findingsOf(results, true)
    expect(withNa.some((r) => r.status === 'na')).toBe(true)
    expect(withNa.length).toBeGreaterThan(findingsOf(results).length)
  })
})
