import { describe, expect, it } from 'vitest'
import { GOV_2019 } from '@/lib/format/gov-2019'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { setAt } from '@/lib/report/values'
import { fixture } from '@/test/fixtures'
import {
  feeCells,
  feeContradictions,
  lastYearsProblemsMissing,
  mentionsLastYearsProblems,
  problemsSaysNothing,
  requiredTables,
  whollyBlank,
} from './section-checks'
import { narrativeLines } from './texts'

describe('L6 section 五 that says nothing', () => {
  it('finds “无”, “暂无问题”, and 无 under the two sub-headings', () => {
    expect(problemsSaysNothing('无')).toMatchObject({ ruleId: 'L6', paragraph: 1 })
    expect(problemsSaysNothing('暂无问题。')?.ruleId).toBe('L6')
    expect(problemsSaysNothing('（一）存在的主要问题\n无。\n（二）改进情况\n无。')).toMatchObject({ paragraph: 2 })
  })
  it('stays silent on an empty section (D1 says so) and on real sections 五 of the fixtures', () => {
    expect(problemsSaysNothing('')).toBeNull()
    for (const name of [
      'zhangdian-gov-2021',
      'zhangdian-jgsw-2022',
      'zhangdian-office-2022',
      'zichuan-gov-2020',
    ] as const) {
      const text = fixture(name).report.sections.problemsImprovements as string
      expect(problemsSaysNothing(text)).toBeNull()
    }
  })
})

describe('L8 last year’s problems and their improvement', () => {
  it('is met by a sentence naming last year (or the year before by number) and its problems', () => {
    expect(mentionsLastYearsProblems('针对上年度报告中指出的问题，我局逐项整改。', 2022)).toBe(true)
    expect(mentionsLastYearsProblems('2021年存在的不足已全部整改到位。', 2022)).toBe(true)
    expect(mentionsLastYearsProblems('下一步，我局将加强培训。', 2022)).toBe(false)
  })
  it('is an info at the last paragraph of a real section 五 that speaks only of this year (淄川区 2020)', () => {
    const text = fixture('zichuan-gov-2020').report.sections.problemsImprovements as string
    expect(lastYearsProblemsMissing(text, 2020)).toMatchObject({ ruleId: 'L8', paragraph: 2 })
  })
})

describe('L7 a wholly blank table 三 or 四', () => {
  it('names tables 三 and 四 of both formats', () => {
    for (const format of [GOV_2021, GOV_2019]) {
      expect(requiredTables(format).map((t) => t.key)).toEqual(['applications', 'reviewLitigation'])
    }
  })
  it('is blank only when present with every cell blank; zeros are content', () => {
    const { report } = fixture('zhangdian-jgsw-2022')
    const [applications] = requiredTables(GOV_2021)
    expect(whollyBlank(report.sections, applications)).toBe(false)
    for (const p of applications.cells) setAt(report.sections, p.split('.'), null)
    expect(whollyBlank(report.sections, applications)).toBe(true)
    delete report.sections.applications
    expect(whollyBlank(report.sections, applications)).toBe(false)
  })
})

describe('L9 the fee statement of section 六 against table 三 and the facts', () => {
  it('reads its cells from rules A6 and A7 (2021); 2019 has none of table 三’s fee rows', () => {
    expect(feeCells(GOV_2021)).toEqual({
      unpaid: 'applications.otherFeeUnpaid.total',
      notices: 'otherMatters.infoProcessingFee.noticesIssued',
      collected: 'otherMatters.infoProcessingFee.amountCollectedYuan',
    })
    expect(feeCells(GOV_2019).unpaid).toBeNull()
  })
  it('stays silent on the real “未收取任何信息处理费” of 张店区 2021, whose table agrees', () => {
    const { report } = fixture('zhangdian-gov-2021')
    const text = (report.sections.otherMatters as { text: string }).text
    expect(feeContradictions(GOV_2021, report.sections, narrativeLines(text))).toEqual([])
  })
  it('finds the same sentence at its paragraph when table 三 counts an unpaid fee notice', () => {
    const { report } = fixture('zhangdian-gov-2021')
    setAt(report.sections, ['applications', 'otherFeeUnpaid', 'total'], 2)
    const text = (report.sections.otherMatters as { text: string }).text
    const [f] = feeContradictions(GOV_2021, report.sections, narrativeLines(text))
    expect(f).toMatchObject({ ruleId: 'L9', paragraph: 2 })
    expect(f.detail).toContain('2件')
  })
})
