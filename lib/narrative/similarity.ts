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

/** The definition, as patterns; `prepare` is the same in one pass over the characters. */
export function normalise(text: string): string {
  return text.replace(TOKEN, '').replace(NOISE, '').toLowerCase()
}

const SURROGATE = /[\ud800-\udfff]/

/** Characters of a normalised text (a character outside the BMP is one, not two code units). */
export const charCount = (normalised: string) =>
  SURROGATE.test(normalised) ? Array.from(normalised).length : normalised.length

/**
 * A paragraph's 5-grams as numbers: each window of five characters hashed to 32 bits (two 32-bit
 * multiplicative hashes, xor'd), sorted, without repeats. No string is made per window and sets
 * compare by a merge: 1,000 reports' paragraphs are grammed, indexed and compared several times
 * faster than with a Set of strings. A hash only matters where two sets are compared: two
 * paragraphs of 200 grams share a hash for two different grams with a chance of about
 * 200²/2³² (10⁻⁵ a compared pair), and a shared hash only moves one count of one Jaccard index by
 * one. Four bytes a gram, not eight (decision 1024): the command line writes ~4 million a thread.
 */
export type Grams = Uint32Array
const GRAM_BYTES = Uint32Array.BYTES_PER_ELEMENT

/**
 * `n` grams in a shared buffer, from gram `at` (a new buffer of their own unless given): how the
 * shared chunks are made and how another thread's grams are viewed (lib/cli/validate-shard.ts).
 */
export const sharedGrams = (n: number, buffer = new SharedArrayBuffer(n * GRAM_BYTES), at = 0): Grams =>
  new Uint32Array(buffer, at * GRAM_BYTES, n)

/** Where a view of a shared buffer's grams starts, in grams (sharedGrams's `at`). */
export const gramOffset = (grams: Grams): number => grams.byteOffset / GRAM_BYTES

/** One window's hash (exported for the test that unitWindows gives the same). */
export function hashWindow(codes: ArrayLike<number>, from: number, to: number): number {
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
  return (a ^ b) >>> 0
}

/** Buckets and a scratch copy for sortHashes, reused. */
let bucketStart = new Int32Array(1025)
let scattered = new Uint32Array(4096)
const HASH_RANGE = 2 ** 32

/**
 * Sorts hashes (uniform in [0, 2^32)) in place: a counting pass by their top bits into about one
 * bucket per value, then an insertion pass that only moves values within their bucket. About 2.5
 * times faster than the typed array's own sort on a paragraph's 200 grams (2.5 against 6.0 µs,
 * 11.8 against 37.7 µs on 1,000; measured again for 32-bit grams); values that crowd a
 * bucket (never seen from the hash) would only make the insertion slower, so past a bound the
 * native sort finishes.
 */
function sortHashes(xs: Uint32Array): void {
  const n = xs.length
  if (n < 32) {
    xs.sort()
    return
  }
  let buckets = 32
  while (buckets < n) buckets *= 2
  const scale = buckets / HASH_RANGE
  if (bucketStart.length < buckets + 1) bucketStart = new Int32Array(buckets + 1)
  if (scattered.length < n) scattered = new Uint32Array(n * 2)
  const start = bucketStart
  const out = scattered
  start.fill(0, 0, buckets + 1)
  for (let i = 0; i < n; i++) start[((xs[i] * scale) | 0) + 1]++
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b]
  for (let i = 0; i < n; i++) out[start[(xs[i] * scale) | 0]++] = xs[i]
  let moves = 0
  for (let i = 0; i < n; i++) {
    const v = out[i]
    let j = i - 1
    while (j >= 0 && xs[j] > v) {
      xs[j + 1] = xs[j]
      j--
    }
    xs[j + 1] = v
    moves += i - 1 - j
    if (moves > 8 * n) {
      xs.set(out.subarray(0, n))
      xs.sort()
      return
    }
  }
}

/** Sorted, without repeats (in place: the result is a view of the same buffer). */
function sortedUnique(xs: Uint32Array): Grams {
  sortHashes(xs)
  let n = 0
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[n - 1]) xs[n++] = xs[i]
  return xs.subarray(0, n)
}

export function grams(normalised: string): Grams {
  if (!SURROGATE.test(normalised)) {
    // The common case (CJK text is in the BMP): code units are characters.
    const units = new Uint16Array(normalised.length)
    for (let i = 0; i < normalised.length; i++) units[i] = normalised.charCodeAt(i)
    return gramsOf(units, units.length)
  }
  const codes = Array.from(normalised, (c) => c.codePointAt(0) as number)
  return gramsOf(codes, codes.length)
}

/** The grams of the `length` characters of `codes` from `from`. */
function gramsOf(codes: ArrayLike<number>, length: number, from = 0): Grams {
  if (length < GRAM) return length ? Uint32Array.of(hashWindow(codes, from, from + length)) : new Uint32Array(0)
  const out = gramSpace(length - GRAM + 1)
  if (codes instanceof Uint16Array) unitWindows(codes, from, length, out)
  else for (let i = 0; i + GRAM <= length; i++) out[i] = hashWindow(codes, from + i, from + i + GRAM)
  const unique = sortedUnique(out)
  if (chunk !== null && out.buffer === chunk.buffer) chunkUsed += unique.length
  return unique
}

/**
 * Shared chunks for grams (decision 0730), off unless `gramsInSharedChunks` is called: the
 * command line's `validate`, which keeps every gram until it exits and, on threads, passes them
 * from one to another (on one thread too since decision 1022).
 * A paragraph's grams are then a view of a large SharedArrayBuffer instead of a buffer of their
 * own: a few allocations instead of one per paragraph (in a worker thread each of those grew
 * the C heap by a system call), and another thread reads them without a copy. Never for a
 * long-lived process: a chunk lives as long as any of its views.
 */
let chunkLength = 0
let chunk: Uint32Array | null = null
let chunkUsed = 0

/**
 * A paragraph's identity: its normalised text, or, in the shared chunks' mode, that text's number
 * in this thread's table of texts (below). Two keys of one thread are equal exactly when the
 * normalised texts are: the comparisons use the key only as identity (map keys, equality);
 * normalisedText gives the text back.
 */
export type TextKey = string | number

/**
 * In the shared chunks' mode, every distinct normalised text prepared so far (decision 0900): its
 * code units in shared chunks of their own (outside the JavaScript heap, so the scavenger neither
 * copies nor promotes them, and another thread reads them without a copy), found again by a hash
 * of the units checked unit by unit, with the grams made for it. A paragraph whose text was
 * prepared before (next year's report repeats last year's, siblings copy each other) takes the
 * same number and grams instead of hashing and sorting its windows again (decision 0830); no
 * string is made of the text at all. Kept as long as the chunks are: a process that keeps every
 * gram anyway.
 */
interface TextTable {
  /** Slots of an open-addressing table: a text's number + 1, or 0. */
  slots: Int32Array
  hashes: number[]
  /** Per text: the units it is in, where and how many. */
  units: Uint16Array[]
  at: number[]
  lengths: number[]
  grams: Grams[]
  /** Where this thread copies the units of its own texts. */
  chunk: Uint16Array | null
  used: number
  /** A view of each other thread's buffer of units met (unpacked paragraphs). */
  views: Map<SharedArrayBuffer, Uint16Array>
}
let textTable: TextTable | null = null
const TEXT_CHUNK = 1 << 19

const newTextTable = (): TextTable => ({
  slots: new Int32Array(1 << 15),
  hashes: [],
  units: [],
  at: [],
  lengths: [],
  grams: [],
  chunk: null,
  used: 0,
  views: new Map(),
})

function unitsHash(units: Uint16Array, from: number, n: number): number {
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193)
  for (let i = from; i < from + n; i++) h = Math.imul(h ^ units[i], 0x01000193)
  return (h ^ (h >>> 15)) | 0
}

/** The number of the text in `units` [from, from + n), or -1 when not in the table. */
function findText(table: TextTable, units: Uint16Array, from: number, n: number, hash: number): number {
  const mask = table.slots.length - 1
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const id = table.slots[slot] - 1
    if (id < 0) return -1
    if (table.hashes[id] !== hash || table.lengths[id] !== n) continue
    const theirs = table.units[id]
    const at = table.at[id]
    let i = 0
    while (i < n && theirs[at + i] === units[from + i]) i++
    if (i === n) return id
  }
}

/**
 * This thread's chunk of units with room for `n` more: the current one, or a new one (of its own
 * size for a text longer than a chunk).
 */
function unitRoom(table: TextTable, n: number): Uint16Array {
  if (table.chunk === null || table.chunk.length - table.used < n) {
    table.chunk = new Uint16Array(new SharedArrayBuffer(2 * Math.max(TEXT_CHUNK, n)))
    table.used = 0
  }
  return table.chunk
}

/**
 * Adds a text (not in the table): its units copied into this thread's chunks unless `shared`
 * (another thread's, or written in place by `prepare`).
 */
function addText(
  table: TextTable,
  units: Uint16Array,
  from: number,
  n: number,
  hash: number,
  grams: Grams,
  shared: boolean,
): number {
  if (2 * (table.hashes.length + 1) > table.slots.length) growTexts(table)
  let view = units
  let at = from
  if (!shared) {
    view = unitRoom(table, n)
    at = table.used
    table.used += n
    view.set(units.subarray(from, from + n), at)
  }
  const id = table.hashes.length
  table.hashes.push(hash)
  table.units.push(view)
  table.at.push(at)
  table.lengths.push(n)
  table.grams.push(grams)
  place(table, id)
  return id
}

function place(table: TextTable, id: number): void {
  const mask = table.slots.length - 1
  let slot = table.hashes[id] & mask
  while (table.slots[slot] !== 0) slot = (slot + 1) & mask
  table.slots[slot] = id + 1
}

function growTexts(table: TextTable): void {
  table.slots = new Int32Array(table.slots.length * 2)
  for (let id = 0; id < table.hashes.length; id++) place(table, id)
}

/** The key of a text already normalised (the patterns' way, or a string from another thread), with its grams. */
function keyOfString(normalised: string, gramsOf: () => Grams): { text: TextKey; grams: Grams } {
  const table = textTable
  if (table === null) return { text: normalised, grams: gramsOf() }
  const units = new Uint16Array(normalised.length)
  for (let i = 0; i < units.length; i++) units[i] = normalised.charCodeAt(i)
  const hash = unitsHash(units, 0, units.length)
  const found = findText(table, units, 0, units.length, hash)
  if (found >= 0) return { text: found, grams: table.grams[found] }
  const grams = gramsOf()
  return { text: addText(table, units, 0, units.length, hash, grams, false), grams }
}

/** The normalised text of a key. */
export function normalisedText(key: TextKey): string {
  if (typeof key === 'string') return key
  const table = textTable as TextTable
  const at = table.at[key]
  return normalisedUnits(table.units[key].subarray(at, at + table.lengths[key]))
}

/**
 * Where a key's text is, for another thread: its units' buffer, offset and length (the shared
 * chunks' mode), or the text itself.
 */
export function textPlace(key: TextKey): { buffer: SharedArrayBuffer; at: number; length: number } | string {
  if (typeof key === 'string') return key
  const table = textTable as TextTable
  return { buffer: table.units[key].buffer as SharedArrayBuffer, at: table.at[key], length: table.lengths[key] }
}

/**
 * This thread's key of a text another thread placed (textPlace): the same text found in this
 * thread's table, or added to it as it is (its units are shared, not copied), with `grams` (the
 * text's grams, as they came across).
 */
export function keyOfPlace(
  place: { buffer: SharedArrayBuffer; at: number; length: number } | string,
  grams: Grams,
): TextKey {
  if (typeof place === 'string') return keyOfString(place, () => grams).text
  const table = textTable
  if (table === null) {
    return normalisedUnits(new Uint16Array(place.buffer, 2 * place.at, place.length))
  }
  let view = table.views.get(place.buffer)
  if (view === undefined) {
    view = new Uint16Array(place.buffer)
    table.views.set(place.buffer, view)
  }
  const hash = unitsHash(view, place.at, place.length)
  const found = findText(table, view, place.at, place.length, hash)
  return found >= 0 ? found : addText(table, view, place.at, place.length, hash, grams, true)
}

const normalisedUnits = (units: Uint16Array): string => {
  let out = ''
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.subarray(i, i + 4096))
  return out
}

/** Grams of the paragraphs prepared from now on go into shared chunks of `length` grams. */
export function gramsInSharedChunks(length = 1 << 19): void {
  chunkLength = length
  chunk = null
  chunkUsed = 0
  textTable = newTextTable()
}

/** Room for `n` grams: the rest of the current chunk, a new chunk, or (chunks off, or large) a buffer of its own. */
function gramSpace(n: number): Uint32Array {
  if (chunkLength === 0) return new Uint32Array(n)
  if (n > chunkLength >> 2) return sharedGrams(n)
  if (chunk === null || chunk.length - chunkUsed < n) {
    chunk = sharedGrams(chunkLength)
    chunkUsed = 0
  }
  return chunk.subarray(chunkUsed, chunkUsed + n)
}

/**
 * hashWindow of every window of five code units, the same values (similarity.test.ts compares
 * them) in about half the CPU (decision 0680): the five steps written out, so the two hashes'
 * multiplications interleave, and the units read once each. The first step is multiplied, not
 * looked up: tables of 2 × 256 KB indexed by CJK code units missed the cache on most windows
 * (decision 1026).
 */
function unitWindows(codes: Uint16Array, from: number, length: number, out: Uint32Array): void {
  let c1 = codes[from]
  let c2 = codes[from + 1]
  let c3 = codes[from + 2]
  let c4 = codes[from + 3]
  for (let i = 0; i + GRAM <= length; i++) {
    const c0 = c1
    c1 = c2
    c2 = c3
    c3 = c4
    c4 = codes[from + i + 4]
    let a = Math.imul(0x811c9dc5 ^ c0, 0x01000193)
    a = Math.imul(a ^ c1, 0x01000193)
    a = Math.imul(a ^ c2, 0x01000193)
    a = Math.imul(a ^ c3, 0x01000193)
    a = Math.imul(a ^ c4, 0x01000193)
    a = Math.imul(a ^ GRAM, 0x01000193)
    let b = Math.imul(0x9e3779b9 ^ c0, 0x85ebca6b)
    b ^= b >>> 13
    b = Math.imul(b ^ c1, 0x85ebca6b)
    b ^= b >>> 13
    b = Math.imul(b ^ c2, 0x85ebca6b)
    b ^= b >>> 13
    b = Math.imul(b ^ c3, 0x85ebca6b)
    b ^= b >>> 13
    b = Math.imul(b ^ c4, 0x85ebca6b)
    b ^= b >>> 13
    b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35)
    out[i] = a ^ b
  }
}

/**
 * A line made ready to compare: its normalised text (or that text's key, in the shared chunks'
 * mode), that text's length in characters, its grams.
 */
export interface Prepared {
  text: TextKey
  chars: number
  grams: Grams
}

/**
 * What each BMP code unit does in `prepare`: 0 not asked yet, 1 a letter kept as it is, 2 not a
 * letter (dropped), 3 a letter that lower-casing changes, or a surrogate: the line then takes the
 * patterns' way (Greek, Cyrillic, full-width Latin capitals, characters outside the BMP: rare).
 */
const unitKind = new Uint8Array(0x10000)
const LETTER = /^\p{L}$/u

function kindOf(unit: number): number {
  const c = String.fromCharCode(unit)
  const kind = unit >= 0xd800 && unit <= 0xdfff ? 3 : !LETTER.test(c) ? 2 : c.toLowerCase() === c ? 1 : 3
  unitKind[unit] = kind
  return kind
}

/** Room for one line's kept characters, reused line after line. */
let kept = new Uint16Array(4096)
/**
 * The same memory as bytes, in Node (a Buffer): its ucs2Slice copies the units into a string
 * without the TextDecoder's converter (decision 0830). Node's own Buffer only, read off
 * globalThis: a bare `Buffer` would make the editor's bundle carry a polyfill, whose ucs2Slice
 * is slower than the browser's decoder, which is used there.
 */
type UnitBytes = { ucs2Slice(start: number, end: number): string }
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer
const unitBytes = (units: Uint16Array): UnitBytes | null =>
  NodeBuffer ? (NodeBuffer.from(units.buffer) as unknown as UnitBytes) : null
let keptBytes = unitBytes(kept)

/** Kept code units back into a string (a BOM is kept too, though `prepare` never keeps one). */
const UNITS = new TextDecoder('utf-16le', { ignoreBOM: true })

/**
 * normalise, charCount and grams of one line in one pass over its characters, without a regular
 * expression or a string per window: the same results (numeric-grams.test.ts compares them),
 * about three times faster than the patterns on the 10 million characters of 1,000 reports.
 */
export function prepare(line: string): Prepared {
  return preparedAtLeast(line, 0) as Prepared
}

/**
 * prepare, or null when the line has fewer than `minChars` normalised characters (a BMP line is
 * then not grammed: comparable drops it, and a third of the lines are headings).
 */
function preparedAtLeast(line: string, minChars: number): Prepared | null {
  // Linked numbers and markers (rare in a plain line: the texts already replaced them).
  if (line.includes('{{')) return preparedByPatterns(line)
  const table = textTable
  // In the shared chunks' mode the kept units are written where the table keeps a new text's
  // units, so that a text met for the first time is not copied there afterwards: a copy into a
  // SharedArrayBuffer is V8's byte-wise relaxed_memmove (decision 1026).
  if (table === null && kept.length < line.length) {
    kept = new Uint16Array(line.length * 2)
    keptBytes = unitBytes(kept)
  }
  const buf = table === null ? kept : unitRoom(table, line.length)
  const from = table === null ? 0 : table.used
  let end = from
  for (let i = 0; i < line.length; i++) {
    const unit = line.charCodeAt(i)
    if (unit < 0x80) {
      // ASCII: only Latin letters are letters; capitals lower-case alike in every context.
      if (unit >= 0x61 && unit <= 0x7a) buf[end++] = unit
      else if (unit >= 0x41 && unit <= 0x5a) buf[end++] = unit + 32
      continue
    }
    const kind = unitKind[unit] || kindOf(unit)
    if (kind === 1) buf[end++] = unit
    else if (kind === 3) return preparedByPatterns(line)
  }
  const n = end - from
  if (n < minChars) return null
  // No surrogate and no U+FEFF (not a letter) is kept, so decoding the units as UTF-16 gives them
  // back as they are: about four times less CPU than String.fromCharCode.apply, which first
  // copies the units into an argument list of 8 bytes each (decision 0730); in Node a plain copy
  // out of the same memory (ucs2Slice) is less still (decision 0830).
  if (table === null) {
    const text = keptBytes !== null ? keptBytes.ucs2Slice(0, 2 * n) : UNITS.decode(buf.subarray(0, n))
    return { text, chars: n, grams: gramsOf(buf, n) }
  }
  const hash = unitsHash(buf, from, n)
  const found = findText(table, buf, from, n, hash)
  if (found >= 0) return { text: found, chars: n, grams: table.grams[found] }
  const grams = gramsOf(buf, n, from)
  // Already in place: the room after the chunk's last text becomes this text's.
  table.used += n
  return { text: addText(table, buf, from, n, hash, grams, true), chars: n, grams }
}

function preparedByPatterns(line: string): Prepared {
  const normalised = normalise(line)
  return { ...keyOfString(normalised, () => grams(normalised)), chars: charCount(normalised) }
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
  /** The normalised text, or its key (TextKey): the paragraph's identity. */
  text: TextKey
  grams: Grams
}

/** The paragraphs of some narratives that are long enough to compare. */
export function comparable(texts: NarrativeText[]): ComparedParagraph[] {
  const out: ComparedParagraph[] = []
  for (const t of texts) {
    for (const line of narrativeLines(t.text)) {
      const prepared = preparedAtLeast(line.plain, MIN_CHARS)
      if (prepared === null || prepared.chars < MIN_CHARS) continue
      const { text, chars, grams } = prepared
      out.push({ section: t.section, paragraph: line.paragraph, quote: line.quote, chars, text, grams })
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

/**
 * The other report's paragraphs, to find each of this report's in them. A report has tens of
 * paragraphs, so each is scored against all of them, cheaply: sizes too far apart cannot reach
 * NEAR_IDENTICAL, and the merge of two gram lists stops as soon as they cannot either (a gram
 * index costs more to build than these scans over a report's worth of paragraphs).
 */
export class ParagraphIndex {
  readonly paragraphs: ComparedParagraph[]
  private readonly byText = new Map<TextKey, number>()

  constructor(paragraphs: ComparedParagraph[]) {
    this.paragraphs = paragraphs
    paragraphs.forEach((p, i) => {
      if (!this.byText.has(p.text)) this.byText.set(p.text, i)
    })
  }

  /** The most similar paragraph (the first of equals), when near-identical or identical. */
  best(p: ComparedParagraph): { other: ComparedParagraph; similarity: number; identical: boolean } | null {
    const same = this.byText.get(p.text)
    if (same !== undefined) return { other: this.paragraphs[same], similarity: 1, identical: true }
    const mine = p.grams
    let bestIndex = -1
    let bestScore = 0
    for (let i = 0; i < this.paragraphs.length; i++) {
      const theirs = this.paragraphs[i].grams
      if (sizesApart(mine.length, theirs.length)) continue
      const score = nearJaccard(mine, theirs)
      if (score > bestScore) {
        bestScore = score
        bestIndex = i
      }
    }
    if (bestIndex < 0 || bestScore < NEAR_IDENTICAL) return null
    return { other: this.paragraphs[bestIndex], similarity: bestScore, identical: false }
  }
}

/** Below a computed bound by a hair, so that rounding never drops a pair exactly at the threshold. */
const HAIR = 1e-9

/** |A ∩ B| ≤ min, |A ∪ B| ≥ max: sets whose sizes are further apart than the threshold cannot reach it. */
const sizesApart = (a: number, b: number) => Math.min(a, b) < NEAR_IDENTICAL * Math.max(a, b) - HAIR

/**
 * Jaccard of two ascending lists without repeats (hashes, or ranks), or 0 as soon as the shared
 * count can no longer reach NEAR_IDENTICAL: only the decision is needed then.
 */
function nearJaccard(a: Uint32Array | Int32Array, b: Uint32Array | Int32Array): number {
  // J ≥ t ⇔ shared ≥ t·(|A| + |B|) / (1 + t)
  const needed = (NEAR_IDENTICAL * (a.length + b.length)) / (1 + NEAR_IDENTICAL) - HAIR
  let i = 0
  let j = 0
  let shared = 0
  while (i < a.length && j < b.length) {
    if (shared + Math.min(a.length - i, b.length - j) < needed) return 0
    if (a[i] === b[j]) {
      shared++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return shared / (a.length + b.length - shared)
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
 * Dense ids of grams (0, 1, 2… in order of first sight): an open-addressing table over the
 * prefix keys (below 2^32), as a Map keyed by numbers boxes every key and is several times
 * slower on millions of grams. A slot is two int32s side by side, the key and its id + 1 (0: the
 * slot is empty), so a probe reads one cache line and a new table needs no filling (decision 1026:
 * the keys' own array of doubles, filled with −1, cost a page fault per 512 slots before use).
 */
class GramIds {
  private slots: Int32Array
  size = 0

  /** Room for `expected` grams without growing (at most half full). */
  constructor(expected = 1 << 15) {
    let capacity = 16
    while (capacity < expected * 2) capacity *= 2
    this.slots = new Int32Array(2 * capacity)
  }

  idOf(gram: number): number {
    if (this.size * 4 >= this.slots.length) this.grow()
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    const key = gram | 0
    // The key's low bits are the hash's high bits: already uniform (hashWindow).
    let slot = key & mask
    for (;;) {
      const id = slots[2 * slot + 1]
      if (id === 0) {
        slots[2 * slot] = key
        slots[2 * slot + 1] = this.size + 1
        return this.size++
      }
      if (slots[2 * slot] === key) return id - 1
      slot = (slot + 1) & mask
    }
  }

  /** The id of a gram seen before, else -1. */
  find(gram: number): number {
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    const key = gram | 0
    let slot = key & mask
    for (;;) {
      const id = slots[2 * slot + 1]
      if (id === 0) return -1
      if (slots[2 * slot] === key) return id - 1
      slot = (slot + 1) & mask
    }
  }

  private grow() {
    const old = this.slots
    const slots = new Int32Array(old.length * 2)
    const mask = (slots.length >> 1) - 1
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue
      let slot = old[i] & mask
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
      slots[2 * slot] = old[i]
      slots[2 * slot + 1] = old[i + 1]
    }
    this.slots = slots
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
 * distinct text, not per pair: reports that print the same paragraph share it. Near-identical
 * texts are found by prefix filtering (AllPairs, exact): in one global order of grams, rarest
 * first, two texts with Jaccard ≥ t share at least ⌈t·|larger|⌉ grams, and at least
 * ⌈2t/(1+t)·|smaller|⌉, so the first |larger| − ⌈t·|larger|⌉ + 1 grams of the larger and the first
 * |smaller| − ⌈2t/(1+t)·|smaller|⌉ + 1 of the smaller have one in common. Texts are taken from the
 * smallest; each looks up its long prefix among the short prefixes of the texts before it, so each
 * candidate pair is met once and scored once (a merge in that order, which stops as soon as the
 * threshold is out of reach). For each report: its repeated paragraphs, one finding each.
 */
/** A text printed by one report only and near no other. */
const ALONE: { closest: { report: number; paragraph: ComparedParagraph; similarity: number }[]; reports: number } = {
  closest: [],
  reports: 1,
}

export function siblingRepeats(reports: { name: string; paragraphs: ComparedParagraph[] }[]): SiblingRepeat[][] {
  // Distinct texts, with every report paragraph that prints them: each paragraph's text index
  // (in report and paragraph order), each text's first paragraph, and its owners as a list
  // threaded through the paragraphs (firstOwner, nextOwner), not an array of objects per text.
  let paragraphs = 0
  for (const report of reports) paragraphs += report.paragraphs.length
  const textOf = new Int32Array(paragraphs)
  const ownerReport = new Int32Array(paragraphs)
  const ownerParagraph: ComparedParagraph[] = new Array(paragraphs)
  const nextOwner = new Int32Array(paragraphs).fill(-1)
  const indexOfText = textIndex(reports)
  const firstOwner: number[] = []
  const lastOwner: number[] = []
  const owners: number[] = []
  let at = 0
  reports.forEach((report, r) => {
    for (const p of report.paragraphs) {
      let i = indexOfText.get(p.text)
      if (i < 0) {
        i = firstOwner.length
        indexOfText.set(p.text, i)
        firstOwner.push(at)
        lastOwner.push(at)
        owners.push(0)
      } else {
        nextOwner[lastOwner[i]] = at
        lastOwner[i] = at
      }
      owners[i]++
      textOf[at] = i
      ownerReport[at] = r
      ownerParagraph[at] = p
      at++
    }
  })
  const near = nearTexts(firstOwner.map((o) => ownerParagraph[o].grams))
  const repeats = firstOwner.map((_, i) => {
    // Most texts are one report's and near no other: not repeated, nothing to rank (below,
    // `reports < 2` is all that is read of them).
    if (near[i] === undefined && owners[i] === 1) return ALONE
    // Closest first; among equals the text itself, then the earlier text: the same on every run.
    const list = near[i] ?? []
    list.push({ text: i, similarity: 1 })
    list.sort((a, b) => b.similarity - a.similarity || (a.text === i ? -1 : b.text === i ? 1 : a.text - b.text))
    const closest: { report: number; paragraph: ComparedParagraph; similarity: number }[] = []
    const reportsOf = new Set<number>()
    for (const n of list) {
      for (let o = firstOwner[n.text]; o >= 0; o = nextOwner[o]) {
        const report = ownerReport[o]
        if (reportsOf.has(report)) continue
        reportsOf.add(report)
        // Two are enough: the closest one that is not the asking report.
        if (closest.length < 2) closest.push({ report, paragraph: ownerParagraph[o], similarity: n.similarity })
      }
    }
    return { closest, reports: reportsOf.size }
  })
  at = 0
  return reports.map((report, r) => {
    const out: SiblingRepeat[] = []
    for (const p of report.paragraphs) {
      const found = repeats[textOf[at++]]
      // The asking report is among them; nobody else prints it: not repeated.
      if (found.reports < 2) continue
      const m = found.closest.find((c) => c.report !== r)
      if (!m) continue
      out.push({
        paragraph: p,
        other: m.paragraph,
        similarity: m.similarity,
        identical: p.text === m.paragraph.text,
        name: reports[m.report].name,
        otherReport: m.report,
        alsoIn: found.reports - 2,
      })
    }
    return out
  })
}

/**
 * Texts' indices by key (−1: not yet): by number in a typed array when every key is a number
 * (the shared chunks' table numbers its texts 0, 1, 2…), else in a Map.
 */
function textIndex(reports: { paragraphs: ComparedParagraph[] }[]): {
  get: (key: TextKey) => number
  set: (key: TextKey, index: number) => void
} {
  let largest = -1
  for (const report of reports) {
    for (const p of report.paragraphs) {
      if (typeof p.text !== 'number') {
        const map = new Map<TextKey, number>()
        return { get: (key) => map.get(key) ?? -1, set: (key, index) => map.set(key, index) }
      }
      if (p.text > largest) largest = p.text
    }
  }
  const byNumber = new Int32Array(largest + 1).fill(-1)
  return { get: (key) => byNumber[key as number], set: (key, index) => (byNumber[key as number] = index) }
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

/**
 * Every pair of gram sets with Jaccard ≥ NEAR_IDENTICAL (the sets distinct): for each set, the
 * others and the similarity (undefined when none). See siblingRepeats for the filter.
 */
function nearTexts(sets: Grams[]): Near[] {
  // Each phase is a function of its own: called once per year, each loop is compiled on its own
  // (on-stack replacement) with the feedback of its own run, instead of the whole pass being
  // compiled again each time a later loop is reached (decision 0630).
  const bucketRank = gramOrder(sets)
  // Each set's prefix: its probeLength first grams in that order, ascending (the index prefix is
  // their start). Only the prefix is ordered: scoring merges the sets' sorted hashes.
  const prefixes = prefixesOf(sets, bucketRank)
  const { prefixIds, distinct } = idsOf(sets, prefixes)
  // Smallest first (then by index): a set only meets the ones before it, never larger than itself.
  const order = Array.from({ length: sets.length }, (_, i) => i).sort(
    (a, b) => sets[a].length - sets[b].length || a - b,
  )
  const index = postingsOf(sets, prefixIds, distinct, order)
  return pairsOf(sets, prefixIds, order, index)
}

type Near = { text: number; similarity: number }[] | undefined

const probeLength = (n: number) => Math.min(n, n - Math.ceil(NEAR_IDENTICAL * n - HAIR) + 1)
const indexLength = (n: number) =>
  Math.min(n, n - Math.ceil(((2 * NEAR_IDENTICAL) / (1 + NEAR_IDENTICAL)) * n - HAIR) + 1)

/**
 * The global order (any total order keeps the filter exact; rare grams first keeps the postings
 * short): grams by how often their bucket (the hash's low ORDER_BITS bits) occurs, then by
 * bucket, then by hash. Counting by bucket touches a 256 KB table that stays in cache; an exact
 * count per gram needs a table of every distinct gram, and its misses cost more than the longer
 * postings of grams that share a bucket with a common one. Each bucket's rank in that order
 * (16 bits: a 128 KB table, which `smallest` reads once per gram).
 */
function gramOrder(sets: Grams[]): Uint16Array {
  const frequency = new Int32Array(ORDER_BUCKETS)
  for (const g of sets) for (let k = 0; k < g.length; k++) frequency[g[k] & ORDER_MASK]++
  const byFrequency = new Float64Array(ORDER_BUCKETS)
  for (let b = 0; b < ORDER_BUCKETS; b++) byFrequency[b] = frequency[b] * ORDER_BUCKETS + b
  byFrequency.sort()
  const bucketRank = new Uint16Array(ORDER_BUCKETS)
  for (let r = 0; r < ORDER_BUCKETS; r++) bucketRank[byFrequency[r] % ORDER_BUCKETS] = r
  return bucketRank
}

/**
 * The sets' prefixes, one after the other in one array (set i's from start[i] to start[i + 1]):
 * two arrays for a year instead of one per set (decision 0900; each was an ArrayBuffer with a
 * store of its own outside the heap).
 */
interface Prefixes {
  start: Int32Array
  keys: Uint32Array
}

function prefixesOf(sets: Grams[], bucketRank: Uint16Array): Prefixes {
  const start = new Int32Array(sets.length + 1)
  for (let i = 0; i < sets.length; i++) start[i + 1] = start[i] + probeLength(sets[i].length)
  const keys = new Uint32Array(start[sets.length])
  for (let i = 0; i < sets.length; i++) smallest(sets[i], bucketRank, start[i + 1] - start[i], keys, start[i])
  return { start, keys }
}

/**
 * Dense ids for the grams of the short prefixes only (a small table), then the long prefixes'
 * other grams looked up in it (-1: no short prefix holds it, nothing to meet there).
 */
function idsOf(sets: Grams[], prefixes: Prefixes): { prefixIds: PrefixIds; distinct: number } {
  let indexed = 0
  for (const s of sets) indexed += indexLength(s.length)
  const ids = new GramIds(indexed)
  const { start, keys } = prefixes
  const out = new Int32Array(keys.length)
  for (let i = 0; i < sets.length; i++) {
    const from = start[i]
    const n = indexLength(sets[i].length)
    for (let k = from; k < from + n; k++) out[k] = ids.idOf(keys[k])
  }
  for (let i = 0; i < sets.length; i++) {
    for (let k = start[i] + indexLength(sets[i].length); k < start[i + 1]; k++) out[k] = ids.find(keys[k])
  }
  return { prefixIds: { start, ids: out }, distinct: ids.size }
}

/** The prefixes' grams as ids (idsOf), laid out as the Prefixes are. */
interface PrefixIds {
  start: Int32Array
  ids: Int32Array
}

/** Postings of the short prefixes, by id, each list in processing order; each set's place in it. */
function postingsOf(sets: Grams[], prefixIds: PrefixIds, distinct: number, order: number[]) {
  const postingStart = new Int32Array(distinct + 1)
  const { start, ids } = prefixIds
  for (let i = 0; i < sets.length; i++) {
    const from = start[i]
    const n = indexLength(sets[i].length)
    for (let k = from; k < from + n; k++) postingStart[ids[k] + 1]++
  }
  for (let g = 0; g < distinct; g++) postingStart[g + 1] += postingStart[g]
  const postings = new Int32Array(postingStart[distinct])
  const filled = postingStart.slice(0, distinct)
  const place = new Int32Array(sets.length)
  for (let at = 0; at < order.length; at++) {
    const i = order[at]
    place[i] = at
    const from = start[i]
    const n = indexLength(sets[i].length)
    for (let k = from; k < from + n; k++) postings[filled[ids[k]]++] = i
  }
  return { postingStart, postings, place }
}

/** Each set, in processing order, scored against the earlier sets its long prefix meets. */
function pairsOf(
  sets: Grams[],
  prefixIds: PrefixIds,
  order: number[],
  { postingStart, postings, place }: ReturnType<typeof postingsOf>,
): Near[] {
  const count = sets.length
  const near: Near[] = new Array(count)
  const seenBy = new Int32Array(count).fill(-1)
  for (let at = 0; at < count; at++) {
    const i = order[at]
    const mine = sets[i]
    const { start, ids } = prefixIds
    for (let k = start[i]; k < start[i + 1]; k++) {
      const g = ids[k]
      if (g < 0) continue
      for (let p = postingStart[g], end = postingStart[g + 1]; p < end; p++) {
        const j = postings[p]
        // Lists are in processing order: the rest come after this set.
        if (place[j] >= at) break
        if (seenBy[j] === i) continue
        seenBy[j] = i
        const theirs = sets[j]
        if (sizesApart(mine.length, theirs.length)) continue
        const similarity = nearJaccard(mine, theirs)
        if (similarity < NEAR_IDENTICAL) continue
        addNear(near, i, j, similarity)
        addNear(near, j, i, similarity)
      }
    }
  }
  return near
}

function addNear(near: Near[], at: number, text: number, similarity: number) {
  const list = near[at]
  if (list) list.push({ text, similarity })
  else near[at] = [{ text, similarity }]
}

/** Buckets of the global gram order in nearTexts (2^16 counters). */
const ORDER_BITS = 16
const ORDER_BUCKETS = 2 ** ORDER_BITS
const ORDER_MASK = ORDER_BUCKETS - 1
/** A hash's bits above its bucket (hashes are below 2^32). */
const ORDER_HIGH = 2 ** (32 - ORDER_BITS)

/** Coarse bins of the bucket ranks in `smallest`: rank >> RANK_SHIFT, 256 bins of 256 ranks. */
const RANK_SHIFT = 8
/** The keys of one bin of ranks: 2^RANK_SHIFT ranks of ORDER_HIGH keys each. */
const BIN_SPAN = 2 ** RANK_SHIFT * ORDER_HIGH
const rankBins = new Int32Array(ORDER_BUCKETS >> RANK_SHIFT)
/** Keys and candidates of one set in `smallest`, reused. */
let keyScratch = new Uint32Array(4096)
let candidateScratch = new Uint32Array(4096)

/**
 * The `count` first grams of a set in the global order, as keys ascending, written into `out` from `at`: a gram's key is its
 * bucket's rank (`bucketRank`) times ORDER_HIGH plus its hash's bits above the bucket, below
 * 2^32 and one per hash. A selection by the rank's coarse bin (decision 0630): one pass keys
 * the grams and counts them per bin; the bins below the one where `count` is reached are all
 * in, and only that bin's keys (a gram or two: a set's buckets are spread over all ranks) are
 * sorted to take the rest. A third less CPU than the max-heap it replaces, whose sift-downs
 * branched unpredictably; the same keys.
 */
function smallest(grams: Grams, bucketRank: Uint16Array, count: number, out: Uint32Array, at: number): void {
  const n = grams.length
  if (keyScratch.length < n) {
    keyScratch = new Uint32Array(n * 2)
    candidateScratch = new Uint32Array(n * 2)
  }
  const keys = keyScratch
  rankBins.fill(0)
  for (let k = 0; k < n; k++) {
    const h = grams[k]
    const rank = bucketRank[h & ORDER_MASK]
    keys[k] = ((rank << ORDER_BITS) | (h >>> ORDER_BITS)) >>> 0
    rankBins[rank >> RANK_SHIFT]++
  }
  // count <= n, so the bin is found before the last one ends.
  let bin = 0
  let below = 0
  while (below + rankBins[bin] < count) below += rankBins[bin++]
  const floor = bin * BIN_SPAN
  const limit = (bin + 1) * BIN_SPAN
  const candidates = candidateScratch
  let m = at
  let c = 0
  for (let k = 0; k < n; k++) {
    const key = keys[k]
    if (key < floor) out[m++] = key
    else if (key < limit) candidates[c++] = key
  }
  sortFirst(candidates, 0, c)
  for (let i = 0; m < at + count; i++) out[m++] = candidates[i]
  sortFirst(out, at, count)
}

/** Sorts the `n` numbers from `from` in place: by insertion when few (no native call), else natively. */
function sortFirst(xs: Uint32Array, from: number, n: number): void {
  if (n > 64) {
    xs.subarray(from, from + n).sort()
    return
  }
  for (let i = from + 1; i < from + n; i++) {
    const v = xs[i]
    let j = i - 1
    while (j >= from && xs[j] > v) {
      xs[j + 1] = xs[j]
      j--
    }
    xs[j + 1] = v
  }
}
