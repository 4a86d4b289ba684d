/**
 * The one place where narrative findings join the rule results (lib/rules/evaluate.ts). Two
 * kinds, each from its own modules: what the text is (leftovers, placeholders, section checks,
 * text repeated from last year or a sibling: `textFindings`, which the editor runs after a pause,
 * lib/editor/narrative-deferred.ts) and what the text says about the tables (statements and
 * linked numbers: `statementFindings`, cheap enough for every change, as they follow the cells).
 * Each finding quotes its line or sentence and says where it is: `narrative: { section, paragraph }`.
 */
import { formatCells, narrativePath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { getAt, isBlank } from '@/lib/report/values'
import type { FormatDef, NarrativeRuleDef, RuleDef, Severity } from '@/lib/format/types'
import { type PreviousReport, previousValues, UNMAPPED } from '@/lib/rules/previous'
import type { RuleResult } from '@/lib/rules/result'
import { unknownLinks } from './links'
import { conversionMark, type LineFinding, ocrDebris, pastedHeading, placeholder, wrongYear } from './leftovers'
import {
  BLANK_TABLE_RULE,
  feeCells,
  eachFeeContradiction,
  lastYearsProblemsMissing,
  problemsSaysNothing,
  problemsSection,
  requiredTables,
  whollyBlank,
} from './section-checks'
import {
  type ComparedParagraph,
  comparable,
  compareNarratives,
  ParagraphIndex,
  REPEATED_SHARE_WARNING,
  type SiblingRepeat,
  shareAbove,
  shareText,
  whereText,
} from './similarity'
import { type CheckContext, checkSentence } from './statements/check'
import { recognise } from './statements/recognise'
import { type NarrativeSource, type NarrativeText, narrativeLines, narrativeTexts, narrativeTextsOf } from './texts'

export interface NarrativeReport extends NarrativeSource {
  year?: number
}

export interface NarrativeContext {
  format: FormatDef
  /** Last year's report of the agency (its narratives, when it carries them). */
  previous?: (PreviousReport & { preamble?: string | null }) | null
  /**
   * This report's paragraphs repeated in same-year reports of sibling agencies (the command line,
   * given several agencies' files: similarity.ts siblingRepeats, computed once for them all).
   */
  siblings?: SiblingRepeat[]
  /** Last year's values already mapped to this format (lib/rules/previous.ts), when the caller has them. */
  previousValues?: unknown[] | null
  /**
   * This report's comparable paragraphs and last year's indexed, when the caller has them: the
   * command line computes each file's once and uses them for its own check, the siblings and the
   * next year's comparison (similarity.ts comparable, ParagraphIndex).
   */
  paragraphs?: ComparedParagraph[]
  previousIndex?: ParagraphIndex
}

type Rules = Map<string, Extract<RuleDef, { kind: 'narrative' }>>
const rulesCache = new WeakMap<FormatDef, Rules>()
function rulesOf(format: FormatDef): Rules {
  let rules = rulesCache.get(format)
  if (!rules) {
    rules = new Map()
    for (const r of format.rules) if (r.kind === 'narrative') rules.set(r.id, r)
    rulesCache.set(format, rules)
  }
  return rules
}

function fromLine(rule: Extract<RuleDef, { kind: 'narrative' }>, section: string, f: LineFinding): RuleResult {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    status: 'fail',
    message: rule.message,
    cells: [section],
    focus: section,
    expected: null,
    actual: f.detail,
    quote: f.quote,
    narrative: { section, paragraph: f.paragraph },
  }
}

/** Last year's narratives: carried by the report (the server), or read from its sections (a file). */
export function previousTexts(previous: NarrativeContext['previous']): NarrativeText[] {
  if (!previous) return []
  const format = formatFor(previous.formatVersion)
  return format ? narrativeTexts(format, { sections: previous.sections ?? {}, preamble: previous.preamble }) : []
}

/** Indexes are built once per compared report (the editor compares on every narrative change). */
const indexCache = new WeakMap<object, ParagraphIndex>()
function indexOf(key: object, texts: () => NarrativeText[]): ParagraphIndex {
  let index = indexCache.get(key)
  if (!index) {
    index = new ParagraphIndex(comparable(texts()))
    indexCache.set(key, index)
  }
  return index
}

/** Every narrative finding of a report. */
export function narrativeFindings(report: NarrativeReport, context: NarrativeContext): RuleResult[] {
  return [...textFindings(report, context), ...statementFindings(report, context)]
}

/**
 * Everything `textFindings` reads of a report, given its context: the narratives (the preamble
 * included), the year, the fee cells of L9 and whether each required table is wholly blank.
 * Two reports with the same key have the same text findings.
 */
export function textFindingsKey(format: FormatDef, report: NarrativeReport): unknown[] {
  const fee = feeCells(format)
  return [
    report.year ?? null,
    ...narrativeTexts(format, report).flatMap((t) => [t.section, t.text]),
    ...[fee.unpaid, fee.notices, fee.collected].map((p) => (p ? (getAt(report.sections, p.split('.')) ?? null) : null)),
    ...requiredTablesOf(format).map((t) => whollyBlank(report.sections, t)),
  ]
}

const requiredTablesCache = new WeakMap<FormatDef, ReturnType<typeof requiredTables>>()
function requiredTablesOf(format: FormatDef): ReturnType<typeof requiredTables> {
  let tables = requiredTablesCache.get(format)
  if (!tables) {
    tables = requiredTables(format)
    requiredTablesCache.set(format, tables)
  }
  return tables
}

/** How many reports' text findings a process keeps (each key holds the report's narratives, ~20 KB). */
export const TEXT_FINDINGS_MEMO_LIMIT = 400
const textFindingsMemo = new Map<string, readonly RuleResult[]>()
/** Formats by identity (a test may build a variant of a format under the same version). */
const formatIds = new WeakMap<FormatDef, number>()
let formatCount = 0
function formatId(format: FormatDef): number {
  let id = formatIds.get(format)
  if (id === undefined) {
    id = ++formatCount
    formatIds.set(format, id)
  }
  return id
}

/**
 * `textFindings`, remembered by everything it reads (textFindingsKey, last year's narratives and
 * the format): a pure function of its key, so nothing of the database is assumed, only that the
 * same text gives the same findings (docs/decisions/0450-save-cpu.md). A save that changes cells
 * only (most autosaves) finds its report's narratives unchanged and skips the text checks, the
 * larger part of counting a report's findings. Sibling comparisons and precomputed paragraphs
 * (the command line) are not remembered. The results are frozen: they are shared between callers.
 */
export function rememberedTextFindings(report: NarrativeReport, context: NarrativeContext): readonly RuleResult[] {
  if (context.siblings?.length || context.paragraphs || context.previousIndex) return textFindings(report, context)
  const { format, previous } = context
  const key = JSON.stringify([
    formatId(format),
    textFindingsKey(format, report),
    previous ? [previous.formatVersion, previousTexts(previous).flatMap((t) => [t.section, t.text])] : null,
  ])
  const hit = textFindingsMemo.get(key)
  if (hit) {
    // Most recently used last: the oldest entry is the one dropped.
    textFindingsMemo.delete(key)
    textFindingsMemo.set(key, hit)
    return hit
  }
  const results = Object.freeze(textFindings(report, context).map((r) => Object.freeze(r)))
  if (textFindingsMemo.size >= TEXT_FINDINGS_MEMO_LIMIT) {
    textFindingsMemo.delete(textFindingsMemo.keys().next().value as string)
  }
  textFindingsMemo.set(key, results)
  return results
}

/** Every heading of the format, the preamble's first (L5 compares a line with them): made once per format. */
const headingsCache = new WeakMap<FormatDef, { section: string; heading: string }[]>()
function headingsOf(format: FormatDef): { section: string; heading: string }[] {
  let headings = headingsCache.get(format)
  if (!headings) {
    headings = [{ section: format.preamble.key, heading: format.preamble.heading }]
    for (const s of format.sections) headings.push({ section: s.key, heading: s.heading })
    headingsCache.set(format, headings)
  }
  return headings
}

/** Leftovers, placeholders, section checks and repeated text (lib/narrative/leftovers, section-checks, similarity). */
export function textFindings(report: NarrativeReport, context: NarrativeContext): RuleResult[] {
  const { format } = context
  const rules = rulesOf(format)
  if (rules.size === 0) return []
  const out: RuleResult[] = []
  const add = (id: string, section: string, f: LineFinding | null) => {
    const rule = rules.get(id)
    if (f && rule) out.push(fromLine(rule, section, f))
  }
  const texts = narrativeTextsOf(format, report.sections, report.preamble)
  const headings = headingsOf(format)
  const problems = problemsSection(format)
  for (const t of texts) {
    const lines = narrativeLines(t.text)
    const own = { section: t.section, heading: t.heading }
    for (const line of lines) {
      add('L1', t.section, ocrDebris(line))
      add('L2', t.section, conversionMark(line))
      add('L3', t.section, placeholder(line))
      add('L4', t.section, wrongYear(line, report.year, t.section === format.preamble.key))
      add('L5', t.section, pastedHeading(line, own, headings))
    }
    if (problems && t.section === problems.key) {
      add('L6', t.section, problemsSaysNothing(t.text))
      add('L8', t.section, lastYearsProblemsMissing(t.text, report.year))
    }
    eachFeeContradiction(format, report.sections, lines, (f) => add('L9', t.section, f))
  }
  const blankTable = rules.get(BLANK_TABLE_RULE)
  if (blankTable) {
    for (const table of requiredTablesOf(format)) {
      if (!whollyBlank(report.sections, table)) continue
      out.push({
        ruleId: blankTable.id,
        severity: blankTable.severity,
        status: 'fail',
        message: blankTable.message,
        cells: [table.key],
        focus: table.cells[0] ?? table.key,
        expected: null,
        actual: `${table.heading}：全部空白`,
      })
    }
  }
  out.push(...similarityFindings(texts, context, rules))
  return out
}

function similarityFindings(texts: NarrativeText[], context: NarrativeContext, rules: Rules): RuleResult[] {
  const { format, previous, siblings } = context
  const out: RuleResult[] = []
  let mine: ComparedParagraph[] | null = context.paragraphs ?? null
  const paragraphs = () => {
    mine ??= comparable(texts)
    return mine
  }
  const headings = new Map<string, string>([
    [format.preamble.key, format.preamble.heading],
    ...format.sections.map((s): [string, string] => [s.key, s.heading]),
  ])
  const share = rules.get('L10')
  const repeated = rules.get('L11')
  if (previous && (share || repeated)) {
    const index = context.previousIndex ?? indexOf(previous, () => previousTexts(previous))
    if (index.paragraphs.length > 0) {
      const result = compareNarratives(paragraphs(), index)
      const percent = shareText(result.share)
      if (share && result.comparedChars > 0) {
        const above = shareAbove(result.share)
        out.push({
          ruleId: share.id,
          severity: share.severity,
          status: above ? 'fail' : 'pass',
          message: share.message,
          cells: above ? result.matches.map((m) => m.paragraph.section).filter((s, i, a) => a.indexOf(s) === i) : [],
          focus: above ? (result.matches[0]?.paragraph.section ?? null) : null,
          expected: above ? `≤ ${REPEATED_SHARE_WARNING * 100}%` : null,
          actual: `与上年重复 ${percent}`,
        })
      }
      if (repeated) {
        for (const m of result.matches) {
          out.push(matchResult(repeated, m, `与上年度年报${whereText(m.other, headings)}`))
        }
      }
    }
  }
  const sibling = rules.get('L12')
  if (sibling && siblings?.length) {
    for (const m of siblings) {
      const others = m.alsoIn > 0 ? `（另有${m.alsoIn}份年报也相同或几乎相同）` : ''
      const found = matchResult(sibling, m, `与 ${m.name} ${whereText(m.other, headings)}`)
      out.push({ ...found, actual: `${found.actual}${others}` })
    }
  }
  return out
}

function matchResult(
  rule: { id: string; severity: Severity; message: string },
  m: { paragraph: ComparedParagraph; other: ComparedParagraph; similarity: number; identical: boolean },
  where: string,
): RuleResult {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    status: 'fail',
    message: rule.message,
    cells: [m.paragraph.section],
    focus: m.paragraph.section,
    expected: null,
    actual: `${where}${m.identical ? '相同' : `几乎相同（相似度${Math.floor(m.similarity * 100)}%）`}`,
    quote: m.paragraph.quote.length > 60 ? `${m.paragraph.quote.slice(0, 60)}…` : m.paragraph.quote,
    narrative: { section: m.paragraph.section, paragraph: m.paragraph.paragraph },
  }
}

/** A narrative of the report: where it is stored and what findings call it. */
export interface StatementText {
  /** The interchange key (`preamble` included). */
  section: string
  /** Dotted path of the text (the editor's focus). */
  path: string
  text: string
}

/** Every narrative with its text: the preamble first, then the sections in order. */
function statementTexts(format: FormatDef, report: NarrativeSource): StatementText[] {
  const out: StatementText[] = []
  if (typeof report.preamble === 'string' && report.preamble.trim() !== '') {
    out.push({ section: format.preamble.key, path: format.preamble.key, text: report.preamble })
  }
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    const text = getAt(report.sections, path.split('.'))
    if (typeof text === 'string' && text.trim() !== '') out.push({ section: section.key, path, text })
  }
  return out
}

const cellIndexCache = new WeakMap<FormatDef, Map<string, number>>()
function cellIndex(format: FormatDef): Map<string, number> {
  let index = cellIndexCache.get(format)
  if (!index) {
    index = new Map(formatCells(format).map((c, i) => [c.path, i]))
    cellIndexCache.set(format, index)
  }
  return index
}

function numberIn(format: FormatDef, path: string, value: unknown): number {
  if (value === UNMAPPED || isBlank(value)) return Number.NaN
  const cells = formatCells(format)
  const type = cells[cellIndex(format).get(path) ?? -1]?.valueType ?? 'count'
  return VALUE_TYPES[type].toNumber(value)
}

function checkContext(format: FormatDef, report: NarrativeSource, context: NarrativeContext): CheckContext {
  const index = cellIndex(format)
  const prev =
    context.previousValues !== undefined
      ? context.previousValues
      : context.previous
        ? previousValues(format, context.previous)
        : null
  return {
    format,
    value: (path) => numberIn(format, path, getAt(report.sections, path.split('.'))),
    previous: prev ? (path) => numberIn(format, path, prev[index.get(path) ?? -1]) : null,
  }
}

function ruleOf(format: FormatDef, id: string): NarrativeRuleDef | undefined {
  return format.rules.find((r): r is NarrativeRuleDef => r.kind === 'narrative' && r.id === id)
}

/** What to do about it, in words: the number to write, or the data to insert. */
function fixText(fix: RuleResult['fix']): string {
  if (!fix) return ''
  return fix.link ? `。可改为“${fix.to}”，或插入关联数据` : `。可改为“${fix.to}”`
}

/** The statement findings and link findings of a report (failures only). */
export function statementFindings(report: NarrativeSource, context: NarrativeContext): RuleResult[] {
  const texts = statementTexts(context.format, report)
  if (texts.length === 0) return []
  return statementFindingsOf(texts, checkContext(context.format, report, context))
}

/**
 * What `statementFindings` read the last time for one report: its texts and every value its
 * checks asked for (this year's and last year's), with the results. Held by the caller
 * (lib/services/save-memo.ts: one per report a server process saves).
 */
export interface StatementMemo {
  format: FormatDef
  texts: StatementText[]
  reads: Map<string, number>
  previousReads: Map<string, number> | null
  results: readonly RuleResult[]
}

const sameReads = (reads: Map<string, number>, read: (path: string) => number) => {
  for (const [path, value] of reads) if (!Object.is(read(path), value)) return false
  return true
}

/**
 * `statementFindings` for a report checked again after a few cells changed (the autosave):
 * the checks are a pure function of the texts and of the values they read, so when the texts
 * are the same and each value read last time reads the same now, last time's results stand
 * (the same array; callers must not change it). Otherwise they run again, recording what they
 * read into `holder.last`. Equal to `statementFindings` on every input (statement-memo.test.ts).
 */
export function rememberedStatementFindings(
  report: NarrativeSource,
  context: NarrativeContext,
  holder: { last?: StatementMemo },
): readonly RuleResult[] {
  const { format } = context
  const texts = statementTexts(format, report)
  const ctx = checkContext(format, report, context)
  const last = holder.last
  if (
    last &&
    last.format === format &&
    last.texts.length === texts.length &&
    last.texts.every((t, i) => t.path === texts[i].path && t.text === texts[i].text) &&
    (last.previousReads === null) === (ctx.previous === null) &&
    sameReads(last.reads, ctx.value) &&
    (last.previousReads === null || (ctx.previous !== null && sameReads(last.previousReads, ctx.previous)))
  ) {
    return last.results
  }
  const reads = new Map<string, number>()
  const previousReads = ctx.previous ? new Map<string, number>() : null
  const { value, previous } = ctx
  const recording: CheckContext = {
    format,
    value: (path) => {
      const v = value(path)
      reads.set(path, v)
      return v
    },
    previous: previous
      ? (path) => {
          const v = previous(path)
          previousReads?.set(path, v)
          return v
        }
      : null,
  }
  const results = texts.length === 0 ? [] : statementFindingsOf(texts, recording)
  holder.last = { format, texts, reads, previousReads, results }
  return results
}

function statementFindingsOf(texts: StatementText[], ctx: CheckContext): RuleResult[] {
  const { format } = ctx
  const out: RuleResult[] = []
  for (const t of texts) {
    for (const p of recognise(t.text)) {
      for (const sentence of p.sentences) {
        for (const issue of checkSentence(ctx, sentence.statements)) {
          const rule = ruleOf(format, issue.ruleId)
          if (!rule) continue
          out.push({
            ruleId: rule.id,
            severity: rule.severity,
            status: 'fail',
            message: `${rule.message}：${issue.message}${fixText(issue.fix)}`,
            cells: issue.cells,
            focus: t.path,
            expected: issue.expected,
            actual: issue.actual,
            quote: sentence.text,
            narrative: { section: t.section, paragraph: p.paragraph },
            ...(issue.fix ? { fix: issue.fix } : {}),
          })
        }
      }
    }
    const link = ruleOf(format, 'N7')
    if (!link) continue
    for (const u of unknownLinks(format, t.text)) {
      out.push({
        ruleId: link.id,
        severity: link.severity,
        status: 'fail',
        message: `${link.message}：“${u.token}”不是本报告格式中的单元格，导出时将原样显示。请删除后用“插入数据”重新插入`,
        cells: [],
        focus: t.path,
        expected: null,
        actual: u.token,
        quote: u.lineText.trim(),
        narrative: { section: t.section, paragraph: u.line },
      })
    }
  }
  return out
}
