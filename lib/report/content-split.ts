/**
 * A report stored in two parts (docs/decisions/0840-narratives-apart.md): its narratives (the
 * text at the format's `narrativePath` of each section: 概述, 存在的主要问题及改进情况, 其他需要报告的事项…,
 * most of a report's bytes) in ReportText, and the rest in Report.content with null where each
 * text stands, so that a save of cells writes a few KB and leaves the texts alone. Each text's key
 * stays in its place, so the two parts joined are, byte for byte, the report as one JSON text.
 */
import { narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'

type Node = Record<string, unknown>

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v)

const pathCache = new WeakMap<FormatDef, readonly string[]>()

/** The narratives' paths under `sections` (otherMatters.text), in the format's order. */
export function narrativePaths(format: FormatDef): readonly string[] {
  let paths = pathCache.get(format)
  if (!paths) {
    paths = format.sections.map(narrativePath).filter((p): p is string => p !== undefined)
    pathCache.set(format, paths)
  }
  return paths
}

/** Whether a changed leaf (a path under `sections`) is one of the narratives. */
export function isNarrativePath(format: FormatDef, path: string): boolean {
  return narrativePaths(format).includes(path)
}

/**
 * Whether a change of these leaves (paths from the report's root: `sections.overview`, a
 * paragraph `sections.overview#2`, a cell) may change a narrative stored apart.
 */
export function changesNarrative(format: FormatDef, changes: readonly { path: string }[]): boolean {
  const paths = narrativePaths(format)
  return changes.some(({ path }) => {
    if (!path.startsWith('sections.')) return false
    const hash = path.indexOf('#')
    const leaf = path.slice('sections.'.length, hash < 0 ? undefined : hash)
    return paths.some((p) => leaf === p || leaf.startsWith(`${p}.`) || p.startsWith(`${leaf}.`))
  })
}

/** The object holding a path's last key, and that key; null when the path is not there. */
function holder(sections: unknown, path: string): { node: Node; key: string } | null {
  const keys = path.split('.')
  let node = sections
  for (let i = 0; i < keys.length - 1; i++) node = isNode(node) ? node[keys[i]] : undefined
  const key = keys[keys.length - 1]
  return isNode(node) && key in node ? { node, key } : null
}

export interface SplitContent {
  /** The report with null at each narrative's place (Report.content). */
  cells: string
  /** Each narrative present, by its path (ReportText.narratives). */
  texts: string
}

/**
 * The two parts of `report` (not changed: each text is taken out for the serialization and put
 * back). A narrative absent from the report is absent from both parts.
 */
export function splitContent(format: FormatDef, report: { sections: unknown }): SplitContent {
  const texts: Node = {}
  const taken: { node: Node; key: string; value: unknown }[] = []
  for (const path of narrativePaths(format)) {
    const at = holder(report.sections, path)
    if (!at) continue
    const value = at.node[at.key]
    texts[path] = value
    taken.push({ ...at, value })
    at.node[at.key] = null
  }
  try {
    return { cells: JSON.stringify(report), texts: JSON.stringify(texts) }
  } finally {
    for (const { node, key, value } of taken) node[key] = value
  }
}

/**
 * The report as one JSON text from its two parts: `texts` null (no ReportText row) means
 * `cells` is the whole report already. A text goes where its key holds null; where the content
 * holds a text itself (written whole by another writer), that one stands.
 */
export function joinContent(cells: string, texts: string | null | undefined): string {
  return joinParts(cells, texts).content
}

/**
 * joinContent, and whether the content is in its two parts (`split`): every stored text went
 * where the content holds null. A save of cells may leave the texts alone only then.
 */
export function joinParts(cells: string, texts: string | null | undefined): { content: string; split: boolean } {
  if (texts === null || texts === undefined) return { content: cells, split: false }
  const report = JSON.parse(cells) as { sections?: unknown }
  let split = true
  for (const [path, value] of Object.entries(JSON.parse(texts) as Node)) {
    const at = holder(report.sections, path)
    if (at && at.node[at.key] === null) at.node[at.key] = value
    else split = false
  }
  return { content: JSON.stringify(report), split }
}

/** A Report row read through Prisma with its `text` relation: the report whole, as one JSON text. */
export function wholeContent(row: { content: string; text?: { narratives: string } | null }): string {
  return joinContent(row.content, row.text?.narratives)
}
