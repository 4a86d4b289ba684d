import { describe, expect, it } from 'vitest'
import { cellMayOverflow, UNCLIPPED_MAX_CHARS } from './cell-clip'

describe('cellMayOverflow', () => {
  it('lets short numbers, blanks and the placeholder draw unclipped', () => {
    for (const text of ['', '0', '7', '12', '153', '9999', '-1.5', '自动', '１２３４']) {
      expect(cellMayOverflow(text), text).toBe(false)
    }
  })

  it('clips any text longer than the bound', () => {
    expect(cellMayOverflow('1'.repeat(UNCLIPPED_MAX_CHARS))).toBe(false)
    expect(cellMayOverflow('1'.repeat(UNCLIPPED_MAX_CHARS + 1))).toBe(true)
    for (const text of ['12345', '999999999', '1,234', '12.5000', '一二三四五']) {
      expect(cellMayOverflow(text), text).toBe(true)
    }
  })

  it('clips short text whose characters may be wider than 1 em', () => {
    for (const text of ['😀', 'é', '\u00a0', 'ﷺ', 'ab\u0301']) {
      expect(cellMayOverflow(text), text).toBe(true)
    }
  })
})
