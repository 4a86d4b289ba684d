/**
 * Narrative text as officers paste it from Word: plain paragraphs, where a paragraph that starts
 * with 一、 （一） 1. （1） is a heading of that level (GB/T 9704: 黑体 / 楷体 / 仿宋 bold / 仿宋) and
 * `**bold**` marks runs in bold. Parsed once here for the editor preview and both exports.
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
  [3, /^[0-9０-９]{1,2}[.．](?![0-9０-９])/],
  [4, /^[（(][0-9０-９]{1,2}[）)]/],
]

export function headingLevel(paragraph: string): 0 | HeadingLevel {
  for (const [level, pattern] of LEVEL_PATTERNS) if (pattern.test(paragraph)) return level
  return 0
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
  )
}

const HEADING_END = /[。：:！？；]/

export function parseNarrative(text: string): NarrativeParagraph[] {
  const out: NarrativeParagraph[] = []
  for (const raw of cleanPastedText(text).split('\n')) {
    // Word indents paragraphs with full-width spaces; typesetting indents them again.
    const line = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
    if (line === '') continue
    const level = headingLevel(line)
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
