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
      const signature = findingSignature(f)
      const before = this.last.get(f.key)
      const kept = before && before.signature === signature ? before.finding : f
      next.set(f.key, { signature, finding: kept })
      return kept
    })
    this.last = next
    return out
  }
}
