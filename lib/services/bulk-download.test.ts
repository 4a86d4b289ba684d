import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { fixture } from '@/test/fixtures'
import { refused } from '@/test/services'
import { boardCharts } from './board-charts'
import {
  BULK_RETENTION_DAYS,
  bulkDownloadZip,
  latestBulkDownload,
  MAX_ATTEMPTS,
  pruneBulkDownloads,
  STALE_JOB_MS,
  startBulkDownload,
  stepBulkDownload,
} from './bulk-download'
import { createReport } from './report-create'

const YEAR = 2025
const ids: Record<string, string> = {}
const names: Record<string, string> = {}
let coordinator: Actor
let stranger: Actor

async function agency(key: string, name: string, type: 'government' | 'department', parentId: string | null) {
  const row = await prisma.agency.create({ data: { code: testAgencyCode('bulk'), name, type, parentId } })
  ids[key] = row.id
  names[key] = name
  return row
}

async function reportOf(agencyId: string, granted: number, state: 'approved' | 'published' | 'draft') {
  const r = await createReport({ formatVersion: '2021', year: YEAR, agencyId })
  const report = structuredClone(fixture('zhangdian-gov-2021').report) as any
  report.sections.applications.granted.total = granted
  report.agency = { ...report.agency, name: names[Object.keys(ids).find((k) => ids[k] === agencyId) as string] }
  const content = JSON.stringify(report)
  await prisma.report.update({ where: { id: r.id }, data: { content, status: state } })
  if (state === 'draft') return { reportId: r.id, versionId: null }
  const v = await prisma.reportVersion.create({
    data: {
      reportId: r.id,
      number: 1,
      content,
      contentVersion: 1,
      approvedAt: new Date('2026-01-20T02:00:00Z'),
      approvedById: 'x',
      ...(state === 'published' ? { publishedAt: new Date('2026-01-25T02:00:00Z') } : {}),
    },
  })
  await prisma.reportEvent.create({
    data: {
      reportId: r.id,
      kind: 'submit',
      version: 1,
      summary: '提交审核',
      createdAt: new Date('2026-01-10T02:00:00Z'),
    },
  })
  return { reportId: r.id, versionId: v.id }
}

/** The general purpose flags of every local and central header in the archive. */
function headerFlags(bytes: Buffer): { local: number[]; central: number[] } {
  const local: number[] = []
  const central: number[] = []
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const sig = bytes.readUInt32LE(i)
    if (sig === 0x04034b50) local.push(bytes.readUInt16LE(i + 6))
    if (sig === 0x02014b50) central.push(bytes.readUInt16LE(i + 8))
  }
  return { local, central }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c)
  return Buffer.concat(chunks)
}

beforeAll(async () => {
  const stamp = Date.now() % 100000
  const gov = await agency('gov', `打包区人民政府${stamp}`, 'government', null)
  await agency('a', `甲局${stamp}`, 'department', gov.id)
  await agency('b', `乙局${stamp}`, 'department', gov.id)
  await agency('c', `丙局${stamp}`, 'department', gov.id)
  await agency('d', `丁局${stamp}`, 'department', gov.id)
  await reportOf(ids.a, 11, 'approved')
  const b = await reportOf(ids.b, 5, 'published')
  await reportOf(ids.c, 99, 'draft')
  // A stored PDF of b's version goes in as it is.
  await prisma.reportPdf.create({
    data: {
      versionId: b.versionId as string,
      signature: '',
      body: new Uint8Array(Buffer.from('%PDF-1.7 test')),
      fonts: '',
    },
  })
  coordinator = {
    id: 'u-bulk-coord',
    name: '打包统筹',
    email: 'bulk@test.demo',
    isAdmin: false,
    memberships: [{ agencyId: gov.id, agencyName: gov.name, role: 'coordinator', subtree: Object.values(ids) }],
  }
  stranger = {
    id: 'u-bulk-officer',
    name: '甲填报',
    email: 'bulk-officer@test.demo',
    isAdmin: false,
    memberships: [{ agencyId: ids.a, agencyName: names.a, role: 'officer', subtree: [ids.a] }],
  }
  await prisma.user.create({ data: { id: coordinator.id, name: coordinator.name, email: coordinator.email } })
})

describe('bulk download', () => {
  it('builds the approved and published reports by steps and streams a zip with UTF-8 names flagged', async () => {
    const started = await startBulkDownload(coordinator, ids.gov, YEAR)
    expect(started.status).toBe('building')
    // a: docx + html; b: docx + html + pdf; c (draft) and d (none) are not in it.
    expect(started.total).toBe(5)
    let view = await stepBulkDownload(coordinator, started.id, 0)
    expect(view.done).toBe(1)
    while (view.status === 'building') view = await stepBulkDownload(coordinator, started.id)
    expect(view.status).toBe('ready')
    expect(view.done).toBe(5)
    expect(view.failed).toEqual([])

    const { fileName, stream } = await bulkDownloadZip(coordinator, started.id)
    expect(fileName).toContain(names.gov)
    const bytes = await readAll(stream)
    const flags = headerFlags(bytes)
    expect(flags.local).toHaveLength(5)
    expect(flags.central).toHaveLength(5)
    for (const f of [...flags.local, ...flags.central]) expect(f & 0x800).toBe(0x800)

    const zip = await JSZip.loadAsync(bytes)
    const entries = Object.keys(zip.files).sort()
    expect(entries).toHaveLength(5)
    expect(entries.filter((n) => n.startsWith(names.a)).map((n) => n.split('.').at(-1))).toEqual(['docx', 'html'])
    expect(
      entries
        .filter((n) => n.startsWith(names.b))
        .map((n) => n.split('.').at(-1))
        .sort(),
    ).toEqual(['docx', 'html', 'pdf'])
    expect(entries.some((n) => n.startsWith(names.c) || n.startsWith(names.d))).toBe(false)
    const pdf = entries.find((n) => n.endsWith('.pdf')) as string
    expect(await zip.file(pdf)?.async('string')).toBe('%PDF-1.7 test')
    const html = await zip
      .file(entries.find((n) => n.startsWith(names.a) && n.endsWith('.html')) as string)
      ?.async('string')
    expect(html).toContain(names.a)
    expect(html).not.toContain('草稿')
    const docx = await zip
      .file(entries.find((n) => n.startsWith(names.b) && n.endsWith('.docx')) as string)
      ?.async('uint8array')
    const inner = await JSZip.loadAsync(docx as Uint8Array)
    expect(await inner.file('word/document.xml')?.async('string')).toContain(names.b)
  })

  it('is refused to anyone but the government’s coordinators and administrators, and before it is built', async () => {
    expect((await refused(startBulkDownload(stranger, ids.gov, YEAR))).status).toBe(403)
    const started = await startBulkDownload(coordinator, ids.gov, YEAR)
    expect((await refused(stepBulkDownload(stranger, started.id))).status).toBe(404)
    expect((await refused(bulkDownloadZip(coordinator, started.id))).status).toBe(409)
    expect((await refused(startBulkDownload(coordinator, ids.gov, 2011))).status).toBe(400)
  })
})

describe('bulk download cleanup (decision 0412)', () => {
  const DAY = 24 * 60 * 60_000
  async function job(status: string, at: { finishedAt?: Date; touchedAt?: Date; createdAt?: Date }, year = 2019) {
    return prisma.bulkDownload.create({
      data: {
        agencyId: ids.gov,
        year,
        createdById: coordinator.id,
        status,
        total: 1,
        ...at,
        entries: {
          create: [
            { position: 0, name: 'x.html', versionId: 'v', kind: 'html', status: 'done', body: new Uint8Array([1]) },
          ],
        },
      },
    })
  }

  it('deletes old finished jobs with their bytes, failed ones after a day, and expires a job stuck building', async () => {
    const now = new Date()
    const oldReady = await job('ready', { finishedAt: new Date(now.getTime() - (BULK_RETENTION_DAYS + 1) * DAY) })
    const recentReady = await job('ready', { finishedAt: new Date(now.getTime() - DAY / 2) })
    const oldFailed = await job('failed', { finishedAt: new Date(now.getTime() - 2 * DAY) })
    const stuck = await job('building', { touchedAt: new Date(now.getTime() - STALE_JOB_MS - 60_000) })
    const busy = await job('building', { touchedAt: new Date(now.getTime() - 60_000) })
    expect(await pruneBulkDownloads(now)).toEqual({ expired: 1, deleted: 2 })
    const left = new Set((await prisma.bulkDownload.findMany({ select: { id: true } })).map((r) => r.id))
    expect(left.has(oldReady.id) || left.has(oldFailed.id)).toBe(false)
    expect(left.has(recentReady.id) && left.has(stuck.id) && left.has(busy.id)).toBe(true)
    expect(await prisma.bulkDownloadEntry.count({ where: { downloadId: { in: [oldReady.id, oldFailed.id] } } })).toBe(0)
    const expired = await prisma.bulkDownload.findUniqueOrThrow({ where: { id: stuck.id } })
    expect(expired).toMatchObject({ status: 'failed' })
    expect(expired.error).toContain('没有进展')
    expect((await prisma.bulkDownload.findUniqueOrThrow({ where: { id: busy.id } })).status).toBe('building')
    const audit = await prisma.auditEvent.findFirst({ where: { action: 'bulk.prune' }, orderBy: { at: 'desc' } })
    expect(audit?.detail).toContain('2个')
    // Nothing old left: a second run writes nothing.
    expect(await pruneBulkDownloads(now)).toEqual({ expired: 0, deleted: 0 })
    // The expired job goes a day after it stopped.
    expect((await pruneBulkDownloads(new Date(now.getTime() + DAY + 60_000))).deleted).toBe(1)
  })

  it('starting a download prunes; the board’s job stuck building is shown expired so a new one can start', async () => {
    const old = await job('ready', { finishedAt: new Date(Date.now() - (BULK_RETENTION_DAYS + 2) * DAY) })
    const stuck = await job('building', { touchedAt: new Date(Date.now() - STALE_JOB_MS - 1000) }, YEAR - 1)
    const shown = await latestBulkDownload(coordinator, ids.gov, YEAR - 1)
    expect(shown).toMatchObject({ id: stuck.id, status: 'failed' })
    expect(shown?.error).toContain('请重新打包')
    const started = await startBulkDownload(coordinator, ids.gov, YEAR)
    expect(await prisma.bulkDownload.findUnique({ where: { id: old.id } })).toBeNull()
    expect(started.status).toBe('building')
  })

  it('an entry whose build stopped its builder again and again fails, and the rest of the job is built', async () => {
    const started = await startBulkDownload(coordinator, ids.gov, YEAR)
    const first = await prisma.bulkDownloadEntry.findFirstOrThrow({ where: { downloadId: started.id, position: 0 } })
    // Claimed MAX_ATTEMPTS times, the last claim long abandoned.
    await prisma.bulkDownloadEntry.update({
      where: { id: first.id },
      data: { status: 'claimed', claimedAt: new Date(Date.now() - 10 * 60_000), attempts: MAX_ATTEMPTS },
    })
    let view = await stepBulkDownload(coordinator, started.id)
    while (view.status === 'building') view = await stepBulkDownload(coordinator, started.id)
    expect(view.status).toBe('ready')
    expect(view.done).toBe(view.total)
    expect(view.failed).toEqual([{ name: first.name, error: expect.stringContaining(`${MAX_ATTEMPTS}次`) }])
    // A claim taken over below the limit is built, and counted.
    const again = await startBulkDownload(coordinator, ids.gov, YEAR)
    const entry = await prisma.bulkDownloadEntry.findFirstOrThrow({ where: { downloadId: again.id, position: 0 } })
    await prisma.bulkDownloadEntry.update({
      where: { id: entry.id },
      data: { status: 'claimed', claimedAt: new Date(Date.now() - 10 * 60_000), attempts: 1 },
    })
    view = await stepBulkDownload(coordinator, again.id)
    while (view.status === 'building') view = await stepBulkDownload(coordinator, again.id)
    expect(view.failed).toEqual([])
    expect((await prisma.bulkDownloadEntry.findUniqueOrThrow({ where: { id: entry.id } })).attempts).toBe(2)
  })
})

describe('boardCharts', () => {
  it('counts the progress by day, the outcome shares and the year totals of the approved reports', async () => {
    const charts = await boardCharts(coordinator, ids.gov, YEAR, '2026-02-01')
    const day = (d: string) => charts.progress.data.days.indexOf(d)
    expect(charts.progress.data.total).toBe(5)
    expect(charts.progress.data.submitted[day('2026-01-10')]).toBe(2)
    expect(charts.progress.data.approved[day('2026-01-20')]).toBe(2)
    expect(charts.progress.data.published[day('2026-01-25')]).toBe(1)
    expect(charts.outcomes.reports).toBe(2)
    expect(charts.outcomes.data.find((s) => s.key === 'granted')?.value).toBe(16)
    expect(charts.years.data.years.at(-1)?.reports).toBe(2)
    expect(charts.progress.svg).toContain('<svg')
    expect((await refused(boardCharts(stranger, ids.gov, YEAR))).status).toBe(403)
  })
})
