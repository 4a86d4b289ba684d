import { describe, expect, it } from 'vitest'
import { contentDisposition, rfc5987 } from './document-export'

/** RFC 5987 attr-char, and the percent escapes of everything else. */
const EXT_VALUE = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/

describe('Content-Disposition', () => {
  it('encodes every character outside attr-char in filename*', () => {
    const name = `张店区'人民政府(2022)*年报 "a";b\\c\u202e.docx`
    const encoded = rfc5987(name)
    expect(encoded).toMatch(EXT_VALUE)
    expect(encoded).toContain('%27')
    expect(encoded).toContain('%28')
    expect(encoded).toContain('%2A')
    expect(decodeURIComponent(encoded)).toBe(name)
  })

  it('keeps the header one parameter per value, whatever the names', () => {
    const header = contentDisposition(`a'b"c;d\r\ne.docx`, 'report "2022";x.docx', true)
    expect(header).toBe(`inline; filename="report__2022__x.docx"; filename*=UTF-8''${rfc5987(`a'b"c;d\r\ne.docx`)}`)
    expect(header).not.toMatch(/[\r\n]/)
    expect(header.split('; ')).toHaveLength(3)
  })
})
