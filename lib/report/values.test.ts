import { describe, expect, it } from 'vitest'
import { rawFixture } from '@/test/fixtures'
import { cellSegments } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import { copyData, getAt, pathWalk, setAt, setValuesAt, valuesAt } from './values'

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

describe('pathWalk (valuesAt, setValuesAt)', () => {
  const paths = [
    ['a', 'x', 'p'],
    ['a', 'x', 'q'],
    ['a', 'y', 'p'],
    ['a', 'y', 'q', 'r'],
    ['a', 'y', 'q', 's'],
    ['b'],
    ['c', 'x'],
    ['a', 'x', 'r'],
  ]
  const roots: unknown[] = [
    {},
    null,
    'text',
    { a: { x: { p: 1, q: null }, y: 5 }, b: '2', c: [] },
    { a: { x: null, y: { p: 0, q: { r: 'r', s: undefined } } }, c: { x: 3 } },
  ]

  it('reads what getAt reads, whatever stands on the way', () => {
    const walk = pathWalk(paths)
    for (const root of roots) {
      expect(valuesAt(root, walk, [])).toEqual(paths.map((p) => getAt(root, p)))
    }
  })

  it('writes what setAt writes, leaving the undefined values alone', () => {
    const walk = pathWalk(paths)
    const valueSets: unknown[][] = [
      paths.map((_, i) => i),
      paths.map((_, i) => (i % 2 ? undefined : `v${i}`)),
      [undefined, undefined, 1, undefined, 2, undefined, undefined, 3],
      paths.map(() => undefined),
    ]
    for (const root of roots.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object')) {
      for (const values of valueSets) {
        const walked = copyData(root)
        const one = copyData(root)
        setValuesAt(walked, walk, values)
        paths.forEach((p, i) => {
          if (values[i] !== undefined) setAt(one, p, values[i])
        })
        expect(walked).toEqual(one)
      }
    }
  })

  it('reads every cell of a real report as getAt does', () => {
    const report = rawFixture('zhangdian-gov-2021')
    const format = formatFor(report.formatVersion)!
    const segments = cellSegments(format)
    expect(valuesAt(report.sections, pathWalk(segments), [])).toEqual(segments.map((p) => getAt(report.sections, p)))
    expect(pathWalk(segments)).toBe(pathWalk(segments))
  })
})
