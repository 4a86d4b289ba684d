/**
 * The key of an officer's explanation (report.explanations, decision 0370). A finding on a
 * narrative sentence is explained by itself: its key is the rule id and the sentence's identity
 * (`N1@1a2b3c4d`, a hash of the quoted sentence without spaces), so an explanation of one
 * sentence does not cover the rule's other sentences, and it stays with its sentence when other
 * paragraphs are edited or the sentence moves. Every other finding is explained by its rule id.
 */

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits: stable across runs and platforms. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/** The sentence's identity: its words, whatever the spacing. */
export function sentenceId(quote: string): string {
  return fnv1a(quote.replace(/\s+/g, ''))
}

export function explanationKey(r: { ruleId: string; narrative?: unknown; quote?: string }): string {
  return r.narrative && r.quote ? `${r.ruleId}@${sentenceId(r.quote)}` : r.ruleId
}

/** A key as stored: the rule id, optionally with a sentence's identity. */
export const EXPLANATION_KEY = /^([A-Za-z]+\d+)(?:@[0-9a-f]{8})?$/

/** The rule a stored key explains, or null when it is not a key. */
export function explanationRuleId(key: string): string | null {
  return EXPLANATION_KEY.exec(key)?.[1] ?? null
}
