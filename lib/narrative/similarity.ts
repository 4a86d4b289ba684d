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

/**
 * A paragraph's 5-grams as numbers: each window of five characters hashed to 52 bits (two 32-bit
 * multiplicative hashes, one of them cut to 20 bits, in one double), sorted, without repeats. No
 * string is made per window and sets compare by a merge: 1,000 reports' paragraphs are grammed,
 * indexed and compared several times faster than with a Set of strings. Two different grams share
 * a hash with a chance of about n²/2⁵³ (n distinct grams: 10⁻⁴ for ten million), and a shared hash
 * only moves one count of one Jaccard index by one.
 */
export type Grams = Float64Array

const HASH_HIGH = 0x100000 // 2^20: the second hash's 20 bits below the first's 32

function hashWindow(codes: ArrayLike<number>, from: number, to: number): number {
  let a = 0x811c9dc5
  let b = 0x9e3779b9
  for (let i = from; i < to; i++) {
    a = Math.imul(a ^ codes[i], 0x01000193)
    b = Math.imul(b ^ codes[i], 0x85ebca6b)
    b ^= b >>> 13
  }
  // Length in: a short text's one gram is not the hash of a window of five.
  a = Math.imul(a ^ (to - from), 0x01000193)
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35)
  return (a >>> 0) * HASH_HIGH + (b >>> 12)
}

/** Sorted, without repeats (in place: the result is a view of the same buffer). */
function sortedUnique(xs: Float64Array): Grams {
  xs.sort()
  let n = 0
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[n - 1]) xs[n++] = xs[i]
  return xs.subarray(0, n)
}

export function grams(normalised: string): Grams {
  let codes: ArrayLike<number>
  if (!SURROGATE.test(normalised)) {
    // The common case (CJK text is in the BMP): code units are characters.
    const units = new Uint16Array(normalised.length)
    for (let i = 0; i < normalised.length; i++) units[i] = normalised.charCodeAt(i)
    codes = units
  } else {
    codes = Array.from(normalised, (c) => c.codePointAt(0) as number)
  }
  if (codes.length < GRAM)
    return codes.length ? Float64Array.of(hashWindow(codes, 0, codes.length)) : new Float64Array(0)
  const out = new Float64Array(codes.length - GRAM + 1)
  for (let i = 0; i + GRAM <= codes.length; i++) out[i] = hashWindow(codes, i, i + GRAM)
  return sortedUnique(out)
}

/** Grams both sorted sets hold (a merge). */
function sharedCount(a: Grams, b: Grams): number {
  let i = 0
  let j = 0
  let shared = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return shared
}

export function jaccard(a: Grams, b: Grams): number {
  if (a.length === 0 && b.length === 0) return 1
  const shared = sharedCount(a, b)
  return shared / (a.length + b.length - shared)
}

export interface ComparedParagraph {
  section: string
  paragraph: number
  quote: string
  /** Normalised length (the paragraph's weight in the share). */
  chars: number
  normalised: string
  grams: Grams
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
  private readonly byText = new Map<string, number>()
  /** Postings per gram id: the first in `head`, each one's paragraph in `owner` and the next in `next`. */
  private readonly ids: GramIds
  private readonly head: Int32Array
  private readonly owner: Int32Array
  private readonly next: Int32Array
  /** Per paragraph, grams shared with the one asked about (reset after each question). */
  private readonly shared: Int32Array

  constructor(paragraphs: ComparedParagraph[]) {
    this.paragraphs = paragraphs
    this.shared = new Int32Array(paragraphs.length)
    let total = 0
    for (const p of paragraphs) total += p.grams.length
    this.ids = new GramIds(total)
    this.head = new Int32Array(total).fill(-1)
    this.owner = new Int32Array(total)
    this.next = new Int32Array(total)
    let k = 0
    paragraphs.forEach((p, i) => {
      if (!this.byText.has(p.normalised)) this.byText.set(p.normalised, i)
      for (const g of p.grams) {
        const id = this.ids.idOf(g)
        this.owner[k] = i
        this.next[k] = this.head[id]
        this.head[id] = k++
      }
    })
  }

  /** The most similar paragraph, when near-identical or identical. */
  best(p: ComparedParagraph): { other: ComparedParagraph; similarity: number; identical: boolean } | null {
    const same = this.byText.get(p.normalised)
    if (same !== undefined) return { other: this.paragraphs[same], similarity: 1, identical: true }
    const shared = this.shared
    const touched: number[] = []
    for (const g of p.grams) {
      const id = this.ids.find(g)
      for (let k = id < 0 ? -1 : this.head[id]; k >= 0; k = this.next[k]) {
        const i = this.owner[k]
        if (shared[i]++ === 0) touched.push(i)
      }
    }
    // In paragraph order: the first of equal scores wins, whatever order the grams come in.
    touched.sort((a, b) => a - b)
    let bestIndex = -1
    let bestScore = 0
    for (const i of touched) {
      const n = shared[i]
      shared[i] = 0
      const score = n / (p.grams.length + this.paragraphs[i].grams.length - n)
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

/**
 * Jaccard of a marked set (size `size`, its ids marked `mark` in `marks`) and `theirs`, or 0 as
 * soon as the shared count can no longer reach NEAR_IDENTICAL (only the decision is needed then).
 */
function markedJaccard(marks: Int32Array, mark: number, size: number, theirs: Int32Array): number {
  // J ≥ t ⇔ shared ≥ t·(|A| + |B|) / (1 + t)
  // (less a hair, so that rounding never drops a pair exactly at the threshold)
  const needed = (NEAR_IDENTICAL * (size + theirs.length)) / (1 + NEAR_IDENTICAL) - 1e-9
  let shared = 0
  for (let k = 0; k < theirs.length; k++) {
    if (marks[theirs[k]] === mark) shared++
    else if (shared + theirs.length - k - 1 < needed) return 0
  }
  return shared / (size + theirs.length - shared)
}

/**
 * Dense ids of grams (0, 1, 2… in order of first sight): an open-addressing table over the hashes,
 * as a Map keyed by doubles boxes every key and is several times slower on millions of grams.
 */
class GramIds {
  private keys: Float64Array
  private values: Int32Array
  size = 0

  /** Room for `expected` grams without growing (at most half full). */
  constructor(expected = 1 << 15) {
    let capacity = 16
    while (capacity < expected * 2) capacity *= 2
    this.keys = new Float64Array(capacity).fill(-1)
    this.values = new Int32Array(capacity)
  }

  /** The gram's id, or −1 when it was never given one. */
  find(gram: number): number {
    const mask = this.keys.length - 1
    let slot = gram % this.keys.length
    for (;;) {
      const k = this.keys[slot]
      if (k === gram) return this.values[slot]
      if (k === -1) return -1
      slot = (slot + 1) & mask
    }
  }

  idOf(gram: number): number {
    if (this.size * 2 >= this.keys.length) this.grow()
    const mask = this.keys.length - 1
    // The hash's low bits are already uniform (hashWindow).
    let slot = gram % this.keys.length
    for (;;) {
      const k = this.keys[slot]
      if (k === gram) return this.values[slot]
      if (k === -1) {
        this.keys[slot] = gram
        this.values[slot] = this.size
        return this.size++
      }
      slot = (slot + 1) & mask
    }
  }

  private grow() {
    const [keys, values] = [this.keys, this.values]
    this.keys = new Float64Array(keys.length * 2).fill(-1)
    this.values = new Int32Array(keys.length * 2)
    const mask = this.keys.length - 1
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue
      let slot = keys[i] % this.keys.length
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask
      this.keys[slot] = keys[i]
      this.values[slot] = values[i]
    }
  }
}

/** A paragraph of one report that repeats a sibling's (near-)identically. */
export interface SiblingRepeat extends ParagraphMatch {
  /** How findings name the sibling whose paragraph is the closest. */
  name: string
  /** The index (in the reports given) of that sibling's report. */
  otherReport: number
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
  // Each distinct gram gets a dense id; the global order is (frequency, id), rarest first, one
  // number per gram (frequency · ids + id) so a text's prefix comes from a numeric sort.
  let total = 0
  for (const t of texts) total += t.paragraph.grams.length
  const ids = new GramIds(total)
  const textIds = texts.map((t) => {
    const g = t.paragraph.grams
    const out = new Int32Array(g.length)
    for (let k = 0; k < g.length; k++) out[k] = ids.idOf(g[k])
    return out
  })
  const distinct = ids.size
  const frequency = new Int32Array(distinct)
  for (const t of textIds) for (const id of t) frequency[id]++
  // Each gram's place in the global order (frequency, then id): a counting sort by frequency.
  const start = new Int32Array(texts.length + 2)
  for (let id = 0; id < distinct; id++) start[frequency[id] + 1]++
  for (let f = 1; f < start.length; f++) start[f] += start[f - 1]
  const rank = new Int32Array(distinct)
  const byRank = new Int32Array(distinct)
  for (let id = 0; id < distinct; id++) {
    const r = start[frequency[id]]++
    rank[id] = r
    byRank[r] = id
  }
  const prefixes = textIds.map((t) => {
    const ranks = new Int32Array(t.length)
    for (let k = 0; k < t.length; k++) ranks[k] = rank[t[k]]
    ranks.sort()
    const n = Math.max(0, Math.min(t.length - Math.ceil(NEAR_IDENTICAL * t.length) + 1, t.length))
    const prefix = new Int32Array(n)
    for (let k = 0; k < n; k++) prefix[k] = byRank[ranks[k]]
    return prefix
  })
  const byGram: number[][] = Array.from({ length: distinct }, () => [])
  prefixes.forEach((prefix, i) => {
    for (const g of prefix) {
      byGram[g].push(i)
    }
  })
  const seenBy = new Int32Array(texts.length).fill(-1)
  // The asking text's grams are marked once; each candidate's are counted against the marks.
  const markedBy = new Int32Array(distinct).fill(-1)
  const repeats = texts.map((t, i) => {
    const near: { text: number; similarity: number }[] = [{ text: i, similarity: 1 }]
    seenBy[i] = i
    const mine = textIds[i]
    for (const id of mine) markedBy[id] = i
    for (const g of prefixes[i]) {
      for (const j of byGram[g]) {
        if (seenBy[j] === i) continue
        seenBy[j] = i
        const theirs = textIds[j]
        // |A ∩ B| ≤ min, |A ∪ B| ≥ max: sizes further apart than the threshold cannot reach it.
        if (Math.min(mine.length, theirs.length) < NEAR_IDENTICAL * Math.max(mine.length, theirs.length)) continue
        const similarity = markedJaccard(markedBy, i, mine.length, theirs)
        if (similarity >= NEAR_IDENTICAL) near.push({ text: j, similarity })
      }
    }
    // Closest first; among equals the text itself, then the earlier text: the same on every run.
    near.sort((a, b) => b.similarity - a.similarity || (a.text === i ? -1 : b.text === i ? 1 : a.text - b.text))
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
          otherReport: m.report,
          alsoIn: found.reports - 2,
        },
      ]
    }),
  )
}

/**
 * The repeated share of a report against its siblings (the board, decision 0420), as L10 measures
 * it against last year: the normalised length of its paragraphs that repeat a sibling's, over
 * the normalised length of all its compared paragraphs.
 */
export function repeatedShare(
  paragraphs: ComparedParagraph[],
  repeats: { paragraph: ComparedParagraph }[],
): { share: number; comparedChars: number; repeatedChars: number } {
  let comparedChars = 0
  for (const p of paragraphs) comparedChars += p.chars
  let repeatedChars = 0
  for (const m of repeats) repeatedChars += m.paragraph.chars
  return { share: comparedChars ? repeatedChars / comparedChars : 0, comparedChars, repeatedChars }
}

/** Above the evaluators' threshold, as shown (whole per cent, rounded down): more than 50 %. */
export const shareAbove = (share: number) => Math.floor(share * 100) > REPEATED_SHARE_WARNING * 100
