import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chinaClock, chinaDateTime, chinaTimestamp, chinaYear, chineseDate } from './china-time'
import { chinaToday, signatureDateDefault } from './workflow/deadlines'

describe('chinaDateTime', () => {
  it('shows China time on a 24-hour clock, whatever the server zone', () => {
    expect(chinaDateTime('2027-01-31T09:05:09.000Z')).toBe('2027/1/31 17:05:09')
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027/1/1 00:00:00')
  })

  it('shows nothing for a missing or broken time', () => {
    expect(chinaDateTime(null)).toBe('')
    expect(chinaDateTime('not a date')).toBe('')
    expect(chinaClock(undefined)).toBe('')
    expect(chinaTimestamp('not a date')).toBe('')
  })
})

// Every formatter, run in zones other than China's: the process zone must not show through.
for (const zone of ['UTC', 'America/New_York', 'Pacific/Kiritimati']) {
  describe(`in TZ=${zone}`, () => {
    const before = process.env.TZ
    beforeEach(() => {
      process.env.TZ = zone
    })
    afterEach(() => {
      process.env.TZ = before
    })

    it('the zone is really in effect for local-time methods', () => {
      // 16:30 UTC on 31 December: local hours differ by zone, China's is 00:30 on 1 January.
      const d = new Date('2026-12-31T16:30:00Z')
      const local = { UTC: 16, 'America/New_York': 11, 'Pacific/Kiritimati': 6 }[zone]
      expect(d.getHours()).toBe(local)
    })

    it('every formatter shows China time', () => {
      const at = '2026-12-31T16:30:05.000Z'
      expect(chinaDateTime(at)).toBe('2027/1/1 00:30:05')
      expect(chinaClock(at)).toBe('00:30:05')
      expect(chinaTimestamp(at)).toBe('2027-01-01 00:30:05')
      expect(chinaYear(new Date(at))).toBe(2027)
      expect(chinaToday(new Date(at))).toBe('2027-01-01')
      // The 落款 of a draft is today in Beijing; of an approved version, its approval day there.
      expect(signatureDateDefault(null, new Date(at))).toBe('2027-01-01')
      expect(signatureDateDefault('2027-03-01T17:00:00Z', new Date(at))).toBe('2027-03-02')
    })
  })
}

describe('chineseDate', () => {
  it('writes a day as it is printed, without leading zeros', () => {
    expect(chineseDate('2022-01-20')).toBe('2022年1月20日')
    expect(chineseDate(' 2026-11-30 ')).toBe('2026年11月30日')
  })
  it('refuses what is not a day of the calendar', () => {
    for (const bad of ['', '2026-02-30', '2026-13-01', '11/30/2026', '2026年11月30日'])
      expect(chineseDate(bad)).toBeNull()
  })
})
