/**
 * 沿用上年度正文 (issue 13): the officer starts this year's narratives (preamble and the
 * sections' texts) from last year's report, found as the cross-year rules find it (the agency's
 * own, or its predecessor's). Only while every narrative is still empty, so nothing written is
 * overwritten; each copied narrative is marked `prefilled` in report.origins and must be
 * confirmed or changed before the report can be completed (lib/report/completeness.ts).
 */
import 'server-only'
import { findReportIdentity } from '@/lib/data/report-table'
import { narrativesEmpty, prefillNarratives } from '@/lib/report/origins'
import type { ReportData } from '@/lib/report/schema'
import { editRefusal, isEditable } from '@/lib/workflow/workflow'
import { conflict, historyReadOnly, notFound, ServiceError } from './errors'
import { previousWithContent } from './report-previous'
import { formatOf, loadReportRow } from './report-read'
import { type SaveResult, writeSave } from './report-save'

export interface StartTextResult extends SaveResult {
  /** The narratives copied, by origins key (preamble, overview, …). */
  copied: string[]
  /** Whose report of which year the text came from. */
  source: { agencyName: string; year: number; fromPredecessor: boolean }
}

export async function startFromPreviousText(id: string, actor: string | null = null): Promise<StartTextResult> {
  const row = await loadReportRow(id)
  if (!isEditable(row.status)) throw new ServiceError(409, 'not_editable', editRefusal(row.status))
  if (row.kind === 'history') throw historyReadOnly()
  const identity = await findReportIdentity(id)
  if (!identity) throw notFound()
  const found = await previousWithContent(identity)
  if (!found) {
    throw new ServiceError(409, 'no_previous', `没有${identity.year - 1}年度的年报，无法沿用上年度正文。`)
  }
  const format = formatOf(row.formatVersion)
  const report = JSON.parse(row.content) as ReportData
  if (!narrativesEmpty(format, report)) {
    throw new ServiceError(
      409,
      'not_empty',
      '正文已有内容：只有正文全部为空时才能沿用上年度正文，已写的内容不会被覆盖。',
    )
  }
  const { copied } = prefillNarratives(format, report, found.content)
  if (copied.length === 0) throw new ServiceError(409, 'no_text', `${found.info.year}年度的年报没有正文可沿用。`)
  const { written, saved } = await writeSave(
    row,
    report,
    (reopened) => ({
      changed: copied.map((key) => (key === format.preamble.key ? key : `sections.${key}`)),
      prefilled: { from: found.info.id, year: found.info.year, keys: copied },
      ...(reopened ? { reopened: true } : {}),
    }),
    actor,
  )
  if (!written.written) {
    if (written.version === null) throw notFound()
    throw conflict(written.version)
  }
  return {
    ...saved,
    copied,
    source: { agencyName: found.info.agencyName, year: found.info.year, fromPredecessor: found.info.fromPredecessor },
  }
}
