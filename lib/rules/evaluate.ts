/**
 * The one evaluator of a format's rules. Pure and fast (it runs on every keystroke in the
 * browser and again on the server): rules are compiled once per format into closures over
 * pre-split cell paths.
 */
import { cellByPath, cellSegments, dataRows, formatCells } from '@/lib/format/cells'
import type { AgencyLevel, AgencyType, FormatDef, RuleDef, Severity } from '@/lib/format/types'
import { exactText, VALUE_TYPES, type ValueTypeDef } from '@/lib/format/value-types'
import { type NarrativeContext, narrativeFindings, statementFindings } from '@/lib/narrative/findings'
import type { SiblingRepeat } from '@/lib/narrative/similarity'
import { getAt, isBlank, numericValue, pathWalk, valuesAt } from '@/lib/report/values'
import { compileCrossYear } from './cross-year'
import { type PreviousReport, previousValues } from './previous'
import type { RuleResult, RuleStatus } from './result'
import { topicAnchor } from './topic-anchor'
import { type StatedValues, statedMismatches, statedTargets } from './stated'

export type { RuleResult, RuleStatus } from './result'

export interface EvaluationInput {
  sections: Record<string, unknown>
  /** Totals as printed (report.stated), compared with their parts by the `stated` rule. */
  stated?: StatedValues
  agency?: { type?: AgencyType | string; level?: AgencyLevel | string }
  /** The opening paragraph (report.preamble), checked by D5. */
  preamble?: string
  /**
   * The agency's report of the year before, any format (mapped by lib/rules/previous.ts).
   * Without it the cross-year rules do not apply.
   */
  previous?: PreviousReport | null
  /** The report's year (the narrative checks: another year called 本年). */
  year?: number
  /**
   * The narrative findings already computed (lib/narrative/findings.ts): the editor computes
   * them only when a narrative changes, deferred, and passes them with every other change.
   */
  narrative?: readonly RuleResult[]
  /**
   * With `narrative`: the statement findings already computed too (the server's save path keeps
   * them while the texts and the cells they read are unchanged: rememberedStatementFindings).
   */
  statements?: readonly RuleResult[]
  /** Same-year reports of sibling agencies, whose paragraphs this one's are compared with (L12). */
  siblings?: SiblingRepeat[]
  /** Already computed by a caller that checks many files (lib/narrative/findings.ts NarrativeContext). */
  paragraphs?: NarrativeContext['paragraphs']
  previousIndex?: NarrativeContext['previousIndex']
}

/** Rules read cell values from an array filled once per evaluation (index = cell order). */
type Compiled = (values: unknown[], input: EvaluationInput, previous: unknown[] | null) => RuleResult

/**
 * What a compiled rule reads besides constants, so that an incremental evaluation can leave it
 * alone while none of it changed: the cells it asked for when compiled, and `extra`, other inputs
 * compared item by item (narrative texts, the agency); `always` for rules that read the sections
 * or the printed totals in ways not listed (they run every time); `previous` for the cross-year
 * rules.
 */
interface RuleDeps {
  cells: number[]
  extra?: (input: EvaluationInput) => unknown[]
  always?: boolean
  previous?: boolean
}

interface CompiledFormat {
  segments: readonly (readonly string[])[]
  rules: Compiled[]
  deps: RuleDeps[]
}

const compiledCache = new WeakMap<FormatDef, CompiledFormat>()

const split = (path: string) => path.split('.')

function result(
  rule: RuleDef,
  status: RuleStatus,
  cells: string[],
  expected: RuleResult['expected'] = null,
  actual: RuleResult['actual'] = null,
  focus: string | null = cells[0] ?? null,
): RuleResult {
  return { ruleId: rule.id, severity: rule.severity, status, message: rule.message, cells, focus, expected, actual }
}

/** Sum of cells; null when any is blank or not a number (not yet assessable). */
function sum(values: unknown[], indices: number[]): number | null {
  let total = 0
  for (let i = 0; i < indices.length; i++) {
    const v = values[indices[i]]
    if (typeof v === 'number') {
      total += v
      continue
    }
    if (isBlank(v)) return null
    const n = numericValue(v)
    if (Number.isNaN(n)) return null
    total += n
  }
  return total
}

/** Exact sum (in units of 10^-places) of cells that hold amounts; null when any is not a valid value. */
function exactSum(values: unknown[], indices: number[], defs: ValueTypeDef[], places: number): bigint | null {
  let total = 0n
  for (let i = 0; i < indices.length; i++) {
    const units = defs[i].toExact(values[indices[i]])
    if (units === null) return null
    total += units * 10n ** BigInt(places - defs[i].bounds.decimalPlaces)
  }
  return total
}

/** Round sums of decimals for display (万元 values add up with float noise otherwise). */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6

const typeOf = (format: FormatDef, path: string) => VALUE_TYPES[cellByPath(format, path)?.valueType ?? 'count']

/** A rule's bound in a value type's exact units. */
function exactBound(bound: number, def: ValueTypeDef): bigint {
  const places = def.bounds.decimalPlaces
  return Number.isInteger(bound) ? BigInt(bound) * 10n ** BigInt(places) : BigInt(Math.round(bound * 10 ** places))
}

/** A linear rule over amounts: both sides summed exactly, results shown as exact decimals. */
function compileExactLinear(
  rule: Extract<RuleDef, { kind: 'linear' }>,
  all: string[],
  allIdx: number[],
  defs: ValueTypeDef[],
): Compiled {
  const places = Math.max(...defs.map((d) => d.bounds.decimalPlaces))
  const n = rule.left.length
  const left = allIdx.slice(0, n)
  const right = allIdx.slice(n)
  const leftDefs = defs.slice(0, n)
  const rightDefs = defs.slice(n)
  const text = (units: bigint) => exactText(units, places)
  return (values) => {
    const l = exactSum(values, left, leftDefs, places)
    const r = exactSum(values, right, rightDefs, places)
    if (l === null || r === null) {
      const blank = all.filter((_, i) => isBlank(values[allIdx[i]]))
      return result(rule, 'na', all, null, null, blank[0] ?? all[0])
    }
    if (rule.op === 'eq') return result(rule, l === r ? 'pass' : 'fail', all, text(r), text(l))
    const status = l <= r ? 'pass' : 'fail'
    return n === 0
      ? result(rule, status, all, `≥ ${text(l)}`, text(r))
      : result(rule, status, all, `≤ ${text(r)}`, text(l))
  }
}

function compile(format: FormatDef, rule: RuleDef, indexOf: (path: string) => number): Compiled {
  switch (rule.kind) {
    case 'linear': {
      const all = [...rule.left, ...rule.right]
      const left = rule.left.map(indexOf)
      const right = rule.right.map(indexOf)
      const allIdx = all.map(indexOf)
      const defs = all.map((p) => typeOf(format, p))
      if (!defs.every((d) => d.integer)) return compileExactLinear(rule, all, allIdx, defs)
      return (values) => {
        const l = sum(values, left)
        const r = sum(values, right)
        if (l === null || r === null) {
          const blank = all.filter((_, i) => isBlank(values[allIdx[i]]))
          return result(rule, 'na', all, null, null, blank[0] ?? all[0])
        }
        if (rule.op === 'eq') {
          return tidy(l) === tidy(r)
            ? result(rule, 'pass', all, tidy(r), tidy(l))
            : result(rule, 'fail', all, tidy(r), tidy(l))
        }
        const status = tidy(l) <= tidy(r) ? 'pass' : 'fail'
        // With nothing on the left (Q1: 上一年项目数量 + 本年增/减 ≥ 0) the checked side is the right.
        return rule.left.length === 0
          ? result(rule, status, all, `≥ ${tidy(l)}`, tidy(r))
          : result(rule, status, all, `≤ ${tidy(r)}`, tidy(l))
      }
    }
    case 'cellType': {
      const cells = rule.cells.map((path) => ({ path, index: indexOf(path), valid: typeOf(format, path).valid }))
      return (values) => {
        const bad: string[] = []
        for (const c of cells) {
          const v = values[c.index]
          if (!isBlank(v) && !c.valid(v)) bad.push(c.path)
        }
        return bad.length ? result(rule, 'fail', bad, null, `${bad.length}处不符合`) : result(rule, 'pass', [])
      }
    }
    case 'filled': {
      // Narrative paths are not cells: read those from the sections.
      const cells = rule.cells.map((path) => ({ path, index: indexOf(path), segments: split(path) }))
      return (values, { sections }) => {
        const blank: string[] = []
        for (const c of cells)
          if (isBlank(c.index >= 0 ? values[c.index] : getAt(sections, c.segments))) blank.push(c.path)
        return blank.length ? result(rule, 'fail', blank, null, `${blank.length}处空白`) : result(rule, 'pass', [])
      }
    }
    case 'above': {
      const cells = rule.cells.map((path) => {
        const def = typeOf(format, path)
        return { path, index: indexOf(path), def, bound: def.integer ? null : exactBound(rule.bound, def) }
      })
      return (values, { agency }) => {
        if (rule.unlessLevels && agency?.level && rule.unlessLevels.includes(agency.level as AgencyLevel)) {
          return result(rule, 'pass', [])
        }
        const over: string[] = []
        let highest: number | null = null
        for (const c of cells) {
          const v = values[c.index]
          const n = c.def.toNumber(v)
          // Amounts are compared exactly: 999999999999.000001 is above 999999999999.
          const units = c.bound === null ? null : c.def.toExact(v)
          const above = c.bound === null ? !Number.isNaN(n) && n > rule.bound : units !== null && units > c.bound
          if (above) {
            over.push(c.path)
            highest = highest === null ? n : Math.max(highest, n)
          }
        }
        return over.length
          ? result(rule, 'fail', over, rule.severity === 'info' ? null : `≤ ${rule.bound}`, highest)
          : result(rule, 'pass', [])
      }
    }
    case 'mentions': {
      const texts = rule.texts.map(split)
      const triggers = rule.whenPositive?.map(indexOf)
      return (values, { sections, agency }) => {
        if (rule.agencyType && agency?.type !== rule.agencyType) return result(rule, 'pass', [])
        if (triggers && !triggers.some((i) => numericValue(values[i]) > 0)) return result(rule, 'pass', [])
        const text = texts
          .map((p) => getAt(sections, p))
          .filter((v): v is string => typeof v === 'string')
          .join('\n')
        // Nothing written yet: D1 / D4 say so; listing every missing topic would be noise.
        if (text.trim() === '') return result(rule, 'na', rule.texts)
        const missing = rule.topics.filter((t) => !t.keywords.some((k) => text.includes(k))).map((t) => t.label)
        if (!missing.length) return result(rule, 'pass', [])
        const failed = result(rule, 'fail', rule.texts, null, `缺少：${missing.join('、')}`)
        // At the paragraph after which the missing topic belongs (lib/rules/topic-anchor.ts).
        const anchor = topicAnchor(rule.texts, rule.topics, missing, sections)
        return anchor
          ? {
              ...failed,
              focus: anchor.path,
              quote: anchor.quote,
              narrative: { section: anchor.section, paragraph: anchor.paragraph },
            }
          : failed
      }
    }
    case 'stated': {
      const targets = statedTargets(format)
      return (_values, { sections, stated }) => {
        const wrong = statedMismatches(format, sections, stated)
        if (wrong.length === 0) return result(rule, 'pass', [])
        // A derived total is marked itself; a printed 小计 (no cell of its own) marks its parts.
        const cells = wrong.flatMap((m) => {
          const sources = targets.get(m.path)?.sources ?? []
          return sources.length === 1 ? sources : sources.slice(0, 1)
        })
        return {
          ...result(rule, 'fail', cells, wrong[0].computed, wrong[0].stated),
          message: wrong.map((m) => `${m.label}：表中写明 ${m.stated}，各项之和为 ${m.computed}`).join('；'),
          stated: wrong.map((m) => m.path),
        }
      }
    }
    case 'structure': {
      if (rule.check === 'preamblePresent') {
        return (_values, { preamble }) =>
          typeof preamble === 'string' && preamble.trim() !== ''
            ? result(rule, 'pass', [])
            : result(rule, 'fail', [format.preamble.key], null, `缺少：${format.preamble.heading}`)
      }
      if (rule.check === 'sectionsPresent') {
        return (_values, { sections }) => {
          const missing: string[] = []
          for (const s of format.sections) {
            const v = sections[s.key]
            const empty =
              s.kind === 'narrative' ? typeof v !== 'string' || v.trim() === '' : v === null || typeof v !== 'object'
            if (empty) missing.push(s.key)
          }
          return missing.length
            ? result(
                rule,
                'fail',
                missing,
                null,
                `缺少：${missing.map((k) => format.sections.find((s) => s.key === k)?.heading).join('、')}`,
              )
            : result(rule, 'pass', [])
        }
      }
      const matrices = format.sections.flatMap((s) =>
        s.kind === 'table' && s.table.kind === 'matrix'
          ? [{ key: s.key, rows: new Set(dataRows(s.table.rows).map((r) => r.key)) }]
          : [],
      )
      return (_values, { sections }) => {
        const stray: string[] = []
        for (const m of matrices) {
          const table = sections[m.key]
          if (table && typeof table === 'object') {
            for (const key of Object.keys(table)) if (!m.rows.has(key)) stray.push(`${m.key}.${key}`)
          }
        }
        return stray.length ? result(rule, 'fail', stray, null, stray.join('、')) : result(rule, 'pass', [])
      }
    }
    case 'narrative':
      // Several results per rule, at paragraphs: evaluateRules puts narrativeFindings' in its place.
      return () => result(rule, 'pass', [])
    case 'continuity':
    case 'jump':
    case 'reference': {
      const run = compileCrossYear(format, rule, indexOf)
      return (values, _input, previous) => run(values, previous)
    }
    default: {
      const never: never = rule
      throw new Error(`unknown rule kind ${JSON.stringify(never)}`)
    }
  }
}

function compiledFormat(format: FormatDef): CompiledFormat {
  let compiled = compiledCache.get(format)
  if (!compiled) {
    const cells = formatCells(format)
    const index = new Map(cells.map((c, i) => [c.path, i]))
    const indexOf = (path: string) => {
      const i = index.get(path)
      if (i === undefined && format.sections.every((s) => !path.startsWith(s.key))) {
        throw new Error(`rule refers to unknown cell ${path}`)
      }
      return i ?? -1
    }
    const rules: Compiled[] = []
    const deps: RuleDeps[] = []
    for (const rule of format.rules) {
      // The cells a rule reads are the ones it asks the index of when compiled.
      const read = new Set<number>()
      const notCells: string[] = []
      rules.push(
        compile(format, rule, (path) => {
          const i = indexOf(path)
          if (i >= 0) read.add(i)
          else notCells.push(path)
          return i
        }),
      )
      deps.push({ cells: [...read], ...ruleDeps(rule, notCells) })
    }
    compiled = { segments: cellSegments(format), rules, deps }
    compiledCache.set(format, compiled)
  }
  return compiled
}

/** What a rule reads besides its cells (see RuleDeps); `notCells`: the paths it asked for that are no cells. */
function ruleDeps(rule: RuleDef, notCells: string[]): Omit<RuleDeps, 'cells'> {
  switch (rule.kind) {
    case 'linear':
    case 'cellType':
    case 'narrative':
      return {}
    case 'above':
      return { extra: ({ agency }) => [agency?.level] }
    case 'filled': {
      // Narrative paths (not cells) are read from the sections.
      const texts = notCells.map(split)
      return texts.length ? { extra: ({ sections }) => texts.map((t) => getAt(sections, t)) } : {}
    }
    case 'mentions': {
      const texts = rule.texts.map(split)
      return { extra: ({ sections, agency }) => [agency?.type, ...texts.map((t) => getAt(sections, t))] }
    }
    case 'continuity':
    case 'jump':
    case 'reference':
      return { previous: true }
    case 'stated':
    case 'structure':
      return { always: true }
    default: {
      const never: never = rule
      throw new Error(`unknown rule kind ${JSON.stringify(never)}`)
    }
  }
}

/** The narrative findings (given, or computed) in their rules' places (see evaluateRules). */
function addNarrative(
  format: FormatDef,
  input: EvaluationInput,
  out: RuleResult[],
  previous: unknown[] | null,
): RuleResult[] {
  // The editor passes the text findings it computed after a pause; statements follow the cells.
  const narrative = input.narrative
    ? [...input.narrative, ...(input.statements ?? statementFindings(input, { format, previousValues: previous }))]
    : narrativeFindings(input, {
        format,
        previous: input.previous,
        previousValues: previous,
        siblings: input.siblings,
        paragraphs: input.paragraphs,
        previousIndex: input.previousIndex,
      })
  return narrative.length ? withNarrative(format, out, narrative) : out
}

/** Counters an incremental evaluator adds to when given one (the server's save trace, decision 0990). */
export interface EvaluatorTrace {
  /** Calls that ran every rule: the evaluator's first. */
  full: number
  /** Calls that ran only the rules whose inputs changed. */
  incremental: number
  /** Rules run, in both kinds of call. */
  rulesRun: number
}

/**
 * evaluateRules for one report being edited (the editor, on every keystroke; decision 0440): a
 * rule none of whose inputs changed since the last call keeps its last result (the same object),
 * the others run again. The results equal evaluateRules' on the same input. `previous` is mapped
 * once per object: the caller replaces it rather than changing it.
 */
export function incrementalEvaluator(
  format: FormatDef,
  trace?: EvaluatorTrace | null,
): (input: EvaluationInput) => RuleResult[] {
  const { segments, rules, deps } = compiledFormat(format)
  let values: unknown[] | null = null
  let results: RuleResult[] = []
  const extras: (unknown[] | undefined)[] = new Array(rules.length)
  let previousInput: PreviousReport | null | undefined
  let previous: unknown[] | null = null
  const changed = new Uint8Array(segments.length)
  return (input) => {
    const next = valuesAt(input.sections, pathWalk(segments), new Array<unknown>(segments.length))
    for (let i = 0; i < segments.length; i++) changed[i] = values === null || !Object.is(next[i], values[i]) ? 1 : 0
    const first = values === null
    const previousChanged = first || input.previous !== previousInput
    if (previousChanged) {
      previousInput = input.previous
      previous = input.previous ? previousValues(format, input.previous) : null
    }
    const out = new Array<RuleResult>(rules.length)
    for (let r = 0; r < rules.length; r++) {
      const d = deps[r]
      const extra = d.extra?.(input)
      let stale = first || d.always === true || (d.previous === true && previousChanged)
      for (let k = 0; !stale && k < d.cells.length; k++) if (changed[d.cells[k]]) stale = true
      const before = extras[r]
      // An equal list read again keeps the one held (the new one dies young: decision 0930).
      const same =
        extra !== undefined &&
        before !== undefined &&
        before.length === extra.length &&
        extra.every((v, k) => Object.is(v, before[k]))
      if (!same) {
        if (extra) stale = true
        extras[r] = extra
      }
      out[r] = stale ? rules[r](next, input, previous) : results[r]
      if (trace && stale) trace.rulesRun++
    }
    if (trace) {
      if (first) trace.full++
      else trace.incremental++
    }
    values = next
    results = out
    return addNarrative(format, input, out, previous)
  }
}

/**
 * Evaluates every rule of the format, in declaration order: one result per rule, except the
 * narrative rules (kind `narrative`), which give one failing result per sentence at fault (or one
 * pass). Narrative findings of rules the format does not declare come last.
 */
export function evaluateRules(format: FormatDef, input: EvaluationInput): RuleResult[] {
  const { segments, rules } = compiledFormat(format)
  const values = valuesAt(input.sections, pathWalk(segments), new Array<unknown>(segments.length))
  // Mapped on each call (a few hundred reads): a cache keyed by the object would go stale if it changed.
  const previous = input.previous ? previousValues(format, input.previous) : null
  const out = new Array<RuleResult>(rules.length)
  for (let i = 0; i < rules.length; i++) out[i] = rules[i](values, input, previous)
  return addNarrative(format, input, out, previous)
}

/** Each narrative rule's results (one per paragraph at fault, or its own pass) in the rule's place. */
function withNarrative(format: FormatDef, out: RuleResult[], narrative: RuleResult[]): RuleResult[] {
  const byRule = new Map<string, RuleResult[]>()
  for (const r of narrative) {
    const list = byRule.get(r.ruleId)
    if (list) list.push(r)
    else byRule.set(r.ruleId, [r])
  }
  const merged: RuleResult[] = []
  for (let i = 0; i < out.length; i++) {
    const own = format.rules[i].kind === 'narrative' ? byRule.get(format.rules[i].id) : undefined
    if (own) merged.push(...own)
    else merged.push(out[i])
  }
  return merged
}

/** The results worth showing: failures, then (optionally) what cannot be assessed yet. */
export function findingsOf(results: RuleResult[], includeNotAssessable = false): RuleResult[] {
  return results.filter((r) => r.status === 'fail' || (includeNotAssessable && r.status === 'na'))
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

export function bySeverity(a: RuleResult, b: RuleResult): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
}
