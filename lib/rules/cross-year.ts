/**
 * The cross-year rule kinds (continuity, jump, reference; spec/format.md §4.4–4.6), compiled
 * like the others into closures over cell indices. Last year's values come mapped to this
 * format (lib/rules/previous.ts), so both years share one index.
 */
import { cellByPath } from '@/lib/format/cells'
import type { CrossYearRuleDef, FormatDef, YearTerm } from '@/lib/format/types'
import { isBlank, numericValue } from '@/lib/report/values'
import type { RuleResult } from './result'
import { UNMAPPED } from './previous'

type CrossYearCompiled = (values: unknown[], previous: unknown[] | null) => RuleResult

function result(
  rule: CrossYearRuleDef,
  status: RuleResult['status'],
  cells: string[],
  previousCells: string[],
  expected: RuleResult['expected'] = null,
  actual: RuleResult['actual'] = null,
  message = rule.message,
): RuleResult {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    status,
    message,
    cells,
    focus: cells[0] ?? null,
    expected,
    actual,
    ...(previousCells.length ? { previousCells } : {}),
  }
}

const pass = (rule: CrossYearRuleDef) => result(rule, 'pass', [], [])

/** Round sums for display, as the linear rules do. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6

/** A row label without its numbering (二、 （一） 1.), for the arithmetic line. */
const plain = (label: string) => label.replace(/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, '')

/** Labels of a rule's terms: the column alone when every term is in one row, else row and column. */
function termLabels(format: FormatDef, terms: YearTerm[]): string[] {
  const cells = terms.map((t) => cellByPath(format, t.path))
  const oneRow = cells.every((c) => c && c.rowLabel === cells[0]?.rowLabel)
  return terms.map((t, i) => {
    const cell = cells[i]
    const label = !cell ? t.path : oneRow ? cell.columnLabel : plain(cell.rowLabel)
    return t.previous ? `上年度${label}` : label
  })
}

const OP_WORDS = { eq: '应等于', lte: '不应超过', gte: '不应少于' } as const

function compileContinuity(
  format: FormatDef,
  rule: Extract<CrossYearRuleDef, { kind: 'continuity' }>,
  indexOf: (path: string) => number,
): CrossYearCompiled {
  const prepare = (terms: YearTerm[], labels: string[]) =>
    terms.map((t, i) => ({ ...t, index: indexOf(t.path), label: labels[i] }))
  const labels = termLabels(format, [...rule.left, ...rule.right])
  const left = prepare(rule.left, labels.slice(0, rule.left.length))
  const right = prepare(rule.right, labels.slice(rule.left.length))
  const all = [...left, ...right]
  const cells = all.filter((t) => !t.previous).map((t) => t.path)
  const previousCells = all.filter((t) => t.previous).map((t) => t.path)

  // One side's sum and its arithmetic; null when a value is blank or not a number.
  const side = (terms: typeof left, values: unknown[], previous: unknown[]) => {
    let total = 0
    const parts: string[] = []
    for (const t of terms) {
      const v = t.previous ? previous[t.index] : values[t.index]
      if (isBlank(v)) return null
      const n = numericValue(v)
      if (Number.isNaN(n)) return null
      total += t.negative ? -n : n
      parts.push(`${parts.length === 0 ? (t.negative ? '−' : '') : t.negative ? ' − ' : ' + '}${t.label} ${n}`)
    }
    const text = terms.length > 1 ? `${parts.join('')} = ${tidy(total)}` : parts.join('')
    return { total: tidy(total), text }
  }

  return (values, previous) => {
    if (!previous) return pass(rule)
    // Last year's format has no such cell (2019 table 二 under 2021): the rule does not apply.
    if (all.some((t) => t.previous && previous[t.index] === UNMAPPED)) return pass(rule)
    const l = side(left, values, previous)
    const r = side(right, values, previous)
    if (!l || !r) return result(rule, 'na', cells, previousCells)
    const ok = rule.op === 'eq' ? l.total === r.total : rule.op === 'lte' ? l.total <= r.total : l.total >= r.total
    if (ok) return result(rule, 'pass', cells, previousCells, r.total, l.total)
    const expected = rule.op === 'eq' ? r.total : `${rule.op === 'lte' ? '≤' : '≥'} ${r.total}`
    return result(
      rule,
      'fail',
      cells,
      previousCells,
      expected,
      l.total,
      `${rule.message}（${l.text}，${OP_WORDS[rule.op]}${r.text}）`,
    )
  }
}

function compileJump(
  format: FormatDef,
  rule: Extract<CrossYearRuleDef, { kind: 'jump' }>,
  indexOf: (path: string) => number,
): CrossYearCompiled {
  const cells = rule.cells.map((path) => ({
    path,
    index: indexOf(path),
    label: cellByPath(format, path)?.label ?? path,
  }))
  return (values, previous) => {
    if (!previous) return pass(rule)
    const jumped: typeof cells = []
    const notes: string[] = []
    for (const c of cells) {
      const before = previous[c.index]
      if (before === UNMAPPED || isBlank(before) || isBlank(values[c.index])) continue
      const was = numericValue(before)
      const now = numericValue(values[c.index])
      if (Number.isNaN(was) || Number.isNaN(now) || was < rule.minPrevious) continue
      if (now > was * rule.factor || now < was / rule.factor) {
        jumped.push(c)
        notes.push(`${c.label} ${was}→${now}`)
      }
    }
    if (jumped.length === 0) return pass(rule)
    const paths = jumped.map((c) => c.path)
    return result(rule, 'fail', paths, paths, null, notes.join('；'))
  }
}

function compileReference(
  format: FormatDef,
  rule: Extract<CrossYearRuleDef, { kind: 'reference' }>,
  indexOf: (path: string) => number,
): CrossYearCompiled {
  const before = rule.previous.map((path) => ({
    path,
    index: indexOf(path),
    label: cellByPath(format, path)?.label ?? path,
  }))
  return (_values, previous) => {
    if (!previous) return pass(rule)
    const open = before.filter((c) => {
      const v = previous[c.index]
      return v !== UNMAPPED && !isBlank(v) && numericValue(v) > 0
    })
    if (open.length === 0) return pass(rule)
    return result(
      rule,
      'fail',
      rule.cells,
      open.map((c) => c.path),
      null,
      `上年度：${open.map((c) => `${c.label} ${numericValue(previous[c.index])}`).join('；')}`,
    )
  }
}

export function compileCrossYear(
  format: FormatDef,
  rule: CrossYearRuleDef,
  indexOf: (path: string) => number,
): CrossYearCompiled {
  switch (rule.kind) {
    case 'continuity':
      return compileContinuity(format, rule, indexOf)
    case 'jump':
      return compileJump(format, rule, indexOf)
    case 'reference':
      return compileReference(format, rule, indexOf)
    default: {
      const never: never = rule
      throw new Error(`unknown rule kind ${JSON.stringify(never)}`)
    }
  }
}
