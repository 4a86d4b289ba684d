/**
 * utf8Text (validate-core.ts, decision 0630) gives what readFileSync(file, 'utf8') gives: valid
 * UTF-8 through ICU, anything else through Node's decoder, which replaces invalid bytes.
 */
import { describe, expect, it } from 'vitest'
import { utf8Text } from './validate-core'

const cases: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['ASCII JSON', Buffer.from('{"formatVersion":"2021","year":2022}')],
  ['Chinese with a BOM', Buffer.from('\ufeff{"name":"某某县人民政府办公室","text":"本年度共收到申请12件。"}')],
  ['characters outside the BMP', Buffer.from('𠀋𠀌 and 😀 in a line\n第二行')],
  ['a truncated character', Buffer.from([0x7b, 0xe4, 0xb8, 0x7d])],
  ['a lone continuation byte', Buffer.from([0x61, 0x80, 0x62])],
  ['an overlong encoding', Buffer.from([0xc0, 0xaf, 0x41])],
  ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80, 0x41])],
]

describe('utf8Text', () => {
  it.each(cases)('reads %s as the usual UTF-8 decoding does', (_, bytes) => {
    expect(utf8Text(bytes)).toBe(bytes.toString('utf8'))
  })

  it('keeps invalid bytes visible as replacement characters', () => {
    expect(utf8Text(Buffer.from([0x61, 0x80, 0x62]))).toBe('a\ufffdb')
  })
})
