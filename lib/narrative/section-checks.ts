/**
 * Checks of whole sections against what the format requires (issue 14): section 五 that says
 * nothing (L6) or nothing of last year's problems (L8), a table 三 or 四 left wholly blank (L7),
 * and a fee statement in section 六 that table 三 or the fee facts contradict (L9, the A6/A7
 * rules at the paragraph). Sections are found through the format definition's shared parts, so
 * no key or heading is spelt here.
 */
import { cellByPath, sectionCells } from '@/lib/format/cells'
import { HEADINGS, OTHER_MATTERS_SECTION, REVIEW_LITIGATION_SECTION } from '@/lib/format/shared-parts'
import type { FormatDef, RuleDef } from '@/lib/format/types'
import { detectLevel, splitOverride } from '@/lib/narrative'
import { statesNoFee } from '@/lib/report/fee-statement'
import { getAt, isBlank, numericValue } from '@/lib/report/values'
import type { LineFinding } from './leftovers'
import { excerpt, type NarrativeLine, narrativeLines } from './texts'

const sectionByHeading = (format: FormatDef, heading: string) => format.sections.find((s) => s.heading === heading)

/** Section 五 of this format (both formats share its heading). */
export const problemsSection = (format: FormatDef) => sectionByHeading(format, HEADINGS.problemsImprovements)

/** What a section 五 says when it says nothing: 无, 暂无, 暂无问题, 没有 … (punctuation aside). */
const SAYS_NOTHING =
  /^(?:本(?:机关|单位|年度?))?(?:暂|目前)?(?:无|没有|不存在)(?:明显|突出|主要)?(?:的)?(?:问题|不足)?(?:及改进情况)?$/

const bare = (line: string) => line.replace(/[\s\u3000。．.，,；;！!、]/g, '')

/** The body lines of a section: headings (（一）存在的主要问题) do not say anything. */
const bodyLines = (text: string) =>
  narrativeLines(text).filter((l) => detectLevel(splitOverride(l.plain).text) === 0 || bare(l.plain).length > 40)

/**
 * L6: section 五 written as only “无” or “暂无问题” (第五十条 requires the problems and their
 * improvement). Empty is a missing section (D1), not this.
 */
export function problemsSaysNothing(text: string): LineFinding | null {
  const body = bodyLines(text)
  if (body.length === 0 || !body.every((l) => SAYS_NOTHING.test(bare(l.plain)))) return null
  return { ruleId: 'L6', paragraph: body[0].paragraph, quote: body[0].quote, detail: `只写了“${body[0].quote}”` }
}

/**
 * L8: section 五 mentions no problem of an earlier year and its improvement (上年度问题的整改情况,
 * the format's guidance). A sentence that names last year (上年, 去年, 往年, 以往, 前期, or the year
 * before by number) together with 问题/不足/整改/改进 is enough.
 */
export function mentionsLastYearsProblems(text: string, year: number | undefined): boolean {
  const before = year ? `|${year - 1}年` : ''
  const past = new RegExp(`(?:上一?年度?|去年|往年|以往|前期|上期|历年${before})`)
  for (const sentence of text.split(/[。！？；\n]/)) {
    if (past.test(sentence) && /问题|不足|短板|整改|改进|落实/.test(sentence)) return true
  }
  return false
}

export function lastYearsProblemsMissing(text: string, year: number | undefined): LineFinding | null {
  const body = bodyLines(text)
  if (body.length === 0 || problemsSaysNothing(text)) return null
  if (mentionsLastYearsProblems(text, year)) return null
  const last = body[body.length - 1]
  return {
    ruleId: 'L8',
    paragraph: last.paragraph,
    quote: excerpt(last.plain, 0, Math.min(last.plain.length, 24), 0),
    detail: '未说明上年度所列问题的整改情况',
  }
}

/** The rule of a wholly blank table: blank-like, it waits (待填写) in a section nobody started. */
export const BLANK_TABLE_RULE = 'L7'

/** Per format (each report of a file batch asks): what the format says does not change. */
function perFormat<T>(compute: (format: FormatDef) => T): (format: FormatDef) => T {
  const cache = new WeakMap<FormatDef, T>()
  return (format) => {
    let value = cache.get(format)
    if (value === undefined) {
      value = compute(format)
      cache.set(format, value)
    }
    return value
  }
}

/** L7: the tables 三 and 四 of this format, each with its cells' paths (shared: do not modify). */
export const requiredTables: (format: FormatDef) => readonly { key: string; heading: string; cells: string[] }[] =
  perFormat((format) =>
    format.sections
      .filter(
        (s) => s.kind === 'table' && (s.heading === HEADINGS.applications || s.key === REVIEW_LITIGATION_SECTION.key),
      )
      .map((s) => ({ key: s.key, heading: s.heading, cells: sectionCells(s).map((c) => c.path) })),
  )

/** A table present but with no value in any cell (absent is D1's missing section). */
export function whollyBlank(sections: Record<string, unknown>, table: { key: string; cells: string[] }): boolean {
  const value = sections[table.key]
  if (value === null || typeof value !== 'object') return false
  return table.cells.every((path) => isBlank(getAt(sections, path.split('.'))))
}

/** The cells the fee check reads, from the A6 and A7 rules of the format (absent in 2019). */
export const feeCells = perFormat(feeCellsOf)

function feeCellsOf(format: FormatDef): {
  unpaid: string | null
  notices: string | null
  collected: string | null
} {
  const a6 = format.rules.find((r): r is Extract<RuleDef, { kind: 'linear' }> => r.id === 'A6' && r.kind === 'linear')
  const a7 = format.rules.find(
    (r): r is Extract<RuleDef, { kind: 'mentions' }> => r.id === 'A7' && r.kind === 'mentions',
  )
  const factsKey = OTHER_MATTERS_SECTION.kind === 'narrativeWithFacts' ? OTHER_MATTERS_SECTION.factsKey : ''
  const collected = a7?.whenPositive?.find((p) => p.startsWith(`${OTHER_MATTERS_SECTION.key}.${factsKey}.`)) ?? null
  return {
    unpaid: a6?.left[0] ?? null,
    notices: a6?.right[0] ?? null,
    collected: collected && cellByPath(format, collected) ? collected : null,
  }
}

const NO_NOTICE = /未(?:向申请人)?(?:发出|发放|送达)(?:任何)?(?:的)?收费通知|无(?:发出)?收费通知/

/**
 * L9: a line of section 六 says no fee was charged (or no fee notice sent) while table 三 counts
 * applications not processed because a fee notice went unpaid, or the facts record notices or a
 * fee collected.
 */
export function feeContradictions(
  format: FormatDef,
  sections: Record<string, unknown>,
  lines: readonly NarrativeLine[],
): LineFinding[] {
  const out: LineFinding[] = []
  eachFeeContradiction(format, sections, lines, (f) => {
    out.push(f)
  })
  return out
}

/**
 * feeContradictions, each handed to `found` as it is found: textFindings (every report) takes
 * them so, without an array whose shape differs between none found and some (decision 0940).
 */
export function eachFeeContradiction(
  format: FormatDef,
  sections: Record<string, unknown>,
  lines: readonly NarrativeLine[],
  found: (f: LineFinding) => void,
): void {
  const cells = feeCells(format)
  const value = (path: string | null) => {
    if (!path) return 0
    const v = getAt(sections, path.split('.'))
    if (isBlank(v)) return 0
    const n = numericValue(v)
    return Number.isNaN(n) ? 0 : n
  }
  const unpaid = value(cells.unpaid)
  const notices = value(cells.notices)
  const collected = value(cells.collected)
  if (unpaid <= 0 && notices <= 0 && collected <= 0) return
  const label = (path: string | null) => (path ? (cellByPath(format, path)?.label ?? path) : '')
  for (const line of lines) {
    const noFee = statesNoFee(line.plain)
    const noNotice = NO_NOTICE.test(line.plain)
    if (!noFee && !noNotice) continue
    const facts: string[] = []
    if (noFee && collected > 0) facts.push(`${label(cells.collected)}为${collected}元`)
    if (unpaid > 0) facts.push(`表三“${label(cells.unpaid)}”为${unpaid}件（说明发出过收费通知）`)
    if (noNotice && notices > 0) facts.push(`${label(cells.notices)}为${notices}件`)
    if (facts.length === 0) continue
    found({
      ruleId: 'L9',
      paragraph: line.paragraph,
      quote: line.quote.length > 80 ? excerpt(line.plain, 0, 60, 0) : line.quote,
      detail: `正文写明${noFee ? '未收取信息处理费' : '未发出收费通知'}，但${facts.join('，')}`,
    })
  }
}
