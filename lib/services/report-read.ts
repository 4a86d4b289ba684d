/**
 * Reading a stored report: the row every change starts from (plain SQL, lib/data/report-table.ts:
 * it runs on every autosave), the format it was written in, and the agency it belongs to.
 */
import 'server-only'
import { findReportAgencyId, findReportRow, type ReportRow } from '@/lib/data/report-table'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import type { ReportKind, ReportScope } from '@/lib/report/identity'
import type { ReportData } from '@/lib/report/schema'
import type { ReportState } from '@/lib/workflow/workflow'
import { notFound, ServiceError } from './errors'

export type { ReportRow }

export interface StoredReport {
  id: string
  /** With the agency and the year, which report this is (lib/report/identity.ts). */
  kind: ReportKind
  /** 'self' 本级 or 'region' 全区. */
  scope: ReportScope
  version: number
  status: ReportState
  /** ISO 8601 */
  updatedAt: string
  report: ReportData
}

export function toStored(
  row: Pick<ReportRow, 'id' | 'kind' | 'scope' | 'version' | 'status' | 'updatedAt' | 'content'>,
): StoredReport {
  return {
    id: row.id,
    kind: row.kind as ReportKind,
    scope: row.scope as ReportScope,
    version: row.version,
    status: row.status as ReportState,
    updatedAt: row.updatedAt.toISOString(),
    report: JSON.parse(row.content) as ReportData,
  }
}

/** The format definition a report was written in. */
export function formatOf(version: string): FormatDef {
  const format = formatFor(version)
  if (!format) throw new ServiceError(500, 'unknown_format', `不支持的格式版本“${version}”`)
  return format
}

/** The stored row, or 404. */
export async function loadReportRow(id: string): Promise<ReportRow> {
  const row = typeof id === 'string' && id !== '' ? await findReportRow(id) : null
  if (!row) throw notFound()
  return row
}

export async function getReport(id: string): Promise<StoredReport | null> {
  const row = typeof id === 'string' && id !== '' ? await findReportRow(id) : null
  return row ? toStored(row) : null
}

/**
 * The agency a report belongs to, for access checks; null when there is no such report. Read
 * on every request (one indexed lookup), not remembered: with several server processes or
 * instances, nothing a process remembers may stand for what the database holds
 * (docs/decisions/0210-worker-processes.md).
 */
export async function reportAgencyId(id: string): Promise<string | null> {
  if (typeof id !== 'string' || id === '') return null
  return findReportAgencyId(id)
}
