/**
 * The command line's mode of similarity.ts (gramsInSharedChunks, decision 0730): grams in shared
 * chunks, and a text prepared before takes the grams made for it then (decision 0830). The same
 * paragraphs and grams as the default mode, on the seed reports.
 */
import { describe, expect, it } from 'vitest'
import { fixture, FIXTURE_NAMES } from '@/test/fixtures'
import { comparable, gramsInSharedChunks, keyOfPlace, normalisedText, textPlace } from './similarity'
import { narrativeTexts } from './texts'

const texts = FIXTURE_NAMES.map((n) => {
  const f = fixture(n)
  return narrativeTexts(f.format, f.report)
})

describe('grams in shared chunks', () => {
  it('gives the same paragraphs and grams, and equal texts one set of grams', () => {
    const plain = texts.map((t) => comparable(t))
    gramsInSharedChunks(1 << 12)
    // Each report twice: the second time every paragraph's text was prepared before.
    const shared = texts.map((t) => comparable(t))
    const again = texts.map((t) => comparable(t))
    // The same paragraphs; a text is a key of the thread's table of texts (decision 0900), not a string.
    expect(
      shared.map((ps) => ps.map((p) => ({ ...p, text: normalisedText(p.text), grams: Array.from(p.grams) }))),
    ).toEqual(plain.map((ps) => ps.map((p) => ({ ...p, grams: Array.from(p.grams) }))))
    let paragraphs = 0
    shared.forEach((ps, r) => {
      ps.forEach((p, i) => {
        paragraphs++
        expect(p.grams.buffer).toBeInstanceOf(SharedArrayBuffer)
        // The very same grams (same memory), not a copy.
        expect(again[r][i].grams).toBe(p.grams)
        expect(typeof p.text).toBe('number')
        expect(again[r][i].text).toBe(p.text)
      })
    })
    expect(paragraphs).toBeGreaterThan(50)
  })
})

describe('texts as numbers in the shared mode (decision 0900)', () => {
  it('finds a text placed by another thread by its units, not by where they are', () => {
    gramsInSharedChunks(1 << 12)
    const [p, q] = comparable([
      {
        section: 'a',
        heading: 'a',
        text: '本机关全年主动公开政府信息共计一百二十条，均按时发布。\n本机关全年受理政府信息公开申请共计三十件，均按期答复。',
      },
    ] as Parameters<typeof comparable>[0])
    expect(typeof p.text).toBe('number')
    expect(p.text).not.toBe(q.text)
    // Another thread's copy of the same units: another buffer, the same key.
    const place = textPlace(p.text)
    if (typeof place === 'string') throw new Error('expected units in a shared chunk')
    const copy = new SharedArrayBuffer(2 * (place.length + 3))
    new Uint16Array(copy).set(new Uint16Array(place.buffer, 2 * place.at, place.length), 3)
    expect(keyOfPlace({ buffer: copy, at: 3, length: place.length }, p.grams)).toBe(p.text)
    // A string from a caller outside the shared mode, too.
    expect(keyOfPlace(normalisedText(q.text), q.grams)).toBe(q.text)
    // A text not seen before is added, and found again.
    const other = new SharedArrayBuffer(2 * place.length)
    const units = new Uint16Array(other)
    units.set(new Uint16Array(place.buffer, 2 * place.at, place.length))
    units[0] = 0x4e00
    const added = keyOfPlace({ buffer: other, at: 0, length: place.length }, p.grams)
    expect(added).not.toBe(p.text)
    expect(normalisedText(added)).toBe(`一${normalisedText(p.text).slice(1)}`)
    expect(keyOfPlace(`一${normalisedText(p.text).slice(1)}`, p.grams)).toBe(added)
  })
})
