import { describe, expect, it } from 'vitest'
import { formatCellValue, MAX_COUNT, normalizeDigits, parseCellInput, splitPastedBlock } from './parse-cell-input'

const ok = (value: number | string | null) => ({ ok: true, value })
const error = (text: string) => {
  const r = parseCellInput(text, 'count')
  if (r.ok) throw new Error(`expected ${text} to be refused`)
  return r.error
}

describe('parseCellInput — counts', () => {
  it.each([
    ['123', 123],
    ['１２３', 123],
    ['1,234', 1234],
    ['1，234', 1234],
    ['１，２３４', 1234],
    ['1 234', 1234],
    ["1'234", 1234],
    ['12,345,678', 12345678],
    ['  42  ', 42],
    ['\t7\n', 7],
    ['　８　', 8],
    ['0', 0],
    ['007', 7],
    ['12.0', 12],
    ['+5', 5],
    [String(MAX_COUNT), MAX_COUNT],
  ])('%j → %j', (text, value) => {
    expect(parseCellInput(text, 'count')).toEqual(ok(value))
  })

  it.each(['', '   ', '　'])('%j is blank (null), not zero', (text) => {
    expect(parseCellInput(text, 'count')).toEqual(ok(null))
  })

  it('refuses letters with a message that quotes what was typed', () => {
    expect(error('12a')).toBe('“12a”不是数字，请只填写数字')
    expect(error('abc')).toContain('不是数字')
    expect(error('十二')).toContain('不是数字')
  })

  it('refuses 1e9 (scientific notation is not a count)', () => {
    expect(error('1e9')).toContain('不是数字')
  })

  it('refuses negatives and decimals in a count', () => {
    expect(error('-5')).toBe('不能为负数')
    expect(error('－５')).toBe('不能为负数')
    expect(error('12.5')).toBe('应为整数')
    expect(error('0.1')).toBe('应为整数')
  })

  it('refuses a count above the maximum', () => {
    expect(error(String(MAX_COUNT + 1))).toBe(`数值过大，最大为${MAX_COUNT}`)
    expect(error('12345678901234567890')).toContain('数值过大')
  })

  it('misplaced separators are not thousands separators', () => {
    expect(error('12,34')).toContain('不是数字')
    expect(error('1,2345')).toContain('不是数字')
  })
})

describe('parseCellInput — signed counts (2019 本年增/减)', () => {
  it('keeps the sign', () => {
    expect(parseCellInput('-47', 'signedCount')).toEqual(ok(-47))
    expect(parseCellInput('－２６', 'signedCount')).toEqual(ok(-26))
    expect(parseCellInput('+125', 'signedCount')).toEqual(ok(125))
  })

  it('still refuses fractions', () => {
    expect(parseCellInput('-4.5', 'signedCount')).toEqual({ ok: false, error: '应为整数' })
  })
})

describe('parseCellInput — decimals (万元)', () => {
  it.each([
    ['19318.93442', '19318.93442'],
    ['１９３１８．９３４４２', '19318.93442'],
    ['1,234.5', '1234.5'],
    ['0.000001', '0.000001'],
    ['0', '0'],
    ['007.50', '7.50'],
    ['.5', '0.5'],
    ['12.', '12'],
  ])('%j → %j, kept as an exact string', (text, value) => {
    expect(parseCellInput(text, 'decimal')).toEqual(ok(value))
  })

  it('refuses more than six decimal places, negatives and letters', () => {
    expect(parseCellInput('1.1234567', 'decimal')).toEqual({ ok: false, error: '最多6位小数' })
    expect(parseCellInput('-1.5', 'decimal')).toEqual({ ok: false, error: '不能为负数' })
    expect(parseCellInput('1e9', 'decimal')).toMatchObject({ ok: false })
    expect(parseCellInput('12万', 'decimal')).toMatchObject({ ok: false })
  })

  it('empty is blank', () => {
    expect(parseCellInput('', 'decimal')).toEqual(ok(null))
  })
})

describe('helpers', () => {
  it('normalizeDigits maps full-width digits and punctuation', () => {
    expect(normalizeDigits('０１２３４５６７８９．，－＋　')).toBe('0123456789.,-+ ')
  })

  it('formatCellValue shows blank as empty and 0 as 0', () => {
    expect(formatCellValue(null)).toBe('')
    expect(formatCellValue(undefined)).toBe('')
    expect(formatCellValue(0)).toBe('0')
    expect(formatCellValue('19318.93442')).toBe('19318.93442')
  })

  it('splitPastedBlock splits an Excel block into rows of cells', () => {
    expect(splitPastedBlock('85\t12\t8\r\n3\t0\t0\r\n')).toEqual([
      ['85', '12', '8'],
      ['3', '0', '0'],
    ])
  })
})
