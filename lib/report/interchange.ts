/**
 * Report JSON, the interchange shape of design.md (keys of spec/format.md §5): reading files as
 * published tools write them, and the blank report a new draft starts from.
 */
import { droppedHeadingNotice, dropRepeatedHeading } from '@/lib/narrative'
import { JSON_TOO_DEEP_MESSAGE, jsonTooDeep } from '@/lib/json-depth'
import { assertNever, cellSegments, dataRows, formatCells, narrativePath } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { isAgencyCode } from './identity'
import { AGENCY_TYPES, ORIGINS, type Origin } from './fields'
import type { ReportData } from './schema'
import { getAt, pathWalk, setAt, setValuesAt, valuesAt } from './values'

export class ReportInputError extends Error {}

/** A blank report: every cell null (blank, not zero), every narrative empty. */
export function emptySections(format: FormatDef): Record<string, unknown> {
  if (!generalised.has(format)) {
    generalised.add(format)
    generaliseFields(format)
  }
  return blankSections(format)
}

/**
 * Formats whose sections' objects had their fields generalised in this process (decision 0940):
 * a blank report's cells hold null and its texts '', and the first number or other kind of
 * string stored in each field widens what V8 knows of the field (its representation, its type),
 * throwing away every optimised function that relied on it: readReport was compiled three times
 * per thread in `validate`, the cells of later files widening one field after another. Storing
 * a number, then a string, in every field of one throwaway set of sections widens them all at
 * once, before anything is compiled; later sections share those shapes.
 */
const generalised = new WeakSet<FormatDef>()
function generaliseFields(format: FormatDef): void {
  const sections = blankSections(format)
  const paths: string[][] = formatCells(format).map((c) => c.segments)
  for (const section of format.sections) {
    if (section.kind === 'narrative') paths.push([section.key])
    if (section.kind === 'narrativeWithFacts') paths.push([section.key, section.textKey])
    if (section.kind === 'table' && section.table.kind === 'blocks') {
      for (const block of section.table.blocks) {
        if (!block.unitField) continue
        for (const r of block.rows) paths.push([section.key, block.key, r.key, block.unitField.key])
      }
    }
  }
  for (const value of [0, 0.5, '文', null]) for (const p of paths) setAt(sections, p, value)
}

function blankSections(format: FormatDef): Record<string, unknown> {
  const sections: Record<string, unknown> = {}
  for (const section of format.sections) {
    switch (section.kind) {
      case 'narrative':
        sections[section.key] = ''
        break
      case 'narrativeWithFacts':
        sections[section.key] = { [section.textKey]: '', [section.factsKey]: {} }
        break
      case 'table':
        sections[section.key] = {}
        if (section.table.kind === 'blocks') {
          for (const block of section.table.blocks) {
            if (!block.unitField) continue
            for (const r of block.rows) setAt(sections, [section.key, block.key, r.key, block.unitField.key], null)
          }
        }
        break
      default:
        assertNever(section)
    }
  }
  const segments = cellSegments(format)
  setValuesAt(sections, pathWalk(segments), new Array<null>(segments.length).fill(null))
  return sections
}

export function emptyReport(format: FormatDef, year: number, agency: ReportData['agency']): ReportData {
  return { formatVersion: format.version, year, agency, sections: emptySections(format) }
}

export interface ReadResult {
  report: ReportData
  format: FormatDef
  /** What reading changed or assumed, in Chinese, for the user. */
  notices: string[]
}

export function parseReportText(text: string): unknown {
  if (jsonTooDeep(text)) throw new ReportInputError(JSON_TOO_DEEP_MESSAGE)
  const body = text.replace(/^\uFEFF/, '')
  try {
    return JSON.parse(body)
  } catch (e) {
    throw new ReportInputError(`不是有效的 JSON 文件：${jsonSyntaxWhere(body, e)}。`)
  }
}

/**
 * What is wrong with a text JSON.parse refused, in Chinese, with the line and character where
 * the engine stopped: its own message is English ("Expected property name … at position 1").
 */
export function jsonSyntaxWhere(text: string, error: unknown): string {
  if (!text.trim()) return '文件是空的'
  const message = error instanceof Error ? error.message : String(error)
  if (/end of JSON input/i.test(message)) return '内容在结尾处中断，文件可能不完整'
  const at = /at position (\d+)/.exec(message)
  // Without a position the engine quotes the text: it failed at the first character that is not
  // whitespace (a text that does not start as JSON does).
  const position = at ? Number(at[1]) : text.search(/\S/)
  if (position >= text.trimEnd().length) return '内容在结尾处中断，文件可能不完整'
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  const near = text.slice(position, position + 12).split('\n')[0]
  return `第${line}行第${column}个字符处有语法错误${near ? `（“${near}”处）` : ''}`
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Reads a report object. Known cells are copied as they are (so that a checker can report a
 * bad value at its cell); missing cells become blank; the shape itself must be a report.
 * `owned`: the caller parsed `raw` for this call alone and drops it (the CLI), so its sections
 * are read in place instead of cloned first (reading rewrites the old single 其他处理 row).
 */
export function readReport(raw: unknown, { owned = false }: { owned?: boolean } = {}): ReadResult {
  if (!isObject(raw)) throw new ReportInputError('文件内容不是年报：应为一个 JSON 对象')
  const version = raw.formatVersion === undefined ? undefined : String(raw.formatVersion)
  if (!version) throw new ReportInputError('文件不是年报：缺少 formatVersion（格式版本，如 "2021"）')
  const format = formatFor(version)
  if (!format)
    throw new ReportInputError(
      `不支持的格式版本“${version}”：仅支持 2021（国办公开办函〔2021〕30号）和 2019（国办公开办函〔2019〕60号）`,
    )
  const year = typeof raw.year === 'string' && /^\d{4}$/.test(raw.year) ? Number(raw.year) : raw.year
  if (typeof year !== 'number' || !Number.isInteger(year)) throw new ReportInputError('文件不是年报：缺少年度 year')
  if (!isObject(raw.agency) || typeof raw.agency.name !== 'string') {
    throw new ReportInputError('文件不是年报：缺少机关信息 agency.name')
  }
  const agencyType = raw.agency.type
  if (!AGENCY_TYPES.includes(agencyType as (typeof AGENCY_TYPES)[number])) {
    throw new ReportInputError(`机关类型 agency.type 应为 ${AGENCY_TYPES.join(' 或 ')}`)
  }
  if (!isObject(raw.sections)) throw new ReportInputError('文件不是年报：缺少 sections（六个部分的内容）')
  const notices: string[] = []
  const src = (owned ? raw.sections : structuredClone(raw.sections)) as Record<string, unknown>
  mapSingleOtherDisposal(format, src, notices)

  const sections = emptySections(format)
  // Every cell read, then written, in one walk each (values.ts pathWalk).
  const cells = formatCells(format)
  const walk = pathWalk(cellSegments(format))
  const values = valuesAt(src, walk, new Array<unknown>(cells.length))
  for (let i = 0; i < cells.length; i++) {
    if (values[i] !== undefined) values[i] = VALUE_TYPES[cells[i].valueType].fromImport(values[i])
  }
  setValuesAt(sections, walk, values)
  for (const section of format.sections) {
    const textPath = narrativePath(section)
    if (textPath) {
      const segments = textPath.split('.')
      const v = getAt(src, segments)
      if (typeof v === 'string') setAt(sections, segments, withoutRepeatedHeading(v, section.heading, notices))
      else if (v === undefined && section.kind === 'narrativeWithFacts' && typeof src[section.key] === 'string') {
        // Section 六 given as plain text: keep it as the narrative.
        setAt(sections, segments, src[section.key])
      } else if (v !== undefined && v !== null) throw new ReportInputError(`“${section.heading}”应为文本`)
    }
    if (section.kind === 'table') {
      const table = section.table
      if (table.kind === 'blocks') {
        for (const block of table.blocks) {
          if (!block.unitField) continue
          for (const r of block.rows) {
            const p = [section.key, block.key, r.key, block.unitField.key]
            const v = getAt(src, p)
            if (typeof v === 'string') setAt(sections, p, v)
          }
        }
      }
      if (table.kind === 'matrix') {
        // Keep stray keys (values under a group row) so rule A8 can name them.
        const given = src[section.key]
        const known = new Set(dataRows(table.rows).map((r) => r.key))
        if (isObject(given)) {
          for (const key of Object.keys(given)) {
            if (!known.has(key)) (sections[section.key] as Record<string, unknown>)[key] = given[key]
          }
        }
      }
    }
  }
  const preamble = raw.preamble
  if (preamble !== undefined && preamble !== null && typeof preamble !== 'string') {
    throw new ReportInputError(`“${format.preamble.heading}”（preamble）应为文本`)
  }
  const explanations = isObject(raw.explanations)
    ? Object.fromEntries(
        Object.entries(raw.explanations).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
    : undefined
  // Totals as printed: kept as given, checked by the schema (paths) and the stated rule (values).
  const stated = isObject(raw.stated)
    ? Object.fromEntries(
        Object.entries(raw.stated).filter(
          (e): e is [string, number | string] => typeof e[1] === 'number' || typeof e[1] === 'string',
        ),
      )
    : undefined
  // Marks of carried and prefilled values: kept when well-formed, checked by the schema (paths).
  const origins = isObject(raw.origins)
    ? Object.fromEntries(
        Object.entries(raw.origins).filter((e): e is [string, Origin] => ORIGINS.includes(e[1] as Origin)),
      )
    : undefined
  const level = typeof raw.agency.level === 'string' ? raw.agency.level : undefined
  // The code is informational (the agency is never chosen by it): a malformed one is dropped.
  const code = raw.agency.code
  if (code !== undefined && code !== null && !isAgencyCode(code)) {
    notices.push(`文件中的机关代码“${String(code).slice(0, 80)}”格式不正确，已忽略。`)
  }
  const report: ReportData = {
    formatVersion: format.version,
    year,
    agency: {
      name: raw.agency.name,
      type: agencyType as ReportData['agency']['type'],
      ...(level ? { level: level as NonNullable<ReportData['agency']['level']> } : {}),
      ...(isAgencyCode(code) ? { code } : {}),
    },
    ...(typeof preamble === 'string' ? { preamble } : {}),
    sections,
    ...(explanations && Object.keys(explanations).length ? { explanations } : {}),
    ...(stated && Object.keys(stated).length ? { stated } : {}),
    ...(origins && Object.keys(origins).length ? { origins } : {}),
  }
  return { report, format, notices }
}

/** A narrative whose first line repeats its section's heading loses that line, with a notice. */
function withoutRepeatedHeading(text: string, heading: string, notices: string[]): string {
  const r = dropRepeatedHeading(text, heading)
  if (r.dropped !== null) notices.push(droppedHeadingNotice(r.dropped))
  return r.text
}

/**
 * Reports as published often print （六）其他处理 as one row even in the 2021 format. Its figures
 * go to 3.其他, the two specific rows become 0, and the officer is told.
 */
function mapSingleOtherDisposal(format: FormatDef, src: Record<string, unknown>, notices: string[]) {
  const applications = src.applications
  if (!isObject(applications) || !isObject(applications.otherDisposal)) return
  const otherRows = format.sections.flatMap((s) =>
    s.kind === 'table' && s.table.kind === 'matrix'
      ? s.table.rows.flatMap(function find(n): { key: string; children: string[] }[] {
          if (n.kind === 'row') return []
          if (n.key === 'otherDisposal') return [{ key: n.key, children: dataRows(n.children).map((r) => r.key) }]
          return n.children.flatMap(find)
        })
      : [],
  )
  const group = otherRows[0]
  if (!group) return // in the 2019 format otherDisposal is itself a data row
  const [noCorrection, feeUnpaid, other] = group.children
  const single = applications.otherDisposal
  delete applications.otherDisposal
  applications[other] = single
  const zeros = Object.fromEntries(Object.keys(single).map((k) => [k, 0]))
  applications[noCorrection] ??= { ...zeros }
  applications[feeUnpaid] ??= { ...zeros }
  notices.push(
    '表三“（六）其他处理”按一行填报（旧表式），已将其数字计入“3.其他”，“1.逾期不补正”和“2.逾期未缴费”两行记为0，请核对。',
  )
}

/** The interchange JSON of a report (what export writes and import reads). */
export function toInterchange(report: ReportData): string {
  return `${JSON.stringify(report, null, 1)}\n`
}
