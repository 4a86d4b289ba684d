/**
 * The narrative findings in the editor (issue 14) without delaying a keystroke: computed once
 * when the page opens, then again only when what they read changed (a narrative, the fee cells,
 * whether a table is wholly blank), after the officer pauses. Until then the last findings stand;
 * when the new ones are ready, `onReady` publishes them (the editor evaluates the rules again).
 */
import type { FormatDef } from '@/lib/format/types'
import { type NarrativeContext, textFindings } from '@/lib/narrative/findings'
import { feeCells, requiredTables, whollyBlank } from '@/lib/narrative/section-checks'
import { narrativeTexts } from '@/lib/narrative/texts'
import type { RuleResult } from '@/lib/rules/result'
import { getAt } from '@/lib/report/values'

export interface NarrativeValues {
  sections: Record<string, unknown>
  preamble?: string | null
}

/** A pause in typing after which the narrative checks run. */
export const NARRATIVE_DELAY_MS = 400

export class DeferredNarrative {
  /** Called when findings computed after a pause are ready. */
  onReady: (() => void) | null = null
  private key: unknown[] | null = null
  private results: RuleResult[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  private pending: { values: NarrativeValues; key: unknown[] } | null = null
  private readonly feePaths: string[]
  private readonly tables: ReturnType<typeof requiredTables>

  constructor(
    private readonly format: FormatDef,
    private readonly context: Omit<NarrativeContext, 'format'>,
    private readonly year: number,
    private readonly delayMs = NARRATIVE_DELAY_MS,
  ) {
    const fee = feeCells(format)
    this.feePaths = [fee.unpaid, fee.notices, fee.collected].filter((p): p is string => p !== null)
    this.tables = requiredTables(format)
  }

  /** What the findings read: compared item by item (strings by value, cheap for unchanged text). */
  private keyOf(values: NarrativeValues): unknown[] {
    return [
      ...narrativeTexts(this.format, values).map((t) => t.text),
      ...this.feePaths.map((p) => getAt(values.sections, p.split('.'))),
      ...this.tables.map((t) => whollyBlank(values.sections, t)),
    ]
  }

  private compute(values: NarrativeValues): RuleResult[] {
    return textFindings(
      { sections: values.sections, preamble: values.preamble, year: this.year },
      { format: this.format, ...this.context },
    )
  }

  /** The findings for these values: now on the first call, else the last ones until a pause. */
  get(values: NarrativeValues): RuleResult[] {
    const key = this.keyOf(values)
    if (this.key === null) {
      this.key = key
      this.results = this.compute(values)
      return this.results
    }
    if (sameKey(key, this.key)) {
      this.cancel()
      return this.results
    }
    this.pending = { values, key }
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.settle(), this.delayMs)
    return this.results
  }

  private settle() {
    this.timer = null
    const pending = this.pending
    this.pending = null
    if (!pending) return
    this.key = pending.key
    this.results = this.compute(pending.values)
    this.onReady?.()
  }

  private cancel() {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.pending = null
  }

  dispose() {
    this.cancel()
    this.onReady = null
  }
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
