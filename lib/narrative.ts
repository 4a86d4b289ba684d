/**
 * Narrative text as officers paste it from Word: plain paragraphs, where a paragraph that starts
 * with 一、 （一） 1. （1） may be a heading of that level (GB/T 9704: 黑体 / 楷体 / 仿宋 bold / 仿宋) and
 * `**bold**` marks runs in bold. Parsed once here for the editor preview and both exports.
 *
 * The numbering alone does not make a heading: a numbered paragraph of several sentences is an
 * item of body text. The level is decided by the shape of the line (detectLevel); the officer may
 * override it per paragraph with a `{{h:N}}` marker at the start of the line (N = 0 for body
 * text), which every renderer strips (../shared/design.md, "Narrative text").
 */
import { UNSAFE_IN_TEXT } from '@/lib/text/unsafe-chars'

export type HeadingLevel = 1 | 2 | 3 | 4

export interface TextRun {
  text: string
  bold: boolean
}

export interface NarrativeParagraph {
  /** 0 for body text, else the heading level. */
  level: 0 | HeadingLevel
  /** The heading part (for a heading paragraph that runs on into text, up to its first 。：). */
  heading: TextRun[]
  /** The body part. */
  body: TextRun[]
}

const CN_NUM = '[一二三四五六七八九十百]+'
const LEVEL_PATTERNS: [HeadingLevel, RegExp][] = [
  [1, new RegExp(`^${CN_NUM}、`)],
  [2, new RegExp(`^[（(]${CN_NUM}[）)]`)],
  // Digits typed in full-width mode (１．（２）) number headings just the same.
  [3, /^[0-9０-９]{1,2}(?:[.．](?![0-9０-９])|、)/],
  [4, /^[（(][0-9０-９]{1,2}[）)]/],
]

/** The level the numbering at the start of a line names, whatever follows it. */
export function headingLevel(paragraph: string): 0 | HeadingLevel {
  for (const [level, pattern] of LEVEL_PATTERNS) if (pattern.test(paragraph)) return level
  return 0
}

/** A heading's first sentence is short: a longer one is an item of body text that starts with a number. */
export const HEADING_MAX_CHARS = 40

const OVERRIDE = /^\{\{h:([0-4])\}\}/

/** The officer's level for a line (`{{h:2}}…`), and the line without the marker. */
export function splitOverride(line: string): { override: 0 | HeadingLevel | null; text: string } {
  const m = OVERRIDE.exec(line)
  if (!m) return { override: null, text: line }
  return { override: Number(m[1]) as 0 | HeadingLevel, text: line.slice(m[0].length) }
}

/** The line with the officer's level set (null removes the marker). */
export function withOverride(line: string, level: 0 | HeadingLevel | null): string {
  const { text } = splitOverride(line)
  return level === null ? text : `{{h:${level}}}${text}`
}

/** Printed length of text, in characters: `**` markers do not print. */
function printedLength(text: string): number {
  return Array.from(text.replace(/\*\*/g, '')).length
}

/** Where the first sentence ends (its stop included), or the whole line. */
function firstSentenceEnd(line: string): number {
  const end = line.search(HEADING_END)
  return end < 0 ? line.length : end + 1
}

/** A line cut off mid-sentence (a comma, an open bracket) continues in the next paragraph. */
const CONTINUES = /[，,、（(《“‘—-]$/

/**
 * The level a person would read a line at: numbered as a heading, with a short first sentence
 * (a run-in heading, a short lead sentence followed by body text, is fine), not cut off
 * mid-sentence to continue in the next paragraph.
 */
export function detectLevel(line: string): 0 | HeadingLevel {
  const level = headingLevel(line)
  if (level === 0) return 0
  if (printedLength(line.slice(0, firstSentenceEnd(line))) > HEADING_MAX_CHARS) return 0
  if (CONTINUES.test(line)) return 0
  return level
}

/** Splits `**bold**` markers into runs; an unclosed marker is kept as text. */
export function parseRuns(text: string): TextRun[] {
  const runs: TextRun[] = []
  const pattern = /\*\*([^*]+?)\*\*/g
  let last = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index), bold: false })
    runs.push({ text: m[1], bold: true })
    last = m.index + m[0].length
  }
  if (last < text.length) runs.push({ text: text.slice(last), bold: false })
  return runs
}

/** Removes what Word or a web page leaves in pasted text that cannot be typeset. */
export function cleanPastedText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Controls, U+FFFE/FFFF and bidi overrides: the one list input uses too.
      .replace(UNSAFE_IN_TEXT, '')
      // Lone surrogates cannot be encoded in a document.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/\u00a0/g, ' ')
      // Line and paragraph separators (U+2028/2029) end a paragraph, as a line feed does.
      .replace(/[\u2028\u2029]/g, '\n')
  )
}

const HEADING_END = /[。：:！？；]/

/** One line of a narrative as the editor shows it: the level detected, the officer's, and the one used. */
export interface ParagraphLevel {
  /** The paragraph's number (1-based, over all lines, blank ones included, as PATCH numbers them). */
  line: number
  text: string
  detected: 0 | HeadingLevel
  override: 0 | HeadingLevel | null
  level: 0 | HeadingLevel
}

const trimLine = (raw: string) => raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')

/** Every non-blank line with its detected and effective level. */
export function paragraphLevels(text: string): ParagraphLevel[] {
  const out: ParagraphLevel[] = []
  cleanPastedText(text)
    .split('\n')
    .forEach((raw, i) => {
      const { override, text: rest } = splitOverride(trimLine(raw))
      const line = trimLine(rest)
      if (line === '') return
      const detected = detectLevel(line)
      out.push({ line: i + 1, text: line, detected, override, level: override ?? detected })
    })
  return out
}

export function parseNarrative(text: string): NarrativeParagraph[] {
  const out: NarrativeParagraph[] = []
  for (const { text: line, level } of paragraphLevels(text)) {
    if (level === 0) {
      out.push({ level, heading: [], body: parseRuns(line) })
      continue
    }
    const end = line.search(HEADING_END)
    if (end >= 0 && end < line.length - 1) {
      out.push({ level, heading: parseRuns(line.slice(0, end + 1)), body: parseRuns(line.slice(end + 1)) })
    } else {
      out.push({ level, heading: parseRuns(line), body: [] })
    }
  }
  return out
}

export const HEADING_LEVEL_NAMES: Record<HeadingLevel, string> = {
  1: '一级标题（黑体）',
  2: '二级标题（楷体）',
  3: '三级标题（仿宋加粗）',
  4: '四级标题（仿宋）',
}

export const HEADING_LEVEL_SHORT: Record<0 | HeadingLevel, string> = {
  0: '正文',
  1: '一级',
  2: '二级',
  3: '三级',
  4: '四级',
}

/** A heading as compared: no spaces, the dash some paste for 一, no closing stop. */
function headingKey(text: string): string {
  return text
    .replace(/[\s\u3000]/g, '')
    .replace(/^[—–-]、/, '一、')
    .replace(/[。：:]$/, '')
}

/**
 * Text pasted whole from a report often starts with the section's own heading (“一、总体情况”),
 * which the document prints already: the first non-blank line is dropped when it repeats it.
 */
export function dropRepeatedHeading(text: string, heading: string): { text: string; dropped: string | null } {
  // The first non-blank line, found without cutting the whole text into lines: most texts keep it.
  let start = 0
  let end = text.indexOf('\n')
  while (trimLine(end < 0 ? text.slice(start) : text.slice(start, end)) === '') {
    if (end < 0) return { text, dropped: null }
    start = end + 1
    end = text.indexOf('\n', start)
  }
  const line = splitOverride(trimLine(end < 0 ? text.slice(start) : text.slice(start, end))).text
  if (headingKey(line) !== headingKey(heading)) return { text, dropped: null }
  // The blank lines before it stay; those right after it go with it.
  const rest = end < 0 ? [] : text.slice(end + 1).split('\n')
  while (rest.length > 0 && trimLine(rest[0]) === '') rest.shift()
  const before = start > 0 ? [text.slice(0, start - 1)] : []
  return { text: [...before, ...rest].join('\n'), dropped: trimLine(line) }
}

/** The notice for a dropped heading. */
export const droppedHeadingNotice = (heading: string) =>
  `已去掉与本部分标题重复的首行“${heading}”，标题由系统统一排版。`
