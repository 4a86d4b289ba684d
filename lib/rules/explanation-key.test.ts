import { describe, expect, it } from 'vitest'
import { checkCompleteness as completeness } from '@/lib/report/completeness'
import { resolvePath } from '@/lib/report/patch'
import { reportSchema } from '@/lib/report/schema'
import { fixture } from '@/test/fixtures'
import { evaluateRules } from './evaluate'
import { EXPLANATION_KEY, explanationKey, explanationRuleId, sentenceId } from './explanation-key'

const A = '本年度共新收政府信息公开申请170件。'
const B = '全年共新收政府信息公开申请180件。'

function withOverview(text: string, explanations?: Record<string, string>) {
  const { report, format } = fixture('zhangdian-gov-2021')
  report.sections.overview = text
  if (explanations) report.explanations = explanations
  return { report, format }
}

const n1 = (text: string) => {
  const { report, format } = withOverview(text)
  return evaluateRules(format, report).filter((r) => r.ruleId === 'N1' && r.status === 'fail')
}

describe('an explanation per sentence', () => {
  it('keys a narrative finding by rule and sentence, and any other by rule', () => {
    const [a, b] = n1(`${A}\n${B}`)
    expect(explanationKey(a)).toBe(`N1@${sentenceId(A)}`)
    expect(explanationKey(b)).toBe(`N1@${sentenceId(B)}`)
    expect(explanationKey({ ruleId: 'S1' })).toBe('S1')
    expect(explanationRuleId(explanationKey(a))).toBe('N1')
    expect(EXPLANATION_KEY.test('N1@zz')).toBe(false)
    expect(sentenceId(' 本年度 共新收 ')).toBe(sentenceId('本年度共新收'))
  })

  it('one sentence explained does not cover another of the same rule; the key survives edits elsewhere', () => {
    const [a] = n1(`${A}\n${B}`)
    const explained = { [explanationKey(a)]: '170件含上年度补录的申请。' }
    let { report, format } = withOverview(`${A}\n${B}`, explained)
    let unexplained = completeness(format, report).unexplained.filter((r) => r.ruleId === 'N1')
    expect(unexplained.map((r) => r.quote)).toEqual([B])
    // A paragraph added before it, and the other sentence rewritten: the explanation stays with A.
    ;({ report, format } = withOverview(`（二）依申请公开\n${A}\n全年共新收申请190件。`, explained))
    unexplained = completeness(format, report).unexplained.filter((r) => r.ruleId === 'N1')
    expect(unexplained.map((r) => r.narrative?.paragraph)).toEqual([3])
    // A rule-level explanation no longer covers a sentence.
    ;({ report, format } = withOverview(A, { N1: '说明' }))
    expect(completeness(format, report).unexplained.some((r) => r.ruleId === 'N1')).toBe(true)
  })

  it('stores only keys of the format’s rules', () => {
    const { report, format } = withOverview(A, { [`N1@${sentenceId(A)}`]: '说明', 'X99@12345678': '说明' })
    const parsed = reportSchema(format, 'draft').safeParse(report)
    expect(parsed.success).toBe(false)
    expect(JSON.stringify(parsed.error?.issues)).toContain('X99@12345678')
    report.explanations = { [`N1@${sentenceId(A)}`]: '说明' }
    expect(reportSchema(format, 'draft').safeParse(report).success).toBe(true)
  })
})

describe('a patch of an explanation', () => {
  it('resolves a sentence key of a known rule, and refuses one of no rule', () => {
    const { format } = fixture('zhangdian-gov-2021')
    expect(resolvePath(format, `explanations.N1@${sentenceId(A)}`)).toMatchObject({ kind: 'explanation' })
    expect(resolvePath(format, 'explanations.N1')).toMatchObject({ kind: 'explanation' })
    expect(resolvePath(format, 'explanations.X99@12345678')).toEqual({ error: '没有这条规则，无法填写说明' })
  })
})
