/**
 * A table region as a stream of tokens: label text, numbers, blank cells and printed blanks
 * (“/”, “—”). A cell that runs a label and its numbers together (“规章 1 0 1”, text copied from a
 * PDF) is split; numbers keep their printed text.
 */
import { normalizeDigits } from '@/lib/format/value-types'
import { collapse, type DocLine } from './lines'

export type Token =
  | { kind: 'text'; text: string; norm: string }
  | { kind: 'number'; text: string; value: string; unit: string | null }
  | { kind: 'blank'; text: string }
  | { kind: 'dash'; text: string }

/** Cells printed in place of a value: a slash or a dash of any width, or 无. */
export const DASH = /^(?:[/／\\]|[-—–－─━‐‑]+|无)$/
const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/
const WITH_UNIT = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|元|件|个|项|次|人次|条)$/
const TRAILING_NUMBERS = /^(.*?[^\d\s.,+-])\s+((?:[-+]?\d[\d,]*(?:\.\d+)?\s*)+)$/

/** Label text compared without spaces and quotes, with one kind of brackets and full stops. */
export function normText(text: string): string {
  return normalizeDigits(text)
    .replace(/[\s\u00a0\u3000]/g, '')
    .replace(/[“”"'‘’「」*]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[．。、,，:：;；]/g, '.')
}

function numberToken(text: string): Token | null {
  const t = normalizeDigits(text)
    .replace(/[\s\u00a0\u3000]/g, '')
    .replace(/，/g, ',')
  if (NUMBER.test(t)) return { kind: 'number', text, value: t.replace(/,/g, ''), unit: null }
  const unit = WITH_UNIT.exec(t)
  if (unit) return { kind: 'number', text, value: unit[1].replace(/,/g, ''), unit: unit[2] }
  return null
}

/** The tokens of one cell (or of a line of text in a table region). */
export function cellTokens(raw: string, isCell: boolean): Token[] {
  const text = collapse(raw)
  if (text === '') return isCell ? [{ kind: 'blank', text: raw }] : []
  if (DASH.test(text.replace(/\s/g, ''))) return [{ kind: 'dash', text }]
  const n = numberToken(text)
  if (n) return [n]
  const normal = normalizeDigits(text)
  // Numbers only, separated by spaces: several cells copied as one.
  const parts = normal.split(/\s+/)
  if (parts.length > 1 && parts.every((p) => numberToken(p) || DASH.test(p))) {
    return parts.map((p) => numberToken(p) ?? { kind: 'dash', text: p })
  }
  const m = TRAILING_NUMBERS.exec(normal)
  if (m) {
    const numbers = m[2].trim().split(/\s+/)
    if (numbers.every((p) => numberToken(p))) {
      return [{ kind: 'text', text: m[1], norm: normText(m[1]) }, ...numbers.map((p) => numberToken(p) as Token)]
    }
  }
  return [{ kind: 'text', text, norm: normText(text) }]
}

export function regionTokens(lines: DocLine[]): Token[] {
  const tokens: Token[] = []
  for (const line of lines) {
    if (line.kind === 'p') tokens.push(...cellTokens(line.text, false))
    else for (const cell of line.cells) tokens.push(...cellTokens(cell, true))
  }
  return tokens
}

export const isValue = (t: Token) => t.kind !== 'text'
