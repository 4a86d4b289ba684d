import { describe, expect, it } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { fixtureText, refused } from '@/test/services'
import { governmentSettings, updateGovernmentSettings } from './government-settings'
import { openDataIndex, publicColumn } from './open-data'

const content = fixtureText('zhangdian-gov-2021.json')
const ORIGIN = 'https://nianbao.example.gov.cn'
let n = 0
const code = (p: string) => `${p}-${++n}-${Date.now() % 100000}`

async function agency(type: 'government' | 'department', parentId: string | null = null) {
  const c = code(type === 'government' ? 'od-gov' : 'od-dep')
  return prisma.agency.create({ data: { code: c, name: `开放数据${c}`, type, parentId } })
}

/** A report with versions: each [publishedAt | null, withdrawnAt | null]. */
async function report(agencyId: string, kind: string, versions: [Date | null, Date | null][], year = 2021) {
  return prisma.report.create({
    data: {
      agencyId,
      year,
      kind,
      scope: kind === 'rollup' ? 'region' : 'self',
      formatVersion: '2021',
      status: versions.some(([p]) => p) ? 'published' : 'approved',
      content,
      versions: {
        create: versions.map(([publishedAt, withdrawnAt], i) => ({
          number: i + 1,
          content,
          contentVersion: 1,
          approvedAt: new Date('2022-03-01T00:00:00Z'),
          approvedById: 'u-x',
          publishedAt,
          withdrawnAt,
          withdrawnReason: withdrawnAt ? '撤回测试' : null,
        })),
      },
    },
  })
}

describe('open data of a government', () => {
  it('lists each published report once (its latest published version), never history or unpublished ones', async () => {
    const gov = await agency('government')
    const dep = await agency('department', gov.id)
    const sub = await agency('department', dep.id)
    const other = await agency('department')
    const d = (s: string) => new Date(s)
    await report(gov.id, 'report', [[d('2022-03-20T00:00:00Z'), null]])
    await report(gov.id, 'rollup', [[d('2022-03-25T00:00:00Z'), null]])
    await report(dep.id, 'report', [
      [d('2022-01-20T00:00:00Z'), null],
      [d('2022-02-20T00:00:00Z'), null],
      [null, null],
    ])
    await report(sub.id, 'report', [[d('2022-01-25T00:00:00Z'), d('2022-02-01T00:00:00Z')]])
    await report(sub.id, 'history', [[d('2022-01-25T00:00:00Z'), null]], 2020)
    await report(other.id, 'report', [[d('2022-01-25T00:00:00Z'), null]])
    const unpublished = await agency('department', gov.id)
    await report(unpublished.id, 'report', [[null, null]])

    const index = await openDataIndex(gov.code, '2021', ORIGIN)
    expect(index.reports.map((r) => [r.agencyCode, r.kind, r.version])).toEqual([
      [gov.code, 'report', 1],
      [gov.code, 'rollup', 1],
      ...[
        [dep.code, 'report', 2],
        [sub.code, 'report', 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ])
    const withdrawn = index.reports.find((r) => r.agencyCode === sub.code)
    expect(withdrawn?.withdrawn?.reason).toBe('撤回测试')
    expect(index.reports.find((r) => r.agencyCode === dep.code)?.publishedOn).toBe('2022-02-20')
    expect(index.reports[1].url).toBe(`${ORIGIN}/gk/${gov.code}/2021/${gov.code}.rollup`)
    expect((await openDataIndex(gov.code, '2020', ORIGIN)).reports).toEqual([])

    const column = await publicColumn(gov.code)
    expect(column.years.map((y) => y.year)).toEqual([2021])
    expect(column.years[0].entries).toHaveLength(4)
  })

  it('hands out the same built index until something it shows changes: a publication, a withdrawal, a rename', async () => {
    const gov = await agency('government')
    const dep = await agency('department', gov.id)
    const first = await report(dep.id, 'report', [[new Date('2022-01-20T00:00:00Z'), null]])
    const a = await openDataIndex(gov.code, '2021', ORIGIN)
    expect(await openDataIndex(gov.code, '2021', ORIGIN)).toBe(a)
    const other = await agency('department', gov.id)
    await report(other.id, 'report', [[new Date('2022-01-10T00:00:00Z'), null]])
    const b = await openDataIndex(gov.code, '2021', ORIGIN)
    expect(b).not.toBe(a)
    expect(b.reports).toHaveLength(2)
    await prisma.reportVersion.updateMany({
      where: { reportId: first.id },
      data: { withdrawnAt: new Date('2021-12-01T00:00:00Z'), withdrawnReason: '撤回' },
    })
    const c = await openDataIndex(gov.code, '2021', ORIGIN)
    expect(c.reports.find((r) => r.agencyCode === dep.code)?.withdrawn?.reason).toBe('撤回')
    await prisma.agency.update({ where: { id: dep.id }, data: { name: `${dep.name}（更名）` } })
    const d = await openDataIndex(gov.code, '2021', ORIGIN)
    expect(d.reports.find((r) => r.agencyCode === dep.code)?.agencyName).toBe(`${dep.name}（更名）`)
    // Another origin is another index (its addresses are absolute).
    expect((await openDataIndex(gov.code, '2021', 'http://127.0.0.1:3000')).reports[0].url).toMatch(/^http:\/\/127/)
  })

  it('answers 404 for an unknown government, a department, or a year that cannot be', async () => {
    const gov = await agency('government')
    const dep = await agency('department', gov.id)
    expect((await refused(openDataIndex('no-such-gov', '2021', ORIGIN))).status).toBe(404)
    expect((await refused(openDataIndex(dep.code, '2021', ORIGIN))).status).toBe(404)
    for (const year of ['1999', '21', '2021x', '9999'])
      expect((await refused(openDataIndex(gov.code, year, ORIGIN))).status, year).toBe(404)
    expect((await refused(publicColumn(dep.code))).status).toBe(404)
  })

  it('keeps the portal origin a validated origin, audited, and cleared with an empty text', async () => {
    const gov = await agency('government')
    const admin: Actor = { id: 'u-admin', name: '管理员', email: 'a@test.demo', isAdmin: true, memberships: [] }
    const bad = await refused(updateGovernmentSettings(gov.id, { portalOrigin: 'https://a.gov.cn/path' }, admin))
    expect(bad.status).toBe(422)
    expect(JSON.stringify(bad)).toContain('portalOrigin')
    const saved = await updateGovernmentSettings(gov.id, { portalOrigin: 'https://WWW.A.gov.cn/' }, admin)
    expect(saved.portalOrigin).toBe('https://www.a.gov.cn')
    expect((await publicColumn(gov.code)).government.portalOrigin).toBe('https://www.a.gov.cn')
    const audit = await prisma.auditEvent.findFirst({
      where: { action: 'government.settings.update', subject: gov.name },
      orderBy: { at: 'desc' },
    })
    expect(audit?.detail).toContain('https://www.a.gov.cn')
    // Other settings saved later leave the origin alone; '' clears it.
    await updateGovernmentSettings(gov.id, { reminderDays: [7] }, admin)
    expect((await governmentSettings(gov.id)).portalOrigin).toBe('https://www.a.gov.cn')
    await updateGovernmentSettings(gov.id, { portalOrigin: '' }, admin)
    expect((await governmentSettings(gov.id)).portalOrigin).toBeNull()
  })
})
