/**
 * What the public reads without a session about a government's published reports (decision
 * 0320): the open-data index of a year (JSON and CSV, lib/open-data/index-table.ts) and the
 * column for the portal (the embeddable page and the fragment to copy, lib/open-data/column-html.ts).
 * Only versions published through Nianbao: kinds report and rollup, never history.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import { type PublishedRow as PublishedVersionRow, publicColumnRows, publishedContents } from '@/lib/data/public-table'
import { prisma } from '@/lib/db'
import { type ColumnYear, columnYears } from '@/lib/open-data/column-html'
import { buildIndex, type OpenDataIndex, type PublishedRow } from '@/lib/open-data/index-table'
import { notFound } from './errors'

export interface PublicGovernment {
  id: string
  code: string
  name: string
  portalOrigin: string | null
}

/** The year of an address: four digits from 2008 (the 条例 in force) to next year, else 404. */
export function publicYear(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN
  if (!(year >= 2008 && year <= new Date().getUTCFullYear() + 1)) throw notFound('没有这个年度')
  return year
}

/**
 * The government of a public address by its code, with the published versions under it (of one
 * year or all): ONE statement (lib/data/public-table.ts, decision 0400). An unknown code or a
 * department answers 404.
 */
async function governmentRows(code: string, year: number | null) {
  const found = await publicColumnRows(code, year)
  if (!found) throw notFound('没有这个人民政府的年报专栏')
  return found
}

/** Each report's latest published version (the rows come ordered by report, then number). */
function latestPerReport(rows: readonly PublishedVersionRow[]): PublishedVersionRow[] {
  const latest = new Map<string, PublishedVersionRow>()
  for (const row of rows) latest.set(row.reportId, row)
  return [...latest.values()]
}

function indexRow(row: PublishedVersionRow, content: string): PublishedRow {
  // The published content names its format; a later change of the working row does not count.
  const stated = content ? /"formatVersion"\s*:\s*"(\d{4})"/.exec(content.slice(0, 200))?.[1] : undefined
  return {
    agencyCode: row.agencyCode,
    agencyName: row.agencyName,
    kind: row.kind === 'rollup' ? 'rollup' : 'report',
    scope: row.scope,
    year: row.year,
    formatVersion: stated ?? row.formatVersion,
    versionNumber: row.number,
    publishedAt: row.publishedAt,
    correctionNote: row.correctionNote,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
    content,
  }
}

/**
 * The built indexes, each with the hash of what it was built from: the government's name and
 * every published version of the year under it (agency, names, numbers, publication,
 * correction and withdrawal), read by the one statement every request runs. Building reads and
 * parses every published report; an index is rebuilt as soon as any of that changes (a
 * publication, a correction, a withdrawal, a rename, a move), never served past its data, on
 * any instance (the bound is the HTTP cache's minute, decision 0400).
 */
const built = new Map<string, { fingerprint: string; index: OpenDataIndex }>()
const MAX_BUILT = 200

const fingerprintOf = (parts: unknown) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url')

/**
 * The open-data index of a government's year; 404 for an unknown government or year. The same
 * object while nothing it shows has changed (the routes keep its JSON and CSV beside it).
 */
export async function openDataIndex(govCode: string, yearText: string, origin: string): Promise<OpenDataIndex> {
  const year = publicYear(yearText)
  const { government, rows } = await governmentRows(govCode, year)
  const key = `${government.code}/${year}/${origin}`
  const print = fingerprintOf([government.name, rows])
  const cached = built.get(key)
  if (cached?.fingerprint === print) return cached.index
  const latest = latestPerReport(rows)
  const contents = await publishedContents(latest.map((row) => row.versionId))
  const index = buildIndex(
    { code: government.code, name: government.name },
    year,
    latest.map((row) => indexRow(row, contents.get(row.versionId) ?? '')),
    origin,
  )
  built.delete(key)
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string)
  built.set(key, { fingerprint: print, index })
  return index
}

export interface PublicColumn {
  government: PublicGovernment
  years: ColumnYear[]
}

/** The government's column, every year with a published report, newest first: one statement. */
export async function publicColumn(govCode: string): Promise<PublicColumn> {
  const { government, rows } = await governmentRows(govCode, null)
  return {
    government,
    years: columnYears(
      government.code,
      latestPerReport(rows).map((row) => indexRow(row, '')),
    ),
  }
}

/** The column of a government by id (the coordinator's board: the fragment to copy). */
export async function publicColumnById(governmentId: string): Promise<PublicColumn | null> {
  const agency = await prisma.agency.findUnique({ where: { id: governmentId }, select: { code: true, type: true } })
  if (agency?.type !== 'government') return null
  return publicColumn(agency.code)
}
