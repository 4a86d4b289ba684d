/**
 * What the public reads without a session about a government's published reports (decision
 * 0320): the open-data index of a year (JSON and CSV, lib/open-data/index-table.ts) and the
 * column for the portal (the embeddable page and the fragment to copy, lib/open-data/column-html.ts).
 * Only versions published through Nianbao: kinds report and rollup, never history.
 */
import 'server-only'
import { prisma } from '@/lib/db'
import { type ColumnYear, columnYears } from '@/lib/open-data/column-html'
import { buildIndex, type OpenDataIndex, type PublishedRow } from '@/lib/open-data/index-table'
import { notFound } from './errors'

const PUBLIC_KINDS = ['report', 'rollup']
/** Depth bound of the agency tree walk (as the board's): stops a cycle. */
const MAX_DEPTH = 12

export interface PublicGovernment {
  id: string
  code: string
  name: string
  portalOrigin: string | null
}

/** The government of a public address, by its code: an unknown code or a department answers 404. */
export async function publicGovernment(code: string): Promise<PublicGovernment> {
  const agency = await prisma.agency.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, type: true },
  })
  if (agency?.type !== 'government') throw notFound('没有这个人民政府的年报专栏')
  const setting = await prisma.governmentSetting.findUnique({
    where: { agencyId: agency.id },
    select: { portalOrigin: true },
  })
  return { id: agency.id, code: agency.code, name: agency.name, portalOrigin: setting?.portalOrigin ?? null }
}

/** The year of an address: four digits from 2008 (the 条例 in force) to next year, else 404. */
export function publicYear(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN
  if (!(year >= 2008 && year <= new Date().getUTCFullYear() + 1)) throw notFound('没有这个年度')
  return year
}

/** The government and every agency under it (the board's tree, decision 0270). */
async function treeIds(governmentId: string): Promise<string[]> {
  const ids = [governmentId]
  let level = [governmentId]
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const children = await prisma.agency.findMany({ where: { parentId: { in: level } }, select: { id: true } })
    level = children.map((c) => c.id).filter((id) => !ids.includes(id))
    ids.push(...level)
  }
  return ids
}

/** Each report's latest published version under the government, for one year or all. */
async function publishedRows(governmentId: string, year?: number, withContent = true): Promise<PublishedRow[]> {
  const agencyIds = await treeIds(governmentId)
  const reports = await prisma.report.findMany({
    where: {
      agencyId: { in: agencyIds },
      kind: { in: PUBLIC_KINDS },
      ...(year === undefined ? {} : { year }),
      versions: { some: { publishedAt: { not: null } } },
    },
    select: {
      kind: true,
      scope: true,
      year: true,
      formatVersion: true,
      agency: { select: { code: true, name: true } },
      versions: {
        where: { publishedAt: { not: null } },
        orderBy: { number: 'desc' },
        take: 1,
        select: {
          number: true,
          publishedAt: true,
          correctionNote: true,
          withdrawnAt: true,
          withdrawnReason: true,
          content: withContent,
        },
      },
    },
  })
  return reports.flatMap((r) => {
    const v = r.versions[0]
    if (!v?.publishedAt) return []
    let formatVersion = r.formatVersion
    // The published content names its format; a later change of the working row does not count.
    if (withContent && v.content) {
      const stated = /"formatVersion"\s*:\s*"(\d{4})"/.exec(v.content.slice(0, 200))?.[1]
      if (stated) formatVersion = stated
    }
    return [
      {
        agencyCode: r.agency.code,
        agencyName: r.agency.name,
        kind: r.kind as PublishedRow['kind'],
        scope: r.scope,
        year: r.year,
        formatVersion,
        versionNumber: v.number,
        publishedAt: v.publishedAt,
        correctionNote: v.correctionNote,
        withdrawnAt: v.withdrawnAt,
        withdrawnReason: v.withdrawnReason,
        content: v.content ?? '',
      },
    ]
  })
}

/** The open-data index of a government's year; 404 for an unknown government or year. */
export async function openDataIndex(govCode: string, yearText: string, origin: string): Promise<OpenDataIndex> {
  const year = publicYear(yearText)
  const government = await publicGovernment(govCode)
  const rows = await publishedRows(government.id, year)
  return buildIndex({ code: government.code, name: government.name }, year, rows, origin)
}

export interface PublicColumn {
  government: PublicGovernment
  years: ColumnYear[]
}

/** The government's column, every year with a published report, newest first. */
export async function publicColumn(govCode: string): Promise<PublicColumn> {
  const government = await publicGovernment(govCode)
  const rows = await publishedRows(government.id, undefined, false)
  return { government, years: columnYears(government.code, rows) }
}

/** The column of a government by id (the coordinator's board: the fragment to copy). */
export async function publicColumnById(governmentId: string): Promise<PublicColumn | null> {
  const agency = await prisma.agency.findUnique({ where: { id: governmentId }, select: { code: true, type: true } })
  if (agency?.type !== 'government') return null
  return publicColumn(agency.code)
}
