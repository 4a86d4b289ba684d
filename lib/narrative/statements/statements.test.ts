/**
 * Statements about table quantities, from real sentences: the seed reports (/work/shared/seeds,
 * whose tables are the fixtures) and the published portal pages (/work/shared/published), with
 * the tables they print. Sentences that agree stay silent; each contradiction is one finding.
 */
import { describe, expect, test } from 'vitest'
import { FORMATS } from '@/lib/format/index'
import { statementFindings } from '@/lib/narrative/findings'
import { setAt } from '@/lib/report/values'
import { evaluateRules } from '@/lib/rules/evaluate'
import { fixture } from '@/test/fixtures'
import { roundedShare } from './check'
import { ZERO_LEAD, ZERO_PHRASES } from '@/lib/format/narrative-phrases'
import { recognise } from './recognise'

type Cells = Record<string, number | string>

/** The 张店区 2021 report (seed 004) with its overview replaced and some cells set. */
function report(text: string, cells: Cells = {}, name: Parameters<typeof fixture>[0] = 'zhangdian-gov-2021') {
  const { report } = fixture(name)
  report.sections.overview = text
  for (const [path, value] of Object.entries(cells)) setAt(report.sections, path.split('.'), value)
  return report
}

function findings(text: string, cells: Cells = {}, name: Parameters<typeof fixture>[0] = 'zhangdian-gov-2021') {
  const r = report(text, cells, name)
  const format = FORMATS[r.formatVersion as '2021' | '2019']
  return statementFindings(r, { format })
}

const T = (row: string) => `applications.${row}.total`

describe('the false alarms of a regular-expression checker', () => {
  test('“收到150件，上年结转30件”: 150 is 新收, not 新收 + 结转', () => {
    const text = '本年度共收到政府信息公开申请150件，上年结转30件。'
    expect(findings(text, { [T('newReceived')]: 150, [T('carriedOver')]: 30 })).toEqual([])
  })

  test('“收到行政复议申请7件” is a review count, not the applications received', () => {
    const text = '本年度收到行政复议申请7件。'
    expect(findings(text, { 'reviewLitigation.review.total': 7 })).toEqual([])
    const [f] = findings(text, { 'reviewLitigation.review.total': 8 })
    expect(f).toMatchObject({ ruleId: 'N1', cells: ['reviewLitigation.review.total'], expected: 8, actual: 7 })
  })

  test('“本年度共新收…170件” is recognised', () => {
    const text = '本年度共新收政府信息公开申请170件。'
    expect(findings(text, { [T('newReceived')]: 170 })).toEqual([])
    const [f] = findings(text, { [T('newReceived')]: 105 })
    expect(f).toMatchObject({ ruleId: 'N1', cells: [T('newReceived')], expected: 105, actual: 170 })
  })
})

describe('seed reports agree with their tables', () => {
  test('张店区 2021: the five percentages are all right and stay silent', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const text = report.sections.overview as string
    expect(text).toContain('其中予以公开61件，占58.10%；部分公开3件，占2.86%')
    const statements = recognise(text).flatMap((p) => p.sentences.flatMap((s) => s.statements))
    expect(statements.filter((s) => s.kind === 'share')).toHaveLength(5)
    expect(statementFindings(report, { format })).toEqual([])
  })

  test.each(['zhangdian-gov-2021', 'zhangdian-jgsw-2022', 'zhangdian-office-2022', 'zichuan-gov-2020'] as const)(
    '%s: no statement finding',
    (name) => {
      const { report, format } = fixture(name)
      expect(statementFindings(report, { format })).toEqual([])
    },
  )

  test('淄川区 2020 (2019 format): a list of outcomes that adds up to the total received', () => {
    const text =
      '2020年全区共受理依申请公开32件，其中：予以公开24件，部分公开2件，不予公开1件，无法提供4件，结转下一年办理1件。'
    expect(findings(text, {}, 'zichuan-gov-2020')).toEqual([])
  })
})

describe('published portal reports (the tables they print)', () => {
  test('平潭行政审批局 2024: 废止6件，制定15件; 收到28件; 行政复议1起，结果为维持', () => {
    const cells = {
      'proactiveDisclosure.art20_1.normativeDocuments.issued': 15,
      'proactiveDisclosure.art20_1.normativeDocuments.repealed': 6,
      'proactiveDisclosure.art20_1.normativeDocuments.inForce': 21,
      [T('newReceived')]: 28,
      [T('carriedOver')]: 0,
      'reviewLitigation.review.upheld': 1,
      'reviewLitigation.review.corrected': 0,
      'reviewLitigation.review.total': 1,
    }
    const text = [
      '2024年，我局废止规范性文件6件，制定规范性文件15件，已公开在“行政规范性文件”栏目下，同步完成图文解读，做好对应关联。',
      '收到公民、法人和其他组织政府信息公开申请28件，28件公开申请均在法定时限内办理，办结率100%。从申请方式看，信函申请28件，占100%；申请内容涉及项目审批信息、工商登记信息等。',
      '因依申请公开引发行政复议1起，结果为维持我局作出的《政府信息公开申请答复书》的行政行为。',
    ].join('\n')
    expect(findings(text, cells)).toEqual([])
    const wrong = findings(text, {
      ...cells,
      'reviewLitigation.review.upheld': 0,
      'reviewLitigation.review.corrected': 1,
    })
    expect(wrong).toHaveLength(1)
    expect(wrong[0]).toMatchObject({ ruleId: 'N1', narrative: { section: 'overview', paragraph: 3 } })
    expect(wrong[0].cells).toContain('reviewLitigation.review.upheld')
  })

  test('平潭社会事业局 2025: 公文的公开属性 (主动公开/依申请公开/不予公开) are not application outcomes', () => {
    const text =
      '（一）信息制作与管理：全年制发公文类政府信息383条，其中主动公开54条、依申请公开316条、不予公开13条；梳理更新机构职能、权责清单等基础信息，保障群众知情权。'
    expect(findings(text, { [T('deniedStateSecret')]: 0 })).toEqual([])
  })

  test('平潭综合执法与应急管理局 2025: 收到1条; 行政复议1条，未发生行政诉讼', () => {
    const text =
      '2025年度，我局收到政府信息公开申请1条，因属信访举报投诉类，故不予处理；政府信息公开行政复议1条，未发生行政诉讼情况。'
    const cells = {
      [T('newReceived')]: 1,
      [T('carriedOver')]: 0,
      'reviewLitigation.review.total': 1,
      'reviewLitigation.litigationDirect.total': 0,
      'reviewLitigation.litigationAfterReview.total': 0,
    }
    expect(findings(text, cells)).toEqual([])
    const [f] = findings(text, { ...cells, 'reviewLitigation.litigationDirect.total': 2 })
    expect(f).toMatchObject({ ruleId: 'N1', expected: 2, actual: 0 })
    expect(f.cells).toEqual(['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total'])
  })

  test('平潭行政审批局 2024: 没有产生信息公开处理费, against the fee facts', () => {
    const text = '按照规定的按件、按量收费标准，本年度没有产生信息公开处理费。'
    const { report: r, format } = fixture('zhangdian-gov-2021')
    r.sections.otherMatters = {
      text,
      infoProcessingFee: { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' },
    }
    expect(statementFindings(r, { format })).toEqual([])
    r.sections.otherMatters = {
      text,
      infoProcessingFee: { noticesIssued: 1, amountBilledYuan: '30', amountCollectedYuan: '30' },
    }
    const [f] = statementFindings(r, { format })
    expect(f).toMatchObject({
      ruleId: 'N1',
      narrative: { section: 'otherMatters', paragraph: 1 },
      cells: ['otherMatters.infoProcessingFee.amountCollectedYuan'],
      focus: 'otherMatters.text',
    })
  })
})

describe('contradictions are found at their sentence, with the cells and the fix', () => {
  test('a count: quote, section, paragraph, cells, table value, stated value, fix', () => {
    const text = '一、总体情况\n\n2021年度，全区共受理依申请公开33件。'
    const [f, ...rest] = findings(text)
    expect(rest).toEqual([])
    expect(f).toMatchObject({
      ruleId: 'N1',
      severity: 'warning',
      status: 'fail',
      quote: '2021年度，全区共受理依申请公开33件。',
      narrative: { section: 'overview', paragraph: 3 },
      cells: [T('newReceived')],
      expected: 105,
      actual: 33,
      fix: { from: '33件', to: '105件', link: `{{${T('newReceived')}}}件` },
    })
    expect(f.message).toContain('表中')
  })

  test('予以公开及部分公开: the combined count and its share', () => {
    expect(findings('予以公开和部分公开共64件，占60.95%。')).toEqual([])
    const wrong = findings('予以公开和部分公开共66件，占62.86%。')
    expect(wrong.map((f) => f.ruleId)).toEqual(['N1'])
    expect(wrong[0].cells).toEqual([T('granted'), T('partiallyGranted')])
    const share = findings('予以公开和部分公开共64件，占62.86%。')
    expect(share).toMatchObject([{ ruleId: 'N2', expected: '60.95%', actual: '62.86%' }])
  })

  test('two lists in one sentence, each after its own total, are two sums (淮安 2024, as printed)', () => {
    const text =
      '政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。'
    const sums = recognise(text)
      .flatMap((p) => p.sentences.flatMap((s) => s.statements))
      .filter((s) => s.kind === 'sum')
      .map((s) => (s.kind === 'sum' ? [s.total.value, s.parts.map((q) => q.value)] : null))
    expect(sums).toEqual([
      [351, [72, 64, 178, 37]],
      [46, [25, 5, 9, 7]],
    ])
    expect(findings(text).filter((f) => f.ruleId === 'N4')).toEqual([])
  })

  test('shares of a stated total the table contradicts: one finding, the total’s', () => {
    const text = '共作出政府信息公开申请答复书105件，其中予以公开61件，占58.10%；部分公开3件，占2.86%。'
    const out = findings(text, { [T('resultsTotal')]: 107, [T('newReceived')]: 107 })
    expect(out.map((f) => f.ruleId)).toEqual(['N1'])
    expect(out[0]).toMatchObject({ cells: [T('resultsTotal')], expected: 107, actual: 105 })
  })

  test('2.675 % printed as 2.67 % is a rounding finding, not a count finding', () => {
    expect(roundedShare(107, 4000, 2)).toBe(2.68)
    const cells = { [T('granted')]: 107, [T('resultsTotal')]: 4000 }
    const [f, ...rest] = findings('共作出答复4000件，其中予以公开107件，占2.67%。', cells)
    expect(rest).toEqual([])
    expect(f).toMatchObject({ ruleId: 'N3', severity: 'info', expected: '2.68%', fix: { from: '2.67%', to: '2.68%' } })
    expect(findings('共作出答复4000件，其中予以公开107件，占2.68%。', cells)).toEqual([])
  })

  test('“收到50件” where 新收 49 + 结转 1: info, with the wording', () => {
    const [f, ...rest] = findings('本年度共收到政府信息公开申请50件。', {
      [T('newReceived')]: 49,
      [T('carriedOver')]: 1,
    })
    expect(rest).toEqual([])
    expect(f).toMatchObject({ ruleId: 'N5', severity: 'info' })
    expect(f.fix?.to).toContain('共50件')
  })

  test('现行有效规范性文件 not table 二’s', () => {
    const [f] = findings('截至年底，现行有效规范性文件50件。')
    expect(f).toMatchObject({
      ruleId: 'N1',
      cells: ['proactiveDisclosure.art20_1.normativeDocuments.inForce'],
      expected: 47,
      actual: 50,
    })
  })

  test('a list that does not add up to the total stated before it', () => {
    const text =
      '2020年全区共受理依申请公开32件，其中：予以公开24件，部分公开2件，不予公开1件，无法提供4件，结转下一年办理3件。'
    const out = findings(text, {}, 'zichuan-gov-2020')
    expect(out.map((f) => f.ruleId).sort()).toEqual(['N1', 'N4'])
    expect(out.find((f) => f.ruleId === 'N4')).toMatchObject({ expected: 34, actual: 32 })
  })

  test('parts then “共计”: they must add up', () => {
    const cells = { [T('newReceived')]: 49, [T('carriedOver')]: 1 }
    expect(findings('本年新收49件、上年结转1件，共计50件。', cells)).toEqual([])
    expect(findings('本年新收49件、上年结转1件，共计51件。', cells).map((f) => f.ruleId)).toEqual(['N4'])
  })

  test('a growth rate the two years’ tables do not give (needs last year’s report)', () => {
    const r = report('2021年度共收到政府信息公开申请105件，同比下降1.87%。')
    const format = FORMATS['2021']
    const previous = fixture('zhangdian-office-2022').report // 新收 107 standing in for last year
    expect(statementFindings(r, { format, previous })).toEqual([])
    r.sections.overview = '2021年度共收到政府信息公开申请105件，同比增长20%。'
    expect(statementFindings(r, { format })).toEqual([])
    const [f] = statementFindings(r, { format, previous })
    expect(f).toMatchObject({ ruleId: 'N6', expected: '-2%', actual: '20%' })
    r.sections.overview = '2021年度共收到政府信息公开申请105件，较去年回落2件。'
    expect(statementFindings(r, { format, previous })).toEqual([])
  })

  test('the preamble is read too', () => {
    const r = report('')
    r.preamble = '本年度共收到政府信息公开申请9件。'
    const [f] = statementFindings(r, { format: FORMATS['2021'] })
    expect(f).toMatchObject({ narrative: { section: 'preamble', paragraph: 1 }, focus: 'preamble' })
  })

  test('nothing merely unrecognised is a finding', () => {
    for (const text of [
      '截至2018年12月31日，共有接收到依申请公开142件，办结同意率100%。',
      '从申请方式看，信函申请28件，占100%。',
      '全区共办理政府信息公开申请105件（政府层面的申请16件），其中自然人申请85件。',
      '主动公开政府信息8257条（其中区政府、区政府办公室规范性文件12个、其他政策文件51个，镇办及政府部门文件201个），累计59625条。',
      '编制发行《淄川区人民政府公报》2期，第3项工作于5万元内完成。',
    ]) {
      expect(findings(text, { [T('newReceived')]: 142 }), text).toEqual([])
    }
  })

  test('a blank cell cannot be judged', () => {
    expect(findings('本年度共新收政府信息公开申请170件。', { [T('newReceived')]: '' })).toEqual([])
  })
})

describe('linked numbers', () => {
  test('a report whose numbers are all linked has no statement findings', () => {
    const text =
      '本年度共新收政府信息公开申请{{applications.newReceived.total}}件，其中予以公开{{applications.granted.total}}件，占{{share:applications.granted.total/applications.resultsTotal.total}}；部分公开{{applications.partiallyGranted.total}}件。'
    expect(findings(text)).toEqual([])
    expect(findings(text, { [T('granted')]: 1 })).toEqual([])
  })

  test('an unknown path token is an error at its paragraph', () => {
    const [f] = findings('第一段。\n予以公开{{applications.grant.total}}件。')
    expect(f).toMatchObject({
      ruleId: 'N7',
      severity: 'error',
      narrative: { section: 'overview', paragraph: 2 },
      actual: '{{applications.grant.total}}',
    })
  })
})

describe('in the rule results', () => {
  test('evaluateRules slots the findings under their rule, with quote and paragraph; the rest pass', () => {
    const r = report('2021年度，全区共受理依申请公开33件。')
    const results = evaluateRules(FORMATS['2021'], r)
    const n1 = results.filter((x) => x.ruleId === 'N1')
    expect(n1).toHaveLength(1)
    expect(n1[0]).toMatchObject({ status: 'fail', quote: '2021年度，全区共受理依申请公开33件。' })
    expect(results.filter((x) => x.ruleId === 'N2')).toMatchObject([{ status: 'pass' }])
  })

  test('both formats declare N1–N7 in family N', () => {
    for (const format of Object.values(FORMATS)) {
      const ids = format.rules.filter((x) => x.family === 'N').map((x) => x.id)
      expect(ids).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7'])
      expect(format.ruleFamilies.map((f) => f.id)).toContain('N')
    }
  })
})

describe('statements of none', () => {
  test('every zero phrase starts with a word of ZERO_LEAD, so a clause without one is skipped safely', () => {
    for (const phrase of ZERO_PHRASES) {
      // A leading group that must match (no ?, * after it), each alternative starting with a lead word.
      const lead = /^\(\?:([^()]*)\)(?![?*])/.exec(phrase.clause.source)
      expect(lead, phrase.id).not.toBeNull()
      for (const alternative of (lead as RegExpExecArray)[1].split('|')) {
        expect(ZERO_LEAD.test(alternative[0]), `${phrase.id}: ${alternative}`).toBe(true)
      }
    }
  })
})
