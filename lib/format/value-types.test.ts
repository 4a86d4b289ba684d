import { describe, expect, it } from 'vitest'
import { formatCells } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { reportSchema } from '@/lib/report/schema'
import { setAt } from '@/lib/report/values'
import { evaluateRules } from '@/lib/rules/evaluate'
import { fixture } from '@/test/fixtures'
import { exactText, INVALID_CELL_MARK, MAX_COUNT, normalizeDigits, VALUE_TYPES } from './value-types'
import { VALUE_SCHEMAS } from './value-schemas'

const { count, signedCount, decimal: amount } = VALUE_TYPES
const F21 = FORMATS['2021']
const FEE_AMOUNT = formatCells(F21).find((c) => c.valueType === 'decimal')!

/** T2's verdict and the final schema's verdict on one amount cell of a real report. */
function verdicts(value: unknown) {
  const { report } = fixture('zhangdian-gov-2021')
  setAt(report.sections, FEE_AMOUNT.segments, value)
  const t2 = evaluateRules(F21, report).find((r) => r.ruleId === 'T2')!
  const parsed = reportSchema(F21, 'final').safeParse(report)
  const zodRefuses = !parsed.success && parsed.error.issues.some((i) => i.path.slice(1).join('.') === FEE_AMOUNT.path)
  return { t2: t2.status, zod: zodRefuses ? 'fail' : 'pass' }
}

describe('the map covers every value type the formats use', () => {
  it('has an entry for each cell of both formats', () => {
    for (const format of Object.values(FORMATS) as FormatDef[]) {
      for (const cell of formatCells(format)) expect(VALUE_TYPES[cell.valueType], cell.path).toBeDefined()
    }
  })
})

describe('amounts: zod and rule T2 agree', () => {
  it('a 13-digit amount is refused by the parser, by zod and by T2 alike', () => {
    expect(amount.parse('1234567890123')).toEqual({ ok: false, error: '数值过大' })
    expect(amount.valid('1234567890123')).toBe(false)
    expect(verdicts('1234567890123')).toEqual({ t2: 'fail', zod: 'fail' })
  })

  it('the largest amount (12 digits, 6 places) is accepted by all three and kept exactly', () => {
    const largest = '999999999999.999999'
    expect(amount.parse(largest)).toEqual({ ok: true, value: largest })
    expect(verdicts(largest)).toEqual({ t2: 'pass', zod: 'pass' })
    expect(amount.toExact(largest)).toBe(amount.bounds.max)
    expect(amount.fromExact(amount.toExact(largest)!)).toBe(largest)
  })

  it.each([['19318.93442'], ['0'], ['7.50'], ['12.1234567'], ['-1'], [' 12'], ['1,234'], [12.5], [0], [true]])(
    'T2 and zod give the same verdict on %j',
    (value) => {
      const { t2, zod } = verdicts(value)
      expect(t2 === 'fail').toBe(zod === 'fail')
    },
  )

  it('an amount stored as a JSON number is refused by both (an import turns it into text first)', () => {
    expect(verdicts(12.5)).toEqual({ t2: 'fail', zod: 'fail' })
    expect(amount.fromImport(12.5)).toBe('12.5')
  })
})

describe('parse: full-width forms, separators and signs', () => {
  it('normalises full-width digits and separators as NFKC does', () => {
    expect(normalizeDigits('１２３，４５６')).toBe('123,456')
    expect(count.parse('１２３，４５６')).toEqual({ ok: true, value: 123456 })
    expect(amount.parse('１２．５')).toEqual({ ok: true, value: '12.5' })
    expect(amount.parse('１，２３４．５６')).toEqual({ ok: true, value: '1234.56' })
    expect(signedCount.parse('－１２')).toEqual({ ok: true, value: -12 })
  })

  it('accepts negatives for signed counts only', () => {
    expect(signedCount.parse('-5')).toEqual({ ok: true, value: -5 })
    expect(count.parse('-5')).toEqual({ ok: false, error: '不能为负数' })
    expect(amount.parse('-5')).toEqual({ ok: false, error: '不能为负数' })
    expect(signedCount.valid(-5)).toBe(true)
    expect(count.valid(-5)).toBe(false)
  })

  it('refuses letters with a message in Chinese quoting the input', () => {
    for (const def of [count, signedCount, amount]) {
      expect(def.parse('12ab')).toEqual({ ok: false, error: '“12ab”不是数字，请只填写数字' })
    }
  })

  it('a blank input is null, not zero', () => {
    for (const def of [count, signedCount, amount]) expect(def.parse(' 　')).toEqual({ ok: true, value: null })
  })
})

describe('bounds', () => {
  it('counts stop at nine digits, signed counts at minus that', () => {
    expect(count.parse(String(MAX_COUNT))).toEqual({ ok: true, value: MAX_COUNT })
    expect(count.parse(String(MAX_COUNT + 1))).toEqual({ ok: false, error: `数值过大，最大为${MAX_COUNT}` })
    expect(signedCount.parse(String(-MAX_COUNT))).toEqual({ ok: true, value: -MAX_COUNT })
    expect(signedCount.valid(-MAX_COUNT - 1)).toBe(false)
    expect(count.bounds).toMatchObject({ min: 0n, max: BigInt(MAX_COUNT), decimalPlaces: 0 })
  })

  it('the zod schema of each type refuses exactly what valid() refuses', () => {
    const samples: unknown[] = [0, 1, -1, 1.5, MAX_COUNT, MAX_COUNT + 1, -MAX_COUNT, -MAX_COUNT - 1, '1', '0.5']
    samples.push('123456789012', '1234567890123', '1.1234567', '1.123456', '', 'abc', Number.NaN)
    for (const [name, def] of Object.entries(VALUE_TYPES)) {
      const schema = VALUE_SCHEMAS[name as keyof typeof VALUE_SCHEMAS]('draft')
      for (const v of samples) expect(schema.safeParse(v).success, `${name} ${String(v)}`).toBe(def.valid(v))
    }
  })

  it('final mode refuses a blank cell, draft mode keeps it', () => {
    expect(VALUE_SCHEMAS.count('draft').safeParse(null).success).toBe(true)
    const final = VALUE_SCHEMAS.count('final').safeParse(null)
    expect(final.success).toBe(false)
    expect(final.error?.issues[0].message).toBe('此项不能为空')
  })
})

describe('arithmetic', () => {
  it('amounts become exact millionths and back', () => {
    expect(amount.toExact('0.000001')).toBe(1n)
    expect(amount.toExact('7.50')).toBe(7_500_000n)
    expect(amount.toExact('1234567890123')).toBeNull()
    expect(amount.fromExact(7_500_000n)).toBe('7.5')
    expect(count.toExact(42)).toBe(42n)
    expect(count.toExact(1.5)).toBeNull()
  })

  it('exactText writes units of 10^-places without trailing zeros', () => {
    expect(exactText(1_234_500n, 6)).toBe('1.2345')
    expect(exactText(-5n, 0)).toBe('-5')
    expect(exactText(-1n, 6)).toBe('-0.000001')
  })

  it('sums of amounts that floats get wrong are exact in a linear rule', () => {
    const facts = F21.sections.find((s) => s.kind === 'narrativeWithFacts')!
    if (facts.kind !== 'narrativeWithFacts') throw new Error('no facts section')
    const path = (key: string) => `${facts.key}.${facts.factsKey}.${key}`
    const [billed, collected] = facts.facts.filter((f) => f.valueType === 'decimal').map((f) => path(f.key))
    const format: FormatDef = {
      ...F21,
      rules: [
        {
          kind: 'linear',
          id: 'X',
          family: 'X',
          severity: 'error',
          op: 'eq',
          left: [billed],
          right: [collected, collected],
          message: 'x',
        },
      ],
    }
    const { report } = fixture('zhangdian-gov-2021')
    // 0.1 + 0.2 is not 0.3 in floating point; 999999999999.999998 / 2 is not representable.
    setAt(report.sections, billed.split('.'), '0.3')
    setAt(report.sections, collected.split('.'), '0.15')
    expect(evaluateRules(format, report)[0]).toMatchObject({ status: 'pass', expected: '0.3', actual: '0.3' })
    setAt(report.sections, billed.split('.'), '999999999999.999998')
    setAt(report.sections, collected.split('.'), '499999999999.999999')
    expect(evaluateRules(format, report)[0].status).toBe('pass')
    setAt(report.sections, collected.split('.'), '499999999999.999998')
    expect(evaluateRules(format, report)[0]).toMatchObject({ status: 'fail', actual: '999999999999.999998' })
  })

  it('a bound on an amount is compared exactly', () => {
    const format: FormatDef = {
      ...F21,
      rules: [
        {
          kind: 'above',
          id: 'X',
          family: 'X',
          severity: 'warning',
          cells: [FEE_AMOUNT.path],
          bound: 999999999999,
          message: 'x',
        },
      ],
    }
    const { report } = fixture('zhangdian-gov-2021')
    // As a float this is 999999999999 exactly, so a float comparison would miss it.
    setAt(report.sections, FEE_AMOUNT.segments, '999999999999.000001')
    expect(evaluateRules(format, report)[0].status).toBe('fail')
    setAt(report.sections, FEE_AMOUNT.segments, '999999999999.000000')
    expect(evaluateRules(format, report)[0].status).toBe('pass')
  })
})

describe('screen and document text', () => {
  it('shows blank as empty and keeps amounts as entered', () => {
    const clean = (t: string) => t.replace(/\n/g, ' ')
    expect(count.screenText(null)).toBe('')
    expect(count.screenText(0)).toBe('0')
    expect(amount.screenText('7.50')).toBe('7.50')
    expect(amount.documentText('7.50', clean)).toBe('7.50')
    expect(count.documentText(undefined, clean)).toBe('')
  })

  it('never prints a value that is not one of its type, and prints an increase with its sign', () => {
    const clean = (t: string) => t
    for (const bad of [Number.NaN, '12件', -3, 1.5, '<b>1</b>'])
      expect(count.documentText(bad, clean)).toBe(INVALID_CELL_MARK)
    expect(amount.documentText('1,000', clean)).toBe(INVALID_CELL_MARK)
    expect(amount.documentText(-1, clean)).toBe(INVALID_CELL_MARK)
    const signed = VALUE_TYPES.signedCount
    expect([125, -47, 0].map((v) => signed.documentText(v, clean))).toEqual(['+125', '-47', '0'])
    expect(signed.documentText('x', clean)).toBe(INVALID_CELL_MARK)
  })
})
