/**
 * Report JSON as an import (the one reader: the command line, the worker and the app): what
 * reading keeps (lib/report/interchange.ts readReport), and every key it would otherwise drop
 * silently (a 小计 column, a misspelt row, an extra top-level field) listed in the recognition
 * record, shown before anything is saved. Also the recognition record of a report read from a
 * structured source (JSON, .xlsx): every cell recognised, blank, or (JSON) not in the file.
 */
import { dataRows, formatCells, groupRows, leafColumns, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { parseReportText, ReportInputError, readReport } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { getAt, isBlank } from '@/lib/report/values'
import { statedTargets } from '@/lib/rules/stated'
import { ImportRefusal } from './lines'
import type { CellRecognition, ImportResult, RecognitionRecord } from './types'

const TOP_KEYS = new Set([
  'formatVersion',
  'year',
  'agency',
  'preamble',
  'sections',
  'explanations',
  'stated',
  'origins',
])
const AGENCY_KEYS = new Set(['name', 'type', 'level', 'code'])

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

const knownCache = new WeakMap<FormatDef, { leaves: Set<string>; containers: Set<string> }>()

/** Leaf paths (cells, narratives, unit fields, values under group rows) and their containers. */
function knownPaths(format: FormatDef) {
  let known = knownCache.get(format)
  if (known) return known
  const leaves = new Set<string>()
  for (const cell of formatCells(format)) leaves.add(cell.path)
  for (const section of format.sections) {
    const text = narrativePath(section)
    if (text) leaves.add(text)
    if (section.kind !== 'table') continue
    const table = section.table
    if (table.kind === 'blocks') {
      for (const block of table.blocks) {
        if (!block.unitField) continue
        for (const r of block.rows) leaves.add(`${section.key}.${block.key}.${r.key}.${block.unitField.key}`)
      }
    }
    if (table.kind === 'matrix') {
      // A group row given as one row (（六）其他处理 as printed in the old layout) is read, not lost.
      const columns = leafColumns(table.columns)
      for (const group of groupRows(table.rows)) {
        if (dataRows(group.children).length) {
          for (const c of columns) leaves.add(`${section.key}.${group.key}.${c.key}`)
        }
      }
    }
  }
  const containers = new Set<string>()
  for (const leaf of leaves) {
    const parts = leaf.split('.')
    for (let i = 1; i < parts.length; i++) containers.add(parts.slice(0, i).join('.'))
  }
  known = { leaves, containers }
  knownCache.set(format, known)
  return known
}

/** Keys of a report JSON that are not part of the format, as dotted paths from the top. */
export function unknownJsonKeys(format: FormatDef, raw: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const key of Object.keys(raw)) if (!TOP_KEYS.has(key)) out.push(key)
  if (isObject(raw.agency)) {
    for (const key of Object.keys(raw.agency)) if (!AGENCY_KEYS.has(key)) out.push(`agency.${key}`)
  }
  const { leaves, containers } = knownPaths(format)
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (leaves.has(path)) continue
      if (containers.has(path) && isObject(value)) walk(value, path)
      else if (!containers.has(path)) out.push(`sections.${path}`)
    }
  }
  if (isObject(raw.sections)) walk(raw.sections, '')
  if (isObject(raw.stated)) {
    const targets = statedTargets(format)
    for (const key of Object.keys(raw.stated)) if (!targets.has(key)) out.push(`stated.${key}`)
  }
  if (isObject(raw.origins)) {
    for (const key of Object.keys(raw.origins)) if (!leaves.has(key)) out.push(`origins.${key}`)
  }
  return out
}

/** Cells recognised or blank, sections found or missing, for a report read from a structured file. */
export function reportRecognition(
  format: FormatDef,
  report: ReportData,
  source: RecognitionRecord['source'],
  extra: Partial<Pick<RecognitionRecord, 'cells' | 'printed' | 'unknownKeys' | 'notes'>> = {},
): RecognitionRecord {
  const cells: Record<string, CellRecognition> = {}
  for (const cell of formatCells(format)) {
    cells[cell.path] = isBlank(getAt(report.sections, cell.segments)) ? 'blank' : 'recognised'
  }
  const sections: Record<string, 'found' | 'missing'> = {
    preamble: report.preamble?.trim() ? 'found' : 'missing',
  }
  for (const section of format.sections) {
    const text = narrativePath(section)
    if (!text) continue
    const v = getAt(report.sections, text.split('.'))
    sections[section.key] = typeof v === 'string' && v.trim() ? 'found' : 'missing'
  }
  return {
    source,
    formatVersion: format.version,
    agencyName: report.agency.name || null,
    year: report.year,
    cells: { ...cells, ...extra.cells },
    printed: extra.printed ?? {},
    sections,
    unknownKeys: extra.unknownKeys ?? [],
    notes: extra.notes ?? [],
  }
}

/**
 * A report JSON file as an import: the report as read, its unknown keys and reading's notices;
 * a cell the file does not hold at all is `notPrinted`. A file that is not a report is refused.
 */
export function readReportJson(fileName: string, bytes: Uint8Array): ImportResult {
  const text = new TextDecoder('utf-8').decode(bytes)
  let raw: unknown
  let read: ReturnType<typeof readReport>
  try {
    raw = parseReportText(text)
    read = readReport(raw)
  } catch (e) {
    if (e instanceof ReportInputError) throw new ImportRefusal(e.message)
    throw e
  }
  const given = raw as Record<string, unknown>
  const { report, format, notices } = read
  const unknownKeys = unknownJsonKeys(format, given)
  const absent: Record<string, CellRecognition> = {}
  for (const cell of formatCells(format)) {
    if (getAt(given.sections, cell.segments) === undefined) absent[cell.path] = 'notPrinted'
  }
  const recognition = reportRecognition(
    format,
    report,
    { fileName, kind: 'json', bytes: bytes.byteLength },
    {
      cells: absent,
      unknownKeys,
      notes: [
        ...notices,
        ...(unknownKeys.length
          ? [
              `文件中有${unknownKeys.length}个不属于年报格式的键，导入时不会保留：${unknownKeys.slice(0, 10).join('、')}${unknownKeys.length > 10 ? '等' : ''}。`,
            ]
          : []),
      ],
    },
  )
  // The original side shows the file laid out, one key a line, as a person would read it.
  return { report, recognition, text: JSON.stringify(raw, null, 2) }
}
