/**
 * What changed between two versions of a report: the value cells (labelled from the format
 * definition) and the narrative paragraphs, aligned side by side for the versions page.
 */
import { formatCells, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import type { ReportData } from '@/lib/report/schema'
import { withLinksResolved } from '@/lib/narrative/links'
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
 * Beyond this many edits on one side of a middle snake the search stops being exact: the cost
 * is bounded by O((N+M)·COST_LIMIT) per level however the two sides differ.
 */
const COST_LIMIT = 256

/** Edit operations of a paragraph script, in order. */
const SAME = 0
const REMOVED = 1
const ADDED = 2

/**
 * The shortest edit script between a and b (Myers' O((N+M)·D) algorithm in its linear-space
 * form, divide and conquer on the middle snake). A full LCS table is O(N·M) in time and memory:
 * 10,000 paragraphs a side took seconds and most of a gigabyte. Paragraphs are compared as
 * small integers (equal text, equal number).
 */
function editScript(a: Int32Array, b: Int32Array): Uint8Array {
  const ops: number[] = []
  const size = a.length + b.length + 3
  const vf = new Int32Array(size)
  const vb = new Int32Array(size)

  const emit = (op: number, count: number) => {
    for (let k = 0; k < count; k++) ops.push(op)
  }

  const solve = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    // Common head and tail cost nothing to match.
    let head = 0
    while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] === b[bLo + head]) head++
    let tail = 0
    while (aHi - tail > aLo + head && bHi - tail > bLo + head && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++
    emit(SAME, head)
    aLo += head
    bLo += head
    aHi -= tail
    bHi -= tail
    if (aLo === aHi) emit(ADDED, bHi - bLo)
    else if (bLo === bHi) emit(REMOVED, aHi - aLo)
    else {
      const [x, y, u, v] = middleSnake(aLo, aHi, bLo, bHi)
      solve(aLo, aLo + x, bLo, bLo + y)
      emit(SAME, u - x)
      solve(aLo + u, aHi, bLo + v, bHi)
    }
    emit(SAME, tail)
  }

  /** The middle snake of the script from (aLo, bLo) to (aHi, bHi), as offsets [x, y, u, v]. */
  const middleSnake = (aLo: number, aHi: number, bLo: number, bHi: number): [number, number, number, number] => {
    const n = aHi - aLo
    const m = bHi - bLo
    const delta = n - m
    const odd = (delta & 1) !== 0
    const max = Math.ceil((n + m) / 2)
    const off = max + 1
    vf[off + 1] = 0
    vb[off + 1] = 0
    for (let d = 0; d <= max; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && vf[off + k - 1] < vf[off + k + 1]) ? vf[off + k + 1] : vf[off + k - 1] + 1
        let y = x - k
        const x0 = x
        const y0 = y
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x++
          y++
        }
        vf[off + k] = x
        const kr = delta - k
        if (odd && kr >= -(d - 1) && kr <= d - 1 && x + vb[off + kr] >= n) return [x0, y0, x, y]
      }
      for (let kr = -d; kr <= d; kr += 2) {
        let x = kr === -d || (kr !== d && vb[off + kr - 1] < vb[off + kr + 1]) ? vb[off + kr + 1] : vb[off + kr - 1] + 1
        let y = x - kr
        const x0 = x
        const y0 = y
        while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
          x++
          y++
        }
        vb[off + kr] = x
        const k = delta - kr
        if (!odd && k >= -d && k <= d && x + vf[off + k] >= n) return [n - x, m - y, n - x0, m - y0]
      }
      if (d >= COST_LIMIT) {
        // Too expensive to be exact: split where the forward search got furthest. The script
        // stays valid (every paragraph on its side, in order), only perhaps not the shortest.
        let best = -1
        let bx = 0
        for (let k = -d; k <= d; k += 2) {
          const x = vf[off + k]
          const y = x - k
          if (x <= n && y >= 0 && y <= m && x + y > best && x + y < n + m) {
            best = x + y
            bx = x
          }
        }
        if (best > 0) {
          const by = best - bx
          return [bx, by, bx, by]
        }
      }
    }
    throw new Error('no middle snake: unreachable for finite inputs')
  }

  solve(0, a.length, 0, b.length)
  return Uint8Array.from(ops)
}

/**
 * The edit script of a and b, paragraphs found on one side only taken out first (they can never
 * match, so the script stays as short): a rewritten narrative costs no search at all.
 */
function scriptOf(a: Int32Array, b: Int32Array): number[] {
  const inA = new Set(a)
  const inB = new Set(b)
  const keptA: number[] = []
  const keptB: number[] = []
  for (let i = 0; i < a.length; i++) if (inB.has(a[i])) keptA.push(i)
  for (let j = 0; j < b.length; j++) if (inA.has(b[j])) keptB.push(j)
  const inner = editScript(
    Int32Array.from(keptA, (i) => a[i]),
    Int32Array.from(keptB, (j) => b[j]),
  )
  const ops: number[] = []
  let i = 0
  let j = 0
  let fi = 0
  let fj = 0
  const removeUpTo = (end: number) => {
    for (; i < end; i++) ops.push(REMOVED)
  }
  const addUpTo = (end: number) => {
    for (; j < end; j++) ops.push(ADDED)
  }
  for (const op of inner) {
    // Paragraphs of one side only, up to the kept one this step is about.
    if (op !== ADDED) removeUpTo(keptA[fi++])
    if (op !== REMOVED) addUpTo(keptB[fj++])
    ops.push(op)
    if (op !== ADDED) i++
    if (op !== REMOVED) j++
  }
  removeUpTo(a.length)
  addUpTo(b.length)
  return ops
}

/**
 * Aligns two paragraph lists by a shortest edit script; a run of removed paragraphs next to a
 * run of added ones pairs up as changed, so an edited paragraph sits beside its old self.
 */
export function alignParagraphs(a: string[], b: string[]): ParagraphRow[] {
  const ids = new Map<string, number>()
  const intern = (list: string[]) =>
    Int32Array.from(list, (p) => {
      const known = ids.get(p)
      if (known !== undefined) return known
      ids.set(p, ids.size)
      return ids.size - 1
    })
  const ops = scriptOf(intern(a), intern(b))

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
  for (const op of ops) {
    if (op === SAME) {
      flush()
      rows.push({ kind: 'same', before: a[i++], after: b[j++] })
    } else if (op === REMOVED) removed.push(a[i++])
    else added.push(b[j++])
  }
  flush()
  return rows
}

export function diffReports(left: ReportData, right: ReportData, format: FormatDef): ReportDiff {
  // Paragraphs compare as they print: linked numbers as each version's values.
  const a = withLinksResolved(format, left)
  const b = withLinksResolved(format, right)
  const cells: CellChange[] = []
  for (const cell of formatCells(format)) {
    const before = blankAsNull(getAt(a.sections, cell.segments))
    const after = blankAsNull(getAt(b.sections, cell.segments))
    if (before !== after) cells.push({ path: cell.path, label: cell.label, sectionKey: cell.sectionKey, before, after })
  }

  const narratives: NarrativeChange[] = []
  // The preamble first, as the document prints it (report.preamble, beside the sections).
  if ((a.preamble ?? '') !== (b.preamble ?? '')) {
    const rows = alignParagraphs(paragraphs(a.preamble), paragraphs(b.preamble))
    if (rows.some((r) => r.kind !== 'same'))
      narratives.push({ sectionKey: format.preamble.key, heading: format.preamble.heading, rows })
  }
  for (const section of format.sections) {
    const path = narrativePath(section)
    if (!path) continue
    const segments = path.split('.')
    const before = getAt(a.sections, segments)
    const after = getAt(b.sections, segments)
    if (before === after) continue
    const rows = alignParagraphs(paragraphs(before), paragraphs(after))
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
