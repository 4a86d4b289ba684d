import { describe, expect, it } from 'vitest'
import { valuesText } from './values-text'

describe('a finding’s values in plain Chinese', () => {
  it('says what it should be and what it is', () => {
    expect(valuesText(20, 26)).toBe('应为 20，现为 26')
    expect(valuesText('≤ 105', 110)).toBe('应不超过 105，现为 110')
    expect(valuesText('≥ 0', '-2')).toBe('应不少于 0，现为 -2')
    expect(valuesText('12.50', '13')).toBe('应为 12.50，现为 13')
  })

  it('keeps an actual that is already words, and says nothing without values', () => {
    expect(valuesText(null, '203处空白')).toBe('203处空白')
    expect(valuesText(null, '缺少：一、总体情况')).toBe('缺少：一、总体情况')
    expect(valuesText(null, null)).toBe('')
  })
})
