/**
 * The published rule list: each rule of a format as a readable Chinese statement, with the cell
 * labels of the definition. The /rules page, docs/rules.md and the command line all use it, so
 * the list cannot drift from the rules that actually run.
 */
import { cellByPath, dataRows, groupRows, narrativePath } from '@/lib/format/cells'
import { FORMAT_LIST } from '@/lib/format/index'
import type { FormatDef, RuleDef, Severity, YearTerm } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { AGENCY_LEVEL_LABELS, AGENCY_TYPE_LABELS } from '@/lib/report/fields'
import { PARENT_RULE_FAMILY, PARENT_RULES } from '@/lib/rollup/parent-check'

export { valuesText } from './values-text'

export const SEVERITY_LABELS: Record<Severity, '错误' | '警告' | '提示'> = {
  error: '错误',
  warning: '警告',
  info: '提示',
}

export interface RuleDescription {
  id: string
  family: string
  familyTitle: string
  severity: Severity
  severityLabel: '错误' | '警告' | '提示'
  /** What is checked, in words, with the cells' labels. */
  check: string
  /** What the officer is told when it fails. */
  message: string
}

/** Lists longer than this are shortened to their first and last items. */
const MAX_LISTED = 6

/** A label of a cell, a narrative or a group row, for people; the path itself if unknown. */
export function cellLabel(format: FormatDef, path: string): string {
  const cell = cellByPath(format, path)
  if (cell) return cell.label
  const [sectionKey, ...rest] = path.split('.')
  const section = format.sections.find((s) => s.key === sectionKey)
  if (!section) return path
  if (rest.length === 0 || narrativePath(section) === path) return section.heading
  if (section.kind === 'table' && section.table.kind === 'matrix' && rest.length === 1) {
    const group = groupRows(section.table.rows).find((g) => g.key === rest[0])
    if (group) return `${section.heading}·${group.label}`
  }
  return path
}

/** Long labels keep their gist: a trailing explanation in brackets is dropped, the rest cut. */
function short(label: string): string {
  const plain = label.length > 12 ? label.replace(/（[^（）]*）$/, '') : label
  return plain.length > 22 ? `${plain.slice(0, 20)}…` : plain
}

function list(items: string[], joiner: string): string {
  if (items.length <= MAX_LISTED) return items.join(joiner)
  return `${[...items.slice(0, 3), '…', items[items.length - 1]].join(joiner)}（共${items.length}项）`
}

/** The sides of a linear rule, naming the shared row or column once. */
function linearCheck(format: FormatDef, rule: Extract<RuleDef, { kind: 'linear' }>): string {
  const cells = [...rule.left, ...rule.right].map((p) => cellByPath(format, p))
  const known = cells.every((c) => c !== undefined)
  const op = rule.op === 'eq' ? '等于' : '不超过'
  const side = (paths: string[], label: (p: string) => string) =>
    paths.length === 0 ? '0' : list(paths.map(label), ' + ')
  if (known && cells.length > 1 && cells.every((c) => c!.rowLabel === cells[0]!.rowLabel && c!.columnLabel)) {
    const column = (p: string) => short(cellByPath(format, p)!.columnLabel)
    const row = cells[0]!.rowLabel
    // Nothing on the left: state it as a lower bound on the right (上一年项目数量 + 本年增/减 ≥ 0).
    if (rule.left.length === 0) return `${row}·${side(rule.right, column)} 不小于0`
    return `${row}·${side(rule.left, column)} ${op} ${side(rule.right, column)}`
  }
  if (known && cells.length > 1 && cells.every((c) => c!.columnLabel === cells[0]!.columnLabel)) {
    const row = (p: string) => short(cellByPath(format, p)!.rowLabel)
    return `${cells[0]!.columnLabel}列：${side(rule.left, row)} ${op} ${side(rule.right, row)}`
  }
  const full = (p: string) => {
    const cell = cellByPath(format, p)
    return cell?.columnLabel ? `${short(cell.rowLabel)}·${cell.columnLabel}` : short(cellLabel(format, p))
  }
  if (rule.left.length === 0) return `${side(rule.right, full)} 不小于0`
  return `${side(rule.left, full)} ${op} ${side(rule.right, full)}`
}

/** Many cells named by section (三、… 175格); a few named one by one. */
function cellsByPlace(format: FormatDef, paths: string[]): string {
  if (paths.length <= 3) return paths.map((p) => cellLabel(format, p)).join('、')
  const counts = new Map<string, number>()
  for (const p of paths) {
    const key = p.split('.')[0]
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts]
    .map(([key, n]) => {
      const heading = format.sections.find((s) => s.key === key)?.heading ?? key
      return n === 1 ? cellLabel(format, paths.find((p) => p.startsWith(`${key}.`))!) : `${heading}${n}格`
    })
    .join('；')
}

function describeCheck(format: FormatDef, rule: RuleDef): string {
  switch (rule.kind) {
    case 'linear':
      return linearCheck(format, rule)
    case 'cellType': {
      const type = cellByPath(format, rule.cells[0])?.valueType ?? 'count'
      return `${cellsByPlace(format, rule.cells)}：已填的值${VALUE_TYPES[type].statement}`
    }
    case 'filled': {
      const cells = rule.cells.filter((p) => cellByPath(format, p))
      if (cells.length === 0) return `${rule.cells.map((p) => cellLabel(format, p)).join('、')}不为空`
      return `全部${cells.length}个单元格都已填写，空白不等于0（${cellsByPlace(format, cells)}）`
    }
    case 'above': {
      const labels = rule.cells.map((p) => cellLabel(format, p))
      const subject = labels.length === 1 ? labels[0] : `${labels.join('、')}均`
      const unless = rule.unlessLevels?.length
        ? `（${rule.unlessLevels.map((l) => AGENCY_LEVEL_LABELS[l]).join('、')}机关不查）`
        : ''
      return rule.bound === 0 ? `${subject}不为0时提请核实${unless}` : `${subject}超过${rule.bound}时提请核实${unless}`
    }
    case 'mentions': {
      const when: string[] = []
      if (rule.agencyType) when.push(`仅${AGENCY_TYPE_LABELS[rule.agencyType]}`)
      if (rule.whenPositive?.length) {
        when.push(`${rule.whenPositive.map((p) => `${short(cellLabel(format, p))}大于0`).join('或')}时`)
      }
      const topics = rule.topics.map((t) =>
        t.keywords.length === 1 && t.keywords[0] === t.label ? t.label : `${t.label}（${t.keywords.join('/')}）`,
      )
      const texts = rule.texts.map((p) => cellLabel(format, p)).join('或')
      return `${when.length ? `${when.join('，')}：` : ''}${texts}提到${topics.join('；')}`
    }
    case 'stated':
      return '表中写明的合计（粘贴或导入的总计、小计）等于各项之和；不一致时以修改各项或“以各项之和为准”处理'
    case 'structure': {
      if (rule.check === 'sectionsPresent') {
        return `${format.sections.length}个部分齐全、有内容：${format.sections.map((s) => s.heading).join('；')}`
      }
      if (rule.check === 'preamblePresent') {
        return `标题之后、${format.sections[0]?.heading ?? '正文'}之前有不编号的${format.preamble.heading}（编制依据、统计期限、电子版网址、联系方式）`
      }
      const groups = format.sections.flatMap((s) =>
        s.kind === 'table' && s.table.kind === 'matrix'
          ? [
              `${s.heading}中的分组行（${groupRows(s.table.rows)
                .map((g) => g.label)
                .join('；')}）不填数，只有${dataRows(s.table.rows).length}个数据行存值`,
            ]
          : [],
      )
      return groups.join('；')
    }
    case 'continuity': {
      const terms = (ts: YearTerm[]) =>
        ts
          .map((t, i) => {
            const label = `${t.previous ? '上年度' : ''}${cellLabel(format, t.path)}`
            return i === 0 ? `${t.negative ? '−' : ''}${label}` : `${t.negative ? ' − ' : ' + '}${label}`
          })
          .join('')
      const op = { eq: '等于', lte: '不超过', gte: '不少于' }[rule.op]
      return `${terms(rule.left)} ${op} ${terms(rule.right)}（需要上年度年报）`
    }
    case 'jump':
      return `${cellsByPlace(format, rule.cells)}：与上年度同一单元格相比，上年度不少于${rule.minPrevious}而本年达到其${rule.factor}倍以上或不到1/${rule.factor}时提示（需要上年度年报）`
    case 'narrative':
      return rule.definition
    case 'reference':
      return `上年度${rule.previous.map((p) => cellLabel(format, p)).join('、')}大于0时，在本年度表中列出供参考（需要上年度年报）`
    default: {
      const never: never = rule
      throw new Error(`unknown rule kind ${JSON.stringify(never)}`)
    }
  }
}

export function describeRule(format: FormatDef, rule: RuleDef): RuleDescription {
  const family = format.ruleFamilies.find((f) => f.id === rule.family)
  return {
    id: rule.id,
    family: rule.family,
    familyTitle: family?.title ?? rule.family,
    severity: rule.severity,
    severityLabel: SEVERITY_LABELS[rule.severity],
    check: describeCheck(format, rule),
    message: rule.message,
  }
}

/** Every rule of the format, grouped by family in the published order, declaration order within. */
export function describeRules(format: FormatDef): RuleDescription[] {
  const order = new Map(format.ruleFamilies.map((f, i) => [f.id, i]))
  return format.rules
    .map((rule, i) => ({ d: describeRule(format, rule), i }))
    .sort((a, b) => (order.get(a.d.family) ?? 99) - (order.get(b.d.family) ?? 99) || a.i - b.i)
    .map((x) => x.d)
}

/**
 * The reference view of the rules: one entry per rule (A1, R1, …), however many rows or groups
 * it is instantiated for (A1.newReceived, A1.carriedOver, …): what it checks, shown once on its
 * first instance, and the places it covers.
 */
export interface RuleEntry {
  id: string
  family: string
  familyTitle: string
  severity: Severity
  severityLabel: string
  /** The check in words; for a rule over several places, that of the first, as an example. */
  check: string
  /** The rows or groups a rule over several places covers (empty for a single one). */
  covers: string[]
  message: string
}

export function ruleEntries(format: FormatDef): RuleEntry[] {
  const groups = new Map<string, RuleDescription[]>()
  for (const d of describeRules(format)) {
    const base = d.id.split('.')[0]
    groups.set(base, [...(groups.get(base) ?? []), d])
  }
  return [...groups].map(([id, members]) => {
    const [first] = members
    if (members.length === 1) return { ...first, id, covers: [] }
    // Per-place messages read “<place>：<what>”; the shared <what> is the entry's message.
    const split = members.map((m) => {
      const at = m.message.indexOf('：')
      return at < 0 ? null : { place: m.message.slice(0, at), what: m.message.slice(at + 1) }
    })
    const shared = split.every((x) => x && x.what === split[0]!.what)
    return {
      ...first,
      id,
      check: `${first.check}（其余各处同理）`,
      covers: shared ? split.map((x) => x!.place) : members.map((m) => m.check),
      message: shared ? split[0]!.what : first.message,
    }
  })
}

/** G1–G3 (parent = Σ children): checked by the roll-up over both formats, listed once after the formats. */
export function parentRuleEntries(): RuleEntry[] {
  return Object.entries(PARENT_RULES).map(([id, r]) => ({
    id,
    family: PARENT_RULE_FAMILY.id,
    familyTitle: PARENT_RULE_FAMILY.title,
    severity: r.severity,
    severityLabel: SEVERITY_LABELS[r.severity],
    check: r.definition,
    covers: [],
    message: r.message,
  }))
}

const cellText = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** docs/rules.md: both formats, a table per family. */
export function rulesMarkdown(formats: FormatDef[] = FORMAT_LIST): string {
  const out = [
    '# 核对规则',
    '',
    '本文件由格式定义生成（`npm run docs:rules`，见 lib/rules/describe.ts），请勿手工修改。',
    '',
    '级别：**错误**须改正后才能标记完成；**警告**须填写情况说明；**提示**供参考。空白不等于0：含空白单元格的规则暂不判断。',
    '',
  ]
  for (const format of formats) {
    const rules = ruleEntries(format)
    const checks = describeRules(format).length
    out.push(`## ${format.basis}（${format.version}年格式）`, '', `共${rules.length}条规则（${checks}项检查）。`, '')
    for (const family of format.ruleFamilies) {
      const list = rules.filter((r) => r.family === family.id)
      if (list.length === 0) continue
      out.push(`### ${family.id} ${family.title}`, '', family.basis, '')
      out.push('| 编号 | 级别 | 检查内容 | 适用范围 | 提示信息 |', '|---|---|---|---|---|')
      for (const r of list) {
        const covers = r.covers.length ? `${r.covers.length}处：${r.covers.join('；')}` : ''
        out.push(
          `| ${r.id} | ${r.severityLabel} | ${cellText(r.check)} | ${cellText(covers)} | ${cellText(r.message)} |`,
        )
      }
      out.push('')
    }
  }
  out.push(`## ${PARENT_RULE_FAMILY.title}`, '', `### ${PARENT_RULE_FAMILY.id} ${PARENT_RULE_FAMILY.title}`, '')
  out.push(PARENT_RULE_FAMILY.basis, '', '| 编号 | 级别 | 检查内容 | 提示信息 |', '|---|---|---|---|')
  for (const r of parentRuleEntries())
    out.push(`| ${r.id} | ${r.severityLabel} | ${cellText(r.check)} | ${cellText(r.message)} |`)
  out.push('')
  return `${out.join('\n').trimEnd()}\n`
}
