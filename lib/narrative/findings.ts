/**
 * The one place where narrative findings join the rule results (lib/rules/evaluate.ts): each
 * check module is called here, and what it finds becomes a RuleResult of its rule (declared in
 * the format, lib/format/narrative-rules.ts), with the line as written (`quote`) and where it is
 * (`narrative: { section, paragraph }`). Several results per rule: one per paragraph at fault.
 */
import { formatFor } from '@/lib/format/index'
import type { FormatDef, RuleDef, Severity } from '@/lib/format/types'
import type { PreviousReport } from '@/lib/rules/previous'
import type { RuleResult } from '@/lib/rules/result'
import { conversionMark, type LineFinding, ocrDebris, pastedHeading, placeholder, wrongYear } from './leftovers'
import {
  BLANK_TABLE_RULE,
  feeContradictions,
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
  shareText,
  whereText,
} from './similarity'
import { type NarrativeSource, type NarrativeText, narrativeLines, narrativeTexts } from './texts'

export interface NarrativeReport extends NarrativeSource {
  year?: number
}

/** Another report to compare with: last year's of the agency, or a sibling agency's of the year. */
export interface ComparedReport {
  /** How findings name it (a file name in the command line). */
  name: string
  texts: NarrativeText[]
}

export interface NarrativeContext {
  format: FormatDef
  /** Last year's report of the agency (its narratives, when it carries them). */
  previous?: (PreviousReport & { preamble?: string | null }) | null
  /** Same-year reports of sibling agencies (the command line, given several agencies' files). */
  siblings?: ComparedReport[]
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

export function narrativeFindings(report: NarrativeReport, context: NarrativeContext): RuleResult[] {
  const { format } = context
  const rules = rulesOf(format)
  if (rules.size === 0) return []
  const out: RuleResult[] = []
  const add = (id: string, section: string, f: LineFinding | null) => {
    const rule = rules.get(id)
    if (f && rule) out.push(fromLine(rule, section, f))
  }
  const texts = narrativeTexts(format, report)
  const headings = [
    { section: format.preamble.key, heading: format.preamble.heading },
    ...format.sections.map((s) => ({ section: s.key, heading: s.heading })),
  ]
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
    for (const f of feeContradictions(format, report.sections, lines)) add('L9', t.section, f)
  }
  const blankTable = rules.get(BLANK_TABLE_RULE)
  if (blankTable) {
    for (const table of requiredTables(format)) {
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
  let mine: ComparedParagraph[] | null = null
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
    const index = indexOf(previous, () => previousTexts(previous))
    if (index.paragraphs.length > 0) {
      const result = compareNarratives(paragraphs(), index)
      const percent = shareText(result.share)
      if (share && result.comparedChars > 0) {
        const above = Math.floor(result.share * 100) > REPEATED_SHARE_WARNING * 100
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
    for (const other of siblings) {
      const result = compareNarratives(paragraphs(), new ParagraphIndex(comparable(other.texts)))
      for (const m of result.matches)
        out.push(matchResult(sibling, m, `与 ${other.name} ${whereText(m.other, headings)}`))
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
