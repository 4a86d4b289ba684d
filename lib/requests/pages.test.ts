import { describe, expect, it } from 'vitest'
import { deskYear, pageNumber } from './pages'

describe('page query strings', () => {
  it('reads ?page= as a whole number from 1, anything else as the first page', () => {
    expect(pageNumber.parse('3')).toBe(3)
    for (const bad of [undefined, '', 'abc', '0', '-2', '1.5']) expect(pageNumber.parse(bad), String(bad)).toBe(1)
  })

  it('reads ?year= as a four-digit year, anything else as none', () => {
    expect(deskYear.parse('2022')).toBe(2022)
    for (const bad of [undefined, '', '22', 'abcd', '20222']) expect(deskYear.parse(bad), String(bad)).toBeUndefined()
  })
})
