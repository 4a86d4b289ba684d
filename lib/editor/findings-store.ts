/**
 * What the rules say about the report, published once per change of the editor's values so that
 * only what shows a changed part re-renders: each cell listens to its own mark and message (by
 * path), the findings panel to the results, the stepper to the section statuses. Plain TypeScript:
 * the editor reads it through useSyncExternalStore (components/editor/editor-store.ts).
 */
import type { SectionStatus } from '@/lib/editor/section-status'
import type { Severity } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/evaluate'
import { valuesText } from '@/lib/rules/values-text'

export type CellMark = Severity | null

/** A cell's rule mark and the messages of its findings (hover, and the status line on focus). */
export interface CellFinding {
  mark: CellMark
  message: string | undefined
}

const NO_FINDING: CellFinding = { mark: null, message: undefined }
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

/** Whether a result marks its cells (cellFindings' condition). */
const marks = (r: RuleResult, blankRules: ReadonlySet<string>) =>
  r.status === 'fail' && !blankRules.has(r.ruleId) && !r.narrative

/**
 * Marks and messages by cell path: blank-cell rules (kind `filled`) are not marked one by one.
 * With `only`, just the cells in it (the others are left out of the map).
 */
export function cellFindings(
  results: readonly RuleResult[],
  blankRules: ReadonlySet<string>,
  only?: ReadonlySet<string>,
): Map<string, CellFinding> {
  const map = new Map<string, CellFinding>()
  for (const r of results) {
    // A narrative finding is about its sentence: the table's cells are right, they are not marked.
    if (!marks(r, blankRules)) continue
    if (only && !r.cells.some((c) => only.has(c))) continue
    const values =
      r.expected !== null && r.actual !== null && !r.stated ? `（${valuesText(r.expected, r.actual)}）` : ''
    for (const c of r.cells) {
      if (only && !only.has(c)) continue
      const prev = map.get(c)
      const mark = !prev?.mark || SEVERITY_RANK[r.severity] > SEVERITY_RANK[prev.mark] ? r.severity : prev.mark
      const message = prev?.message ? `${prev.message}；${r.message}${values}` : `${r.message}${values}`
      map.set(c, { mark, message })
    }
  }
  return map
}

/**
 * The cells whose mark may differ between two lists of results: the cells of the results that are
 * not the same object at the same place (the editor's evaluator keeps a rule's result object while
 * its inputs stay). null when the lists do not line up (then every cell is looked at).
 */
export function cellsOfChangedResults(
  before: readonly RuleResult[],
  after: readonly RuleResult[],
  blankRules: ReadonlySet<string>,
): Set<string> | null {
  if (before.length !== after.length) return null
  const cells = new Set<string>()
  for (let i = 0; i < after.length; i++) {
    const a = before[i]
    const b = after[i]
    if (a === b) continue
    if (marks(a, blankRules)) for (const c of a.cells) cells.add(c)
    if (marks(b, blankRules)) for (const c of b.cells) cells.add(c)
  }
  return cells
}

/** Statuses are flat records: equal when every field is. */
const sameStatuses = (a: readonly SectionStatus[], b: readonly SectionStatus[]) =>
  a.length === b.length &&
  a.every((s, i) => {
    const x = s as unknown as Record<string, unknown>
    const y = b[i] as unknown as Record<string, unknown>
    const keys = Object.keys(x)
    return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k])
  })

export class FindingsStore {
  /** Counts the changes published: a message shown at version n is stale once it moved on. */
  version = 0
  results: RuleResult[]
  statuses: SectionStatus[]
  errorCount: number
  private cells: Map<string, CellFinding>
  private readonly blankRules: ReadonlySet<string>
  private readonly listeners = new Set<() => void>()
  private readonly cellListeners = new Map<string, Set<() => void>>()

  constructor(results: RuleResult[], statuses: SectionStatus[], blankRules: ReadonlySet<string>) {
    this.blankRules = blankRules
    this.results = results
    this.statuses = statuses
    this.errorCount = countErrors(results)
    this.cells = cellFindings(results, blankRules)
  }

  /** New results: listeners of the cells whose mark or message changed are told, no others. */
  publish(results: RuleResult[], statuses: SectionStatus[]) {
    const changed: string[] = []
    const only = cellsOfChangedResults(this.results, results, this.blankRules)
    if (only) {
      // O(changed): only the cells of the results that changed are built and compared.
      const next = cellFindings(results, this.blankRules, only)
      for (const path of only) {
        const f = next.get(path)
        const prev = this.cells.get(path)
        if (!f) {
          if (prev) {
            this.cells.delete(path)
            changed.push(path)
          }
        } else if (!prev || prev.mark !== f.mark || prev.message !== f.message) {
          this.cells.set(path, f)
          changed.push(path)
        }
      }
    } else {
      const next = cellFindings(results, this.blankRules)
      for (const [path, f] of next) {
        const prev = this.cells.get(path)
        if (prev && prev.mark === f.mark && prev.message === f.message) next.set(path, prev)
        else changed.push(path)
      }
      for (const path of this.cells.keys()) if (!next.has(path)) changed.push(path)
      this.cells = next
    }
    this.results = results
    if (!sameStatuses(this.statuses, statuses)) this.statuses = statuses
    this.errorCount = countErrors(results)
    this.version++
    for (const path of changed) for (const l of this.cellListeners.get(path) ?? []) l()
    for (const l of this.listeners) l()
  }

  cell(path: string): CellFinding {
    return this.cells.get(path) ?? NO_FINDING
  }

  subscribeCell(path: string, listener: () => void): () => void {
    let set = this.cellListeners.get(path)
    if (!set) {
      set = new Set()
      this.cellListeners.set(path, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  /** Every publish (results, statuses, counts and the version). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}

function countErrors(results: readonly RuleResult[]) {
  return results.filter((r) => r.status === 'fail' && r.severity === 'error').length
}
