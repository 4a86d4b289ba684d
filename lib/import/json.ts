/**
 * A report JSON read as the interchange reads it (lib/report/interchange.ts readReport), with the
 * keys that are not part of the format listed rather than dropped silently: a subtotal column, a
 * misspelt row, an extra top-level field.
 */
import { formatCells, narrativePath } from '@/lib/format/cells'
import { getAt } from '@/lib/report/values'
import { emptySections, parseReportText, ReportInputError, readReport } from '@/lib/report/interchange'
import { ImportRefusal } from './lines'
import type { CellRecognition, ImportResult } from './types'

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

/** Keys of `given` that `known` does not have, as dotted paths, depth first. */
function unknownUnder(given: unknown, known: unknown, prefix: string, out: string[]): void {
  if (!isObject(given) || !isObject(known)) return
  for (const key of Object.keys(given)) {
    const path = `${prefix}.${key}`
    if (!(key in known)) out.push(path)
    else unknownUnder(given[key], known[key], path, out)
  }
}

export function unknownKeysOf(raw: Record<string, unknown>, sectionsShape: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const key of Object.keys(raw)) if (!TOP_KEYS.has(key)) out.push(key)
  if (isObject(raw.agency))
    for (const key of Object.keys(raw.agency)) if (!AGENCY_KEYS.has(key)) out.push(`agency.${key}`)
  unknownUnder(raw.sections, sectionsShape, 'sections', out)
  return out
}

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
  const unknownKeys = unknownKeysOf(given, emptySections(format))
  const cells: Record<string, CellRecognition> = {}
  for (const cell of formatCells(format)) {
    const v = getAt(given.sections, cell.segments)
    cells[cell.path] = v === undefined ? 'notPrinted' : v === null || v === '' ? 'blank' : 'recognised'
  }
  const sections: Record<string, 'found' | 'missing'> = {
    preamble: typeof given.preamble === 'string' && given.preamble.trim() !== '' ? 'found' : 'missing',
  }
  for (const section of format.sections) {
    const path = narrativePath(section)
    const v = path ? getAt(given.sections, path.split('.')) : getAt(given.sections, [section.key])
    sections[section.key] = v === undefined || v === null || v === '' ? 'missing' : 'found'
  }
  const notes = [...notices]
  if (unknownKeys.length > 0) {
    notes.push(
      `文件中有${unknownKeys.length}个不属于年报格式的项（${unknownKeys.slice(0, 8).join('、')}${unknownKeys.length > 8 ? '等' : ''}），未导入。`,
    )
  }
  return {
    report,
    recognition: {
      source: { fileName, kind: 'json', bytes: bytes.length },
      formatVersion: format.version,
      agencyName: report.agency.name,
      year: report.year,
      cells,
      printed: {},
      sections,
      unknownKeys,
      notes,
    },
    text,
  }
}
