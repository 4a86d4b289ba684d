/** What evaluating one rule says (lib/rules/evaluate.ts), shared by the rule kinds' compilers. */
import type { Severity } from '@/lib/format/types'

export type RuleStatus = 'pass' | 'fail' | 'na'

export interface RuleResult {
  ruleId: string
  severity: Severity
  status: RuleStatus
  message: string
  /** Cells involved (dotted paths under sections); for a failure, the cells at fault. */
  cells: string[]
  /** Where to take the officer: the first cell to look at. */
  focus: string | null
  /** What the checked side should be (a number, or a text such as "≤ 12"). */
  expected: number | string | null
  /** What it is. */
  actual: number | string | null
  /** For the `stated` rule: the stated paths that disagree (the officer may drop them). */
  stated?: string[]
  /** For a cross-year rule: the cells of last year's report involved (paths of this format). */
  previousCells?: string[]
  /** For a narrative finding: the sentence (or line) as written, quoted to the officer. */
  quote?: string
  /**
   * For a narrative finding: where it is. `section` is the interchange key (`preamble` included),
   * `paragraph` the line number from 1 (design.md, narrative text).
   */
  narrative?: { section: string; paragraph: number }
  /**
   * For a narrative statement the table contradicts: the text to replace, what to write instead,
   * and the linked-number token that would print the table's value (lib/narrative/links.ts).
   */
  fix?: { from: string; to: string; link?: string }
}
