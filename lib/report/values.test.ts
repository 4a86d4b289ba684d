import { describe, expect, it } from 'vitest'
import { rawFixture } from '@/test/fixtures'
import { copyData, getAt, setAt } from './values'

describe('copyData', () => {
  it('copies report data deeply: equal, and no object shared with the original', () => {
    const sections = rawFixture('zhangdian-gov-2021').sections as Record<string, unknown>
    const copy = copyData(sections)
    expect(copy).toEqual(sections)
    expect(copy).toStrictEqual(structuredClone(sections))
    const path = 'applications.granted.natural'.split('.')
    const before = getAt(sections, path)
    setAt(copy, path, 12345)
    expect(getAt(sections, path)).toBe(before)
    expect(copy.applications).not.toBe(sections.applications)
  })

  it('keeps arrays, nulls and primitives as they are', () => {
    const value = { a: [1, { b: null }, 'x'], c: 0, d: '' }
    const copy = copyData(value)
    expect(copy).toStrictEqual(value)
    expect(copy.a).not.toBe(value.a)
    expect(copy.a[1]).not.toBe(value.a[1])
  })
})
