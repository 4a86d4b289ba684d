/**
 * Where a missing topic of section 一 (D2) or the government's 考核/社会评议/责任追究 (D3) belongs,
 * so the finding points at a paragraph rather than the whole section: after the last paragraph
 * that speaks of the topic listed before it (the format lists the topics in the order reports
 * write them), else after the section's last paragraph. A topic that is missing has no sentence
 * of its own; the paragraph named is the place to add it.
 */
import { excerpt } from '@/lib/narrative/texts'
import { getAt } from '@/lib/report/values'

export interface Topic {
  label: string
  keywords: string[]
}

export interface TopicAnchor {
  /** The text's path (the narrative the finding goes to). */
  path: string
  /** The interchange key of the section. */
  section: string
  /** 1-based line of that text. */
  paragraph: number
  /** The start of that paragraph, as written. */
  quote: string
}

const QUOTE_CHARS = 24

export function topicAnchor(
  texts: string[],
  topics: Topic[],
  missing: string[],
  sections: unknown,
): TopicAnchor | null {
  const path = texts.find((p) => {
    const v = getAt(sections, p.split('.'))
    return typeof v === 'string' && v.trim() !== ''
  })
  if (!path) return null
  const lines = (getAt(sections, path.split('.')) as string).split('\n')
  const mentions = (t: Topic, line: string) => t.keywords.some((k) => line.includes(k))
  const lastWith = (t: Topic) => {
    for (let i = lines.length - 1; i >= 0; i--) if (mentions(t, lines[i])) return i
    return -1
  }
  let at = -1
  const first = topics.findIndex((t) => t.label === missing[0])
  for (let j = first - 1; j >= 0 && at < 0; j--) at = lastWith(topics[j])
  if (at < 0) {
    for (let i = lines.length - 1; i >= 0 && at < 0; i--) if (lines[i].trim() !== '') at = i
  }
  const line = lines[at].trim()
  return {
    path,
    section: path.split('.')[0],
    paragraph: at + 1,
    quote: line.length > QUOTE_CHARS ? excerpt(line, 0, QUOTE_CHARS, 0) : line,
  }
}
