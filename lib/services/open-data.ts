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

/** The government and every agency under it (the board's tree, decision 0270), with their names. */
async function tree(governmentId: string): Promise<{ id: string; name: string }[]> {
  const root = await prisma.agency.findUnique({ where: { id: governmentId }, select: { id: true, name: true } })
  const all = root ? [root] : []
  const seen = new Set(all.map((a) => a.id))
  let level = all.map((a) => a.id)
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const children = await prisma.agency.findMany({
      where: { parentId: { in: level } },
      select: { id: true, name: true },
    })
    const fresh = children.filter((c) => !seen.has(c.id))
    for (const c of fresh) seen.add(c.id)
    all.push(...fresh)
    level = fresh.map((c) => c.id)
  }
  return all
}

async function treeIds(governmentId: string): Promise<string[]> {
  return (await tree(governmentId)).map((a) => a.id)
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

/**
 * The built indexes, each with what it was built from: the names of the agencies of the tree and
 * the published versions of the year (how many, how many withdrawn, the latest publication and
 * withdrawal, the sum of their numbers). Reading that takes a few small queries; building the index reads and parses
 * every published report. An index is rebuilt as soon as any of it changes (a publication, a
 * correction, a withdrawal, a rename, an agency added), never served past its data.
 */
const built = new Map<string, { fingerprint: string; index: OpenDataIndex }>()
const MAX_BUILT = 200

async function fingerprint(agencies: { id: string; name: string }[], year: number): Promise<string> {
  const versions = await prisma.reportVersion.aggregate({
    where: {
      publishedAt: { not: null },
      report: { agencyId: { in: agencies.map((a) => a.id) }, year, kind: { in: PUBLIC_KINDS } },
    },
    _count: { _all: true, withdrawnAt: true },
    _max: { publishedAt: true, withdrawnAt: true },
    _sum: { number: true },
  })
  return JSON.stringify([
    agencies.map((a) => `${a.id}:${a.name}`),
    versions._count._all,
    versions._count.withdrawnAt,
    versions._max.publishedAt,
    versions._max.withdrawnAt,
    versions._sum.number,
  ])
}

/**
 * The open-data index of a government's year; 404 for an unknown government or year. The same
 * object while nothing it shows has changed (the routes keep its JSON and CSV beside it).
 */
export async function openDataIndex(govCode: string, yearText: string, origin: string): Promise<OpenDataIndex> {
  const year = publicYear(yearText)
  const government = await publicGovernment(govCode)
  const agencies = await tree(government.id)
  const key = `${government.code}/${year}/${origin}`
  const print = `${government.name}|${await fingerprint(agencies, year)}`
  const cached = built.get(key)
  if (cached?.fingerprint === print) return cached.index
  const rows = await publishedRows(government.id, year)
  const index = buildIndex({ code: government.code, name: government.name }, year, rows, origin)
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string)
  built.set(key, { fingerprint: print, index })
  return index
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
