/**
 * Checks recognised statements (recognise.ts) against the cells. Each disagreement is one
 * finding at its sentence: the cells, the table's value and the stated one, and the fix (the
 * number to write, or the token to link it). What cannot be judged (a blank cell, a cell the
 * format does not have, no last year's report) is left alone.
 *
 * Findings (rule ids, severities and messages are declared in the format: rule-builders.ts
 * `statementRules`):
 * - N1 a count (or a statement of none, or “均获维持”) the table contradicts: warning;
 * - N2 a share the table contradicts: warning; N3 a share off by its last digit only (rounding): info;
 * - N4 listed counts that do not add up to the total stated with them: warning;
 * - N5 a received count that is 新收 + 上年结转: info, with the clearer wording;
 * - N6 a change from last year the two years' tables do not give: warning.
 */
import { cellByPath } from '@/lib/format/cells'
import { cellsLabel, type PhraseTarget, targetCells, UPHELD_RESULT } from '@/lib/format/narrative-phrases'
import type { FormatDef } from '@/lib/format/types'
import { cellToken, shareToken } from '@/lib/narrative/links'
import type { Quantity, Statement } from './recognise'

/** A statement's disagreement, before it is dressed as a RuleResult by lib/narrative/findings.ts. */
export interface StatementIssue {
  ruleId: 'N1' | 'N2' | 'N3' | 'N4' | 'N5' | 'N6'
  /** What is wrong, in words (the quote and place are added by the caller). */
  message: string
  cells: string[]
  /** The table's value (or what the stated numbers give). */
  expected: number | string | null
  /** What the sentence states. */
  actual: number | string | null
  /** The fix: the text to replace and what to write instead, and the token that links it. */
  fix?: { from: string; to: string; link?: string }
}

export interface CheckContext {
  format: FormatDef
  /** A cell's value now (NaN when blank or not a number). */
  value: (path: string) => number
  /** Last year's value at this format's path (NaN when unknown); null without last year's report. */
  previous: ((path: string) => number) | null
}

/** The sum of cells, or NaN when any is blank; NaN too when the format has none of them. */
function sumOf(cells: string[], read: (path: string) => number): number {
  if (cells.length === 0) return Number.NaN
  let total = 0
  for (const c of cells) total += read(c)
  return total
}

const cellLabel = (format: FormatDef, path: string) => cellByPath(format, path)?.label ?? path
const labelOf = cellsLabel

/** A per-cent value rounded half up to `places`, computed in integers (2.675 → 2.68, not 2.67). */
export function roundedShare(part: number, whole: number, places: number): number {
  const scale = 10 ** places
  return Math.round((part * 100 * scale * 1e6) / whole / 1e6) / scale
}

const fmt = (n: number, places: number) => n.toFixed(places)
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9

function numberText(q: Quantity, value: number): string {
  return `${q.unit === 'yuan' ? String(value) : fmt(value, q.unit === 'percent' ? q.decimals : 0)}${q.unitText}`
}

/** One linked token that would print the cells' value (only for a single cell). */
const linkFor = (cells: string[]) => (cells.length === 1 ? cellToken(cells[0]) : undefined)

interface CountOutcome {
  /** The cells the statement was found to mean (for its share and change). */
  cells: string[] | null
  agreed: boolean
}

export function checkSentence(ctx: CheckContext, statements: Statement[]): StatementIssue[] {
  const { format, value } = ctx
  const issues: StatementIssue[] = []
  const outcomes: (CountOutcome | null)[] = statements.map(() => null)

  statements.forEach((s, i) => {
    if (s.kind !== 'count') return
    const cells = targetCells(format, s.phrase.target)
    if (s.q.linked) {
      outcomes[i] = { cells, agreed: true }
      return
    }
    const table = sumOf(cells, value)
    if (Number.isNaN(table)) return
    if (same(table, s.q.value)) {
      outcomes[i] = { cells, agreed: true }
      return
    }
    for (const alt of s.phrase.alternatives ?? []) {
      const altCells = targetCells(format, alt.target)
      const altValue = sumOf(altCells, value)
      if (Number.isNaN(altValue) || !same(altValue, s.q.value)) continue
      outcomes[i] = { cells: altCells, agreed: true }
      if (alt.wording) issues.push(wordingIssue(format, s.q, cells, altCells, value))
      return
    }
    outcomes[i] = { cells, agreed: false }
    issues.push({
      ruleId: 'N1',
      message: `文中写${s.q.text}，表中${labelOf(format, cells)}为${numberText(s.q, table)}`,
      cells,
      expected: table,
      actual: s.q.value,
      fix: { from: s.q.text, to: numberText(s.q, table), link: linkFor(cells) && `${linkFor(cells)}${s.q.unitText}` },
    })
  })

  statements.forEach((s) => {
    if (s.kind === 'share') {
      const subject = outcomes[s.of]
      const of = statements[s.of]
      if (!subject?.agreed || !subject.cells || of.kind !== 'count' || s.q.linked) return
      const issue = checkShare(ctx, statements, outcomes, of.phrase.shareOf ?? [], subject.cells, s.q)
      if (issue) issues.push(issue)
    } else if (s.kind === 'change') {
      const subject = outcomes[s.of]
      if (!subject?.agreed || !subject.cells || s.q.linked || !ctx.previous) return
      const issue = checkChange(ctx, subject.cells, s.q, s.up)
      if (issue) issues.push(issue)
    } else if (s.kind === 'allUpheld') {
      const of = statements[s.of]
      if (of.kind !== 'count' || !('review' in of.phrase.target)) return
      const totals = targetCells(format, of.phrase.target)
      const upheldCells = targetCells(format, { review: of.phrase.target.review, result: UPHELD_RESULT })
      const total = sumOf(totals, value)
      const upheld = sumOf(upheldCells, value)
      if (Number.isNaN(total) || Number.isNaN(upheld) || upheld === total) return
      issues.push({
        ruleId: 'N1',
        message: `文中写“${s.words}”，表中${labelOf(format, upheldCells)}为${upheld}，${labelOf(format, totals)}为${total}`,
        cells: [...upheldCells, ...totals],
        expected: upheld,
        actual: total,
      })
    } else if (s.kind === 'zero') {
      const cells = targetCells(format, s.phrase.target)
      const table = sumOf(cells, value)
      if (Number.isNaN(table) || table === 0) return
      issues.push({
        ruleId: 'N1',
        message: `文中写“${s.clause}”，表中${labelOf(format, cells)}为${table}`,
        cells,
        expected: table,
        actual: 0,
      })
    } else if (s.kind === 'sum') {
      if (s.total.linked || s.parts.some((p) => p.linked)) return
      const parts = s.parts.reduce((t, p) => t + p.value, 0)
      const wrong = s.exhaustive ? !same(parts, s.total.value) : parts > s.total.value + 1e-9
      if (!wrong) return
      const listed = s.parts.map((p) => p.text).join(' + ')
      issues.push({
        ruleId: 'N4',
        message: s.exhaustive
          ? `文中列出的${listed} = ${parts}${s.total.unitText}，与所写合计${s.total.text}不符`
          : `文中“其中”列出的${listed} = ${parts}${s.total.unitText}，超过所写总数${s.total.text}`,
        cells: [],
        expected: parts,
        actual: s.total.value,
        fix: s.exhaustive ? { from: s.total.text, to: `${parts}${s.total.unitText}` } : undefined,
      })
    }
  })
  return issues
}

function wordingIssue(
  format: FormatDef,
  q: Quantity,
  cells: string[],
  allCells: string[],
  value: (path: string) => number,
): StatementIssue {
  const parts = allCells.map((c) => `${cellLabel(format, c)}${value(c)}${q.unitText}`)
  const to = `${parts.join('、')}，共${q.value}${q.unitText}`
  return {
    ruleId: 'N5',
    message: `文中写${q.text}，是${labelOf(format, allCells)}之和；表中${labelOf(format, cells)}为${sumOf(cells, value)}，建议写明“${to}”`,
    cells: allCells,
    expected: sumOf(cells, value),
    actual: q.value,
    fix: { from: q.text, to },
  }
}

/** Phrases that state a total a share may be of. */
const TOTAL_PHRASES = new Set(['received', 'newReceived', 'handled'])

/** The bases a share may be of: the sentence's own stated total first, then the phrase's. */
function shareBases(
  format: FormatDef,
  statements: Statement[],
  outcomes: (CountOutcome | null)[],
  shareOf: PhraseTarget[],
): string[][] {
  const bases: string[][] = []
  statements.forEach((s, i) => {
    if (s.kind !== 'count' || !outcomes[i]?.agreed) return
    if (TOTAL_PHRASES.has(s.phrase.id)) bases.push(outcomes[i]!.cells!)
  })
  for (const t of shareOf) bases.push(targetCells(format, t))
  const seen = new Set<string>()
  return bases.filter((b) => {
    const key = b.join('|')
    if (b.length === 0 || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function checkShare(
  ctx: CheckContext,
  statements: Statement[],
  outcomes: (CountOutcome | null)[],
  shareOf: PhraseTarget[],
  cells: string[],
  q: Quantity,
): StatementIssue | null {
  const { format, value } = ctx
  const part = sumOf(cells, value)
  if (Number.isNaN(part)) return null
  const bases = shareBases(format, statements, outcomes, shareOf)
    .map((b) => ({ cells: b, whole: sumOf(b, value) }))
    .filter((b) => !Number.isNaN(b.whole) && b.whole > 0)
  if (bases.length === 0) return null
  const unit = 10 ** -q.decimals
  for (const b of bases) if (same(roundedShare(part, b.whole, q.decimals), q.value)) return null
  // Of the total the sentence states, even where the table contradicts that total: the count's
  // finding (N1) says so already; one discrepancy, one finding.
  for (const s of statements) {
    if (s.kind !== 'count' || s.q.linked || !TOTAL_PHRASES.has(s.phrase.id) || s.q.value <= 0) continue
    if (same(roundedShare(part, s.q.value, q.decimals), q.value)) return null
  }
  const [first] = bases
  const near = bases.find((b) => Math.abs((part * 100) / b.whole - q.value) < unit - 1e-9)
  const base = near ?? first
  const right = roundedShare(part, base.whole, q.decimals)
  const link = cells.length === 1 && base.cells.length === 1 ? shareToken(cells[0], base.cells[0]) : undefined
  return {
    ruleId: near ? 'N3' : 'N2',
    message: near
      ? `文中写${q.text}，按表中${labelOf(format, cells)}${part} ÷ ${labelOf(format, base.cells)}${base.whole}计算为${fmt((part * 100) / base.whole, q.decimals + 3)}%，四舍五入应为${fmt(right, q.decimals)}%`
      : `文中写${q.text}，按表中${labelOf(format, cells)}${part} ÷ ${labelOf(format, base.cells)}${base.whole}应为${fmt(right, q.decimals)}%`,
    cells: [...cells, ...base.cells],
    expected: `${fmt(right, q.decimals)}%`,
    actual: q.text,
    fix: { from: q.text, to: `${fmt(right, q.decimals)}${q.unitText}`, link },
  }
}

function checkChange(ctx: CheckContext, cells: string[], q: Quantity, up: boolean): StatementIssue | null {
  const { format, value, previous } = ctx
  if (!previous) return null
  const now = sumOf(cells, value)
  const before = sumOf(cells, previous)
  if (Number.isNaN(now) || Number.isNaN(before)) return null
  const stated = up ? q.value : -q.value
  const label = labelOf(format, cells)
  if (q.unit === 'count') {
    if (same(now - before, stated)) return null
    return {
      ruleId: 'N6',
      message: `文中写${up ? '增加' : '减少'}${q.text}，表中${label}本年${now}、上年度${before}，相差${now - before}`,
      cells,
      expected: now - before,
      actual: stated,
    }
  }
  if (before === 0) return null
  const exact = ((now - before) * 100) / before
  const right = Math.sign(exact) * roundedShare(Math.abs(now - before), before, q.decimals)
  if (same(right, stated)) return null
  const unit = 10 ** -q.decimals
  const rounding = Math.abs(exact - stated) < unit - 1e-9
  const word = right >= 0 ? '增长' : '下降'
  return {
    ruleId: rounding ? 'N3' : 'N6',
    message: `文中写${up ? '增长' : '下降'}${q.text}，表中${label}本年${now}、上年度${before}，应为${word}${fmt(Math.abs(right), q.decimals)}%`,
    cells,
    expected: `${fmt(right, q.decimals)}%`,
    actual: `${fmt(stated, q.decimals)}%`,
    fix:
      Math.sign(right) === Math.sign(stated)
        ? { from: q.text, to: `${fmt(Math.abs(right), q.decimals)}${q.unitText}` }
        : undefined,
  }
}
