/**
 * Text repeated between sibling agencies' reports of one year, for the 政务公开办's board
 * (issue 14, rule L12; decision 0420). The definition is the command line's (lib/narrative/
 * similarity.ts: paragraphs, numeric 5-grams, Jaccard ≥ 0.9, siblingRepeats over all reports at
 * once); this module only reads the year's narratives and keeps the result.
 *
 * Computed lazily, once per government, year and *fingerprint*: a hash of every report's id and
 * content version, which any save, import, creation or deletion changes. Reading the fingerprint
 * is an index read; the computation reads only the narratives (the database cuts them out). The
 * result is cached in this process keyed by that fingerprint (decision "stateless instances" of
 * design.md: a cache keyed by what changes with the data), so every instance or worker is right,
 * each computing at most once per change. Each report's paragraphs and grams are kept too, per
 * content version (decision 0550), so a year changed by one save reads and grams that report
 * alone before the comparison runs again.
 *
 * Coordinator only: the matches quote other agencies' text, which an officer may not read.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import { ByteLru } from '@/lib/byte-lru'
import type { Actor } from '@/lib/auth/permissions'
import {
  NARRATIVE_PATHS,
  reportNarratives,
  type YearReportHead,
  yearReportHeads,
  yearReportVersions,
} from '@/lib/data/sibling-table'
import { prisma } from '@/lib/db'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import {
  type ComparedParagraph,
  comparable,
  repeatedShare,
  shareAbove,
  siblingRepeats,
} from '@/lib/narrative/similarity'
import { type NarrativeSource, narrativeTexts } from '@/lib/narrative/texts'
import { setAt } from '@/lib/report/values'
import { notFound, ServiceError } from './errors'
import { coordinates, requireGovernment } from './government-settings'

/** One paragraph of a report that repeats a sibling agency's paragraph of the same year. */
export interface SiblingMatch {
  section: string
  sectionHeading: string
  paragraph: number
  /** The paragraph as written. */
  quote: string
  otherReportId: string
  otherAgencyId: string
  otherAgencyName: string
  otherSection: string
  otherSectionHeading: string
  otherParagraph: number
  otherQuote: string
  /** Jaccard of the 5-gram sets, 0…1 (1 when identical). */
  similarity: number
  identical: boolean
  /** How many further reports print it too. */
  alsoIn: number
}

export interface SiblingSummary {
  reportId: string
  agencyId: string
  agencyName: string
  /** Repeated share of the compared narrative, 0…1. */
  share: number
  /** Whole per cent, rounded down (as shown). */
  percent: number
  /** More than half repeated (the evaluators' threshold): a warning on the board. */
  above: boolean
  comparedChars: number
  repeatedChars: number
  /** Paragraphs repeated. */
  repeated: number
}

export interface YearSiblings {
  governmentId: string
  year: number
  fingerprint: string
  /** Reports compared. */
  reports: number
  /** Reports above the threshold. */
  above: number
  summaries: Map<string, SiblingSummary>
  matches: Map<string, SiblingMatch[]>
}

/** The fingerprint of a year's reports: their ids and content versions, in id order. */
export function fingerprintOf(rows: readonly { reportId: string; version: number }[]): string {
  const hash = createHash('sha1')
  for (const r of rows) hash.update(`${r.reportId}:${r.version};`)
  return hash.digest('base64url')
}

// A few governments' years at once; the oldest goes first.
const CACHE_LIMIT = 16
const cache = new Map<string, YearSiblings>()
const running = new Map<string, Promise<YearSiblings>>()

/**
 * Each report's comparable paragraphs (normalised text and grams), kept for the content version
 * they were made from (decision 0550): when one report of a year is saved, the year is computed
 * again from 999 kept reports and one read and grammed anew. Bounded by their size in memory,
 * the least recently used going first: NIANBAO_SIBLING_CACHE_MB, 256 by default (about 2,500
 * reports of 10,000 characters of narrative each).
 */
interface PreparedReport {
  version: number
  formatVersion: string
  paragraphs: ComparedParagraph[]
}

const MB = 1 << 20
function preparedBudget(value: string | undefined): number {
  const n = Number(value)
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n * MB : 256 * MB
}

/** What a report's paragraphs hold in memory, roughly: grams (4 bytes each) and two-byte strings. */
function bytesOf({ paragraphs }: PreparedReport): number {
  let bytes = 64
  for (const p of paragraphs)
    bytes += p.grams.buffer.byteLength + 2 * ((typeof p.text === 'string' ? p.text.length : 0) + p.quote.length) + 160
  return bytes
}

const prepared = new ByteLru<PreparedReport>(preparedBudget(process.env.NIANBAO_SIBLING_CACHE_MB), bytesOf)
/** Reports read and grammed since the process started (or the caches were cleared). */
let grammed = 0

/** The kept paragraphs of a report at this content version (most recently used last). */
function keptFor(reportId: string, version: number, formatVersion: string): PreparedReport | null {
  const entry = prepared.get(reportId)
  return entry && entry.version === version && entry.formatVersion === formatVersion ? entry : null
}

/** What the kept paragraphs hold (reports, estimated bytes) and how many reports were grammed. */
export function preparedCacheSize(): { reports: number; bytes: number; grammed: number } {
  return { reports: prepared.size, bytes: prepared.bytes, grammed }
}

/** Forgets every cached year and every kept report (tests and the bench, to measure a cold computation). */
export function clearSiblingCache() {
  cache.clear()
  prepared.clear()
  grammed = 0
}

const headingOf = (format: FormatDef, key: string) =>
  key === format.preamble.key ? format.preamble.heading : (format.sections.find((s) => s.key === key)?.heading ?? key)

/** A report's narratives from the database's cut (NARRATIVE_PATHS order). */
function sourceOf(narratives: string | null): NarrativeSource {
  const source: NarrativeSource = { sections: {} }
  let values: unknown
  try {
    values = narratives ? JSON.parse(narratives) : []
  } catch {
    return source
  }
  if (!Array.isArray(values)) return source
  NARRATIVE_PATHS.forEach((path, i) => {
    const value = values[i]
    if (typeof value !== 'string') return
    if (path[0] === 'preamble') source.preamble = value
    else setAt(source.sections, path.slice(1), value)
  })
  return source
}

/**
 * The year's reports, each with its paragraphs: kept ones as they are, the others (new, saved
 * since, or never seen by this process) read and grammed, at the content version read.
 */
async function preparedYear(governmentId: string, year: number) {
  const heads = await yearReportHeads(governmentId, year)
  const paragraphsOf = new Map<string, PreparedReport>()
  const missing: string[] = []
  for (const head of heads) {
    const kept = keptFor(head.reportId, head.version, head.formatVersion)
    if (kept) paragraphsOf.set(head.reportId, kept)
    else missing.push(head.reportId)
  }
  if (missing.length > 0) {
    for (const row of await reportNarratives(missing)) {
      const format = formatFor(row.formatVersion)
      if (!format) continue
      const paragraphs = comparable(narrativeTexts(format, sourceOf(row.narratives)))
      grammed++
      const entry = { version: row.version, formatVersion: row.formatVersion, paragraphs }
      prepared.set(row.reportId, entry)
      paragraphsOf.set(row.reportId, entry)
    }
  }
  const out: { head: YearReportHead; version: number; format: FormatDef; paragraphs: ComparedParagraph[] }[] = []
  for (const head of heads) {
    const found = paragraphsOf.get(head.reportId)
    // Deleted between the two reads, or of a format this installation does not know.
    const format = found && formatFor(found.formatVersion)
    if (!found || !format) continue
    out.push({ head, version: found.version, format, paragraphs: found.paragraphs })
  }
  return out
}

async function compute(governmentId: string, year: number): Promise<YearSiblings> {
  const compared = await preparedYear(governmentId, year)
  const fingerprint = fingerprintOf(compared.map((c) => ({ reportId: c.head.reportId, version: c.version })))
  const repeats = siblingRepeats(compared.map((c) => ({ name: c.head.agencyName, paragraphs: c.paragraphs })))
  const summaries = new Map<string, SiblingSummary>()
  const matches = new Map<string, SiblingMatch[]>()
  let above = 0
  compared.forEach((c, i) => {
    const found = repeats[i]
    const { share, comparedChars, repeatedChars } = repeatedShare(c.paragraphs, found)
    const isAbove = shareAbove(share)
    if (isAbove) above++
    summaries.set(c.head.reportId, {
      reportId: c.head.reportId,
      agencyId: c.head.agencyId,
      agencyName: c.head.agencyName,
      share,
      percent: Math.floor(share * 100),
      above: isAbove,
      comparedChars,
      repeatedChars,
      repeated: found.length,
    })
    if (found.length === 0) return
    matches.set(
      c.head.reportId,
      found.map((m) => {
        const other = compared[m.otherReport]
        return {
          section: m.paragraph.section,
          sectionHeading: headingOf(c.format, m.paragraph.section),
          paragraph: m.paragraph.paragraph,
          quote: m.paragraph.quote,
          otherReportId: other.head.reportId,
          otherAgencyId: other.head.agencyId,
          otherAgencyName: other.head.agencyName,
          otherSection: m.other.section,
          otherSectionHeading: headingOf(other.format, m.other.section),
          otherParagraph: m.other.paragraph,
          otherQuote: m.other.quote,
          similarity: m.similarity,
          identical: m.identical,
          alsoIn: m.alsoIn,
        }
      }),
    )
  })
  return { governmentId, year, fingerprint, reports: compared.length, above, summaries, matches }
}

/** Computes the year again (one computation at a time per year) and caches it. */
function recompute(key: string, governmentId: string, year: number): Promise<YearSiblings> {
  const inFlight = running.get(key)
  if (inFlight) return inFlight
  const promise = compute(governmentId, year)
    .then((result) => {
      cache.delete(key)
      cache.set(key, result)
      while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
      return result
    })
    .finally(() => {
      if (running.get(key) === promise) running.delete(key)
    })
  running.set(key, promise)
  return promise
}

export interface SiblingOptions {
  /**
   * The board: when the year changed since the last computation, answer with that one at once
   * (`current` false) and compute again behind it, so that a board of a thousand agencies never
   * waits for the comparison after each save. Without it (the report's page, tests), the answer
   * is always the current content's.
   */
  stale?: boolean
}

/**
 * The year's sibling similarity under a government, without the access check (the bench; the
 * board and the report page check first). Recomputed only when the fingerprint changed.
 */
export async function siblingsOf(
  governmentId: string,
  year: number,
  options: SiblingOptions = {},
): Promise<YearSiblings & { current: boolean }> {
  const key = `${governmentId}:${year}`
  const fingerprint = fingerprintOf(await yearReportVersions(governmentId, year))
  const cached = cache.get(key)
  if (cached?.fingerprint === fingerprint) {
    // Most recently used last.
    cache.delete(key)
    cache.set(key, cached)
    return { ...cached, current: true }
  }
  const inFlight = running.get(key)
  if (inFlight) {
    const result = await inFlight
    if (result.fingerprint === fingerprint) return { ...result, current: true }
  }
  const next = recompute(key, governmentId, year)
  if (options.stale && cached) {
    // A failure behind the board is the next board's to report.
    next.catch(() => undefined)
    return { ...cached, current: false }
  }
  const result = await next
  return { ...result, current: result.fingerprint === fingerprint }
}

function requireCoordinator(actor: Actor, governmentId: string) {
  if (!coordinates(actor, governmentId))
    throw new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以查看同级机关年报的雷同情况')
}

/** The board's view: every report's repeated share (coordinator of the government, or an administrator). */
export async function yearSiblings(
  actor: Actor,
  governmentId: string,
  year: number,
  options: SiblingOptions = {},
): Promise<YearSiblings & { current: boolean }> {
  await requireGovernment(governmentId)
  requireCoordinator(actor, governmentId)
  return siblingsOf(governmentId, year, options)
}

export interface ReportSiblings {
  government: { id: string; name: string }
  year: number
  summary: SiblingSummary
  matches: SiblingMatch[]
  /** Reports of the year compared. */
  reports: number
}

/** One report's repeated paragraphs, each with the sibling's paragraph it repeats. */
export async function reportSiblings(actor: Actor, governmentId: string, reportId: string): Promise<ReportSiblings> {
  const government = await requireGovernment(governmentId)
  requireCoordinator(actor, governmentId)
  const report = await prisma.report.findUnique({ where: { id: reportId }, select: { year: true, kind: true } })
  if (report?.kind !== 'report') throw notFound()
  const year = await siblingsOf(governmentId, report.year)
  const summary = year.summaries.get(reportId)
  // Not under this government (or not comparable): nothing to show here.
  if (!summary) throw notFound('该年报不在本级政府的填报范围内')
  return {
    government: { id: government.id, name: government.name },
    year: report.year,
    summary,
    matches: year.matches.get(reportId) ?? [],
    reports: year.reports,
  }
}
