import { describe, expect, it } from 'vitest'
import { cleanPastedText } from '@/lib/narrative'
import { stripUnsafe, stripUnsafeDeep, UNSAFE_IN_NAME } from './unsafe-chars'

const HOSTILE = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\ufffe', '\uffff']
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']

describe('one list of unsafe characters', () => {
  it('removes controls, noncharacters and bidi overrides from text, keeping tab and line breaks', () => {
    const text = `第一段${HOSTILE.join('')}\t说明\r\n第二段${BIDI.join('')}gpj.exe`
    expect(stripUnsafe(text)).toEqual({ text: '第一段\t说明\r\n第二段gpj.exe', removed: HOSTILE.length + BIDI.length })
    expect(stripUnsafe('中文、emoji 😀 和 ‎标记').removed).toBe(0)
  })

  it('strips every string of a report in place and counts', () => {
    const report = { sections: { overview: 'a\u202eb', rows: ['c\u0000', { d: 'e\uffff' }] }, n: 3 }
    expect(stripUnsafeDeep(report)).toBe(3)
    expect(report).toEqual({ sections: { overview: 'ab', rows: ['c', { d: 'e' }] }, n: 3 })
  })

  it('refuses a name with any of them, or a tab or line break', () => {
    for (const c of [...HOSTILE, ...BIDI, '\t', '\n', '\r'])
      expect(UNSAFE_IN_NAME.test(`张${c}三`), JSON.stringify(c)).toBe(true)
    expect(UNSAFE_IN_NAME.test('张三·李四 (Zhang)')).toBe(false)
  })

  it('is the list the documents use', () => {
    expect(cleanPastedText(`a${[...HOSTILE, ...BIDI].join('')}b`)).toBe('ab')
  })
})
