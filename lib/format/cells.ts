/**
 * Walks a format declaration: every value cell with its path, type and labels. Everything that
 * needs "all the cells" (schemas, the rules, blank checks, roll-up, read-back tests) uses this.
 */
import type { CellValueType, ColumnNode, FormatDef, MatrixTableDef, RowNode, SectionDef, TableDef } from './types'

export interface CellInfo {
  /** Dotted path under `sections`, e.g. applications.newReceived.natural */
  path: string
  /** Path segments, for fast access. */
  segments: string[]
  valueType: CellValueType
  sectionKey: string
  /** Human label: row label and column label, for messages. */
  label: string
  rowLabel: string
  columnLabel: string
  unit?: string
}

export function leafColumns(nodes: ColumnNode[]): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = []
  for (const node of nodes) {
    if (node.kind === 'column') out.push({ key: node.key, label: node.label })
    else out.push(...leafColumns(node.children))
  }
  return out
}

export function dataRows(nodes: RowNode[]): Extract<RowNode, { kind: 'row' }>[] {
  const out: Extract<RowNode, { kind: 'row' }>[] = []
  for (const node of nodes) {
    if (node.kind === 'row') out.push(node)
    else out.push(...dataRows(node.children))
  }
  return out
}

export function groupRows(nodes: RowNode[]): Extract<RowNode, { kind: 'rowGroup' }>[] {
  const out: Extract<RowNode, { kind: 'rowGroup' }>[] = []
  for (const node of nodes) {
    if (node.kind === 'rowGroup') out.push(node, ...groupRows(node.children))
  }
  return out
}

/** The data rows under the group with this key (（三）不予公开 → its eight rows). */
export function rowsUnder(table: MatrixTableDef, groupKey: string): string[] {
  const group = groupRows(table.rows).find((g) => g.key === groupKey)
  if (!group) throw new Error(`no row group ${groupKey} in ${table.key}`)
  return dataRows(group.children).map((r) => r.key)
}

function cell(
  segments: string[],
  valueType: CellValueType,
  rowLabel: string,
  columnLabel: string,
  unit?: string,
): CellInfo {
  return {
    path: segments.join('.'),
    segments,
    valueType,
    sectionKey: segments[0],
    label: columnLabel ? `${rowLabel}·${columnLabel}` : rowLabel,
    rowLabel,
    columnLabel,
    ...(unit ? { unit } : {}),
  }
}

export function tableCells(sectionKey: string, table: TableDef): CellInfo[] {
  switch (table.kind) {
    case 'blocks':
      return table.blocks.flatMap((block) =>
        block.rows.flatMap((r) =>
          block.columns.map((c) => cell([sectionKey, block.key, r.key, c.key], c.valueType, r.label, c.label, c.unit)),
        ),
      )
    case 'matrix': {
      const columns = leafColumns(table.columns)
      return dataRows(table.rows).flatMap((r) =>
        columns.map((c) => cell([sectionKey, r.key, c.key], table.valueType, r.label, c.label)),
      )
    }
    case 'singleRow':
      return table.groups.flatMap((g) => {
        const parent = table.parents.find((p) => p.key === g.parent)
        const groupLabel = parent ? `${parent.label}·${g.label}` : g.label
        return table.results.map((res) => cell([sectionKey, g.key, res.key], table.valueType, groupLabel, res.label))
      })
    default:
      return assertNever(table)
  }
}

export function sectionCells(section: SectionDef): CellInfo[] {
  switch (section.kind) {
    case 'narrative':
      return []
    case 'table':
      return tableCells(section.key, section.table)
    case 'narrativeWithFacts':
      return section.facts.map((f) =>
        cell([section.key, section.factsKey, f.key], f.valueType, section.factsTitle, f.label, f.unit),
      )
    default:
      return assertNever(section)
  }
}

const cellCache = new WeakMap<FormatDef, CellInfo[]>()

/** Every value cell of the format, in document order. */
export function formatCells(format: FormatDef): CellInfo[] {
  let cells = cellCache.get(format)
  if (!cells) {
    cells = format.sections.flatMap(sectionCells)
    cellCache.set(format, cells)
  }
  return cells
}

const segmentsCache = new WeakMap<FormatDef, readonly (readonly string[])[]>()

/** Each cell's segments, in formatCells order: one array per format (lib/report/values.ts pathWalk keeps its walk). */
export function cellSegments(format: FormatDef): readonly (readonly string[])[] {
  let segments = segmentsCache.get(format)
  if (!segments) {
    segments = formatCells(format).map((c) => c.segments)
    segmentsCache.set(format, segments)
  }
  return segments
}

const indexCache = new WeakMap<FormatDef, Map<string, CellInfo>>()

export function cellByPath(format: FormatDef, path: string): CellInfo | undefined {
  let index = indexCache.get(format)
  if (!index) {
    index = new Map(formatCells(format).map((c) => [c.path, c]))
    indexCache.set(format, index)
  }
  return index.get(path)
}

/** Path of the narrative text of a section (overview, otherMatters.text). */
export function narrativePath(section: SectionDef): string | undefined {
  switch (section.kind) {
    case 'narrative':
      return section.key
    case 'narrativeWithFacts':
      return `${section.key}.${section.textKey}`
    case 'table':
      return undefined
    default:
      return assertNever(section)
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled kind: ${JSON.stringify(value)}`)
}
