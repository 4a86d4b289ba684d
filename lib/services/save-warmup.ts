/**
 * Warming a server process before it takes traffic (docs/decisions/0710-warm-start.md). A process
 * just started runs the autosave's code cold: V8 interprets it until it has seen it often enough to
 * compile it, the database pool opens its connections on demand, and each connection parses and
 * plans a statement the first time it runs it (lib/pg-statements.ts). Under 200 autosaving officers
 * that made the first ten seconds after a start the slowest of a run (decision 0690). So
 * scripts/server.mjs runs this once per process before it listens:
 *
 * - the save's pure steps (the body's schema, merge, totals, counts, JSON both ways) on a report
 *   built in memory, `rounds` times, so that V8 optimises them (warmSavePipeline);
 * - the save's statements on every connection of the pool, on a report id that cannot exist: the
 *   session lookup, the row read (both shapes), and the version-checked write with its audit
 *   event, which matches no row and so writes nothing (warmSaveStatements).
 *
 * Nothing is written to the database and nothing is kept: the caches a save fills (save-memo,
 * remembered findings) are keyed by report, and the in-memory report has no id of the database.
 */
import 'server-only'
import { formatCells } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { emptyReport } from '@/lib/report/interchange'
import type { ReportData } from '@/lib/report/schema'
import { patchReportInput } from '@/lib/requests/reports'
import { derivedCells, deriveTotals } from '@/lib/rules/derive'
import { findSessionRows } from '@/lib/data/session-table'
import { findSaveRow } from '@/lib/data/report-table'
import { DB_PROVIDER } from '@/lib/db'
import { countsOfContent, countsTracker } from './report-counts'
import { PREVIOUS_KINDS } from './report-previous'
import { applyChanges, auditSummary, cleanChanges } from './report-patch'
import { writeSave } from './report-save'
import { splitWholeReports } from './report-text-backfill'

/** A report id no row has (cuids and imported ids never contain a space). */
export const WARMUP_REPORT_ID = 'warm-up: no such report'

/** A paragraph of the size and script the narratives have (Chinese, with numbers). */
const PARAGRAPH =
  '本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，' +
  '围绕中心工作，主动公开政府信息1234条，其中规范性文件12件，依申请公开办理56件，均在法定期限内答复。'

/**
 * A filled report of `format`, as an officer's would be halfway through: every cell typed has a
 * small count, the totals derived, every narrative a few paragraphs (about 30 KB of JSON, as the
 * load test's report).
 */
export function warmupReport(format: FormatDef): ReportData {
  const report = emptyReport(format, 2025, { name: '预热机关', type: 'department' })
  const derived = derivedCells(format)
  let n = 0
  for (const cell of formatCells(format)) {
    if (derived.has(cell.path) || cell.valueType !== 'count') continue
    setLeaf(report.sections, cell.segments, n++ % 7)
  }
  for (const section of format.sections) {
    const text = Array.from({ length: 6 }, (_, i) => `（${i + 1}）${PARAGRAPH}`).join('\n')
    if (section.kind === 'narrative') report.sections[section.key] = text
    else if (section.kind === 'narrativeWithFacts')
      (report.sections[section.key] as Record<string, unknown>)[section.textKey] = text
  }
  deriveTotals(format, report.sections)
  return report
}

function setLeaf(root: Record<string, unknown>, segments: readonly string[], value: unknown) {
  let node = root
  for (const key of segments.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[segments[segments.length - 1]] = value
}

function leafAt(root: unknown, segments: readonly string[]): unknown {
  let node = root
  for (const key of segments) node = (node as Record<string, unknown> | undefined)?.[key]
  return node
}

export interface PipelineWarmth {
  rounds: number
  ms: number
  /** The in-memory report's counts after the last round (what the save would have stored). */
  counts: { errorCount: number; warningCount: number; blankCount: number }
}

/**
 * The pure steps of `rounds` autosaves of one to three cells on an in-memory report, through
 * lib/services/report-patch.ts's own `cleanChanges` and `applyChanges` (so the warm-up cannot
 * drift from the save): the body read and checked by its schema, the changes cleaned and merged
 * on their bases, the totals they feed derived, the counts tracked, the
 * content and the audit event serialised; every fourth round the report is parsed from its text
 * and its totals derived whole, as a save whose row another process wrote. Every format in turn.
 */
export function warmSavePipeline(rounds: number): PipelineWarmth {
  const started = performance.now()
  let counts = { errorCount: 0, warningCount: 0, blankCount: 0 }
  const formats = Object.values(FORMATS)
  const states = formats.map((format) => {
    const derived = derivedCells(format)
    const typed = formatCells(format).filter((c) => c.valueType === 'count' && !derived.has(c.path))
    return { format, typed, report: warmupReport(format), track: countsTracker(format.version) }
  })
  for (let round = 0; round < rounds; round++) {
    const state = states[round % states.length]
    const { format, typed } = state
    let report = state.report
    const cold = round % 4 === 3
    if (cold) report = JSON.parse(JSON.stringify(report)) as ReportData
    const changes = Array.from({ length: 1 + (round % 3) }, (_, i) => {
      const cell = typed[(round * 7 + i * 13) % typed.length]
      return { path: `sections.${cell.path}`, base: leafAt(report.sections, cell.segments), value: (round + i) % 50 }
    })
    const body = patchReportInput.safeParse(JSON.parse(JSON.stringify({ changes })))
    if (!body.success) throw new Error('the warm-up changes do not pass the patch schema')
    const { cleaned } = cleanChanges(body.data.changes)
    const merged = applyChanges(format, report, cleaned, !cold)
    if (!merged.ok) throw new Error('the warm-up changes do not merge')
    counts = round % 16 === 15 ? countsOfContent(format.version, report, null) : state.track(report, null)
    JSON.stringify(report)
    JSON.stringify(auditSummary(merged.applied, merged.derived, false))
    JSON.stringify({
      version: round,
      updatedAt: new Date().toISOString(),
      status: 'draft',
      applied: merged.applied.length,
    })
    state.report = report
  }
  return { rounds, ms: performance.now() - started, counts }
}

/**
 * The autosave's statements on `connections` connections at once (the pool's size: each task
 * holds one while its statement runs), each statement `passes` times: a session that does not
 * exist, the row of a report that does not exist (with and without its content), and that
 * report's version-checked write with its audit event, which matches no row: nothing is written.
 * On PostgreSQL each connection then holds these statements prepared (lib/pg-statements.ts); on
 * SQLite its one connection holds them (lib/sqlite-statements.ts).
 */
export async function warmSaveStatements(connections: number, passes = 2): Promise<{ ms: number }> {
  const started = performance.now()
  const format = FORMATS['2021']
  const report = warmupReport(format)
  const row = {
    id: WARMUP_REPORT_ID,
    version: 1,
    status: 'draft',
    formatVersion: format.version,
    previous: null,
    agencyId: WARMUP_REPORT_ID,
    year: report.year,
    kind: 'report',
    scope: 'self',
  }
  const width = DB_PROVIDER === 'postgresql' ? Math.max(1, connections) : 1
  for (let pass = 0; pass < passes; pass++) {
    await Promise.all(
      Array.from({ length: width }, async () => {
        await findSessionRows(WARMUP_REPORT_ID)
        await findSaveRow(WARMUP_REPORT_ID, null, PREVIOUS_KINDS)
        await findSaveRow(WARMUP_REPORT_ID, 1, PREVIOUS_KINDS)
        const { written } = await writeSave(row, report, () => ({ changed: [] }), WARMUP_REPORT_ID)
        if (written.written) throw new Error('the warm-up wrote a row')
      }),
    )
  }
  return { ms: performance.now() - started }
}

/** NIANBAO_WARMUP_ROUNDS: rounds of the pure steps (default 400); 0 turns the whole warm-up off. */
export function warmupRounds(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 400
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 100_000) : 400
}

/** The whole warm-up of one server process: what scripts/server.mjs awaits before listening. */
export async function warmServer(): Promise<string> {
  const rounds = warmupRounds(process.env.NIANBAO_WARMUP_ROUNDS)
  if (rounds === 0) return 'warm-up off (NIANBAO_WARMUP_ROUNDS=0)'
  const statements = await warmSaveStatements(Number(process.env.DB_POOL_SIZE ?? 10))
  const pipeline = warmSavePipeline(rounds)
  // V8 compiles hot functions on a background thread: give it a moment before the first request.
  await new Promise((r) => setTimeout(r, 50))
  startSplittingWholeReports()
  return `warmed: statements ${statements.ms.toFixed(0)} ms, ${rounds} saves in memory ${pipeline.ms.toFixed(0)} ms`
}

/**
 * Rows stored whole before decision 0880 move their narratives apart in the background of the
 * start, in one process only (the only one, or the cluster's first worker): a few rows at a
 * time, a pause between batches, so that the requests the server takes meanwhile come first.
 */
function startSplittingWholeReports(): void {
  const worker = process.env.NODE_UNIQUE_ID
  if (worker !== undefined && worker !== '1') return
  void (async () => {
    let moved = 0
    for (;;) {
      const n = await splitWholeReports({ batch: 20, limit: 20 })
      moved += n
      if (n < 20) break
      await new Promise((r) => setTimeout(r, 100))
    }
    if (moved > 0) console.log(`reports stored whole: narratives moved apart in ${moved}`)
  })().catch((error) => console.error('moving narratives apart failed (rows stay whole; saves split them):', error))
}

/** Where a route module offers the warm-up to scripts/server.mjs (a route may export nothing else). */
const WARMUP = Symbol.for('nianbao.server-warmup')

export function offerServerWarmup(): void {
  ;(globalThis as Record<symbol, unknown>)[WARMUP] = warmServer
}
