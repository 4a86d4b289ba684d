/**
 * The roll-up (汇总) of a government's reports for a year (decisions 0270, 0410, 0411): reads every
 * agency's report under it (or a list, or a saved selection), names and leaves out the ones it
 * cannot sum (none, not approved, a 全区 report whose agencies are counted one by one, unreadable),
 * maps a report of the other format as §3.4 allows (lib/rollup/format-map.ts),
 * sums the rest (lib/rollup/sum.ts), stores the run with every contribution (Rollup) and, when
 * asked, writes the totals into the government's 全区汇总 report (kind rollup, scope 全区). A
 * government whose own report is 全区 is compared with the sum of the 本级 reports beneath it
 * (lib/rollup/parent-check.ts: G1–G3).
 */
import { wholeContent } from '@/lib/report/content-split'
import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Actor } from '@/lib/auth/permissions'
import { insertRollup, type RollupBasis, type RollupSourceRow, rollupSourceRows } from '@/lib/data/rollup-table'
import { prisma } from '@/lib/db'
import { CURRENT_FORMAT, FORMATS, type FormatDef, formatFor } from '@/lib/format/index'
import type { ReportData } from '@/lib/report/schema'
import { ROLLUP_PATHS } from '@/lib/rollup/format-map'
import { compareParentToChildren, type ParentFinding } from '@/lib/rollup/parent-check'
import {
  cellsOf,
  type RollupExclusion,
  type RollupResult,
  type RollupSource,
  rollUp,
  withTotals,
} from '@/lib/rollup/sum'
import { STATES, stateLabel, type ReportState } from '@/lib/workflow/workflow'
import { selectionOf } from './agency-selections'
import { badRequest, notFound, ServiceError } from './errors'
import { coordinates, requireGovernment } from './government-settings'
import { createReport } from './report-create'
import { writeSave } from './report-save'
import { healVersionCells } from './version-cells'

export type { RollupBasis }

export interface RollupOptions {
  year: number
  /** Agencies to sum (each must be under the government); all of them when absent. */
  agencyIds?: readonly string[]
  /** A saved selection to sum (decision 0411). */
  selectionId?: string
  basis?: RollupBasis
  /** Write the totals into the government's 全区汇总 report. */
  store?: boolean
}

export interface RollupView {
  id: string
  government: { id: string; name: string }
  year: number
  basis: RollupBasis
  /** The saved selection summed (null: all agencies or a list chosen on the board). */
  selection: { id: string; name: string } | null
  /** The agencies chosen on the board when the run was over a list (null: all, or a selection). */
  agencyIds: string[] | null
  result: RollupResult
  /** The government's own 全区 report against the sum (null when its report is not 全区). */
  parentFindings: ParentFinding[] | null
  /** The 全区汇总 report the totals were written into. */
  reportId: string | null
  createdAt: string
}

export const BASIS_LABELS: Record<RollupBasis, string> = { approved: '已审核版本', latest: '最新工作稿（含未审核）' }

/**
 * A report's cells: as approval stored them (ReportVersionCells, already in ROLLUP_PATHS order),
 * else from its table sections as the database cut them out (lib/data/rollup-table.ts tablesOf).
 */
function cellsFrom(row: Pick<RollupSourceRow, 'cells' | 'tables'>): unknown[] {
  if (row.cells) {
    const cells = JSON.parse(row.cells) as unknown
    if (Array.isArray(cells) && cells.length === ROLLUP_PATHS.length) return cells
  }
  const tables = row.tables ? (JSON.parse(row.tables) as unknown) : null
  if (tables === null || typeof tables !== 'object' || Array.isArray(tables)) throw new Error('not the table sections')
  return cellsOf(tables as Record<string, unknown>)
}

/** Sorts the rows into what is summed and what is left out (and why); pure, for the bench too. */
export function sourcesOf(
  rows: readonly RollupSourceRow[],
  basis: RollupBasis,
  governmentId: string = rows[0]?.agencyId ?? '',
): {
  format: FormatDef
  sources: RollupSource[]
  excluded: RollupExclusion[]
  parent: RollupSourceRow | null
  governmentId: string
} {
  const excluded: RollupExclusion[] = []
  const candidates: RollupSourceRow[] = []
  let parent: RollupSourceRow | null = null
  for (const row of rows) {
    const out = (reason: string) => excluded.push({ agencyId: row.agencyId, agencyName: row.agencyName, reason })
    if (!row.reportId) out('未创建年报')
    else if (row.scope === 'region') {
      out('全区口径（含下属机关），为避免重复计算不计入，下属机关按本级年报计入')
      if (row.agencyId === governmentId) parent = row
    } else if (!row.tables && !row.cells) out(`尚无审核通过的版本（当前为“${stateLabel(row.status ?? '')}”）`)
    else if (!formatFor(row.formatVersion ?? '')) out(`采用未知的“${row.formatVersion}”版格式，未计入`)
    else candidates.push(row)
  }
  // One format: the one most reports use (the current one on a tie); the others are mapped (format-map.ts).
  const byFormat = new Map<string, number>()
  for (const c of candidates) byFormat.set(c.formatVersion ?? '', (byFormat.get(c.formatVersion ?? '') ?? 0) + 1)
  const chosen = [...byFormat.entries()].sort((x, y) => y[1] - x[1] || (x[0] === CURRENT_FORMAT ? -1 : 1))[0]?.[0]
  const format = formatFor(chosen ?? CURRENT_FORMAT) ?? FORMATS[CURRENT_FORMAT]
  const sources: RollupSource[] = []
  for (const row of candidates) {
    let cells: unknown[]
    try {
      cells = cellsFrom(row)
    } catch {
      excluded.push({ agencyId: row.agencyId, agencyName: row.agencyName, reason: '年报内容无法读取' })
      continue
    }
    sources.push({
      agencyId: row.agencyId,
      agencyCode: row.agencyCode,
      agencyName: row.agencyName,
      reportId: row.reportId as string,
      basis: basis === 'approved' ? `第${row.versionNumber}版` : `工作稿（${stateLabel(row.status ?? '')}）`,
      formatVersion: row.formatVersion as string,
      cells,
    })
  }
  return { format, sources, excluded, parent, governmentId }
}

/** The agencies to sum: all, a list, or a saved selection (its members moved away are named). */
async function chosenRows(
  actor: Actor,
  governmentId: string,
  all: RollupSourceRow[],
  options: RollupOptions,
): Promise<{ rows: RollupSourceRow[]; gone: RollupExclusion[]; selection: { id: string; name: string } | null }> {
  if (options.selectionId) {
    if (options.agencyIds) throw badRequest('请在所选机关和已保存的汇总范围中选一种')
    const selection = await selectionOf(actor, governmentId, options.selectionId)
    const chosen = new Set(selection.agencies.map((a) => a.id))
    const gone = selection.gone.map((g) => ({
      agencyId: g.id,
      agencyName: g.name ?? '（已删除的机关）',
      reason: '已不在本级政府之下，未计入（请修改汇总范围）',
    }))
    return {
      rows: all.filter((r) => chosen.has(r.agencyId)),
      gone,
      selection: { id: selection.id, name: selection.name },
    }
  }
  if (!options.agencyIds) return { rows: all, gone: [], selection: null }
  const chosen = new Set(options.agencyIds)
  const under = new Set(all.map((r) => r.agencyId))
  if (options.agencyIds.some((id) => !under.has(id)))
    throw new ServiceError(403, 'forbidden', '所选机关不在本级政府之下')
  const rows = all.filter((r) => chosen.has(r.agencyId))
  if (rows.length === 0) throw badRequest('请选择要汇总的机关')
  return { rows, gone: [], selection: null }
}

/** Rolls up a government's reports for a year; the coordinator of the government or an administrator. */
export async function rollupFor(actor: Actor, governmentId: string, options: RollupOptions): Promise<RollupView> {
  const government = await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId)) throw new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以汇总')
  if (!Number.isInteger(options.year) || options.year < 2008 || options.year > 9999) throw badRequest('年度有误')
  const basis = options.basis ?? 'approved'
  const all = await rollupSourceRows(governmentId, options.year, basis)
  // Versions approved before their cells were stored were cut from their content: store their
  // cells now, so that the next roll-up reads them as it reads any other (decision 0550).
  if (basis === 'approved') {
    const cut = all.filter((row) => row.versionId && !row.cells && row.tables)
    if (cut.length > 0)
      await healVersionCells(cut.map((row) => ({ versionId: row.versionId as string, tables: row.tables })))
  }
  const { rows, gone, selection } = await chosenRows(actor, governmentId, all, options)
  const agencyIds = options.agencyIds && !selection ? [...options.agencyIds] : null
  const { format, sources, excluded, parent } = sourcesOf(rows, basis, governmentId)
  const result = rollUp(format, sources, [...excluded, ...gone])
  // The government's own report, when it states 全区 figures, is checked against its agencies' sum.
  const parentRow =
    parent ?? (rows === all ? null : (all.find((r) => r.agencyId === governmentId && r.scope === 'region') ?? null))
  let parentFindings: ParentFinding[] | null = null
  if ((parentRow?.tables || parentRow?.cells) && parentRow.formatVersion === format.version) {
    try {
      parentFindings = compareParentToChildren(format, cellsFrom(parentRow), result)
    } catch {
      parentFindings = null
    }
  }
  const reportId = options.store ? await storeRollupReport(actor, government, options.year, format, result) : null
  const saved = { id: `rollup-${randomUUID()}`, createdAt: new Date() }
  await insertRollup({
    ...saved,
    agencyId: governmentId,
    year: options.year,
    formatVersion: format.version,
    basis,
    result: JSON.stringify({ result, parentFindings, selection, agencyIds }),
    reportId,
    createdById: actor.id,
  })
  return {
    id: saved.id,
    government: { id: government.id, name: government.name },
    year: options.year,
    basis,
    selection,
    agencyIds,
    result,
    parentFindings,
    reportId,
    createdAt: saved.createdAt.toISOString(),
  }
}

/** A stored roll-up, for whoever may run the government's board. */
export async function readRollup(actor: Actor, rollupId: string): Promise<RollupView> {
  const row = await prisma.rollup.findUnique({ where: { id: rollupId } })
  if (!row) throw notFound('汇总不存在')
  if (!coordinates(actor, row.agencyId)) throw notFound('汇总不存在')
  const government = await requireGovernment(row.agencyId)
  const stored = JSON.parse(row.result) as {
    result: RollupResult
    parentFindings: ParentFinding[] | null
    selection?: { id: string; name: string } | null
    agencyIds?: string[] | null
  }
  return {
    id: row.id,
    government: { id: government.id, name: government.name },
    year: row.year,
    basis: row.basis as RollupBasis,
    selection: stored.selection ?? null,
    agencyIds: stored.agencyIds ?? null,
    result: stored.result,
    parentFindings: stored.parentFindings,
    reportId: row.reportId,
    createdAt: row.createdAt.toISOString(),
  }
}

/**
 * Writes the totals into the government's 全区汇总 report for the year (made on first use),
 * keeping its narratives; refused once it is submitted or frozen.
 */
async function storeRollupReport(
  actor: Actor,
  government: { id: string },
  year: number,
  format: FormatDef,
  result: RollupResult,
): Promise<string> {
  let row = await prisma.report.findUnique({
    where: { agencyId_year_kind: { agencyId: government.id, year, kind: 'rollup' } },
    select: {
      id: true,
      version: true,
      status: true,
      formatVersion: true,
      content: true,
      text: true,
      agencyId: true,
      year: true,
      kind: true,
      scope: true,
    },
  })
  if (!row) {
    const created = await createReport(
      { formatVersion: format.version, year, agencyId: government.id, kind: 'rollup', scope: 'region' },
      actor.id,
    )
    row = await prisma.report.findUniqueOrThrow({
      where: { id: created.id },
      select: {
        id: true,
        version: true,
        status: true,
        formatVersion: true,
        content: true,
        text: true,
        agencyId: true,
        year: true,
        kind: true,
        scope: true,
      },
    })
  }
  if (row.formatVersion !== format.version) {
    throw new ServiceError(
      409,
      'invalid_state',
      `已有的全区汇总年报采用${row.formatVersion}版格式，与本次汇总的${format.version}版不同`,
    )
  }
  if (!STATES[row.status as ReportState]?.editable) {
    throw new ServiceError(409, 'not_editable', `全区汇总年报${stateLabel(row.status)}，不能再写入汇总数字`)
  }
  const content = JSON.parse(wholeContent(row)) as ReportData
  const next = {
    ...content,
    sections: withTotals(format, content.sections as Record<string, unknown>, result),
  } as ReportData
  const saved = await writeSave(
    row,
    next,
    () => ({ rollup: { agencies: result.agencies.length, excluded: result.excluded.length } }),
    actor.id,
  )
  if (!saved.written.written) throw new ServiceError(409, 'conflict', '全区汇总年报刚被修改，请重新汇总')
  return row.id
}
