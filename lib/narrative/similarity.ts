/**
 * Copied text (issue 14; docs/decisions/0240): each paragraph of this year's narratives against
 * last year's report of the same agency (or a sibling agency's report of the same year).
 *
 * Definition. A paragraph is normalised: linked numbers and markers are removed, then everything
 * that is not a letter (whitespace, punctuation, symbols, digits of any width), Latin letters
 * are lower-cased; what is left
 * is cut into character 5-grams (a set). Two paragraphs are **identical** when their normalised
 * texts are equal, **near-identical** when the Jaccard index of their 5-gram sets is ≥ 0.9.
 * Paragraphs shorter than 20 normalised characters (headings such as （一）主动公开, “无”) are not
 * compared: they repeat every year by design. The **repeated share** is the normalised length of
 * the paragraphs that are identical or near-identical to one of the other report's, over the
 * normalised length of all compared paragraphs.
 */
import { type NarrativeLine, type NarrativeText, narrativeLines } from './texts'

export const GRAM = 5
export const NEAR_IDENTICAL = 0.9
export const MIN_CHARS = 20
/** The evaluators' threshold: more than half of the narrative repeated (“与上年度重复率大于50%”). */
export const REPEATED_SHARE_WARNING = 0.5

const TOKEN = /\{\{[^{}\n]{1,200}\}\}/g
// Everything but letters: punctuation, symbols, separators, controls and digits of any script.
const NOISE = /[^\p{L}]+/gu

export function normalise(text: string): string {
  return text.replace(TOKEN, '').replace(NOISE, '').toLowerCase()
}

const SURROGATE = /[\ud800-\udfff]/

/** Characters of a normalised text (a character outside the BMP is one, not two code units). */
export const charCount = (normalised: string) =>
  SURROGATE.test(normalised) ? Array.from(normalised).length : normalised.length

export function grams(normalised: string): Set<string> {
  const out = new Set<string>()
  if (!SURROGATE.test(normalised)) {
    // The common case (CJK text is in the BMP): plain slices, no array of characters.
    if (normalised.length < GRAM) {
      if (normalised) out.add(normalised)
      return out
    }
    for (let i = 0; i + GRAM <= normalised.length; i++) out.add(normalised.slice(i, i + GRAM))
    return out
  }
  const chars = Array.from(normalised)
  if (chars.length < GRAM) {
    if (chars.length) out.add(chars.join(''))
    return out
  }
  for (let i = 0; i + GRAM <= chars.length; i++) out.add(chars.slice(i, i + GRAM).join(''))
  return out
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let shared = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const g of small) if (large.has(g)) shared++
  return shared / (a.size + b.size - shared)
}

export interface ComparedParagraph {
  section: string
  paragraph: number
  quote: string
  /** Normalised length (the paragraph's weight in the share). */
  chars: number
  normalised: string
  grams: Set<string>
}

/** The paragraphs of some narratives that are long enough to compare. */
export function comparable(texts: NarrativeText[]): ComparedParagraph[] {
  const out: ComparedParagraph[] = []
  for (const t of texts) {
    for (const line of narrativeLines(t.text)) {
      const normalised = normalise(line.plain)
      const chars = charCount(normalised)
      if (chars < MIN_CHARS) continue
      out.push({
        section: t.section,
        paragraph: line.paragraph,
        quote: line.quote,
        chars,
        normalised,
        grams: grams(normalised),
      })
    }
  }
  return out
}

export interface ParagraphMatch {
  paragraph: ComparedParagraph
  /** The other report's paragraph it repeats. */
  other: ComparedParagraph
  similarity: number
  identical: boolean
}

export interface SimilarityResult {
  matches: ParagraphMatch[]
  /** Repeated share of this report's compared narrative, 0…1 (0 when nothing is compared). */
  share: number
  comparedChars: number
}

/** An index of the other report's paragraphs by 5-gram: only candidates sharing a gram are scored. */
export class ParagraphIndex {
  readonly paragraphs: ComparedParagraph[]
  private readonly byGram = new Map<string, number[]>()
  private readonly byText = new Map<string, number>()

  constructor(paragraphs: ComparedParagraph[]) {
    this.paragraphs = paragraphs
    paragraphs.forEach((p, i) => {
      if (!this.byText.has(p.normalised)) this.byText.set(p.normalised, i)
      for (const g of p.grams) {
        const list = this.byGram.get(g)
        if (list) list.push(i)
        else this.byGram.set(g, [i])
      }
    })
  }

  /** The most similar paragraph, when near-identical or identical. */
  best(p: ComparedParagraph): { other: ComparedParagraph; similarity: number; identical: boolean } | null {
    const same = this.byText.get(p.normalised)
    if (same !== undefined) return { other: this.paragraphs[same], similarity: 1, identical: true }
    const shared = new Map<number, number>()
    for (const g of p.grams) for (const i of this.byGram.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1)
    let bestIndex = -1
    let bestScore = 0
    for (const [i, n] of shared) {
      const score = n / (p.grams.size + this.paragraphs[i].grams.size - n)
      if (score > bestScore) {
        bestScore = score
        bestIndex = i
      }
    }
    if (bestIndex < 0 || bestScore < NEAR_IDENTICAL) return null
    return { other: this.paragraphs[bestIndex], similarity: bestScore, identical: false }
  }
}

/** This report's paragraphs against another report's. */
export function compareNarratives(mine: ComparedParagraph[], other: ParagraphIndex): SimilarityResult {
  const matches: ParagraphMatch[] = []
  let comparedChars = 0
  let repeatedChars = 0
  for (const p of mine) {
    comparedChars += p.chars
    const best = other.best(p)
    if (!best) continue
    repeatedChars += p.chars
    matches.push({ paragraph: p, ...best })
  }
  return { matches, share: comparedChars ? repeatedChars / comparedChars : 0, comparedChars }
}

/** A share as shown: whole per cent, rounded down so that 50.4 % does not read as above 50 %. */
export const shareText = (share: number) => `${Math.floor(share * 100)}%`

/** Where a matched paragraph is, for a message: 第3段 of 总体情况. */
export const whereText = (p: Pick<NarrativeLine, 'paragraph'> & { section: string }, headings: Map<string, string>) =>
  `${headings.get(p.section) ?? p.section}第${p.paragraph}段`
