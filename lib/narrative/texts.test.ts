import { describe, expect, it } from 'vitest'
import { narrativeLines } from './texts'

describe('narrativeLines', () => {
  it('gives each text its own lines, however the texts alternate and however many come between', () => {
    const texts = Array.from(
      { length: 12 },
      (_, i) => `第${i}段\r\n\n  {{h:2}}（一）标题${i}\n数字{{applications.newReceived.total}}件\u3000`,
    )
    const fresh = texts.map((t) => [
      { paragraph: 1, quote: `第${texts.indexOf(t)}段`, plain: `第${texts.indexOf(t)}段` },
      { paragraph: 3, quote: `{{h:2}}（一）标题${texts.indexOf(t)}`, plain: `（一）标题${texts.indexOf(t)}` },
      { paragraph: 4, quote: '数字{{applications.newReceived.total}}件', plain: '数字0件' },
    ])
    for (const order of [texts.keys(), [0, 0, 11, 0, 5, 11, 3, 2, 1, 0].values()]) {
      for (const i of order) expect(narrativeLines(texts[i])).toEqual(fresh[i])
    }
    expect(narrativeLines('')).toEqual([])
  })
})
