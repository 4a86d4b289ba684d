/**
 * Cell-level changes (PATCH /api/reports/:id): each change names one leaf of the report by its
 * path, the value it was based on and the new value. Changes to different leaves merge; a leaf
 * whose stored value is no longer the base is a conflict, answered with both values. Pure: the
 * service reads and writes, this decides (docs/decisions/0050-cell-level-patch.md).
 *
 * Paths (all addressed from the report's root):
 * - a cell or fee fact: `sections.applications.newReceived.natural` (lib/format/cells.ts)
 * - a unit chosen per row (2019 采购总金额): `sections.<section>.<block>.<row>.<unitKey>`
 * - an explanation of a warning: `explanations.<ruleId>` ("" or null removes it)
 * - a narrative as a whole: `sections.overview`, `sections.otherMatters.text`
 * - a mark of a carried or prefilled value (report.origins): `origins.<cell path or narrative
 *   key>`; its only change is to null (确认: the officer confirms the value as theirs)
 * - a paragraph (one line of a narrative, from 1): `sections.overview#3`. Its value may hold
 *   `\n` (the paragraph becomes several: paragraphs inserted after it, or before it when the new
 *   text ends with the old) or be null (the paragraph is removed). Every paragraph number of one
 *   request counts in the narrative the client based its changes on.
 */
import { explanationRuleId } from '@/lib/rules/explanation-key'
import { cellByPath, formatCells, narrativePath } from '@/lib/format/cells'
import type { CellInfo } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { derivedCells } from '@/lib/rules/derive'
import { statedTargets } from '@/lib/rules/stated'
import { getAt, setAt } from './values'
import { MAX_EXPLANATION_CHARS, MAX_NARRATIVE_CHARS, narrativeOriginKeys, type ReportData } from './schema'

/** A leaf value on the wire: a cell's number or text, a narrative's text, or blank. */
export type LeafValue = string | number | null

export interface Change {
  path: string
  base: LeafValue
  value: LeafValue
}

export interface Conflict {
  path: string
  base: LeafValue
  mine: LeafValue
  theirs: LeafValue
}

/** A change as written: the stored value before and after (the audit event keeps both). */
export interface AppliedChange {
  path: string
  old: LeafValue
  new: LeafValue
}

/** What a path names, once checked against the format definition. */
export type Leaf =
  | { kind: 'cell'; path: string; segments: string[]; cell: CellInfo }
  | { kind: 'unit'; path: string; segments: string[]; options: readonly string[]; label: string }
  | { kind: 'explanation'; path: string; ruleId: string }
  /** A total as printed (report.stated), by the path of the total it states. */
  | { kind: 'stated'; path: string; target: string; label: string }
  | { kind: 'narrative'; path: string; segments: string[]; heading: string }
  /** A mark in report.origins, by its key (a cell path or a narrative key). */
  | { kind: 'origin'; path: string; key: string }
  | { kind: 'paragraph'; path: string; narrative: string; segments: string[]; heading: string; number: number }

export interface NarrativeLeaf {
  /** From the root: sections.overview */
  path: string
  /** From the root too: ['sections', 'overview'], ['preamble']. */
  segments: string[]
  heading: string
}

const narrativeCache = new WeakMap<FormatDef, Map<string, NarrativeLeaf>>()

/**
 * Every narrative of the format by its path from the root, with segments from the root too: the
 * six sections' narratives, then the preamble (report.preamble, outside `sections`).
 */
export function narrativeLeaves(format: FormatDef): Map<string, NarrativeLeaf> {
  let out = narrativeCache.get(format)
  if (!out) {
    out = new Map()
    for (const section of format.sections) {
      const p = narrativePath(section)
      if (p) {
        out.set(`sections.${p}`, {
          path: `sections.${p}`,
          segments: ['sections', ...p.split('.')],
          heading: section.heading,
        })
      }
    }
    const preamble = format.preamble
    out.set(preamble.key, { path: preamble.key, segments: [preamble.key], heading: preamble.heading })
    narrativeCache.set(format, out)
  }
  return out
}

const unitCache = new WeakMap<FormatDef, Map<string, { options: readonly string[]; label: string }>>()

function unitLeaves(format: FormatDef) {
  let out = unitCache.get(format)
  if (!out) {
    out = new Map()
    for (const section of format.sections) {
      if (section.kind !== 'table' || section.table.kind !== 'blocks') continue
      for (const block of section.table.blocks) {
        if (!block.unitField) continue
        for (const row of block.rows) {
          out.set(`${section.key}.${block.key}.${row.key}.${block.unitField.key}`, {
            options: block.unitField.options,
            label: `${row.label}·${block.unitField.label}`,
          })
        }
      }
    }
    unitCache.set(format, out)
  }
  return out
}

const PARAGRAPH = /^(.+)#([1-9]\d{0,5})$/

/** What a path names, or a Chinese reason why it names nothing that can be changed. */
export function resolvePath(format: FormatDef, path: string): Leaf | { error: string } {
  const paragraph = PARAGRAPH.exec(path)
  if (paragraph) {
    const narrative = narrativeLeaves(format).get(paragraph[1])
    if (!narrative) return { error: '不是正文段落' }
    return {
      kind: 'paragraph',
      path,
      narrative: narrative.path,
      segments: narrative.segments,
      heading: narrative.heading,
      number: Number(paragraph[2]),
    }
  }
  const narrative = narrativeLeaves(format).get(path)
  if (narrative) return { kind: 'narrative', path, segments: narrative.segments, heading: narrative.heading }
  if (path.startsWith('explanations.')) {
    // The key: a rule id, or a rule id and a sentence (lib/rules/explanation-key.ts).
    const ruleId = path.slice('explanations.'.length)
    const rule = explanationRuleId(ruleId)
    if (!rule || !format.rules.some((r) => r.id === rule)) return { error: '没有这条规则，无法填写说明' }
    return { kind: 'explanation', path, ruleId }
  }
  if (path.startsWith('origins.')) {
    const key = path.slice('origins.'.length)
    if (!cellByPath(format, key) && !narrativeOriginKeys(format).has(key))
      return { error: '来源标记不对应年报中任何一项' }
    return { kind: 'origin', path, key }
  }
  if (path.startsWith('stated.')) {
    const target = path.slice('stated.'.length)
    const stated = statedTargets(format).get(target)
    if (!stated) return { error: '写明的合计不对应表中任何合计' }
    return { kind: 'stated', path, target, label: stated.label }
  }
  if (path.startsWith('sections.')) {
    const p = path.slice('sections.'.length)
    const cell = cellByPath(format, p)
    if (cell) {
      if (derivedCells(format).has(p)) return { error: '合计由系统自动计算，不能直接填写' }
      return { kind: 'cell', path, segments: cell.segments, cell }
    }
    const unit = unitLeaves(format).get(p)
    if (unit) return { kind: 'unit', path, segments: p.split('.'), ...unit }
  }
  return { error: '年报中没有这一项' }
}

/** The lines of a narrative: a paragraph is one line; a missing narrative is one empty line. */
export function paragraphsOf(text: unknown): string[] {
  return (typeof text === 'string' ? text : '').split('\n')
}

/** Stored and sent values compare as the same leaf value (a count may arrive as text). */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = a === undefined || a === '' ? null : a
  const y = b === undefined || b === '' ? null : b
  if (x === y) return true
  if (x === null || y === null) return false
  return (typeof x === 'number' || typeof y === 'number') && String(x) === String(y)
}

type Checked = { ok: true; value: LeafValue } | { ok: false; error: string }

/** The value a change stores, parsed through the value-type map, or why it cannot be stored. */
function checkValue(leaf: Leaf, value: LeafValue): Checked {
  switch (leaf.kind) {
    case 'cell': {
      if (value === null) return { ok: true, value: null }
      const type = VALUE_TYPES[leaf.cell.valueType]
      const parsed = type.parse(String(value))
      if (!parsed.ok) return parsed
      if (parsed.value !== null && !type.valid(parsed.value)) return { ok: false, error: '数值不合规' }
      return { ok: true, value: parsed.value }
    }
    case 'unit':
      if (value === null || value === '') return { ok: true, value: null }
      return typeof value === 'string' && leaf.options.includes(value)
        ? { ok: true, value }
        : { ok: false, error: `应为${leaf.options.join('或')}` }
    case 'explanation':
      if (value === null) return { ok: true, value: null }
      if (typeof value !== 'string') return { ok: false, error: '应为文本' }
      if (value.length > MAX_EXPLANATION_CHARS) return { ok: false, error: '说明过长' }
      return { ok: true, value: value.trim() === '' ? null : value }
    case 'stated':
      if (value === null) return { ok: true, value: null }
      if (typeof value === 'number' ? Number.isFinite(value) && value >= 0 : /^\d+(\.\d+)?$/.test(value)) {
        return { ok: true, value }
      }
      return { ok: false, error: '写明的合计应为数字' }
    case 'narrative':
      if (value === null) return { ok: true, value: '' }
      if (typeof value !== 'string') return { ok: false, error: '应为文本' }
      return { ok: true, value }
    case 'paragraph':
      if (value === null) return { ok: true, value: null }
      if (typeof value !== 'string') return { ok: false, error: '应为文本' }
      return { ok: true, value }
    case 'origin':
      // Marks are set by the server (prefill); the officer only confirms, removing one.
      return value === null ? { ok: true, value: null } : { ok: false, error: '来源标记只能确认（清除）' }
  }
}

export type MergeResult =
  | { ok: true; applied: AppliedChange[]; conflicts: Conflict[] }
  | { ok: false; fields: Record<string, string> }

interface ParagraphEdit {
  change: Change
  leaf: Extract<Leaf, { kind: 'paragraph' }>
  value: string | null
}

/**
 * Applies the changes to `report` (mutated: the caller passes the freshly read stored content).
 * Either every change is well-formed and the non-conflicting ones are applied, or nothing is
 * applied and `fields` says, by path, what is wrong. Derived totals are not recomputed here.
 */
export function mergeChanges(format: FormatDef, report: ReportData, changes: readonly Change[]): MergeResult {
  const fields: Record<string, string> = {}
  const leaves: { change: Change; leaf: Leaf; value: LeafValue }[] = []
  const seen = new Set<string>()
  const wholeNarratives = new Set<string>()
  const paragraphNarratives = new Set<string>()
  for (const change of changes) {
    const leaf = resolvePath(format, change.path)
    if ('error' in leaf) {
      fields[change.path] = leaf.error
      continue
    }
    if (seen.has(change.path)) {
      fields[change.path] = '同一项在一次保存中出现了两次'
      continue
    }
    seen.add(change.path)
    if (leaf.kind === 'narrative') wholeNarratives.add(leaf.path)
    if (leaf.kind === 'paragraph') {
      paragraphNarratives.add(leaf.narrative)
      if (typeof change.base !== 'string') {
        fields[change.path] = '段落修改缺少原文'
        continue
      }
    }
    const checked = checkValue(leaf, change.value)
    if (!checked.ok) fields[change.path] = checked.error
    else leaves.push({ change, leaf, value: checked.value })
  }
  for (const n of wholeNarratives) {
    if (paragraphNarratives.has(n)) fields[n] = '同一段正文不能既整体修改又按段落修改'
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields }

  const applied: AppliedChange[] = []
  const conflicts: Conflict[] = []
  const paragraphs = new Map<string, ParagraphEdit[]>()
  const sections = report.sections as Record<string, unknown>
  // Narratives are addressed from the root (the preamble lives beside `sections`).
  const root = report as unknown as Record<string, unknown>
  for (const { change, leaf, value } of leaves) {
    if (leaf.kind === 'paragraph') {
      const list = paragraphs.get(leaf.narrative) ?? []
      list.push({ change, leaf, value: value as string | null })
      paragraphs.set(leaf.narrative, list)
      continue
    }
    const current = currentValue(report, leaf)
    if (sameValue(current, value)) continue // already so: nothing to write, nothing to dispute
    if (!sameValue(current, change.base)) {
      conflicts.push({ path: change.path, base: change.base, mine: change.value, theirs: current })
      continue
    }
    if (leaf.kind === 'explanation') {
      const explanations = { ...report.explanations }
      if (value === null) delete explanations[leaf.ruleId]
      else explanations[leaf.ruleId] = value as string
      if (Object.keys(explanations).length > 0) report.explanations = explanations
      else delete report.explanations
    } else if (leaf.kind === 'stated') {
      const stated = { ...report.stated }
      if (value === null) delete stated[leaf.target]
      else stated[leaf.target] = value as number | string
      if (Object.keys(stated).length > 0) report.stated = stated
      else delete report.stated
    } else if (leaf.kind === 'origin') dropOrigin(report, leaf.key)
    else if (leaf.kind === 'narrative') {
      setAt(root, leaf.segments, value)
      dropOrigin(report, narrativeKeyOf(leaf.path))
    } else {
      setAt(sections, leaf.segments, value)
      // A carried or prefilled value the officer changes is theirs now.
      if (leaf.kind === 'cell') dropOrigin(report, leaf.cell.path)
    }
    applied.push({ path: change.path, old: current, new: value })
  }
  for (const [path, edits] of paragraphs) {
    const before = applied.length
    const tooLong = mergeParagraphs(root, edits, applied, conflicts)
    if (tooLong) return { ok: false, fields: { [path]: tooLong } }
    // A prefilled narrative the officer edits is theirs now.
    if (applied.length > before) dropOrigin(report, narrativeKeyOf(path))
  }
  for (const leaf of leaves) {
    if (leaf.leaf.kind !== 'narrative') continue
    const text = getAt(root, leaf.leaf.segments)
    if (typeof text === 'string' && text.length > MAX_NARRATIVE_CHARS) {
      return { ok: false, fields: { [leaf.leaf.path]: narrativeTooLong(leaf.leaf.heading) } }
    }
  }
  return { ok: true, applied, conflicts }
}

const narrativeTooLong = (heading: string) =>
  `${heading}过长（超过${MAX_NARRATIVE_CHARS / 10000}万字），请精简或分段检查是否误粘贴`

/** A narrative's key in report.origins: its path below `sections`, or the preamble's. */
const narrativeKeyOf = (path: string) => path.replace(/^sections\./, '')

/** Removes a carried or prefilled mark (the value is the officer's now). */
function dropOrigin(report: ReportData, key: string) {
  if (!report.origins || !(key in report.origins)) return
  const { [key]: _, ...rest } = report.origins
  if (Object.keys(rest).length > 0) report.origins = rest
  else delete report.origins
}

function currentValue(report: ReportData, leaf: Exclude<Leaf, { kind: 'paragraph' }>): LeafValue {
  if (leaf.kind === 'origin') return report.origins?.[leaf.key] ?? null
  if (leaf.kind === 'explanation') return report.explanations?.[leaf.ruleId] ?? null
  if (leaf.kind === 'stated') return report.stated?.[leaf.target] ?? null
  if (leaf.kind === 'narrative') {
    const text = getAt(report as unknown as Record<string, unknown>, leaf.segments)
    return typeof text === 'string' ? text : ''
  }
  const v = getAt(report.sections, leaf.segments)
  return v === undefined ? null : (v as LeafValue)
}

/**
 * Paragraph edits of one narrative. Each finds its line: the line of its number when that still
 * holds the base; else the one line holding the base text, when exactly one does (another save
 * inserted or removed paragraphs above it); else it is a conflict. All lines are found in the
 * stored text before any is replaced, then replaced from the last up, so numbers stay valid.
 * Returns a message when the merged narrative is too long.
 */
function mergeParagraphs(
  root: Record<string, unknown>,
  edits: ParagraphEdit[],
  applied: AppliedChange[],
  conflicts: Conflict[],
): string | null {
  const segments = edits[0].leaf.segments
  const lines = paragraphsOf(getAt(root, segments))
  const taken = new Set<number>()
  const located: { index: number; edit: ParagraphEdit }[] = []
  for (const edit of edits) {
    const { change, leaf, value } = edit
    const at = leaf.number - 1
    const theirs = at < lines.length ? lines[at] : null
    if (theirs !== null && value !== null && theirs === value) continue // already so
    let index = theirs === change.base && !taken.has(at) ? at : -1
    if (index < 0) {
      const holders = lines.flatMap((line, i) => (line === change.base && !taken.has(i) ? [i] : []))
      if (holders.length === 1) index = holders[0]
    }
    if (index < 0) {
      // Removing a paragraph someone else removed already is no conflict.
      if (value === null && !lines.includes(change.base as string)) continue
      conflicts.push({ path: change.path, base: change.base, mine: change.value, theirs })
      continue
    }
    taken.add(index)
    located.push({ index, edit })
  }
  if (located.length === 0) return null
  located.sort((a, b) => b.index - a.index)
  for (const { index, edit } of located) {
    const replacement = edit.value === null ? [] : edit.value.split('\n')
    lines.splice(index, 1, ...replacement)
    applied.push({ path: edit.change.path, old: edit.change.base, new: edit.value })
  }
  // Removing every line leaves an empty narrative, not a missing one.
  const text = lines.join('\n')
  if (text.length > MAX_NARRATIVE_CHARS) return narrativeTooLong(edits[0].leaf.heading)
  setAt(root, segments, text)
  return null
}

/**
 * The changes that turn `base` into `next`, leaf by leaf, each with the value it was based on:
 * what the editor sends. Derived totals are left out (the server computes them). A narrative's
 * changed paragraphs are the range between the common first and last lines: paired lines are
 * replaced, extra new lines ride on the last paired line (or on a neighbour when none is), extra
 * old lines are removed.
 */
export function diffReports(format: FormatDef, base: ReportData, next: ReportData): Change[] {
  const out: Change[] = []
  const derived = derivedCells(format)
  for (const cell of formatCells(format)) {
    if (derived.has(cell.path)) continue
    const a = getAt(base.sections, cell.segments)
    const b = getAt(next.sections, cell.segments)
    if (!sameValue(a, b)) out.push({ path: `sections.${cell.path}`, base: leafOf(a), value: leafOf(b) })
  }
  for (const [p] of unitLeaves(format)) {
    const segments = p.split('.')
    const a = getAt(base.sections, segments)
    const b = getAt(next.sections, segments)
    if (!sameValue(a, b)) out.push({ path: `sections.${p}`, base: leafOf(a), value: leafOf(b) })
  }
  for (const narrative of narrativeLeaves(format).values()) {
    const a = getAt(base as unknown as Record<string, unknown>, narrative.segments)
    const b = getAt(next as unknown as Record<string, unknown>, narrative.segments)
    out.push(...paragraphChanges(narrative.path, paragraphsOf(a), paragraphsOf(b)))
  }
  const ids = new Set([...Object.keys(base.explanations ?? {}), ...Object.keys(next.explanations ?? {})])
  for (const id of ids) {
    const a = base.explanations?.[id] ?? null
    const b = next.explanations?.[id] ?? null
    if (!sameValue(a, b)) out.push({ path: `explanations.${id}`, base: a, value: b })
  }
  // Marks only go (确认): one the editor removed is sent as null.
  for (const [key, origin] of Object.entries(base.origins ?? {})) {
    if (!next.origins?.[key]) out.push({ path: `origins.${key}`, base: origin, value: null })
  }
  const targets = new Set([...Object.keys(base.stated ?? {}), ...Object.keys(next.stated ?? {})])
  for (const target of targets) {
    const a = base.stated?.[target] ?? null
    const b = next.stated?.[target] ?? null
    if (!sameValue(a, b)) out.push({ path: `stated.${target}`, base: a, value: b })
  }
  return out
}

/** A stored value as sent: numbers and text as they are, anything else (blank) as null. */
const leafOf = (v: unknown): LeafValue => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? v : null)

/** Paragraph changes turning lines `a` into lines `b` (see diffReports). */
export function paragraphChanges(path: string, a: string[], b: string[]): Change[] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const removed = a.slice(start, endA)
  const added = b.slice(start, endB)
  if (removed.length === 0 && added.length === 0) return []
  const at = (i: number) => `${path}#${i + 1}`
  if (removed.length === 0) {
    // Pure insertion: ride on the line before it, or on the first line when at the top.
    if (start > 0) {
      return [{ path: at(start - 1), base: a[start - 1], value: [a[start - 1], ...added].join('\n') }]
    }
    return [{ path: at(0), base: a[0], value: [...added, a[0]].join('\n') }]
  }
  const out: Change[] = []
  const paired = Math.min(removed.length, added.length)
  for (let i = 0; i < paired; i++) {
    const last = i === paired - 1
    const value = last ? added.slice(i).join('\n') : added[i]
    out.push({ path: at(start + i), base: removed[i], value })
  }
  for (let i = paired; i < removed.length; i++) out.push({ path: at(start + i), base: removed[i], value: null })
  return out.filter((c) => c.base !== c.value)
}

/** What a path is called on screen and in the history: labels from the format, never the raw path. */
export function leafLabel(format: FormatDef, path: string): string {
  const leaf = resolvePath(format, path)
  if ('error' in leaf) {
    // Derived totals are refused as changes but are still cells with labels.
    const cell = cellByPath(format, path.replace(/^sections\./, ''))
    return cell ? cell.label : path
  }
  switch (leaf.kind) {
    case 'cell':
      return leaf.cell.label
    case 'unit':
      return leaf.label
    case 'explanation':
      return `情况说明（${leaf.ruleId}）`
    case 'stated':
      return `${leaf.label}（表中写明的合计）`
    case 'narrative':
      return `${leaf.heading}（正文）`
    case 'paragraph':
      return `${leaf.heading}（正文第${leaf.number}段）`
    case 'origin': {
      const cell = cellByPath(format, leaf.key)
      const narrative = narrativeLeaves(format).get(
        leaf.key === format.preamble.key ? leaf.key : `sections.${leaf.key}`,
      )
      return `确认沿用上年度：${cell ? cell.label : narrative ? `${narrative.heading}（正文）` : leaf.key}`
    }
  }
}
