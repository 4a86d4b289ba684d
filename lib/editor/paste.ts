/**
 * Maps a block copied from Excel or WPS onto a table grid, starting at the focused cell: row i of
 * the block goes to the i-th value row from there, column j to the j-th value column from the
 * focused column. Computed cells are skipped (their value comes from the sum).
 */
import { dataRows, leafColumns } from '@/lib/format/cells'
import type { TableGrid } from '@/lib/format/grid'
import type { CellValueType, ColumnNode, FormatDef, RowNode, SectionDef } from '@/lib/format/types'
import { parseCellInput, splitPastedBlock } from '@/lib/report/parse-cell-input'
import { setAt } from '@/lib/report/values'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'
import { computedAt } from '@/lib/rules/stated'
import { parseHtmlTable } from './html-table'

export interface PositionedCell {
  path: string
  row: number
  column: number
  derived: boolean
}

/** Value cells of a grid with their visual row and starting grid column. */
export function valueCellPositions(grid: TableGrid): PositionedCell[] {
  const out: PositionedCell[] = []
  grid.rows.forEach((row, r) => {
    let column = grid.labelColumnCount
    for (const cell of row.cells) {
      if (cell.kind !== 'value') continue
      out.push({ path: cell.path, row: r, column, derived: cell.derived })
      column += cell.colSpan
    }
  })
  return out
}

export interface PasteOutcome {
  values: Record<string, number | string | null>
  errors: Record<string, string>
  /** Values that fell outside the table or on computed cells. */
  skipped: number
}

export function pasteBlock(
  grid: TableGrid,
  startPath: string,
  text: string,
  valueTypeOf: (path: string) => CellValueType,
): PasteOutcome {
  const cells = valueCellPositions(grid)
  const start = cells.find((c) => c.path === startPath)
  const outcome: PasteOutcome = { values: {}, errors: {}, skipped: 0 }
  if (!start) return outcome
  const rows = [...new Set(cells.map((c) => c.row))].filter((r) => r >= start.row).sort((a, b) => a - b)
  const block = splitPastedBlock(text)
  block.forEach((line, i) => {
    const rowIndex = rows[i]
    const rowCells = cells
      .filter((c) => c.row === rowIndex && c.column >= start.column)
      .sort((a, b) => a.column - b.column)
    line.forEach((raw, j) => {
      const target = rowCells[j]
      if (rowIndex === undefined || !target || target.derived) {
        if (raw.trim() !== '') outcome.skipped++
        return
      }
      const parsed = parseCellInput(raw, valueTypeOf(target.path))
      if (parsed.ok) outcome.values[target.path] = parsed.value
      else outcome.errors[target.path] = parsed.error
    })
  })
  return outcome
}

/** The cell to move to from `path` by a key, among cells that take input. */
export function neighbour(
  cells: PositionedCell[],
  path: string,
  direction: 'up' | 'down' | 'left' | 'right',
): string | null {
  const inputs = cells.filter((c) => !c.derived)
  const from = cells.find((c) => c.path === path)
  if (!from) return null
  if (direction === 'left' || direction === 'right') {
    const row = inputs.filter((c) => c.row === from.row).sort((a, b) => a.column - b.column)
    const next =
      direction === 'right'
        ? row.find((c) => c.column > from.column)
        : [...row].reverse().find((c) => c.column < from.column)
    return next?.path ?? null
  }
  const rows = [...new Set(inputs.map((c) => c.row))].sort((a, b) => a - b)
  const candidates =
    direction === 'down' ? rows.filter((r) => r > from.row) : rows.filter((r) => r < from.row).reverse()
  for (const r of candidates) {
    const row = inputs.filter((c) => c.row === r)
    // Nearest starting column (table 二 blocks differ in width).
    const best = row.reduce<PositionedCell | null>(
      (acc, c) => (!acc || Math.abs(c.column - from.column) < Math.abs(acc.column - from.column) ? c : acc),
      null,
    )
    if (best) return best.path
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Honest paste: a block is mapped onto the whole table by its shape and by its row labels, or
// refused with the reason. Totals printed in the block become stated values (report.stated).
// ---------------------------------------------------------------------------------------------

export interface PasteInput {
  /** text/plain of the clipboard (tab-separated from Excel or WPS). */
  text: string
  /** text/html of the clipboard (a table copied from a portal page or Word), when there is one. */
  html?: string
}

export interface PastePlan {
  /** Values for input cells (computed cells are never set). */
  values: Record<string, number | string | null>
  /** Cells whose pasted text is not a value, with the message. */
  errors: Record<string, string>
  /** Totals printed in the block that differ from what the pasted parts add up to. */
  stated: Record<string, number>
  /** Stated totals the block confirms (they agree now): to be removed. */
  statedCleared: string[]
  /** One line each on what was recognised and done (shown to the officer). */
  notes: string[]
  /** Why nothing was pasted, when the block cannot be placed. */
  refused: string | null
}

/** The block as rows of cell texts: the HTML table when the clipboard has one, else the TSV text. */
export function readPastedRows(input: PasteInput): string[][] {
  const table = input.html ? parseHtmlTable(input.html) : null
  if (table && table.length > 0) return table
  return splitPastedBlock(input.text).filter((r) => r.some((c) => c.trim() !== ''))
}

const DASH = /^[/／\-—–－]$/

/** A cell of a value area: a number (any form the cell parser reads), blank, or a dash. */
function isValueText(text: string): boolean {
  const t = text.replace(/\s/g, '')
  if (t === '' || DASH.test(t)) return true
  return parseCellInput(t, 'signedCount').ok || parseCellInput(t, 'decimal').ok
}

/** Labels compared without spaces, quotes and with one kind of brackets and full stops. */
export function normalLabel(text: string): string {
  return text
    .replace(/\s|&nbsp;/g, '')
    .replace(/[“”"'‘’]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[．。、]/g, '.')
}

const ORDINAL = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+\.|\d+\.)/

function labelsMatch(block: string, format: string): boolean {
  const a = normalLabel(block)
  const b = normalLabel(format)
  if (a === '' || b === '') return false
  if (a === b || b.startsWith(a) || a.startsWith(b)) return true
  const oa = ORDINAL.exec(a)?.[0]
  const ob = ORDINAL.exec(b)?.[0]
  // Same ordinal and the same first words: the portal shortened or reworded the label.
  return !!oa && oa === ob && a.slice(oa.length, oa.length + 2) === b.slice(ob.length, ob.length + 2)
}

interface BlockRow {
  /** Label cells (left of the values), in order: group labels, then the row's own label. */
  labels: string[]
  values: string[]
}

/** Splits each row into its leading labels and its value area. */
function splitRows(rows: string[][]): BlockRow[] {
  return rows.map((cells) => {
    let first = 0
    while (first < cells.length && !(isValueText(cells[first]) && cells[first].trim() !== '')) first++
    // A row without any number is all labels (a header, a group caption).
    if (first === cells.length) return { labels: cells.filter((c) => c.trim() !== ''), values: [] }
    let last = cells.length
    while (last > first && cells[last - 1].trim() === '') last--
    const labels = cells.slice(0, first).filter((c, i, all) => c.trim() !== '' && c !== all[i - 1])
    return { labels, values: cells.slice(first, last) }
  })
}

interface MatrixLayout {
  rows: { key: string; label: string; group: { key: string; label: string; children: string[] } | null }[]
  leaves: { key: string; label: string }[]
  /** Column groups with the index (among leaves) after their last child. */
  groups: { key: string; label: string; end: number }[]
  derived: Set<string>
}

function matrixLayout(section: SectionDef, derived: Set<string>): MatrixLayout | null {
  if (section.kind !== 'table' || section.table.kind !== 'matrix') return null
  const table = section.table
  const rows: MatrixLayout['rows'] = []
  const walk = (nodes: RowNode[], group: MatrixLayout['rows'][number]['group']) => {
    for (const n of nodes) {
      if (n.kind === 'row') rows.push({ key: n.key, label: n.label, group })
      else walk(n.children, { key: n.key, label: n.label, children: dataRows(n.children).map((r) => r.key) })
    }
  }
  walk(table.rows, null)
  const leaves = leafColumns(table.columns)
  const groups: MatrixLayout['groups'] = []
  const starts = new Map<string, number>()
  const firstLeafOf = (key: string) => starts.get(key) ?? 0
  const walkColumns = (nodes: ColumnNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'columnGroup') {
        walkColumns(n.children)
        const last = leafColumns(n.children).at(-1)
        groups.push({ key: n.key, label: n.label, end: leaves.findIndex((l) => l.key === last?.key) + 1 })
        starts.set(
          n.key,
          leaves.findIndex((l) => l.key === leafColumns(n.children)[0]?.key),
        )
      }
    }
  }
  walkColumns(table.columns)
  // The group over every column (申请人情况) has no 小计 of its own: that is the 总计.
  return { rows, leaves, groups: groups.filter((g) => g.end - firstLeafOf(g.key) < leaves.length), derived }
}

/**
 * Row groups of this table that another format prints as one row (（六）其他处理 of the 2019
 * format): a block that has that one row instead of the group's rows is still recognised.
 */
function collapsibleGroups(sectionKey: string, layout: MatrixLayout, others: FormatDef[]): Set<string> {
  const keys = new Set<string>()
  for (const other of others) {
    const section = other.sections.find((s) => s.key === sectionKey)
    if (section?.kind !== 'table' || section.table.kind !== 'matrix') continue
    const single = new Set(dataRows(section.table.rows).map((r) => r.key))
    for (const r of layout.rows) if (r.group && single.has(r.group.key)) keys.add(r.group.key)
  }
  return keys
}

/**
 * The reverse: rows of this table that another format splits into a group (（六）其他处理 of a
 * 2019 report, three rows in 2021). Row key → the other format's group label and child labels.
 */
function expandableRows(
  sectionKey: string,
  layout: MatrixLayout,
  others: FormatDef[],
): Map<string, { label: string; children: string[] }> {
  const out = new Map<string, { label: string; children: string[] }>()
  const own = new Set(layout.rows.map((r) => r.key))
  for (const other of others) {
    const section = other.sections.find((s) => s.key === sectionKey)
    if (section?.kind !== 'table' || section.table.kind !== 'matrix') continue
    const visit = (nodes: RowNode[]) => {
      for (const n of nodes) {
        if (n.kind !== 'rowGroup') continue
        if (own.has(n.key) && !out.has(n.key)) {
          out.set(n.key, { label: n.label, children: dataRows(n.children).map((r) => r.label) })
        }
        visit(n.children)
      }
    }
    visit(section.table.rows)
  }
  return out
}

type Target =
  | { kind: 'row'; key: string }
  | { kind: 'collapsed'; group: string; into: string; label: string }
  /** One of the rows another format splits this row into: its values add up here. */
  | { kind: 'part'; into: string; label: string; of: string }

/** Where each value row of the block goes, by its labels or, without labels, by its count. */
function matchRows(
  block: BlockRow[],
  layout: MatrixLayout,
  collapsible: Set<string>,
  expandable: Map<string, { label: string; children: string[] }>,
  fromFirstRow: boolean,
): { targets: Target[]; refused: string | null } {
  const dataLines = block.filter((r) => r.values.length > 0)
  const labelled = dataLines.every((r) => r.labels.length > 0)
  const targets: Target[] = []
  if (labelled) {
    let cursor = 0
    for (const line of dataLines) {
      const own = line.labels.at(-1) ?? ''
      let found: Target | null = null
      for (let i = cursor; i < layout.rows.length && !found; i++) {
        const r = layout.rows[i]
        if (labelsMatch(own, r.label)) {
          found = { kind: 'row', key: r.key }
          cursor = i + 1
        } else if (r.group && collapsible.has(r.group.key) && labelsMatch(own, r.group.label)) {
          const into = r.group.children.at(-1) as string
          found = { kind: 'collapsed', group: r.group.key, into, label: r.group.label }
          cursor = layout.rows.findIndex((x) => x.key === into) + 1
        }
      }
      if (!found) {
        // A row this table keeps as one (the 2021 （六）1–3 in a 2019 report): added up there.
        for (const [into, split] of expandable) {
          const at = layout.rows.findIndex((r) => r.key === into)
          const part = split.children.find((c) => labelsMatch(own, c))
          if (part && at >= cursor - 1) {
            found = { kind: 'part', into, label: part, of: split.label }
            cursor = at + 1
            break
          }
        }
      }
      if (!found) return { targets: [], refused: `粘贴内容中的“${own}”一行在本表中找不到对应的行，未粘贴。` }
      targets.push(found)
    }
    return { targets, refused: null }
  }
  // Numbers only, pasted at the first row: the whole table, or the whole table with one collapsible
  // group printed as one row. Pasted lower down, the block goes from the focused cell.
  if (!fromFirstRow) return { targets: [], refused: null }
  if (dataLines.length === layout.rows.length) {
    return { targets: layout.rows.map((r) => ({ kind: 'row', key: r.key })), refused: null }
  }
  for (const groupKey of collapsible) {
    const members = layout.rows.filter((r) => r.group?.key === groupKey)
    if (dataLines.length !== layout.rows.length - members.length + 1) continue
    const group = members[0].group as NonNullable<MatrixLayout['rows'][number]['group']>
    const into = group.children.at(-1) as string
    const out: Target[] = []
    for (const r of layout.rows) {
      if (r.group?.key !== groupKey) out.push({ kind: 'row', key: r.key })
      else if (r.key === group.children[0]) out.push({ kind: 'collapsed', group: groupKey, into, label: group.label })
    }
    return { targets: out, refused: null }
  }
  for (const [into, split] of expandable) {
    if (dataLines.length !== layout.rows.length + split.children.length - 1) continue
    const out: Target[] = []
    for (const r of layout.rows) {
      if (r.key !== into) out.push({ kind: 'row', key: r.key })
      else for (const label of split.children) out.push({ kind: 'part', into, label, of: split.label })
    }
    return { targets: out, refused: null }
  }
  return { targets: [], refused: null }
}

/** Which leaf column (or group 小计) each value of a row stands for. */
function matchColumns(
  width: number,
  layout: MatrixLayout,
): { columns: ({ leaf: string } | { group: string })[] | null; reason: string | null } {
  const leaves = layout.leaves.map((l) => ({ leaf: l.key }))
  if (width === leaves.length) return { columns: leaves, reason: null }
  if (width === leaves.length + layout.groups.length) {
    // A 小计 column per group, printed right after the group's own columns.
    const out: ({ leaf: string } | { group: string })[] = [...leaves]
    for (const g of [...layout.groups].sort((a, b) => b.end - a.end)) out.splice(g.end, 0, { group: g.key })
    return { columns: out, reason: null }
  }
  return {
    columns: null,
    reason: `粘贴内容每行有${width}个数，本表有${leaves.length}列${
      layout.groups.length
        ? `（或加上${layout.groups.map((g) => `${g.label}小计`).join('、')}共${leaves.length + layout.groups.length}列）`
        : ''
    }，无法对应，未粘贴。`,
  }
}

function planMatrix(
  format: FormatDef,
  section: SectionDef,
  layout: MatrixLayout,
  block: BlockRow[],
  valueTypeOf: (path: string) => CellValueType,
  others: FormatDef[],
  current: Record<string, unknown>,
  startPath: string,
): PastePlan | null {
  const plan: PastePlan = { values: {}, errors: {}, stated: {}, statedCleared: [], notes: [], refused: null }
  const collapsible = collapsibleGroups(section.key, layout, others)
  const expandable = expandableRows(section.key, layout, others)
  const fromFirstRow = startPath.split('.')[1] === layout.rows[0]?.key
  const { targets, refused } = matchRows(block, layout, collapsible, expandable, fromFirstRow)
  if (refused) return { ...plan, refused }
  if (targets.length === 0) return null
  const dataLines = block.filter((r) => r.values.length > 0)
  const headerLines = block.filter((r) => r.values.length === 0)
  const widths = new Set(dataLines.map((r) => r.values.length))
  const width = Math.max(...widths)
  const { columns, reason } = matchColumns(width, layout)
  const labelled = dataLines.every((r) => r.labels.length > 0)
  // Numbers only and narrower than the table: a part of it, pasted from the focused cell.
  if (!columns && !labelled) return null
  if (!columns) return { ...plan, refused: reason }

  const printed: Record<string, string> = {}
  /** Rows added up from several pasted rows: the parts seen so far, by row. */
  const parts = new Map<string, string[]>()
  dataLines.forEach((line, i) => {
    const target = targets[i]
    const rowKey = target.kind === 'row' ? target.key : target.into
    if (target.kind === 'part') parts.set(rowKey, [...(parts.get(rowKey) ?? []), target.label])
    const adding = target.kind === 'part' && (parts.get(rowKey)?.length ?? 0) > 1
    line.values.forEach((raw, j) => {
      const column = columns[j]
      if (!column) return
      const path = `${section.key}.${rowKey}.${'leaf' in column ? column.leaf : column.group}`
      if ('group' in column || layout.derived.has(path)) {
        if (raw.trim() === '' || DASH.test(raw.trim())) return
        printed[path] = adding && path in printed ? addTexts(printed[path], raw) : raw
        return
      }
      const parsed = parseCellInput(raw, valueTypeOf(path))
      if (!parsed.ok) plan.errors[path] = parsed.error
      else if (!adding || plan.errors[path]) plan.values[path] = parsed.value
      else plan.values[path] = sumValues(plan.values[path], parsed.value)
    })
    if (target.kind === 'collapsed') {
      // The group's other rows were not printed: they hold nothing (as on import).
      const group = layout.rows.find((r) => r.key === target.into)?.group
      for (const other of group?.children ?? []) {
        if (other === target.into) continue
        for (const leaf of layout.leaves) {
          const path = `${section.key}.${other}.${leaf.key}`
          if (!layout.derived.has(path)) plan.values[path] = 0
        }
      }
      const into = layout.rows.find((r) => r.key === target.into)
      const prefix = ORDINAL.exec(normalLabel(target.label))?.[0] ?? ''
      plan.notes.push(`粘贴内容有${dataLines.length}行：${target.label}已计入${prefix}${into?.label ?? ''}`)
    }
  })
  for (const [into, labels] of parts) {
    const row = layout.rows.find((r) => r.key === into)
    const of = targets.find((t) => t.kind === 'part' && t.into === into) as Extract<Target, { kind: 'part' }>
    plan.notes.push(
      labels.length > 1
        ? `粘贴内容有${dataLines.length}行：${of.of}下的${labels.length}行已相加计入本表的${row?.label ?? into}`
        : `粘贴内容有${dataLines.length}行：${of.of}下的“${labels[0]}”已计入本表的${row?.label ?? into}`,
    )
  }
  if (headerLines.length > 0) plan.notes.push(`已略去${headerLines.length}行表头或分组标题。`)
  if (width === layout.leaves.length + layout.groups.length) {
    plan.notes.push(`粘贴内容含${layout.groups.map((g) => `${g.label}小计`).join('、')}列：只用于核对，不另存。`)
  }
  compareTotals(format, printed, plan, current)
  return plan
}

/** Two counts added (a blank part adds nothing; both blank stay blank). */
function sumValues(a: number | string | null | undefined, b: number | string | null): number | string | null {
  if (a === null || a === undefined) return b
  if (b === null) return a
  return Number(a) + Number(b)
}

/** Two printed totals added, as text for compareTotals. */
function addTexts(a: string, b: string): string {
  const x = parseCellInput(a, 'decimal')
  const y = parseCellInput(b, 'decimal')
  return x.ok && y.ok && x.value !== null && y.value !== null ? String(Number(x.value) + Number(y.value)) : a
}

/** Printed totals against what the pasted parts add up to (the current values fill the rest). */
function compareTotals(
  format: FormatDef,
  printed: Record<string, string>,
  plan: PastePlan,
  current: Record<string, unknown>,
) {
  const sections = structuredClone(current)
  for (const [path, v] of Object.entries(plan.values)) setAt(sections, path.split('.'), v)
  deriveTotals(format, sections)
  for (const [path, raw] of Object.entries(printed)) {
    const parsed = parseCellInput(raw, 'decimal')
    if (!parsed.ok || parsed.value === null) continue
    const stated = Number(parsed.value)
    const computed = computedAt(format, sections, path)
    if (computed === null) continue
    if (computed === stated) plan.statedCleared.push(path)
    else plan.stated[path] = stated
  }
}

/** Every row and column label of a blocks table (table 二), normalised. */
function blockLabels(section: SectionDef | undefined): Set<string> {
  if (section?.kind !== 'table' || section.table.kind !== 'blocks') return new Set()
  return new Set(
    section.table.blocks
      .flatMap((b) => [...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)])
      .map(normalLabel),
  )
}

/**
 * Table 二 of the other format (2019 → 2021 or back): its columns mean other things (本年新制作数量
 * is not 本年制发件数; format.md §3.4: the data cannot be mapped), so a block that names a row or
 * a column only that format has is refused with the reason instead of being placed by position.
 */
function otherFormatTable(
  format: FormatDef,
  sectionKey: string,
  block: BlockRow[],
  others: FormatDef[],
): string | null {
  const own = blockLabels(format.sections.find((s) => s.key === sectionKey))
  const pasted = block.flatMap((r) => r.labels).map(normalLabel)
  for (const other of others) {
    const theirs = blockLabels(other.sections.find((s) => s.key === sectionKey))
    const named = pasted.find((l) => theirs.has(l) && !own.has(l))
    if (!named) continue
    const section = format.sections.find((s) => s.key === sectionKey)
    const columns =
      section?.kind === 'table' && section.table.kind === 'blocks'
        ? [...new Set(section.table.blocks.flatMap((b) => b.columns.map((c) => c.label)))].slice(0, 3).join('、')
        : ''
    return `粘贴的是${other.basis}格式的表格（含“${named}”），它的行和列与本年报（${format.basis}）不同，不能对应${
      columns ? `（本表的列为${columns}等）` : ''
    }，未粘贴。请按本表的行和列逐项填写。`
  }
  return null
}

/**
 * Plans a paste into the table of `startPath`. Table 三 (a matrix) is placed by row labels or
 * by shape; table 四 (one row) takes a full row of its columns whatever cell has the focus; any
 * other block is pasted from the focused cell as before (pasteBlock).
 */
export function planPaste(
  format: FormatDef,
  grid: TableGrid,
  startPath: string,
  input: PasteInput,
  valueTypeOf: (path: string) => CellValueType,
  current: Record<string, unknown>,
  others: FormatDef[] = [],
): PastePlan {
  const empty: PastePlan = { values: {}, errors: {}, stated: {}, statedCleared: [], notes: [], refused: null }
  const sectionKey = startPath.split('.')[0]
  const section = format.sections.find((s) => s.key === sectionKey)
  if (section?.kind !== 'table') return empty
  const derived = derivedCells(format)
  const block = splitRows(readPastedRows(input))
  const dataLines = block.filter((r) => r.values.length > 0)
  if (dataLines.length === 0) return { ...empty, refused: '粘贴内容中没有数字，未粘贴。' }

  const foreign = section.table.kind === 'blocks' ? otherFormatTable(format, section.key, block, others) : null
  if (foreign) return { ...empty, refused: foreign }

  const layout = matrixLayout(section, derived)
  if (layout) {
    const plan = planMatrix(format, section, layout, block, valueTypeOf, others, current, startPath)
    if (plan) return plan
  }
  const cells = valueCellPositions(grid)
  if (section.table.kind === 'singleRow' && dataLines.length === 1 && dataLines[0].values.length === cells.length) {
    // Table 四 as printed: every column in order, the 总计 columns included.
    const plan = { ...empty, values: {} as PastePlan['values'], notes: [] as string[] }
    const printed: Record<string, string> = {}
    const ordered = [...cells].sort((a, b) => a.column - b.column)
    dataLines[0].values.forEach((raw, j) => {
      const cell = ordered[j]
      if (cell.derived) {
        if (raw.trim() !== '' && !DASH.test(raw.trim())) printed[cell.path] = raw
        return
      }
      const parsed = parseCellInput(raw, valueTypeOf(cell.path))
      if (parsed.ok) plan.values[cell.path] = parsed.value
      else plan.errors[cell.path] = parsed.error
    })
    if (block.length > dataLines.length) plan.notes.push(`已略去${block.length - dataLines.length}行表头。`)
    compareTotals(format, printed, plan, current)
    return plan
  }
  // Anything else: from the focused cell, as typed; a value on a computed cell is a printed total.
  const start = cells.find((c) => c.path === startPath)
  if (!start) return empty
  const rowsFrom = [...new Set(cells.map((c) => c.row))].filter((r) => r >= start.row).sort((a, b) => a - b)
  const plan: PastePlan = { ...empty, values: {}, errors: {}, notes: [] }
  const printed: Record<string, string> = {}
  let outside = 0
  dataLines.forEach((line, i) => {
    const rowCells = cells
      .filter((c) => c.row === rowsFrom[i] && c.column >= start.column)
      .sort((a, b) => a.column - b.column)
    line.values.forEach((raw, j) => {
      const target = rowsFrom[i] === undefined ? undefined : rowCells[j]
      if (!target) {
        if (raw.trim() !== '') outside++
      } else if (target.derived) {
        if (raw.trim() !== '' && !DASH.test(raw.trim())) printed[target.path] = raw
      } else {
        const parsed = parseCellInput(raw, valueTypeOf(target.path))
        if (parsed.ok) plan.values[target.path] = parsed.value
        else plan.errors[target.path] = parsed.error
      }
    })
  })
  if (outside > 0) {
    return {
      ...empty,
      refused: `粘贴内容有${outside}个数落在表格之外：请从对应的起始单元格粘贴，或复制整张表（含行名）后粘贴。未粘贴。`,
    }
  }
  if (block.length > dataLines.length) plan.notes.push(`已略去${block.length - dataLines.length}行表头。`)
  compareTotals(format, printed, plan, current)
  return plan
}
