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

/** A paragraph of one report that repeats a sibling's (near-)identically. */
export interface SiblingRepeat extends ParagraphMatch {
  /** How findings name the sibling whose paragraph is the closest. */
  name: string
  /** How many other siblings repeat it too. */
  alsoIn: number
}

/**
 * Same-year reports of several agencies, each paragraph against every other report's. Work is per
 * distinct text, not per pair: reports that print the same paragraph share it, and near-identical
 * texts are found by prefix filtering (a pair with Jaccard ≥ NEAR_IDENTICAL must share a gram among
 * the first |grams| − ⌈NEAR_IDENTICAL·|grams|⌉ + 1 of each, in one global order, rarest first: exact),
 * so only those candidates are scored. For each report: its repeated paragraphs, one finding each.
 */
export function siblingRepeats(reports: { name: string; paragraphs: ComparedParagraph[] }[]): SiblingRepeat[][] {
  // Distinct texts, with every report paragraph that prints them.
  const indexOfText = new Map<string, number>()
  const texts: { paragraph: ComparedParagraph; owners: { report: number; paragraph: ComparedParagraph }[] }[] = []
  reports.forEach((report, r) => {
    for (const p of report.paragraphs) {
      let i = indexOfText.get(p.normalised)
      if (i === undefined) {
        i = texts.length
        indexOfText.set(p.normalised, i)
        texts.push({ paragraph: p, owners: [] })
      }
      texts[i].owners.push({ report: r, paragraph: p })
    }
  })
  const frequency = new Map<string, number>()
  for (const t of texts) for (const g of t.paragraph.grams) frequency.set(g, (frequency.get(g) ?? 0) + 1)
  const order = (a: string, b: string) =>
    (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0)
  const prefixes = texts.map((t) => {
    const sorted = [...t.paragraph.grams].sort(order)
    return sorted.slice(0, sorted.length - Math.ceil(NEAR_IDENTICAL * sorted.length) + 1)
  })
  const byGram = new Map<string, number[]>()
  prefixes.forEach((prefix, i) => {
    for (const g of prefix) {
      const list = byGram.get(g)
      if (list) list.push(i)
      else byGram.set(g, [i])
    }
  })
  // Per distinct text: the reports that print it or a near-identical text, closest first.
  const repeats = texts.map((t, i) => {
    const near: { text: number; similarity: number }[] = [{ text: i, similarity: 1 }]
    const seen = new Set<number>([i])
    for (const g of prefixes[i]) {
      for (const j of byGram.get(g) ?? []) {
        if (seen.has(j)) continue
        seen.add(j)
        const similarity = jaccard(t.paragraph.grams, texts[j].paragraph.grams)
        if (similarity >= NEAR_IDENTICAL) near.push({ text: j, similarity })
      }
    }
    near.sort((a, b) => b.similarity - a.similarity)
    const closest: { report: number; paragraph: ComparedParagraph; similarity: number }[] = []
    const reportsOf = new Set<number>()
    for (const n of near) {
      for (const o of texts[n.text].owners) {
        if (reportsOf.has(o.report)) continue
        reportsOf.add(o.report)
        // Two are enough: the closest one that is not the asking report.
        if (closest.length < 2) closest.push({ ...o, similarity: n.similarity })
      }
    }
    return { closest, reports: reportsOf.size }
  })
  return reports.map((_, r) =>
    reports[r].paragraphs.flatMap((p) => {
      const found = repeats[indexOfText.get(p.normalised) as number]
      // The asking report is among them; nobody else prints it: not repeated.
      if (found.reports < 2) return []
      const m = found.closest.find((c) => c.report !== r)
      if (!m) return []
      return [
        {
          paragraph: p,
          other: m.paragraph,
          similarity: m.similarity,
          identical: p.normalised === m.paragraph.normalised,
          name: reports[m.report].name,
          alsoIn: found.reports - 2,
        },
      ]
    }),
  )
}
