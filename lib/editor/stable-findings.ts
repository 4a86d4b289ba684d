/**
 * The findings panel's list, kept as the same objects while they say the same (decision 0440).
 * Every publish groups the results anew (lib/rules/group-findings.ts), so every finding is a new
 * object; a memoised list item compared by props would render them all on every keystroke. Here
 * a finding equal in everything the item shows to the one under the same key last time is
 * replaced by that one, so only the items that appear, go or change are rendered.
 */
import { explanationKey } from '@/lib/rules/explanation-key'
import { type Finding, findingValuesText } from '@/lib/rules/group-findings'

/** Everything a list item shows or acts on, as one string. */
export function findingSignature(f: Finding): string {
  const first = f.results[0]
  return JSON.stringify([
    f.severity,
    f.status,
    f.message,
    f.ruleIds,
    f.cells,
    f.focus,
    f.stated ?? null,
    findingValuesText(f),
    first?.narrative ?? null,
    first?.quote ?? null,
    first?.fix ?? null,
    first ? explanationKey(first) : null,
  ])
}

export class StableFindings {
  private last = new Map<string, { signature: string; finding: Finding }>()

  /** These findings, each replaced by last time's object when it shows the same. */
  take(findings: readonly Finding[]): Finding[] {
    const next = new Map<string, { signature: string; finding: Finding }>()
    const out = findings.map((f) => {
      const before = this.last.get(f.key)
      // The same results (the same objects: the editor's evaluator keeps a rule's result while
      // its inputs stay) group into the same finding: no signature to compute (O(changed)).
      if (before && sameMembers(before.finding.results, f.results)) {
        next.set(f.key, before)
        return before.finding
      }
      const signature = findingSignature(f)
      const kept = before && before.signature === signature ? before.finding : f
      next.set(f.key, { signature, finding: kept })
      return kept
    })
    this.last = next
    return out
  }
}

function sameMembers<T>(a: readonly T[], b: readonly T[]) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
