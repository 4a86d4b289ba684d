/**
 * The numeric 5-grams (hashes, similarity.ts) against the plain definition with strings: on the
 * seed reports and edited copies of them, the same Jaccard index for every pair of paragraphs,
 * and the same matches and sibling findings.
 */
import { describe, expect, it } from 'vitest'
import { fixture, FIXTURE_NAMES } from '@/test/fixtures'
import {
  type ComparedParagraph,
  comparable,
  compareNarratives,
  GRAM,
  grams,
  jaccard,
  NEAR_IDENTICAL,
  normalise,
  normalisedText,
  ParagraphIndex,
  prepare,
  siblingRepeats,
} from './similarity'
import { narrativeLines, narrativeTexts } from './texts'

/** The definition: the set of the text's 5-character substrings (the whole text when shorter). */
function stringGrams(normalised: string): Set<string> {
  const chars = Array.from(normalised)
  const out = new Set<string>()
  if (chars.length < GRAM) {
    if (chars.length) out.add(chars.join(''))
    return out
  }
  for (let i = 0; i + GRAM <= chars.length; i++) out.add(chars.slice(i, i + GRAM).join(''))
  return out
}

function stringJaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let shared = 0
  for (const g of a) if (b.has(g)) shared++
  return shared / (a.size + b.size - shared)
}

/** Every seed report's paragraphs, and two edited copies of the first (near-identical pairs exist). */
function reports(): { name: string; paragraphs: ComparedParagraph[] }[] {
  const out: { name: string; paragraphs: ComparedParagraph[] }[] = FIXTURE_NAMES.map((n) => {
    const { format, report } = fixture(n)
    return { name: n, paragraphs: comparable(narrativeTexts(format, report)) }
  })
  const base = out[0].paragraphs
  const edit = (f: (q: string, i: number) => string) =>
    comparable(base.map((p, i) => ({ section: p.section, heading: '', text: f(p.quote, i) })))
  out.push({ name: 'dropped-char', paragraphs: edit((q) => q.slice(0, 10) + q.slice(11)) })
  out.push({ name: 'new-clause', paragraphs: edit((q, i) => (i % 2 ? `${q}并在门户网站专栏公开发布` : q)) })
  out.push({ name: 'astral', paragraphs: edit((q, i) => (i % 3 ? q : `${q.slice(0, 20)}𠀋𠀌${q.slice(20)}`)) })
  return out
}

const gramsOf = new Map<string, Set<string>>()
const cachedGrams = (normalised: string) => {
  let g = gramsOf.get(normalised)
  if (!g) {
    g = stringGrams(normalised)
    gramsOf.set(normalised, g)
  }
  return g
}

/** The string version of ParagraphIndex.best: the identical one, else the first of the highest ≥ 0.9. */
function stringBest(p: ComparedParagraph, others: ComparedParagraph[]) {
  const same = others.find((o) => normalisedText(o.text) === normalisedText(p.text))
  if (same) return { other: same, similarity: 1, identical: true }
  const mine = cachedGrams(normalisedText(p.text))
  let best: { other: ComparedParagraph; similarity: number } | null = null
  for (const o of others) {
    const j = stringJaccard(mine, cachedGrams(normalisedText(o.text)))
    if (j > (best?.similarity ?? 0)) best = { other: o, similarity: j }
  }
  return best && best.similarity >= NEAR_IDENTICAL ? { ...best, identical: false } : null
}

describe('numeric 5-grams', () => {
  it('hold as many grams as the string definition, for BMP and astral text and short texts', () => {
    for (const text of ['', '一二三', '一二三四五', '一二三四五一二三四五六', '𠀋𠀌一二三四五𠀋']) {
      expect(grams(normalise(text)).length).toBe(stringGrams(normalise(text)).size)
    }
    for (const { paragraphs } of reports()) {
      for (const p of paragraphs) expect(p.grams.length).toBe(stringGrams(normalisedText(p.text)).size)
    }
  })

  it('give the same Jaccard index as string sets for every pair of paragraphs of the seeds and copies', () => {
    const all = reports().flatMap((r) => r.paragraphs)
    const strings = all.map((p) => stringGrams(normalisedText(p.text)))
    let near = 0
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const expected = stringJaccard(strings[i], strings[j])
        expect(jaccard(all[i].grams, all[j].grams)).toBe(expected)
        if (expected >= NEAR_IDENTICAL && expected < 1) near++
      }
    }
    // The copies make near-identical pairs: the comparison covers the threshold, not only far pairs.
    expect(near).toBeGreaterThan(10)
  })

  it('find the same last-year matches as the string version', () => {
    const rs = reports()
    for (const mine of rs) {
      for (const other of rs) {
        if (mine === other) continue
        const numeric = compareNarratives(mine.paragraphs, new ParagraphIndex(other.paragraphs)).matches
        const expected = mine.paragraphs.flatMap((p) => {
          const b = stringBest(p, other.paragraphs)
          return b ? [{ paragraph: p, ...b }] : []
        })
        expect(numeric).toEqual(expected)
      }
    }
  })

  it('find the same sibling repeats as the string version of every pair', () => {
    const rs = reports()
    const found = siblingRepeats(rs)
    rs.forEach((r, i) => {
      const expected = new Map<ComparedParagraph, number>()
      rs.forEach((o, j) => {
        if (i === j) return
        for (const p of r.paragraphs) if (stringBest(p, o.paragraphs)) expected.set(p, (expected.get(p) ?? 0) + 1)
      })
      expect(new Map(found[i].map((m) => [m.paragraph, m.alsoIn + 1]))).toEqual(expected)
    })
    expect(found.some((f) => f.length > 0)).toBe(true)
  })
})

describe('prepare: normalise, charCount and grams in one pass', () => {
  /** Lines that take each way through the loop: ASCII, CJK, full-width, Greek, Turkish İ, astral, tokens, digits of other scripts. */
  const crafted = [
    '',
    '2022年，共收到 {{applications.newReceived.total}} 件（H5）。',
    'APP、ICP备案、Ｈ５页面和ＰＤＦ文件：ＡＢＣ ａｂｃ',
    'ΣΟΦΙΑ ΟΔΟΣ 与 Москва 的比较',
    'İstanbul 与 ǅ 和 ǈ 的大小写',
    '𠀋𠀌一二三四五𠀋六七八九十',
    '阿拉伯数字٣٤٥与天城文数字०१२和罗马数字ⅫⅣ',
    '{{{{a}}}}嵌套的标记',
    '\u00a0\u3000全角空格　与不间断空格\u00a0之间',
    'ǅǈǋ Ǆ ﬁ ﬂ ß ẞ µ ª º ˆ ᴀ ʰ',
  ]

  it('gives what the patterns give, on crafted lines and on every line of the seeds', () => {
    const lines = [...crafted]
    for (const n of FIXTURE_NAMES) {
      const { format, report } = fixture(n)
      for (const t of narrativeTexts(format, report))
        for (const l of narrativeLines(t.text)) lines.push(l.plain, l.quote)
    }
    for (const line of lines) {
      const normalised = normalise(line)
      const p = prepare(line)
      expect(normalisedText(p.text)).toBe(normalised)
      expect(p.chars).toBe(Array.from(normalised).length)
      expect([...p.grams]).toEqual([...grams(normalised)])
    }
  })

  it('gives what the patterns give for every BMP character, alone and among CJK letters', () => {
    for (let unit = 0; unit < 0x10000; unit += 1) {
      const c = String.fromCharCode(unit)
      const line = `政府信息${c}公开${c}`
      const p = prepare(line)
      if (normalisedText(p.text) !== normalise(line))
        expect(`${unit.toString(16)}: ${normalisedText(p.text)}`).toBe(normalise(line))
    }
  })
})
