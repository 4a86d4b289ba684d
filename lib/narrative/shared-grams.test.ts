/**
 * The command line's mode of similarity.ts (gramsInSharedChunks, decision 0730): grams in shared
 * chunks, and a text prepared before takes the grams made for it then (decision 0830). The same
 * paragraphs and grams as the default mode, on the seed reports.
 */
import { describe, expect, it } from 'vitest'
import { fixture, FIXTURE_NAMES } from '@/test/fixtures'
import { comparable, gramsInSharedChunks, normalisedText } from './similarity'
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
