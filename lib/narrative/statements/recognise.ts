/**
 * Reads a narrative the way a careful reviewer does: finds the numbers that state a table
 * quantity (lib/format/narrative-phrases.ts says which phrases mean which cells), the shares and
 * year-on-year changes stated after them, statements of none (“未收到…申请”), “均获维持”, and
 * lists of counts with a stated total. Anything it does not recognise is left alone: a finding is
 * only ever raised about a recognised statement (lib/narrative/statements/check.ts).
 *
 * Recognition depends on the text only, so it is cached per text: a keystroke in a cell re-checks
 * the statements against the cells without reading the narrative again.
 */
import {
  ALL_UPHELD,
  AMOUNT_UNITS,
  CHANGE_LEAD,
  CHANGE_UP,
  COUNT_UNITS,
  QUANTITY_PHRASES,
  type QuantityPhrase,
  SHARE_LEAD,
  SUM_PARTS_LEAD,
  SUM_TOTAL_LEAD,
  ZERO_LEAD,
  ZERO_PHRASES,
  type ZeroPhrase,
} from '@/lib/format/narrative-phrases'
import { normalizeDigits } from '@/lib/format/value-types'
import { splitOverride } from '@/lib/narrative'
import { recentTexts } from '../recent-texts'

/** A number as written, with its unit. */
export interface Quantity {
  /** Offsets in the sentence. */
  start: number
  end: number
  /** As written, unit included (“61件”, “58.10%”, “{{applications.granted.total}}件”). */
  text: string
  /** The number (NaN for a linked one). */
  value: number
  /** Decimal places as written (the stated precision of a percentage). */
  decimals: number
  unit: 'count' | 'yuan' | 'percent'
  /** The unit character(s) as written. */
  unitText: string
  /** A linked number: the token's inside. */
  linked?: string
  /** Inside （…）: not a part of a list's sum. */
  inParens: boolean
}

export type Statement =
  | { kind: 'count'; phrase: QuantityPhrase; q: Quantity }
  /** A share (占X%) of the count statement at `of` (index in the sentence's statements). */
  | { kind: 'share'; of: number; q: Quantity }
  /** A change from last year of the count statement at `of`. */
  | { kind: 'change'; of: number; q: Quantity; up: boolean }
  | { kind: 'zero'; phrase: ZeroPhrase; clause: string }
  | { kind: 'allUpheld'; of: number; words: string }
  /** Parts listed with their total: after it (“共32件，其中…”: parts may not exceed it) or before it (“…，共计50件”: they add up to it). */
  | { kind: 'sum'; total: Quantity; parts: Quantity[]; exhaustive: boolean }

export interface Sentence {
  text: string
  statements: Statement[]
}

export interface RecognisedParagraph {
  /** Line number from 1 (blank lines counted), as design.md numbers paragraphs. */
  paragraph: number
  sentences: Sentence[]
}

const UNIT_PATTERN = [...COUNT_UNITS, ...AMOUNT_UNITS, '%', '％'].join('|')
/** A number (digits, full-width too) or a linked token, then an optional unit. */
const QUANTITY = new RegExp(
  `(\\{\\{(?!h:[0-4]\\}\\})[^{}\\n]{1,200}\\}\\})|([0-9０-９]+(?:[.．][0-9０-９]+)?)(?:\\s*)(${UNIT_PATTERN})?`,
  'g',
)
/** A unit at the start of the text after a linked token. */
const UNIT_FIRST = new RegExp(`^(${UNIT_PATTERN})`)
/** ，,；;：:（( by code unit (a test per code unit, no one-character string made for it). */
const isClauseBreak = (unit: number) =>
  unit === 0xff0c ||
  unit === 0x2c ||
  unit === 0xff1b ||
  unit === 0x3b ||
  unit === 0xff1a ||
  unit === 0x3a ||
  unit === 0xff08 ||
  unit === 0x28

function unitOf(unit: string): Quantity['unit'] | null {
  if (unit === '%' || unit === '％') return 'percent'
  if ((AMOUNT_UNITS as readonly string[]).includes(unit)) return 'yuan'
  if ((COUNT_UNITS as readonly string[]).includes(unit)) return 'count'
  return null
}

/**
 * Whether offsets of a text are inside （…）, asked in increasing order: the text is read up to the
 * offset asked, once in all, with no array of depths for every offset (a typed array per sentence
 * was a tenth of what recognising allocated).
 */
class ParenDepth {
  private at = 0
  private depth = 0

  constructor(private readonly text: string) {}

  /** Inside （…） at `offset` (an offset not before the last one asked, not a bracket itself). */
  inside(offset: number): boolean {
    const { text } = this
    let d = this.depth
    for (let i = this.at; i < offset; i++) {
      // By code unit: text[i] would make a string of every CJK character.
      const unit = text.charCodeAt(i)
      if (unit === 0xff08 || unit === 0x28) d++
      else if ((unit === 0xff09 || unit === 0x29) && d > 0) d--
    }
    this.at = Math.max(this.at, offset)
    this.depth = d
    return d > 0
  }
}

/** The numbers with a unit in a sentence; years, dates and numbers of items (第3项) are not quantities. */
export function quantities(sentence: string): Quantity[] {
  const out: Quantity[] = []
  const depth = new ParenDepth(sentence)
  // exec from the start, not matchAll: matchAll constructs a copy of the pattern on every call
  // (the pattern's source hashed and looked up again), and a sentence is short.
  QUANTITY.lastIndex = 0
  for (let m = QUANTITY.exec(sentence); m !== null; m = QUANTITY.exec(sentence)) {
    const start = m.index
    const token = m[1]
    if (token) {
      const after = sentence.slice(start + m[0].length)
      const inner = token.slice(2, -2)
      if (inner.startsWith('share:')) {
        out.push(linkedQuantity(start, token, inner, 'percent', '%', depth))
        continue
      }
      const unit = UNIT_FIRST.exec(after)?.[1]
      const kind = unit ? unitOf(unit) : null
      if (!unit || !kind) continue
      out.push({ ...linkedQuantity(start, token + unit, inner, kind, unit, depth) })
      continue
    }
    const unit = m[3]
    if (!unit) continue
    if (start > 0 && /[第.\w]/.test(sentence[start - 1])) continue
    const kind = unitOf(unit)
    if (!kind) continue
    // 5万元 is not 5元: the unit must follow the digits directly.
    const digits = normalizeDigits(m[2]).replace('．', '.')
    const dot = digits.indexOf('.')
    out.push({
      start,
      end: start + m[0].length,
      text: m[0],
      value: Number(digits),
      decimals: dot < 0 ? 0 : digits.length - dot - 1,
      unit: kind,
      unitText: unit,
      inParens: depth.inside(start),
    })
  }
  return out
}

function linkedQuantity(
  start: number,
  text: string,
  inner: string,
  unit: Quantity['unit'],
  unitText: string,
  depth: ParenDepth,
): Quantity {
  return {
    start,
    end: start + text.length,
    text,
    value: Number.NaN,
    decimals: 2,
    unit,
    unitText,
    linked: inner,
    inParens: depth.inside(start),
  }
}

/** The clause before a number: after the previous number and the last ，；：（. */
function clauseBefore(sentence: string, from: number, to: number): string {
  const lead = sentence.slice(from, to)
  let cut = -1
  for (let i = lead.length - 1; i >= 0; i--) {
    if (isClauseBreak(lead.charCodeAt(i))) {
      cut = i
      break
    }
  }
  return lead.slice(cut + 1).trim()
}

function phraseFor(clause: string, sentence: string, unit: Quantity['unit']): QuantityPhrase | null {
  if (clause === '') return null
  for (const phrase of QUANTITY_PHRASES) {
    if (phrase.unit !== unit) continue
    if (phrase.lead.test(clause) && !phrase.unless?.test(sentence)) return phrase
  }
  return null
}

/** The statements of one sentence. */
export function recogniseSentence(sentence: string): Statement[] {
  const statements: Statement[] = []
  const qs = quantities(sentence)
  /** Statement index of each quantity's count statement, if it has one. */
  const countAt = new Array<number>(qs.length).fill(-1)
  let lastCount = -1
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]
    const prevEnd = i > 0 ? qs[i - 1].end : 0
    const lead = sentence.slice(prevEnd, q.start).trim()
    const change = CHANGE_LEAD.exec(lead)
    if (change && lastCount >= 0 && (q.unit === 'percent' || q.unit === 'count')) {
      statements.push({ kind: 'change', of: lastCount, q, up: CHANGE_UP.test(change[1]) })
      continue
    }
    if (q.unit === 'percent') {
      if (i > 0 && countAt[i - 1] >= 0 && SHARE_LEAD.test(lead))
        statements.push({ kind: 'share', of: countAt[i - 1], q })
      continue
    }
    const phrase = phraseFor(clauseBefore(sentence, prevEnd, q.start), sentence, q.unit)
    if (!phrase) continue
    countAt[i] = statements.length
    lastCount = statements.length
    statements.push({ kind: 'count', phrase, q })
    if (phrase.target && 'review' in phrase.target) {
      const rest = sentence.slice(q.end, i + 1 < qs.length ? qs[i + 1].start : sentence.length)
      const words = ALL_UPHELD.exec(rest.split(/[；;。]/)[0])
      if (words) statements.push({ kind: 'allUpheld', of: countAt[i], words: words[0] })
    }
  }
  statements.push(...zeroStatements(sentence))
  statements.push(...sumStatements(sentence, qs))
  return statements
}

function zeroStatements(sentence: string): Statement[] {
  const out: Statement[] = []
  // No lead word in the sentence, none in a clause of it: the sentence is not split (most are not).
  if (!ZERO_LEAD.test(sentence)) return out
  for (const clause of sentence.split(/[，,；;。]/)) {
    // A clause without a lead word cannot be a statement of none: not read against each phrase.
    if (!ZERO_LEAD.test(clause) || /[0-9０-９]|\{\{/.test(clause)) continue
    for (const phrase of ZERO_PHRASES) {
      if (phrase.clause.test(clause) && !phrase.unless?.test(clause)) out.push({ kind: 'zero', phrase, clause })
    }
  }
  return out
}

/** Lists of counts with their total, in one sentence. */
function sumStatements(sentence: string, qs: Quantity[]): Statement[] {
  const out: Statement[] = []
  const counted = qs.filter((q) => !q.inParens && q.unit !== 'percent')
  for (let i = 0; i < counted.length; i++) {
    const total = counted[i]
    const next = counted[i + 1]
    if (!next) break
    // “共32件，其中：予以公开24件，…”: the parts follow.
    const between = sentence.slice(total.end, next.start)
    if (SUM_PARTS_LEAD.test(between) && !/[。；;]/.test(between)) {
      const parts: Quantity[] = []
      for (let j = i + 1; j < counted.length; j++) {
        const gap = sentence.slice(counted[j - 1].end, counted[j].start)
        if (j > i + 1 && /[；;]?\s*(?:另|此外|共|合计|总计)/.test(gap)) break
        // “复议351件，其中…37件；诉讼46件，其中…”: a new “其中” means the number before it is the
        // next list's total, not a part of this one.
        if (j > i + 1 && SUM_PARTS_LEAD.test(gap)) {
          parts.pop()
          break
        }
        if (counted[j].unitText !== total.unitText) break
        parts.push(counted[j])
      }
      if (parts.length >= 2) out.push({ kind: 'sum', total, parts, exhaustive: false })
    }
  }
  // “新收49件、上年结转1件，共计50件”: the total follows its parts.
  for (let i = 2; i < counted.length; i++) {
    const total = counted[i]
    const lead = sentence.slice(counted[i - 1].end, total.start).replace(/[\s，,、]/g, '')
    if (!SUM_TOTAL_LEAD.test(lead) || lead.length > 3) continue
    const parts: Quantity[] = []
    for (let j = i - 1; j >= 0; j--) {
      if (counted[j].unitText !== total.unitText) break
      const gap = j > 0 ? sentence.slice(counted[j - 1].end, counted[j].start) : ''
      parts.unshift(counted[j])
      if (j > 0 && /其中|[；;]/.test(gap)) break
    }
    if (parts.length >= 2) out.push({ kind: 'sum', total, parts, exhaustive: true })
  }
  return out
}

export function splitSentences(line: string): string[] {
  const out: string[] = []
  let start = 0
  for (let i = 0; i < line.length; i++) {
    // By code unit: line[i] would make a string of each CJK character.
    const c = line.charCodeAt(i)
    // 。！？!? end a sentence.
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f) {
      const s = line.slice(start, i + 1).trim()
      if (s) out.push(s)
      start = i + 1
    }
  }
  const rest = line.slice(start).trim()
  if (rest) out.push(rest)
  return out
}

/** A sentence worth reading: a number with a unit, a link, or words of a statement of none. */
const WORTH_READING = new RegExp(
  `[0-9０-９]\\s*(?:${UNIT_PATTERN})|\\{\\{|(?:未|没有|无|不)[^。]*(?:申请|复议|诉讼|费)`,
)

/**
 * The statements of a narrative, paragraph by paragraph (only paragraphs with statements). The
 * last 64 texts' are kept (recentTexts: found by `===`): a keystroke in a cell re-checks the
 * statements without reading the narrative again.
 */
export const recognise: (text: string) => RecognisedParagraph[] = recentTexts(64, (text) => {
  const out: RecognisedParagraph[] = []
  text.split('\n').forEach((raw, i) => {
    const line = splitOverride(raw.trim()).text
    if (line === '') return
    if (!WORTH_READING.test(line)) return
    const sentences: Sentence[] = []
    for (const s of splitSentences(line)) {
      if (!WORTH_READING.test(s)) continue
      const statements = recogniseSentence(s)
      if (statements.length) sentences.push({ text: s, statements })
    }
    if (sentences.length) out.push({ paragraph: i + 1, sentences })
  })
  return out
})
