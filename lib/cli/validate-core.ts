/**
 * The checks and the output of `nianbao validate` (validate.ts), shared by the command and its
 * worker threads (validate-shard.ts, validate-parallel.ts), which must not import the command:
 * it starts them.
 */
import { isUtf8, transcode } from 'node:buffer'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { formatFor } from '@/lib/format/index'
import { narrativePlace } from '@/lib/format/narrative-place'
import type { FormatDef } from '@/lib/format/types'
import type { RecognitionRecord } from '@/lib/import/types'
import { narrativePath } from '@/lib/format/cells'
import {
  countParagraphs,
  MAX_EXPLANATION_CHARS,
  MAX_NARRATIVE_CHARS,
  MAX_NARRATIVE_PARAGRAPHS,
} from '@/lib/report/fields'
import type { ReportData } from '@/lib/report/schema'
import { parseReportText, ReportInputError, readReport } from '@/lib/report/interchange'
import { cellLabel, SEVERITY_LABELS } from '@/lib/rules/describe'
import { bySeverity, type EvaluationInput, evaluateRules, findingsOf, type RuleResult } from '@/lib/rules/evaluate'
import {
  type ComparedParagraph,
  comparable,
  ParagraphIndex,
  type SiblingRepeat,
  siblingRepeats,
} from '@/lib/narrative/similarity'
import { narrativeTextsOf } from '@/lib/narrative/texts'
import { findingValuesText, groupFindings } from '@/lib/rules/group-findings'
import type { PreviousReport } from '@/lib/rules/previous'
import { type CliIo, EXIT } from './types'
import { FILES_PER_THREAD } from './validate-plan'

export interface Finding {
  ruleId: string
  severity: RuleResult['severity']
  status: 'fail' | 'na'
  message: string
  /** Dotted paths under `sections`. */
  cells: string[]
  expected: RuleResult['expected']
  actual: RuleResult['actual']
  /** A cross-year finding: last year's cells (paths of this report's format) and last year's file. */
  previousCells?: string[]
  previousFile?: string
  /** A narrative finding: the sentence as written and where it is (design.md: section, paragraph from 1). */
  quote?: string
  narrative?: { section: string; paragraph: number }
  /** A narrative finding's fix: the text to replace, what to write, the linked-number token. */
  fix?: { from: string; to: string; link?: string }
}

export type FileOutcome =
  | {
      file: string
      notices: string[]
      findings: Finding[]
      format: FormatDef
      title: string
      report: ReportData
      /** The file of the same agency's report of the year before, when one was given. */
      previousFile?: string
      /** A published document (.html, .docx, .pdf, .txt): what was recognised in it. */
      recognition?: RecognitionRecord
    }
  | { file: string; error: string }

type ReadOutcome =
  | { file: string; report: ReportData; format: FormatDef; notices: string[]; recognition?: RecognitionRecord }
  | { file: string; error: string }

/** Documents read before checking (lib/import), by file argument. */
export type ReadDocuments = Map<string, { report: ReportData; recognition: RecognitionRecord } | { error: string }>

export { isDocumentFile } from './validate-plan'

function readDocument(
  file: string,
  read: { report: ReportData; recognition: RecognitionRecord } | { error: string },
): ReadOutcome {
  if ('error' in read) return { file, error: read.error }
  const format = formatFor(read.report.formatVersion)
  if (!format) return { file, error: `不支持的格式版本“${read.report.formatVersion}”` }
  return { file, report: read.report, format, notices: read.recognition.notes, recognition: read.recognition }
}

/**
 * A file's bytes as text, as readFileSync(file, 'utf8') gives it. Valid UTF-8 goes through ICU to
 * UTF-16 and is copied into a string as it is: about six times less CPU than V8's UTF-8 decoder
 * on the reports' Chinese text (decision 0630). Anything else (invalid bytes, a Node without ICU)
 * takes the usual decoder, which replaces invalid bytes as before.
 */
export function utf8Text(bytes: Buffer): string {
  if (bytes.length > 0 && isUtf8(bytes)) {
    try {
      return transcode(bytes, 'utf8', 'ucs2').toString('ucs2')
    } catch {
      // No ICU in this Node: the usual decoder below.
    }
  }
  return bytes.toString('utf8')
}

/**
 * One buffer this thread reads every file into, grown when a file is larger: readFileSync gives
 * each file fresh memory, and on our virtual machines the first touch of each page costs more
 * than the read itself.
 */
let readBuffer = Buffer.allocUnsafeSlow(1 << 17)

/** A file's bytes, in readBuffer (valid until the next call), as readFileSync would read them. */
function fileBytes(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    if (size + 1 > readBuffer.length) readBuffer = Buffer.allocUnsafeSlow(Math.max(size + 1, 2 * readBuffer.length))
    let length = 0
    // Until end of file, whatever the size said (a file that grows while read, or /proc).
    for (;;) {
      if (length === readBuffer.length) {
        const larger = Buffer.allocUnsafeSlow(2 * readBuffer.length)
        readBuffer.copy(larger, 0, 0, length)
        readBuffer = larger
      }
      const n = readSync(fd, readBuffer, length, readBuffer.length - length, null)
      if (n === 0) break
      length += n
    }
    return readBuffer.subarray(0, length)
  } finally {
    closeSync(fd)
  }
}

/** Reads one file as a report; never throws for a bad file, it says why instead. */
export function readFile(file: string, cwd: string, documents?: ReadDocuments): ReadOutcome {
  const document = documents?.get(file)
  if (document) return readDocument(file, document)
  let text: string
  try {
    text = utf8Text(fileBytes(path.resolve(cwd, file)))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? '找不到文件'
        : code === 'EISDIR'
          ? '这是一个目录，不是文件'
          : code === 'EACCES'
            ? '没有读取权限'
            : `无法读取文件（${code ?? (e as Error).message}）`
    return { file, error: why }
  }
  try {
    const { report, format, notices } = readReport(parseReportText(text), { owned: true })
    const tooLong = overlongNarrative(format, report)
    if (tooLong) return { file, error: tooLong }
    return { file, report, format, notices }
  } catch (e) {
    if (e instanceof ReportInputError) return { file, error: e.message }
    throw e
  }
}

export type Read = Exclude<ReadOutcome, { error: string }>

/**
 * Each file's comparable paragraphs and their index, made once: the same serve the siblings'
 * check, the file's own check and, as last year's, the next year's comparison.
 */
const paragraphsCache = new WeakMap<Read, ComparedParagraph[]>()
export function paragraphsOf(read: Read): ComparedParagraph[] {
  let paragraphs = paragraphsCache.get(read)
  if (!paragraphs) {
    paragraphs = comparable(narrativeTextsOf(read.format, read.report.sections, read.report.preamble))
    paragraphsCache.set(read, paragraphs)
  }
  return paragraphs
}
const indexCache = new WeakMap<Read, ParagraphIndex>()
function indexOf(read: Read): ParagraphIndex {
  let index = indexCache.get(read)
  if (!index) {
    index = new ParagraphIndex(paragraphsOf(read))
    indexCache.set(read, index)
  }
  return index
}

/** How an L12 finding names the sibling's file. */
export const siblingName = (file: string, agency: string) => `${file}（${agency}）`

/**
 * Each report's paragraphs repeated in other agencies' reports of the same year (the copied-text
 * check, L12): computed once per year for all the files, not per pair.
 */
function siblingsByRead(all: Read[]): Map<Read, SiblingRepeat[]> {
  const out = new Map<Read, SiblingRepeat[]>()
  const years = new Map<number, Read[]>()
  for (const r of all) years.set(r.report.year, [...(years.get(r.report.year) ?? []), r])
  for (const reads of years.values()) {
    if (new Set(reads.map((r) => agencyKey(r.report))).size < 2) continue
    const repeats = siblingRepeats(
      reads.map((r) => ({
        name: siblingName(r.file, r.report.agency.name),
        paragraphs: paragraphsOf(r),
      })),
    )
    reads.forEach((r, i) => {
      out.set(r, repeats[i])
    })
  }
  return out
}

/**
 * Last year's report as a check reads it: its file, its figures and its paragraphs indexed (a
 * worker thread may hold last year's file: then only these travel, decision 0530).
 */
export interface Previous {
  file: string
  report: PreviousReport
  index: ParagraphIndex
}

export const previousOf = (read: Read): Previous => ({ file: read.file, report: read.report, index: indexOf(read) })

/** Checks a report read from `file`, against last year's when given (and same-year siblings). */
export function check(read: Read, previous?: Previous, siblings: SiblingRepeat[] = []) {
  const { file, report, format, notices, recognition } = read
  // What the rules read (EvaluationInput), every key present, in one order, whichever the file had
  // (a spread of the report gave inputs of as many shapes as the files have optional keys): the
  // rules' and the text checks' property loads see one shape and keep their code (decision 0940).
  const input: EvaluationInput = {
    year: report.year,
    agency: report.agency,
    preamble: report.preamble,
    sections: report.sections,
    stated: report.stated,
    previous: previous?.report,
    siblings,
    paragraphs: paragraphsOf(read),
    previousIndex: previous?.index,
  }
  const results = evaluateRules(format, input)
  // Failures first, then what cannot be judged yet; errors before warnings before hints.
  const findings = findingsOf(results, true)
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'fail' ? -1 : 1) || bySeverity(a, b))
    .map(
      (r): Finding => ({
        ruleId: r.ruleId,
        severity: r.severity,
        status: r.status as Finding['status'],
        message: r.message,
        cells: r.cells,
        expected: r.expected,
        actual: r.actual,
        ...(r.previousCells && previous ? { previousCells: r.previousCells, previousFile: previous.file } : {}),
        ...(r.quote !== undefined ? { quote: r.quote } : {}),
        ...(r.narrative ? { narrative: r.narrative } : {}),
        ...(r.fix ? { fix: r.fix } : {}),
      }),
    )
  return {
    file,
    notices,
    findings,
    format,
    title: `${report.agency.name} ${report.year}年`,
    report,
    ...(previous ? { previousFile: previous.file } : {}),
    ...(recognition ? { recognition } : {}),
  }
}

/** Reads and checks one file on its own; never throws for a bad file, it says why instead. */
export function validateFile(file: string, cwd: string): FileOutcome {
  const read = readFile(file, cwd)
  return 'error' in read ? read : check(read)
}

/** Files name one agency when they carry the same agency.code, else (without a code) the same name. */
export const agencyKey = (r: ReportData) => (r.agency.code ? `code:${r.agency.code}` : `name:${r.agency.name.trim()}`)

/**
 * Reads and checks several files: each report is checked against the same agency's report of
 * the year before among them (or against `previousFile`, named explicitly). Two files of one
 * agency and year cannot be paired: both are refused with the reason.
 */
export function validateFiles(
  files: string[],
  cwd: string,
  previousFile?: string,
  documents?: ReadDocuments,
): FileOutcome[] {
  const reads = files.map((f) => readFile(f, cwd, documents))
  const ok = reads.filter((r): r is Exclude<ReadOutcome, { error: string }> => !('error' in r))
  const refused = new Map<ReadOutcome, string>()
  const byAgencyYear = new Map<string, Exclude<ReadOutcome, { error: string }>>()
  for (const r of ok) {
    const key = `${agencyKey(r.report)}|${r.report.year}`
    const first = byAgencyYear.get(key)
    if (!first) {
      byAgencyYear.set(key, r)
      continue
    }
    const why = (other: string) => sameAgencyYear(other, r.report.agency.code ?? r.report.agency.name, r.report.year)
    if (!refused.has(first)) refused.set(first, why(r.file))
    refused.set(r, why(first.file))
  }

  let explicit: Exclude<ReadOutcome, { error: string }> | undefined
  if (previousFile !== undefined) {
    const read = readFile(previousFile, cwd, documents)
    if ('error' in read)
      return [
        ...reads.map((r) => outcomeOf(r, refused)),
        { file: previousFile, error: `上年度年报无法读取——${read.error}` },
      ]
    explicit = read
  }

  const siblings = siblingsByRead(ok)
  return reads.map((r) => {
    if ('error' in r || refused.has(r)) return outcomeOf(r, refused)
    if (explicit) {
      if (explicit.report.year !== r.report.year - 1) {
        return {
          file: r.file,
          error: `--previous 指定的 ${explicit.file} 是${explicit.report.year}年的年报，不是本文件（${r.report.year}年）的上一年度`,
        }
      }
      const outcome = check(r, previousOf(explicit), siblings.get(r))
      if (agencyKey(explicit.report) !== agencyKey(r.report)) {
        outcome.notices = [
          ...outcome.notices,
          `上年度年报（${explicit.file}）的机关为“${explicit.report.agency.name}”，与本文件不同`,
        ]
      }
      return outcome
    }
    const previous = byAgencyYear.get(`${agencyKey(r.report)}|${r.report.year - 1}`)
    return check(r, previous && !refused.has(previous) ? previousOf(previous) : undefined, siblings.get(r))
  })
}

/** Why two files of one agency and year are both refused. */
export const sameAgencyYear = (other: string, agency: string, year: number) =>
  `与 ${other} 是同一机关（${agency}）同一年度（${year}年）的年报，无法确定以哪一份为准，请只保留一份`

function outcomeOf(read: ReadOutcome, refused: Map<ReadOutcome, string>): FileOutcome {
  if ('error' in read) return read
  const why = refused.get(read)
  return why ? { file: read.file, error: why } : check(read)
}

/**
 * The editor's limits on text (lib/report/schema.ts, the same the save applies): a narrative's
 * characters and paragraphs, an explanation's characters. A file beyond them could never be
 * saved, so it is refused here with the reason.
 */
export function overlongNarrative(format: FormatDef, report: ReportData): string | null {
  for (const section of format.sections) {
    const at = narrativePath(section)
    if (!at) continue
    const text = at
      .split('.')
      .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], report.sections)
    if (typeof text !== 'string') continue
    if (text.length > MAX_NARRATIVE_CHARS) {
      return `${section.heading}过长（${text.length}字，编辑器最多${MAX_NARRATIVE_CHARS}字），请精简或检查是否误粘贴`
    }
    // A paragraph has a character at least: a text no longer than the limit is within it, uncounted.
    const paragraphs = text.length > MAX_NARRATIVE_PARAGRAPHS ? countParagraphs(text) : 0
    if (paragraphs > MAX_NARRATIVE_PARAGRAPHS) {
      return `${section.heading}段落过多（${paragraphs}段，编辑器最多${MAX_NARRATIVE_PARAGRAPHS}段），请合并段落或检查是否误粘贴了表格、列表`
    }
  }
  for (const [ruleId, text] of Object.entries(report.explanations ?? {})) {
    if (text.length > MAX_EXPLANATION_CHARS) {
      return `规则 ${ruleId} 的情况说明过长（${text.length}字，编辑器最多${MAX_EXPLANATION_CHARS}字），请精简`
    }
  }
  return null
}

const MAX_CELLS_SHOWN = 5

function cellsText(format: FormatDef, cells: string[]): string {
  const labels = cells.slice(0, MAX_CELLS_SHOWN).map((p) => cellLabel(format, p))
  return cells.length > MAX_CELLS_SHOWN ? `${labels.join('、')}等${cells.length}处` : labels.join('、')
}

type Checked = Exclude<FileOutcome, { error: string }>

/** What the closing line of the text report counts. */
export interface Tally {
  error: number
  warning: number
  info: number
  na: number
}

/**
 * One checked file's part of the output: its block of the text report (the blank line after it
 * included) or its entry of the JSON report, what it adds to the tally, and whether an error rule
 * failed. A worker thread renders its files' parts; the parts are joined in the files' order.
 */
export interface RenderedPart {
  file: string
  /** As a string, or already encoded as UTF-8 (a thread's parts, validate-shard.ts PartBytes). */
  text: string | Uint8Array
  tally: Tally
  errorFails: boolean
}

/** A file's part of the output: rendered, or why it could not be checked. */
export type OutputPart = RenderedPart | { file: string; error: string }

/** The text report's block of one checked file. */
function textBlock(o: Checked, tally: Tally): string {
  const out: string[] = []
  out.push(`${o.file}（${o.title}，${o.format.basis}格式）`)
  if (o.previousFile) out.push(`  与上年度年报 ${o.previousFile} 衔接核对`)
  for (const n of o.notices) out.push(`  注意：${n}`)
  // One discrepancy is one entry, as in the editor: the per-column balances of one wrong cell
  // of table 三 are listed together (--json keeps one finding per rule).
  const grouped = groupFindings(
    o.format,
    o.findings.map((f) => ({ ...f, focus: f.cells[0] ?? null })),
  )
  const fails = grouped.filter((f) => f.status === 'fail')
  const open = grouped.filter((f) => f.status === 'na')
  if (fails.length === 0) out.push('  未发现问题。')
  for (const g of fails) {
    tally[g.severity]++
    out.push(`  [${SEVERITY_LABELS[g.severity]}] ${g.ruleIds.join('、')} ${g.message}`)
    const [place] = g.results
    if (place.narrative) {
      out.push(`      原文：${narrativePlace(o.format, place.narrative)}“${place.quote ?? ''}”`)
    }
    if (g.cells.length) out.push(`      位置：${cellsText(o.format, g.cells)}`)
    const previousCells = [...new Set(g.results.flatMap((r) => r.previousCells ?? []))]
    if (previousCells.length && o.previousFile)
      out.push(`      上年度：${cellsText(o.format, previousCells)}（${o.previousFile}）`)
    const [f] = g.results
    if (g.results.length > 1) out.push(`      ${findingValuesText(g)}`)
    // A sum or a bound reads as 应为/实际; a count of bad cells or a missing topic as it is.
    else if (f.expected !== null) out.push(`      应为：${f.expected}　实际：${f.actual ?? '—'}`)
    else if (typeof f.actual === 'number') out.push(`      实际：${f.actual}`)
    else if (f.actual !== null) out.push(`      ${f.actual}`)
  }
  if (open.length) {
    tally.na += open.length
    out.push(`  暂无法判断（有空白单元格，空白不等于0）：`)
    for (const g of open) {
      out.push(`  [暂无法判断·${SEVERITY_LABELS[g.severity]}] ${g.ruleIds.join('、')} ${g.message}`)
      out.push(`      位置：${cellsText(o.format, g.cells)}`)
    }
  }
  out.push('')
  return `${out.join('\n')}\n`
}

/** The --json report's entry of one checked file, indented as it stands in `reports`. */
function jsonEntry(o: Checked): string {
  const entry = {
    file: o.file,
    ...(o.previousFile ? { previousFile: o.previousFile } : {}),
    notices: o.notices,
    findings: o.findings,
    ...(o.recognition ? { recognition: o.recognition } : {}),
  }
  // Stringified where it stands (inside `reports`), so JSON.stringify indents it itself: the same
  // text as indenting each line afterwards, without a second pass over the 10 MB (decision 0630).
  const wrapped = JSON.stringify({ reports: [entry] }, null, 2)
  return wrapped.slice(ENTRY_HEAD.length, wrapped.length - ENTRY_TAIL.length)
}
const ENTRY_HEAD = '{\n  "reports": [\n'
const ENTRY_TAIL = '\n  ]\n}'

const errorFails = (o: Checked) => o.findings.some((f) => f.status === 'fail' && f.severity === 'error')

/** One file's part of the output, as text or as JSON. */
export function renderPart(o: FileOutcome, json: boolean): OutputPart {
  if ('error' in o) return { file: o.file, error: o.error }
  const tally: Tally = { error: 0, warning: 0, info: 0, na: 0 }
  const text = json ? jsonEntry(o) : textBlock(o, tally)
  return { file: o.file, text, tally, errorFails: errorFails(o) }
}

/** The text report from the files' parts (rendered as text), in the files' order. */
export function joinText(parts: OutputPart[]): string {
  return joined(textPieces(parts))
}

/** Pieces of the output (strings, or UTF-8 bytes of whole pieces) as one string. */
const joined = (pieces: Piece[]): string =>
  pieces
    .map((p) => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8')))
    .join('')

/** A piece of the output: text, or the UTF-8 bytes of a whole piece (a file's part). */
type Piece = string | Uint8Array

/** The text report in pieces (each file's block, then the closing tally): joinText is their concatenation. */
function textPieces(parts: OutputPart[]): Piece[] {
  const out: Piece[] = []
  const tally = { error: 0, warning: 0, info: 0, na: 0, unreadable: 0 }
  for (const p of parts) {
    if ('error' in p) {
      tally.unreadable++
      continue // said on stderr
    }
    out.push(p.text)
    tally.error += p.tally.error
    tally.warning += p.tally.warning
    tally.info += p.tally.info
    tally.na += p.tally.na
  }
  const checked = parts.length - tally.unreadable
  out.push(
    `共检查 ${checked} 个文件${tally.unreadable ? `，${tally.unreadable} 个无法读取` : ''}：` +
      `${tally.error} 个错误，${tally.warning} 个警告，${tally.info} 个提示，${tally.na} 条暂无法判断。\n`,
  )
  return out
}

/** The --json report from the files' parts (rendered as JSON): JSON.stringify({ reports }, null, 2). */
export function joinJson(parts: OutputPart[]): string {
  return joined(jsonPieces(parts))
}

/** The --json report in pieces (the head, each entry and its separator, the tail): joinJson is their concatenation. */
function jsonPieces(parts: OutputPart[]): Piece[] {
  if (parts.length === 0) return ['{\n  "reports": []\n}\n']
  const out: Piece[] = ['{\n  "reports": [\n']
  parts.forEach((p, i) => {
    if (i > 0) out.push(',\n')
    out.push(
      'error' in p
        ? `    ${JSON.stringify({ file: p.file, error: p.error }, null, 2).replaceAll('\n', '\n    ')}`
        : p.text,
    )
  })
  out.push('\n  ]\n}\n')
  return out
}

/**
 * Pieces of text as UTF-8, each piece encoded on its own: together the same bytes as encoding
 * their concatenation (a piece is whole lines or whole JSON values, so no surrogate pair is cut),
 * and about ten times less CPU for the 10 MB report of 1,000 files than joining the pieces into one
 * string and encoding that (decision 0730). Pieces already encoded (the parts, as their threads
 * rendered them) stay as they are: written one after the other, they need no joined copy, whose
 * 10 MB the main thread copied and faulted in after every other thread had finished (decision 1026).
 */
export function utf8Pieces(pieces: Piece[]): Uint8Array[] {
  // The strings are written one after another into room for their longest encoding (3 bytes a
  // UTF-16 code unit): no buffer each, and each read once (Buffer.from measures a string first,
  // then writes it); the pages of the room never written are never touched.
  let room = 0
  for (const p of pieces) if (typeof p === 'string') room += 3 * p.length
  const out = Buffer.allocUnsafe(room)
  let at = 0
  return pieces.map((p) => {
    if (typeof p !== 'string') return p
    const from = at
    at += out.write(p, at, 'utf8')
    return out.subarray(from, at)
  })
}

export function textReport(outcomes: FileOutcome[]): string {
  return joinText(outcomes.map((o) => renderPart(o, false)))
}

/** 2 when a file could not be read as a report, else 1 when an error rule fails, else 0. */
export function exitCode(outcomes: FileOutcome[]): number {
  return partsExitCode(outcomes.map((o) => ('error' in o ? o : { errorFails: errorFails(o) })))
}

function partsExitCode(parts: ({ error: string } | { errorFails: boolean })[]): number {
  if (parts.some((p) => 'error' in p)) return EXIT.badInput
  return parts.some((p) => 'errorFails' in p && p.errorFails) ? EXIT.findings : EXIT.ok
}

/** Writes the output of the files' parts: the unreadable on stderr, the report on stdout; the exit code. */
export function writeParts(parts: OutputPart[], json: boolean, io: CliIo): number {
  for (const p of parts) if ('error' in p) io.stderr(`${p.file}：无法检查——${p.error}\n`)
  const pieces = json ? jsonPieces(parts) : textPieces(parts)
  if (io.stdoutBytes) io.stdoutBytes(utf8Pieces(pieces))
  else io.stdout(joined(pieces))
  return partsExitCode(parts)
}

export { FILES_PER_THREAD }
/** Beyond this the siblings' pass on the main thread, serial, would be most of the time. */
const MAX_THREADS = 8

/**
 * How many threads check `files` report files: one per core, one per FILES_PER_THREAD files at
 * most. NIANBAO_VALIDATE_THREADS sets it (1: one thread; tests compare the two ways).
 */
export function threadsFor(files: number): number {
  const forced = Number(process.env.NIANBAO_VALIDATE_THREADS)
  if (Number.isInteger(forced) && forced >= 1) return Math.max(1, Math.min(forced, files))
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.floor(files / FILES_PER_THREAD)))
}
