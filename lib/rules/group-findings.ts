/**
 * What the officer reads: one finding per discrepancy. The evaluator gives one result per rule
 * (kept as they are for /rules, the JSON API and `nianbao validate --json`); one wrong cell of
 * table 三 fails the balance of its column and of the 总计 column (A3), and maybe a bound (A4).
 * Rules that declare the same `finding` are therefore shown as one finding naming the cells, with
 * each column's expected and actual value in plain Chinese. Pure: the editor, the lists' counts
 * and the command line use it alike.
 */
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef, Severity } from '@/lib/format/types'
import type { RuleResult, RuleStatus } from './evaluate'
import { valuesText } from './values-text'

export interface FindingPart {
  /** The rule's message (a group may join rules of different messages, A3 with A4). */
  message: string
  /** Where, for people: the column of a per-column rule (“自然人”), else ''. */
  where: string
  /** “应为 20，现为 26”; '' when the rule has no values. */
  values: string
  ruleId: string
}

export interface Finding {
  /**
   * The first rule's id: stable while the same discrepancy stands (a React key, a test hook). A
   * narrative finding's adds where it is (N1@overview.3.0): one rule fails at several sentences.
   */
  key: string
  severity: Severity
  status: RuleStatus
  /** The first rule's message. */
  message: string
  /** Every rule behind this finding, in declaration order. */
  ruleIds: string[]
  /** Their results as the evaluator gave them. */
  results: RuleResult[]
  /** Every cell involved, each once, in the order the rules name them. */
  cells: string[]
  /** The cell to go to. */
  focus: string | null
  /** One line per rule: where and the values. */
  parts: FindingPart[]
  /** Stated totals that disagree (S1), for 以各项之和为准. */
  stated?: string[]
}

const findingKeys = new WeakMap<FormatDef, Map<string, string>>()

/** Rule id → its finding's key (the rule's own id unless it declares a shared one). */
function keysOf(format: FormatDef): Map<string, string> {
  let keys = findingKeys.get(format)
  if (!keys) {
    keys = new Map(format.rules.map((r) => [r.id, (r.kind === 'linear' && r.finding) || r.id]))
    findingKeys.set(format, keys)
  }
  return keys
}

/** The column a per-column rule checks: the column label of the cell it is about. */
function columnOf(format: FormatDef, result: RuleResult): string {
  const path = result.cells[0]
  const cell = path ? cellByPath(format, path) : undefined
  return cell ? cell.columnLabel || cell.label : ''
}

/**
 * Results grouped into findings, in the order of each group's first result. Results of a
 * different status (failing, not yet assessable) or severity never share a finding; passing
 * results are left out.
 */
export function groupFindings(format: FormatDef, results: readonly RuleResult[]): Finding[] {
  const keys = keysOf(format)
  const byKey = new Map<string, RuleResult[]>()
  for (let i = 0; i < results.length; i++) {
    const r = results[i]
    if (r.status === 'pass') continue
    // A narrative finding is about its own sentence: each is a discrepancy of its own.
    const place = r.narrative ? `|${r.narrative.section}:${r.narrative.paragraph}:${i}` : ''
    const key = `${r.status}|${r.severity}|${keys.get(r.ruleId) ?? r.ruleId}${place}`
    const list = byKey.get(key)
    if (list) list.push(r)
    else byKey.set(key, [r])
  }
  const out: Finding[] = []
  /** Narrative findings so far per rule and paragraph: the last part of their key. */
  const atParagraph = new Map<string, number>()
  for (const group of byKey.values()) {
    const first = group[0]
    const cells = group.length === 1 ? first.cells : [...new Set(group.flatMap((r) => r.cells))]
    const stated = group.length === 1 ? (first.stated ?? []) : group.flatMap((r) => r.stated ?? [])
    // Counted within its rule and paragraph, not among all findings: a finding appearing above
    // (a table error) must not change the keys below it, or the panel redraws every one of them.
    let key = first.ruleId
    if (first.narrative) {
      const place = `${first.ruleId}@${first.narrative.section}.${first.narrative.paragraph}`
      const n = atParagraph.get(place) ?? 0
      atParagraph.set(place, n + 1)
      key = `${place}.${n}`
    }
    out.push({
      key,
      severity: first.severity,
      status: first.status,
      message: first.message,
      ruleIds: group.map((r) => r.ruleId),
      results: group,
      cells,
      focus: first.focus ?? cells[0] ?? null,
      parts: group.map((r) => ({
        message: r.message,
        where: group.length > 1 ? columnOf(format, r) : '',
        values: valuesText(r.expected, r.actual),
        ruleId: r.ruleId,
      })),
      ...(stated.length ? { stated } : {}),
    })
  }
  return out
}

/**
 * A finding's values in one line of plain Chinese, per message: “自然人 应为 20，现为 26；总计
 * 应为 40，现为 46”; a second message (an A4 bound) follows after “另：”.
 */
export function findingValuesText(finding: Finding): string {
  const byMessage = new Map<string, FindingPart[]>()
  for (const p of finding.parts) {
    const list = byMessage.get(p.message)
    if (list) list.push(p)
    else byMessage.set(p.message, [p])
  }
  const lines: string[] = []
  for (const [message, parts] of byMessage) {
    const values = parts
      .filter((p) => p.values || p.where)
      .map((p) => (p.where ? `${p.where}${p.values ? ` ${p.values}` : ''}` : p.values))
      .join('；')
    if (message === finding.message) lines.unshift(values)
    else lines.push(`另：${message}${values ? `（${values}）` : ''}`)
  }
  return lines.filter(Boolean).join('。')
}

/** How many findings of each severity fail (what the badges and the lists count). */
export function failingCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const f of findings) if (f.status === 'fail') counts[f.severity]++
  return counts
}
