/**
 * What changed between two versions of a report: the value cells (labelled from the format
 * definition) and the narrative paragraphs, aligned side by side for the versions page.
 */
import { formatCells, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'

export interface CellChange {
  path: string
  label: string
  sectionKey: string
  before: unknown
  after: unknown
}

export type ParagraphRow =
  | { kind: 'same'; before: string; after: string }
  | { kind: 'changed'; before: string; after: string }
  | { kind: 'removed'; before: string; after: null }
  | { kind: 'added'; before: null; after: string }

export interface NarrativeChange {
  sectionKey: string
  heading: string
  /** Every paragraph of both sides, aligned; unchanged ones have kind 'same'. */
  rows: ParagraphRow[]
}

export interface ExplanationChange {
  ruleId: string
  before: string | null
  after: string | null
}

export interface ReportDiff {
  cells: CellChange[]
  narratives: NarrativeChange[]
  explanations: ExplanationChange[]
  /** Nothing differs. */
  same: boolean
}

const blankAsNull = (v: unknown) => (v === undefined || v === '' ? null : v)

export function paragraphs(text: unknown): string[] {
  if (typeof text !== 'string') return []
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

/**
 * Aligns two paragraph lists by their longest common subsequence; a run of removed paragraphs
 * next to a run of added ones pairs up as changed, so an edited paragraph sits beside its old self.
 */
export function alignParagraphs(a: string[], b: string[]): ParagraphRow[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])

  const rows: ParagraphRow[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = () => {
    const paired = Math.min(removed.length, added.length)
    for (let k = 0; k < paired; k++) rows.push({ kind: 'changed', before: removed[k], after: added[k] })
    for (const p of removed.slice(paired)) rows.push({ kind: 'removed', before: p, after: null })
    for (const p of added.slice(paired)) rows.push({ kind: 'added', before: null, after: p })
    removed = []
    added = []
  }
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush()
      rows.push({ kind: 'same', before: a[i], after: b[j] })
      i++
      j++
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      added.push(b[j++])
    } else {
      removed.push(a[i++])
    }
  }
  flush()
  return rows
}

export function diffReports(a: ReportData, b: ReportData, format: FormatDef): ReportDiff {
  const cells: CellChange[] = []
  for (const cell of formatCells(format)) {
    const before = blankAsNull(getAt(a.sections, cell.segments))
    const after = blankAsNull(getAt(b.sections, cell.segments))
    if (before !== after) cells.push({ path: cell.path, label: cell.label, sectionKey: cell.sectionKey, before, after })
  }

  const narratives: NarrativeChange[] = []
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    const segments = path.split('.')
    const rows = alignParagraphs(paragraphs(getAt(a.sections, segments)), paragraphs(getAt(b.sections, segments)))
    if (rows.some((r) => r.kind !== 'same'))
      narratives.push({ sectionKey: section.key, heading: section.heading, rows })
  }

  const explanations: ExplanationChange[] = []
  const ea = a.explanations ?? {}
  const eb = b.explanations ?? {}
  for (const ruleId of [...new Set([...Object.keys(ea), ...Object.keys(eb)])].sort()) {
    const before = ea[ruleId]?.trim() || null
    const after = eb[ruleId]?.trim() || null
    if (before !== after) explanations.push({ ruleId, before, after })
  }

  return {
    cells,
    narratives,
    explanations,
    same: cells.length === 0 && narratives.length === 0 && explanations.length === 0,
  }
}
