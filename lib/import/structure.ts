/**
 * The report's structure, read from a document's lines (lib/import/lines.ts): title (agency,
 * year), preamble, the six sections split at their headings, tables 二/三/四 cell by cell with
 * values as printed, and a record of what was recognised. Labels, keys and headings all come from
 * the format definition (lib/format); nothing is guessed silently: every assumption is a note.
 */
import { dataRows, formatCells, leafColumns, narrativePath } from '@/lib/format/cells'
import { FORMAT_LIST, formatFor } from '@/lib/format/index'
import type {
  BlockTableDef,
  FormatDef,
  MatrixTableDef,
  RowNode,
  SectionDef,
  SingleRowTableDef,
} from '@/lib/format/types'
import { normalizeDigits, VALUE_TYPES } from '@/lib/format/value-types'
import { statesNoFee, feeStatement } from '@/lib/report/fee-statement'
import { looseFeeAmounts } from './fees'
import { emptySections } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'
import { computedAt } from '@/lib/rules/stated'
import { type DocLine, lineText } from './lines'
import { normText, regionTokens, type Token } from './tokens'
import type { CellRecognition, DocumentKind, ImportResult, RecognitionRecord } from './types'

const CN_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
}
const ORDINAL = /^(?:[一二三四五六七八九十]+[.]|（[一二三四五六七八九十]+）|\d+[.])/

/** Character pairs of a text, for a tolerant comparison of headings (“行政法复议”). */
function bigrams(text: string): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2))
  return out
}

function overlap(text: string, wanted: string): number {
  const want = bigrams(wanted)
  if (want.size === 0) return 0
  const have = bigrams(text)
  let n = 0
  for (const b of want) if (have.has(b)) n++
  return n / want.size
}

/** Whether a line is the heading of a section: the same ordinal and most of its words. */
function isHeading(line: DocLine, heading: string): boolean {
  // A heading may also stand in a table row of its own (a portal that lays the report out in one table).
  const cells = line.kind === 'row' ? line.cells.filter((c) => c.trim() !== '') : null
  if (cells && cells.length !== 1) return false
  const text = normText(cells ? cells[0] : (line as { text: string }).text)
  const want = normText(heading)
  const ordinal = ORDINAL.exec(want)?.[0]
  if (!ordinal || !text.startsWith(ordinal)) return false
  if (text.length > want.length + 16) return false
  return overlap(text.slice(ordinal.length), want.slice(ordinal.length)) >= 0.5
}

/** A row label of a document against one of the format. */
export function labelMatches(token: string, label: string): boolean {
  if (matchesLabel(token, label)) return true
  // A group label run together with its first row (“（四）无法提供1.本机关不掌握…”).
  const inner = /(?<=[^\d.])\d{1,2}\.(?=\D)/.exec(token)
  return inner !== null && inner.index > 0 && matchesLabel(token.slice(inner.index), label)
}

function matchesLabel(token: string, label: string): boolean {
  const b = normText(label)
  if (token === '' || b === '') return false
  if (token === b) return true
  const oa = ORDINAL.exec(token)?.[0] ?? ''
  const ob = ORDINAL.exec(b)?.[0] ?? ''
  if (oa && ob && oa !== ob) return false
  const ra = token.slice(oa.length)
  const rb = b.slice(ob.length)
  if (ra.length < 2) return false
  if (ra === rb) return !ob || !!oa || ra.length >= 4
  // Without its ordinal a label must be long enough, and most of the label, not to be a column
  // heading (总计, 其他, 结转下年度).
  if (ob && !oa && (ra.length < 4 || (ra.length < rb.length * 0.6 && !ra.startsWith(rb)))) return false
  // Printed labels are shortened (“规范性文件”), cut by a line break, or carry a hint in brackets.
  if (rb.startsWith(ra) && (ra.length >= 4 || oa !== '')) return true
  if (ra.startsWith(rb)) return true
  if (ra.length >= 4 && rb.endsWith(ra)) return true
  // A label in a longer caption: “行政诉讼（未经复议直接起诉）”.
  if (!ob && rb.length >= 4 && ra.length <= rb.length + 8 && ra.includes(rb)) return true
  return oa !== '' && ra.slice(0, 2) === rb.slice(0, 2)
}

export interface TitleInfo {
  agencyName: string | null
  year: number | null
}

const YEAR = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?/

/** Agency and year from a title (“平潭综合实验区行政审批局2024年政府信息公开工作年度报告”). */
export function parseTitle(title: string): TitleInfo {
  const text = normalizeDigits(title).replace(/[\s\u00a0\u3000]/g, '')
  const m = YEAR.exec(text)
  if (!m) return { agencyName: null, year: null }
  const year = Number([...m[1]].map((c) => CN_DIGITS[c] ?? c).join(''))
  let agency = text.slice(0, m.index)
  if (agency === '') {
    // “2024年淮安市人民政府政府信息公开工作年度报告”: the agency follows the year.
    const after = text.slice(m.index + m[0].length)
    const end = after.search(/政府信息公开|政务公开/)
    agency = end > 0 ? after.slice(0, end) : ''
  }
  agency = agency.replace(/^[【[（(].*?[】\]）)]/, '').replace(/[:：·•\-—_]+$/, '')
  return { agencyName: agency.length >= 2 ? agency : null, year: Number.isInteger(year) ? year : null }
}

const isTitleLine = (text: string) => {
  const t = text.replace(/\s/g, '')
  return t.length <= 80 && /政府信息公开|政务公开/.test(t) && /年度报告|年报/.test(t) && YEAR.test(normalizeDigits(t))
}

export interface StructureInput {
  kind: DocumentKind
  fileName: string
  bytes: number
  lines: DocLine[]
  /** Where the report's own lines start and end (a whole portal page: the article). */
  start?: number
  end?: number
  /** A title found outside the article (a portal page's heading or its <title>). */
  title?: string | null
}

interface Reading {
  format: FormatDef
  sections: Record<string, unknown>
  cells: Record<string, CellRecognition>
  printed: Record<string, string>
  /** Totals and 小计 as printed, by stated path, for the comparison with their parts. */
  printedTotals: Record<string, { text: string; value: string }>
  notes: string[]
  derived: Set<string>
}

/** Headings of the six sections in document order (indexes into lines, -1 when missing). */
export function findHeadings(lines: DocLine[], format: FormatDef, from = 0, to = lines.length): number[] {
  const at: number[] = []
  let cursor = from
  for (const section of format.sections) {
    let found = -1
    for (let i = cursor; i < to; i++) {
      if (isHeading(lines[i], section.heading)) {
        found = i
        break
      }
    }
    at.push(found)
    if (found >= 0) cursor = found + 1
  }
  return at
}

/** The format of the document: table 二's column headings decide, else the year. */
function detectFormat(region: DocLine[], year: number | null, notes: string[]): FormatDef {
  const text = normText(region.map(lineText).join(''))
  let best: { format: FormatDef; score: number } | null = null
  for (const format of FORMAT_LIST) {
    const table = format.sections.find((s) => s.kind === 'table' && s.table.kind === 'blocks')
    if (table?.kind !== 'table' || table.table.kind !== 'blocks') continue
    const labels = table.table.blocks[0].columns.map((c) => normText(c.label))
    const score = labels.filter((l) => text.includes(l)).length
    if (score > 0 && (!best || score > best.score)) best = { format, score }
  }
  if (best) return best.format
  const byYear = formatFor(year !== null && year <= 2020 ? '2019' : '2021') as FormatDef
  notes.push(
    `未在表二中找到可判断表式的表头，按${year ?? '（未识别）'}年度按${byYear.version}年表式（${byYear.basis}）读取，请核对。`,
  )
  return byYear
}

/**
 * Reads rows in order: each row's label is searched forward (but not past a later row's label:
 * then the row is not printed), its values are the next value tokens before another row begins.
 */
function readRows(
  tokens: Token[],
  rows: { key: string; label: string; width: number }[],
  extraLabels: { label: string; index: number }[] = [],
): Map<string, { found: boolean; values: Token[] }> {
  const out = new Map<string, { found: boolean; values: Token[] }>()
  const matches = rows.map(() => [] as number[])
  tokens.forEach((t, i) => {
    if (t.kind !== 'text') return
    rows.forEach((r, j) => {
      if (labelMatches(t.norm, r.label)) matches[j].push(i)
    })
  })
  // A row's label is followed by its values; a heading that happens to match is followed by text.
  const followed = (i: number) => i + 1 < tokens.length && tokens[i + 1].kind !== 'text'
  let cursor = 0
  rows.forEach((row, j) => {
    const own = matches[j].find((i) => i >= cursor && followed(i)) ?? matches[j].find((i) => i >= cursor)
    let later = Number.POSITIVE_INFINITY
    for (let k = j + 1; k < rows.length; k++) {
      const i = matches[k].find((x) => x >= cursor && followed(x))
      if (i !== undefined && i < later) later = i
    }
    for (const extra of extraLabels) if (extra.index > j && extra.index >= cursor) later = Math.min(later, extra.index)
    if (own === undefined || own > later) {
      out.set(row.key, { found: false, values: [] })
      return
    }
    const values: Token[] = []
    let i = own + 1
    let next = Number.POSITIVE_INFINITY
    for (let k = j + 1; k < rows.length; k++) {
      const x = matches[k].find((y) => y > own)
      if (x !== undefined && x < next) next = x
    }
    for (; i < tokens.length && i < next && values.length < row.width; i++) {
      const t = tokens[i]
      if (t.kind === 'text') continue
      values.push(t)
    }
    cursor = i
    out.set(row.key, { found: true, values })
  })
  return out
}

function place(reading: Reading, path: string, token: Token | undefined, rowFound: boolean): void {
  const { format, sections, cells, printed, printedTotals, derived } = reading
  if (!token) {
    cells[path] = rowFound ? 'notFound' : 'notPrinted'
    return
  }
  const cell = formatCells(format).find((c) => c.path === path)
  if (token.kind === 'blank' || token.kind === 'text') {
    cells[path] = 'blank'
    return
  }
  if (token.kind === 'dash') {
    cells[path] = 'printedBlank'
    printed[path] = token.text
    return
  }
  cells[path] = 'recognised'
  if (derived.has(path)) {
    printedTotals[path] = { text: token.text, value: token.value }
    return
  }
  const type = VALUE_TYPES[cell?.valueType ?? 'count']
  const parsed = type.parse(token.value)
  // A value that is not one of the cell's type is kept as printed: the rules report it at its cell.
  setAt(sections, path.split('.'), parsed.ok ? parsed.value : token.text)
  if (token.unit && cell?.unit !== token.unit) printed[path] = token.text
}

function readBlocks(reading: Reading, section: SectionDef, table: BlockTableDef, tokens: Token[]): void {
  const rows = table.blocks.flatMap((b) =>
    b.rows.map((r) => ({ key: `${b.key}.${r.key}`, label: r.label, width: b.columns.length, block: b })),
  )
  const read = readRows(tokens, rows)
  for (const row of rows) {
    const got = read.get(row.key) as { found: boolean; values: Token[] }
    row.block.columns.forEach((c, i) => {
      place(reading, `${section.key}.${row.key}.${c.key}`, got.values[i], got.found)
    })
    const unitField = row.block.unitField
    if (unitField) {
      const unit = got.values.find((t) => t.kind === 'number' && t.unit && unitField.options.includes(t.unit))
      if (unit?.kind === 'number')
        setAt(reading.sections, [section.key, ...row.key.split('.'), unitField.key], unit.unit)
    }
    if (!got.found) reading.notes.push(`表二未印“${row.label}”一行，按未印处理。`)
  }
}

function groupOf(rows: RowNode[], key: string): Extract<RowNode, { kind: 'rowGroup' }> | null {
  for (const n of rows) {
    if (n.kind !== 'rowGroup') continue
    if (n.key === key) return n
    const inner = groupOf(n.children, key)
    if (inner) return inner
  }
  return null
}

function readMatrix(reading: Reading, section: SectionDef, table: MatrixTableDef, tokens: Token[]): void {
  const leaves = leafColumns(table.columns)
  const data = dataRows(table.rows)
  const firstRow = tokens.findIndex((t) => t.kind === 'text' && labelMatches(t.norm, data[0].label))
  const header = tokens.slice(0, firstRow < 0 ? tokens.length : firstRow)
  // A printed 小计 of a column group (法人或其他组织小计) stands after the group's columns.
  const groups = table.columns.flatMap(function all(n): Extract<
    (typeof table.columns)[number],
    { kind: 'columnGroup' }
  >[] {
    return n.kind === 'columnGroup' ? [n, ...n.children.flatMap(all)] : []
  })
  const subtotal = header.some((t) => t.kind === 'text' && t.norm.includes('小计'))
    ? groups.find((g) => leafColumns(g.children).length < leaves.length - 1)
    : undefined
  const layout: { key: string; group?: string }[] = []
  for (const leaf of leaves) {
    layout.push({ key: leaf.key })
    if (subtotal) {
      const last = leafColumns(subtotal.children).at(-1)
      if (last?.key === leaf.key) layout.push({ key: subtotal.key, group: subtotal.key })
    }
  }
  if (subtotal) reading.notes.push(`表三印有“${subtotal.label}小计”列：作为印刷的小计保留，与各项之和核对。`)

  // （六）其他处理 printed as one row where the format has sub-rows: read into its last sub-row.
  const collapsible = groupOf(table.rows, 'otherDisposal')
  const rows = data.map((r) => ({ key: r.key, label: r.label, width: layout.length }))
  const read = readRows(tokens, rows)
  if (collapsible) {
    const children = dataRows(collapsible.children)
    if (children.every((c) => !read.get(c.key)?.found)) {
      const before = data.findIndex((r) => r.key === children[0].key)
      const single = readRows(
        tokens,
        [
          ...data.slice(0, before),
          { key: collapsible.key, label: collapsible.label, width: 0 },
          ...data.slice(before + children.length),
        ].map((r) => ({ key: r.key, label: r.label, width: layout.length })),
      ).get(collapsible.key)
      if (single?.found) {
        const last = children[children.length - 1]
        read.set(last.key, single)
        for (const other of children.slice(0, -1)) {
          read.set(other.key, { found: false, values: [] })
          for (const leaf of leaves) setAt(reading.sections, [section.key, other.key, leaf.key], 0)
        }
        reading.notes.push(
          `表三有${data.length - children.length + 1}行，“${collapsible.label}”按一行读入“${last.label}”，${children
            .slice(0, -1)
            .map((c) => `“${c.label.slice(0, 2)}”`)
            .join('、')}两行记为0（未印）。`,
        )
      }
    }
  }
  for (const row of data) {
    const got = read.get(row.key) as { found: boolean; values: Token[] }
    layout.forEach((column, i) => {
      const path = `${section.key}.${row.key}.${column.key}`
      if (column.group) {
        const t = got.values[i]
        if (t?.kind === 'number') reading.printedTotals[path] = { text: t.text, value: t.value }
        else if (t?.kind === 'dash') reading.printed[path] = t.text
        return
      }
      place(reading, path, got.values[i], got.found)
    })
    if (got.found && got.values.length < layout.length) {
      reading.notes.push(
        `表三“${row.label}”一行只读到${got.values.length}个数（应为${layout.length}个），缺少的按未找到处理。`,
      )
    }
  }
}

function readSingleRow(reading: Reading, section: SectionDef, table: SingleRowTableDef, tokens: Token[]): void {
  // Printed as one block per group (行政复议, then each 行政诉讼 group, each with its own values).
  const width = table.results.length
  const byGroup = readRows(
    tokens,
    table.groups.map((g) => ({ key: g.key, label: g.label, width })),
  )
  if (table.groups.every((g) => byGroup.get(g.key)?.values.length === width)) {
    for (const group of table.groups) {
      const values = byGroup.get(group.key)?.values ?? []
      table.results.forEach((result, i) => {
        place(reading, `${section.key}.${group.key}.${result.key}`, values[i], true)
      })
    }
    return
  }
  const headerLabels = [...table.groups, ...table.parents, ...table.results].map((l) => normText(l.label))
  let start = 0
  tokens.forEach((t, i) => {
    if (t.kind === 'text' && headerLabels.some((l) => t.norm.includes(l) || (t.norm.length >= 2 && l.includes(t.norm))))
      start = i + 1
  })
  const values = tokens.slice(start).filter((t) => t.kind !== 'text')
  let n = 0
  for (const group of table.groups) {
    for (const result of table.results) {
      place(reading, `${section.key}.${group.key}.${result.key}`, values[n], true)
      n++
    }
  }
  if (values.length < n) reading.notes.push(`表四只读到${values.length}个数（应为${n}个），缺少的按未找到处理。`)
}

/** Totals printed against what their parts add up to: the cell computed, the print kept in stated. */
function settleTotals(reading: Reading): Record<string, number | string> {
  const { format, sections } = reading
  deriveTotals(format, sections)
  const stated: Record<string, number | string> = {}
  for (const [path, { text, value }] of Object.entries(reading.printedTotals)) {
    const parsed = VALUE_TYPES.decimal.parse(value)
    const printedValue = parsed.ok && parsed.value !== null ? Number(parsed.value) : text
    const computed = computedAt(format, sections, path)
    if (computed !== null && computed === printedValue) continue
    stated[path] = printedValue
    if (computed !== null) {
      const label = formatCells(format).find((c) => c.path === path)?.label ?? path
      reading.notes.push(`“${label}”印为${text}，各项之和为${computed}：保留印刷的数，请核对。`)
    }
  }
  return stated
}

const SIGNATURE_DATE =
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/

function paragraphs(lines: DocLine[]): string[] {
  return lines.map((l) => (l.kind === 'p' ? l.text : l.cells.filter((c) => c !== '').join(' ')))
}

/** The three 信息处理费 facts: from the standard sentence, from their labels, or from “未收取”. */
function readFees(
  reading: Reading,
  section: Extract<SectionDef, { kind: 'narrativeWithFacts' }>,
  text: string[],
  year: number,
) {
  const flat = normalizeDigits(text.join('\n'))
  const found: Record<string, string> = {}
  for (const fact of section.facts) {
    const label = fact.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const m = new RegExp(`${label}[^\\d\\n。；]{0,8}?(\\d+(?:\\.\\d+)?)\\s*${fact.unit}`).exec(flat)
    if (m) found[fact.key] = m[1]
  }
  // Without the format's labels, the fee phrased loosely (“全年收取信息处理费3940元”), noted.
  if (Object.keys(found).length === 0) {
    const loose = looseFeeAmounts(flat).filter((f) => section.facts.some((fact) => fact.key === f.key))
    for (const f of loose) {
      found[f.key] = String(f.value)
      const label = section.facts.find((fact) => fact.key === f.key)?.label ?? f.key
      reading.notes.push(`第六部分“${f.phrase}”读作${label}${f.value}，请核对。`)
    }
  }
  const base = [section.key, section.factsKey]
  if (Object.keys(found).length === 0 && statesNoFee(flat)) {
    for (const fact of section.facts) {
      setAt(reading.sections, [...base, fact.key], VALUE_TYPES[fact.valueType].zero)
      reading.cells[[...base, fact.key].join('.')] = 'recognised'
    }
    reading.notes.push(
      `第六部分写明未收取${section.factsTitle}：${section.facts.map((f) => f.label).join('、')}记为0。`,
    )
    return text
  }
  for (const fact of section.facts) {
    const path = [...base, fact.key].join('.')
    if (found[fact.key] === undefined) {
      reading.cells[path] = 'notPrinted'
      continue
    }
    const parsed = VALUE_TYPES[fact.valueType].parse(found[fact.key])
    setAt(reading.sections, [...base, fact.key], parsed.ok ? parsed.value : found[fact.key])
    reading.cells[path] = 'recognised'
  }
  // Our own export writes the standard sentence from the facts: it goes back into them.
  const facts = getAt(reading.sections, base) as Record<string, unknown>
  const sentence = feeStatement(year, {
    noticesIssued: facts.noticesIssued,
    amountBilledYuan: facts.amountBilledYuan,
    amountCollectedYuan: facts.amountCollectedYuan,
  })
  const at = sentence ? text.indexOf(sentence) : -1
  if (at >= 0) {
    const rest = text.filter((_, i) => i !== at)
    if (!rest.some((p) => p.includes(section.factsTitle))) return rest
  }
  return text
}

export function readStructure(input: StructureInput): ImportResult {
  const { lines } = input
  const start = input.start ?? 0
  const end = input.end ?? lines.length
  const notes: string[] = []
  const probe = formatFor('2021') as FormatDef
  const headings = findHeadings(lines, probe, start, end)
  const firstHeading = headings.find((h) => h >= 0) ?? end

  // Title: the last title-like line before the first heading, else the one given from outside.
  let titleAt = -1
  for (let i = firstHeading - 1; i >= start; i--) {
    const l = lines[i]
    if (l.kind === 'p' && isTitleLine(l.text)) {
      titleAt = i
      break
    }
  }
  const titleText = titleAt >= 0 ? (lines[titleAt] as { text: string }).text : (input.title ?? null)
  const title = titleText ? parseTitle(titleText) : { agencyName: null, year: null }
  if (titleText && !title.agencyName) {
    // The agency on a line of its own above “2024年政府信息公开工作年度报告”, or in the page's <title>.
    const above = titleAt > start ? lines[titleAt - 1] : null
    const name = above?.kind === 'p' && above.text.length <= 30 && !/[。，；：]/.test(above.text) ? above.text : null
    const fromPage = input.title ? parseTitle(input.title) : null
    title.agencyName = name ? name.replace(/\s/g, '') : (fromPage?.agencyName ?? null)
    if (title.agencyName) notes.push(`标题未写机关名称，按“${title.agencyName}”读取，请核对。`)
  }
  if (!titleText) notes.push('未找到报告标题，机关名称和年度未能识别，请填写。')
  else if (!title.agencyName || !title.year)
    notes.push(`标题“${titleText.slice(0, 60)}”中未能识别${!title.agencyName ? '机关名称' : '年度'}。`)

  const tableTwo = probe.sections.findIndex((s) => s.kind === 'table' && s.table.kind === 'blocks')
  const twoStart = headings[tableTwo]
  const twoEnd = headings.slice(tableTwo + 1).find((h) => h >= 0) ?? end
  const format = detectFormat(
    twoStart >= 0 ? lines.slice(twoStart + 1, twoEnd) : lines.slice(start, end),
    title.year,
    notes,
  )
  const at = format === probe ? headings : findHeadings(lines, format, start, end)

  const reading: Reading = {
    format,
    sections: emptySections(format),
    cells: {},
    printed: {},
    printedTotals: {},
    notes,
    derived: derivedCells(format),
  }
  const recognitionSections: Record<string, 'found' | 'missing'> = {}
  const bodyStart = titleAt >= 0 ? titleAt + 1 : start
  const first = at.find((h) => h >= 0) ?? end
  const preamble = paragraphs(lines.slice(bodyStart, first))
  recognitionSections.preamble = preamble.length > 0 ? 'found' : 'missing'

  format.sections.forEach((section, i) => {
    const from = at[i]
    const to = at.slice(i + 1).find((h) => h >= 0) ?? end
    recognitionSections[section.key] = from >= 0 ? 'found' : 'missing'
    if (from < 0) {
      notes.push(`未找到“${section.heading}”。`)
      return
    }
    const region = lines.slice(from + 1, to)
    if (section.kind === 'table') {
      const tokens = regionTokens(region)
      const table = section.table
      if (table.kind === 'blocks') readBlocks(reading, section, table, tokens)
      else if (table.kind === 'matrix') readMatrix(reading, section, table, tokens)
      else readSingleRow(reading, section, table, tokens)
      // A table none of whose rows could be found was not read, rather than “not printed”.
      const own = formatCells(format).filter((c) => c.sectionKey === section.key)
      if (own.every((c) => reading.cells[c.path] === 'notPrinted' || reading.cells[c.path] === undefined)) {
        for (const c of own) reading.cells[c.path] = 'notFound'
        notes.push(`未能读取“${section.heading}”的表格。`)
      }
      return
    }
    let text = paragraphs(region)
    if (section.kind === 'narrativeWithFacts') {
      // The 落款 (agency and date) closes the document: not part of section 六.
      const last = text.length - 1
      if (last >= 0 && SIGNATURE_DATE.test(normalizeDigits(text[last]).replace(/\s/g, ''))) {
        const agencyLine = last >= 1 && text[last - 1].length <= 40 && !/[。；，]/.test(text[last - 1]) ? 1 : 0
        const dropped = text.slice(last - agencyLine)
        text = text.slice(0, last - agencyLine)
        notes.push(`落款“${dropped.join(' ')}”未计入“${section.heading}”。`)
      }
      text = readFees(reading, section, text, title.year ?? new Date().getFullYear())
    }
    setAt(reading.sections, (narrativePath(section) as string).split('.'), text.join('\n'))
  })
  for (const cell of formatCells(format)) reading.cells[cell.path] ??= 'notFound'
  const stated = settleTotals(reading)

  const agencyName = title.agencyName
  const agencyType: ReportData['agency']['type'] = agencyName && /政府$/.test(agencyName) ? 'government' : 'department'
  if (agencyName)
    notes.push(`机关类型按名称判断为“${agencyType === 'government' ? '人民政府' : '政府部门及其他机关'}”，请核对。`)
  const notFound = Object.values(reading.cells).filter((c) => c === 'notFound').length
  if (notFound > 0) notes.push(`有${notFound}个单元格未能读取，请核对原文。`)

  const report: ReportData = {
    formatVersion: format.version,
    year: title.year ?? 0,
    agency: { name: agencyName ?? '', type: agencyType },
    preamble: preamble.join('\n'),
    sections: reading.sections,
    ...(Object.keys(stated).length ? { stated } : {}),
  }
  const recognition: RecognitionRecord = {
    source: { fileName: input.fileName, kind: input.kind, bytes: input.bytes },
    formatVersion: format.version,
    agencyName,
    year: title.year,
    cells: reading.cells,
    printed: reading.printed,
    sections: recognitionSections,
    unknownKeys: [],
    notes,
  }
  const text = lines.slice(start, end).map(lineText).join('\n')
  return { report, recognition, text: titleAt < start && titleText ? `${titleText}\n${text}` : text }
}

/** Whether a document looks like a report at all (any section heading found). */
export function hasHeadings(lines: DocLine[]): boolean {
  return findHeadings(lines, formatFor('2021') as FormatDef).some((h) => h >= 0)
}
