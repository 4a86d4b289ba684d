import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { syncInto } from './sync'

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

describe('syncInto', () => {
  it('keeps the target and its equal parts, and stringifies as the source', () => {
    const target = { a: { b: 1, c: 'x' }, d: [1, 2], e: { f: 'same' } }
    const inner = target.e
    const source = { a: { b: 2, c: 'x' }, d: [1, 3], e: { f: 'same' } }
    const out = syncInto(target, source)
    expect(out).toBe(target)
    expect(out.e).toBe(inner)
    expect(JSON.stringify(out)).toBe(JSON.stringify(source))
  })

  it('takes the source where the shape differs: keys, their order, array lengths, types', () => {
    const cases: [unknown, unknown][] = [
      [{ a: 1 }, { a: 1, b: 2 }],
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      [{ a: [1, 2] }, { a: [1, 2, 3] }],
      [{ a: { b: 1 } }, { a: null }],
      [{ a: null }, { a: { b: 1 } }],
      [{ a: [1] }, { a: { 0: 1 } }],
      [{ a: 0 }, { a: -0 }],
      [[{ x: 1 }], [{ x: 1, y: 2 }]],
    ]
    for (const [target, source] of cases) {
      const before = JSON.stringify(source)
      const out = syncInto(target, source)
      expect(JSON.stringify(out)).toBe(before)
    }
    const zero = syncInto({ a: 0 }, { a: -0 })
    expect(Object.is(zero.a, -0)).toBe(true)
  })

  it('a report synced to another version of itself is that version, byte for byte', () => {
    const report = JSON.parse(readFileSync('fixtures/zhangdian-gov-2021.json', 'utf8'))
    const target = clone(report)
    const source = clone(report)
    source.sections.reviewLitigation.review.upheld = 77
    source.sections.overview = `${source.sections.overview ?? ''}\n又一段。`
    delete source.preamble
    source.explanations = { A1: '说明' }
    const keptSections = target.sections
    const text = JSON.stringify(source)
    const out = syncInto(target, source)
    expect(JSON.stringify(out)).toBe(text)
    expect(JSON.stringify(source)).toBe(text)
    // The root's keys changed (preamble gone): the source is taken there, so nothing below is shared wrongly.
    expect(out).toBe(source)
    const again = clone(source)
    again.sections.reviewLitigation.review.upheld = 78
    const out2 = syncInto(out, again)
    expect(out2).toBe(out)
    expect(out2.sections).not.toBe(keptSections)
    expect(JSON.stringify(out2)).toBe(JSON.stringify(again))
  })
})
