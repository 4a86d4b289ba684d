import { describe, expect, it } from 'vitest'
import { chinaDateTime } from './china-time'

describe('chinaDateTime', () => {
  it('shows China time on a 24-hour clock, whatever the server zone', () => {
    expect(chinaDateTime('2027-01-31T09:05:09.000Z')).toBe('2027/1/31 17:05:09')
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027/1/1 00:00:00')
  })

  it('shows nothing for a missing or broken time', () => {
    expect(chinaDateTime(null)).toBe('')
    expect(chinaDateTime('not a date')).toBe('')
  })
})
