import { describe, expect, it } from 'vitest'
import { dataRows, formatCells, groupRows, narrativePath } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { MatrixTableDef } from '@/lib/format/types'
import { FIXTURE_NAMES, rawFixture } from '@/test/fixtures'
import { emptyReport, parseReportText, ReportInputError, readReport, toInterchange } from './interchange'
import { reportSchema } from './schema'
import { getAt } from './values'

const F21 = FORMATS['2021']

describe.each(FIXTURE_NAMES)('readReport(%s)', (name) => {
  const raw = rawFixture(name)
  const { report, format, notices } = readReport(raw)

  it('reads the file in its own format, without notices', () => {
    expect(format.version).toBe(raw.formatVersion)
    expect(report).toMatchObject({ formatVersion: raw.formatVersion, year: raw.year, agency: raw.agency })
    expect(notices).toEqual([])
  })

  it('keeps every cell value of the file unchanged; cells the file lacks are blank', () => {
    let given = 0
    for (const c of formatCells(format)) {
      const inFile = getAt(raw.sections, c.segments)
      if (inFile !== undefined) given++
      expect(getAt(report.sections, c.segments), c.path).toEqual(inFile === undefined ? null : inFile)
    }
    expect(given).toBeGreaterThan(190)
  })

  it('keeps every narrative unchanged', () => {
    for (const s of format.sections) {
      const p = narrativePath(s)
      if (!p) continue
      const inFile =
        getAt(raw.sections, p.split('.')) ?? (typeof raw.sections[s.key] === 'string' ? raw.sections[s.key] : undefined)
      expect(getAt(report.sections, p.split('.'))).toBe(inFile)
    }
  })

  it('does not change the raw object it was given', () => {
    expect(raw).toEqual(rawFixture(name))
  })

  it('round-trips through toInterchange', () => {
    const again = readReport(parseReportText(toInterchange(report)))
    expect(again.report).toEqual(report)
  })
})

describe('the single （六）其他处理 row in a 2021 file', () => {
  const table = F21.sections.find((s) => s.kind === 'table' && s.table.kind === 'matrix') as {
    key: string
    table: MatrixTableDef
  }
  // （六）其他处理 is the last group of table 三; in 2021 it holds three rows.
  const otherGroup = groupRows(table.table.rows).at(-1)
  const otherRows = dataRows(otherGroup!.children)
  const [noCorrection, feeUnpaid, other] = otherRows.map((r) => r.key)

  function singleRowFile() {
    const raw = rawFixture('zhangdian-gov-2021')
    const apps = raw.sections[table.key]
    const single = { ...apps[other], natural: 4, total: 4 }
    apps[otherGroup!.key] = single
    delete apps[noCorrection]
    delete apps[feeUnpaid]
    delete apps[other]
    return { raw, single }
  }

  it('maps to the last row (3.其他), makes the two specific rows 0, and says so', () => {
    const { raw, single } = singleRowFile()
    const { report, notices } = readReport(raw)
    const apps = report.sections[table.key] as Record<string, Record<string, unknown>>
    expect(apps[other]).toEqual(single)
    expect(Object.values(apps[noCorrection])).toEqual(Object.values(single).map(() => 0))
    expect(Object.values(apps[feeUnpaid]).every((v) => v === 0)).toBe(true)
    expect(apps[otherGroup!.key]).toBeUndefined()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(otherGroup!.label)
    expect(notices[0]).toContain(otherRows[2].label)
  })

  it('is not touched in a 2019 file, where it is a data row', () => {
    const { notices, report } = readReport(rawFixture('zichuan-gov-2020'))
    expect(notices).toEqual([])
    const rows = dataRows(
      (FORMATS['2019'].sections.find((s) => s.key === table.key) as { table: MatrixTableDef }).table.rows,
    )
    expect(rows.some((r) => r.key === otherGroup!.key)).toBe(true)
    expect((report.sections[table.key] as Record<string, unknown>)[otherGroup!.key]).toBeDefined()
  })
})

describe('malformed input', () => {
  const base = () => rawFixture('zhangdian-jgsw-2022')
  const message = (fn: () => unknown) => {
    try {
      fn()
    } catch (e) {
      expect(e).toBeInstanceOf(ReportInputError)
      return (e as Error).message
    }
    throw new Error('expected a ReportInputError')
  }
  const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

  it.each([
    ['null', null, '不是年报'],
    ['an array', [], '不是年报'],
    ['a string', '年报', '不是年报'],
    ['a number', 2021, '不是年报'],
  ])('refuses %s: not an object', (_what, raw, expected) => {
    const m = message(() => readReport(raw))
    expect(m).toContain(expected)
    expect(m).toContain('JSON 对象')
  })

  it('refuses a file without formatVersion', () => {
    const raw = base()
    delete raw.formatVersion
    expect(message(() => readReport(raw))).toContain('缺少 formatVersion')
  })

  it('refuses an unknown version, naming it and the supported ones', () => {
    const m = message(() => readReport({ ...base(), formatVersion: '2030' }))
    expect(m).toContain('不支持的格式版本“2030”')
    expect(m).toContain('2021')
    expect(m).toContain('2019')
  })

  it('refuses a file without sections', () => {
    const raw = base()
    delete raw.sections
    expect(message(() => readReport(raw))).toContain('缺少 sections')
  })

  it('refuses a file without year or agency', () => {
    const noYear = base()
    delete noYear.year
    expect(message(() => readReport(noYear))).toContain('缺少年度')
    expect(message(() => readReport({ ...base(), agency: 'x' }))).toContain('agency.name')
    expect(message(() => readReport({ ...base(), agency: { name: '某局', type: 'company' } }))).toContain('agency.type')
  })

  it('refuses a narrative that is not text', () => {
    const raw = base()
    raw.sections[F21.sections[0].key] = { text: 1 }
    expect(message(() => readReport(raw))).toContain(`“${F21.sections[0].heading}”应为文本`)
  })

  it.each(['{', '', 'not json', '{"formatVersion": "2021",}'])('parseReportText refuses %j', (text) => {
    const m = message(() => parseReportText(text))
    expect(m).toContain('不是有效的 JSON 文件')
    expect(hasChinese(m)).toBe(true)
  })

  it.each([
    ['{', '内容在结尾处中断，文件可能不完整'],
    ['{"year": 2021 x}', '第1行第15个字符处有语法错误（“x}”处）'],
    ['', '文件是空的'],
    ['not json', '第1行第1个字符处有语法错误（“not json”处）'],
    ['{"formatVersion": "2021",}', '第1行第26个字符处有语法错误（“}”处）'],
    ['{"year": 2021,\n "x": 1\n  oops}', '第3行第3个字符处有语法错误（“oops}”处）'],
    ['{"year": 20', '内容在结尾处中断，文件可能不完整'],
  ])('parseReportText says where %j breaks, in Chinese only', (text, where) => {
    const m = message(() => parseReportText(text))
    expect(m).toBe(`不是有效的 JSON 文件：${where}。`)
  })

  it('parseReportText accepts a byte-order mark', () => {
    expect(parseReportText(`\uFEFF${JSON.stringify(base())}`)).toEqual(base())
  })

  it('keeps a bad value at its cell, for the rules to report', () => {
    const raw = base()
    const cell = formatCells(F21).find((c) => c.valueType === 'count')!
    let node = raw.sections
    for (const s of cell.segments.slice(0, -1)) node = node[s]
    node[cell.segments[cell.segments.length - 1]] = 'abc'
    expect(getAt(readReport(raw).report.sections, cell.segments)).toBe('abc')
  })
})

describe('emptyReport', () => {
  it('has every cell blank (null, not 0) and every narrative empty', () => {
    const report = emptyReport(F21, 2024, { name: '某某县人民政府', type: 'government' })
    for (const c of formatCells(F21)) expect(getAt(report.sections, c.segments)).toBeNull()
    for (const s of F21.sections) {
      const p = narrativePath(s)
      if (p) expect(getAt(report.sections, p.split('.'))).toBe('')
    }
  })
})

describe("the agency's code", () => {
  const base = () => rawFixture('zhangdian-office-2022')

  it('is read when the file has one, and round-trips through toInterchange', () => {
    const raw = base()
    raw.agency.code = 'zhangdian-office'
    const { report, notices } = readReport(raw)
    expect(report.agency).toEqual({ ...base().agency, code: 'zhangdian-office' })
    expect(notices).toEqual([])
    expect(readReport(parseReportText(toInterchange(report))).report.agency.code).toBe('zhangdian-office')
    expect(reportSchema(F21, 'draft').safeParse(report).success).toBe(true)
  })

  it('is optional: a file without one has none', () => {
    expect(readReport(base()).report.agency).not.toHaveProperty('code')
  })

  it.each([['张店'], ['Zhangdian'], [42], ['-x-']])('is dropped, with a notice, when malformed: %j', (code) => {
    const raw = base()
    raw.agency.code = code
    const { report, notices } = readReport(raw)
    expect(report.agency).not.toHaveProperty('code')
    expect(notices).toEqual([`文件中的机关代码“${code}”格式不正确，已忽略。`])
  })

  it('is checked by the report schema', () => {
    const { report } = readReport(base())
    const bad = { ...report, agency: { ...report.agency, code: 'Not A Code' } }
    const parsed = reportSchema(F21, 'draft').safeParse(bad)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0].path).toEqual(['agency', 'code'])
  })
})
