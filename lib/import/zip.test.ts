import { describe, expect, it } from 'vitest'
import { GBK_NIANBAO, GBK_ZHANGDIANQU, gbkName, zipFile } from '@/test/zip-file'
import { decodeZipName, isZip, unzip, ZIP_LIMITS, ZipError } from './zip'

const text = (s: string) => new TextEncoder().encode(s)

describe('unzip', () => {
  it('decodes GBK names as Windows writes them, and UTF-8 names with or without the flag', () => {
    const bytes = zipFile([
      { name: gbkName(GBK_ZHANGDIANQU, '/', GBK_NIANBAO, '.json'), bytes: text('{"a":1}') },
      { name: text('淄川区/年报.html'), bytes: text('<p>年报</p>'), utf8Flag: true },
      { name: text('无标志.txt'), bytes: text('正文'), store: true },
    ])
    expect(isZip(bytes)).toBe(true)
    const entries = unzip(bytes)
    expect(entries.map((e) => e.name)).toEqual(['张店区/年报.json', '淄川区/年报.html', '无标志.txt'])
    expect(new TextDecoder().decode(entries[0].bytes)).toBe('{"a":1}')
    expect(new TextDecoder().decode(entries[2].bytes)).toBe('正文')
  })

  it('skips folders and macOS metadata', () => {
    const bytes = zipFile([
      { name: text('dir/'), bytes: new Uint8Array(), store: true },
      { name: text('__MACOSX/._a.json'), bytes: text('x') },
      { name: text('a.json'), bytes: text('{}') },
    ])
    expect(unzip(bytes).map((e) => e.name)).toEqual(['a.json'])
  })

  it('refuses a zip bomb by its ratio, its declared size, or a size it lies about', () => {
    const zeros = new Uint8Array(1024 * 1024)
    expect(() => unzip(zipFile([{ name: text('bomb.txt'), bytes: zeros }]))).toThrow(/压缩比异常/)
    expect(() =>
      unzip(zipFile([{ name: text('big.txt'), bytes: zeros }]), { ...ZIP_LIMITS, maxRatio: 1e9, maxEntryBytes: 1024 }),
    ).toThrow(/解压后超过/)
    // The header says 10 bytes; inflation stops there instead of producing 1 MB.
    expect(() =>
      unzip(zipFile([{ name: text('liar.txt'), bytes: zeros, declaredSize: 10 }]), { ...ZIP_LIMITS, maxRatio: 1e9 }),
    ).toThrow(ZipError)
  })

  it('refuses too many entries, and a damaged archive, in Chinese', () => {
    const many = zipFile(Array.from({ length: 3 }, (_, i) => ({ name: text(`${i}.txt`), bytes: text('x') })))
    expect(() => unzip(many, { ...ZIP_LIMITS, maxEntries: 2 })).toThrow(/一次最多2个/)
    expect(() => unzip(text('PK\u0003\u0004 truncated'))).toThrow(/已损坏/)
  })

  it('keeps ASCII names as they are', () => {
    expect(decodeZipName(text('report-2024.json'), false)).toBe('report-2024.json')
  })
})
