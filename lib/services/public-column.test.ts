import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { changesAnswer, columnAnswer, fileAnswer, reportAnswer } from '@/lib/public/responses'
import { MISS_CACHE, publicCsp } from '@/lib/security/public-headers'
import { toInterchange } from '@/lib/report/interchange'
import { completeFixture } from '@/test/complete-report'
import { explainN1 } from '@/test/complete-report'
import { agencyName, secrecyRecord, workflowActors } from '@/test/services'
import { ensureAgency } from './accounts'
import { freezePublishedPdf } from './published-files'
import { publicChanges, publicColumn, publicFile, publicReport } from './public-column'
import { exportDocument } from './report-export'
import { importReport } from './report-import'
import { saveReport } from './report-save'
import { transition } from './transitions'

const { officer, reviewer, coordinator, grant } = workflowActors()

let seq = 0
/** A government with one department under it, fresh codes per call. */
async function governmentWithDepartment() {
  const n = `${++seq}${Date.now() % 100000}`
  const gov = await ensureAgency({ code: `gk-gov-${n}`, name: agencyName('公开测试区'), type: 'government' })
  const dept = await ensureAgency({
    code: `gk-dept-${n}`,
    name: agencyName('公开测试局'),
    type: 'department',
    parentId: gov.id,
  })
  return { gov, dept }
}

/** A complete report of the agency, in the given state of the workflow. */
async function reportIn(agencyId: string, state: 'draft' | 'submitted' | 'approved' | 'published', kind = 'report') {
  const { report } = completeFixture('zhangdian-gov-2021')
  const { report: stored } = await importReport(toInterchange(report), {
    agencyId,
    ...(kind === 'history' ? { kind: 'history' as const } : {}),
  })
  if (kind === 'history') return stored
  await grant(stored.id)
  if (state === 'draft') return stored
  await transition(stored.id, 'submit', officer, { baseVersion: stored.version })
  if (state === 'submitted') return stored
  await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })
  if (state === 'approved') return stored
  await transition(stored.id, 'publish', coordinator, { baseVersion: stored.version, secrecy: secrecyRecord() })
  return stored
}

const sha = (body: Uint8Array) => createHash('sha256').update(body).digest('hex')
const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://test${url}`, { headers })

describe('frozen files at publication', () => {
  it('freezes html, docx and json with their SHA-256 and size, the same bytes as the signed-in downloads', async () => {
    const { dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    const version = await prisma.reportVersion.findUniqueOrThrow({
      where: { reportId_number: { reportId: stored.id, number: 1 } },
      include: { files: true },
    })
    expect(version.publishedAt).not.toBeNull()
    expect(version.files.map((f) => f.kind).sort()).toEqual(['docx', 'html', 'json'])
    for (const f of version.files) {
      expect(f.sha256).toBe(sha(f.body))
      expect(f.size).toBe(f.body.length)
    }
    const byKind = new Map(version.files.map((f) => [f.kind, f]))
    const html = await exportDocument(stored.id, 'html', {}, 1)
    const docx = await exportDocument(stored.id, 'docx', {}, 1)
    expect(Buffer.from(byKind.get('html')!.body).toString('utf8')).toBe(html.body)
    expect(sha(byKind.get('docx')!.body)).toBe(sha(docx.body as Buffer))
    expect(byKind.get('html')!.mediaType).toBe('text/html; charset=utf-8')
    const json = JSON.parse(Buffer.from(byKind.get('json')!.body).toString('utf8'))
    expect(json.agency.code).toBe(dept.code)
    expect(json.year).toBe(stored.report.year)
    // A later change of the working row (a correction) does not touch the frozen bytes.
    await transition(stored.id, 'correct', officer, { baseVersion: stored.version, reason: '更正' })
    const again = await prisma.publishedFile.findMany({ where: { versionId: version.id } })
    expect(again.map((f) => f.sha256).sort()).toEqual(version.files.map((f) => f.sha256).sort())
  })

  it('does not freeze anything on approval alone', async () => {
    const { dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'approved')
    expect(await prisma.publishedFile.count({ where: { version: { reportId: stored.id } } })).toBe(0)
  })

  it('backfills a version published before files were frozen, on its first public request', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    await prisma.publishedFile.deleteMany({ where: { version: { reportId: stored.id } } })
    const report = await publicReport(gov.code, stored.report.year, dept.code)
    expect(report?.files.map((f) => f.kind).sort()).toEqual(['docx', 'html', 'json'])
    const html = await exportDocument(stored.id, 'html', {}, 1)
    expect(report?.files.find((f) => f.kind === 'html')?.sha256).toBe(sha(Buffer.from(html.body as string)))
  })

  it('says why there is no PDF where LibreOffice is missing', async () => {
    const { dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    const { id } = await prisma.reportVersion.findUniqueOrThrow({
      where: { reportId_number: { reportId: stored.id, number: 1 } },
    })
    const saved = process.env.NIANBAO_SOFFICE
    process.env.NIANBAO_SOFFICE = '/nonexistent/soffice'
    try {
      const result = await freezePublishedPdf(id)
      expect(result).toMatchObject({ ok: false })
      expect(result.ok ? '' : result.reason).toContain('LibreOffice')
    } finally {
      if (saved === undefined) delete process.env.NIANBAO_SOFFICE
      else process.env.NIANBAO_SOFFICE = saved
    }
  })
})

describe('public column', () => {
  it('lists only what was published, of the government and the agencies under it', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const other = await ensureAgency({
      code: `gk-other-${Date.now() % 100000}`,
      name: agencyName('公开测试中心'),
      type: 'department',
      parentId: gov.id,
    })
    const published = await reportIn(dept.id, 'published')
    const ownReport = await reportIn(gov.id, 'published')
    await reportIn(other.id, 'submitted')
    const column = await publicColumn(gov.code)
    expect(column?.entries.map((e) => e.agencyCode)).toEqual([gov.code, dept.code])
    expect(column?.entries[1]).toMatchObject({ year: published.report.year, slug: dept.code, current: { number: 1 } })
    expect(ownReport.report.year).toBe(published.report.year)
    expect(await publicColumn(gov.code, published.report.year)).not.toBeNull()
    expect(await publicColumn(gov.code, published.report.year + 1)).toBeNull()
    // A department is not a column; an unknown code neither.
    expect(await publicColumn(dept.code)).toBeNull()
    expect(await publicColumn('gk-no-such-government')).toBeNull()
  })

  it('answers 404 alike for unknown, draft, submitted, approved-only and history reports', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const n = Date.now() % 100000
    const states = ['draft', 'submitted', 'approved'] as const
    const agencies = await Promise.all(
      [...states, 'history'].map((s, i) =>
        ensureAgency({
          code: `gk-${s}-${n}-${i}`,
          name: agencyName(`公开${s}局`),
          type: 'department',
          parentId: gov.id,
        }),
      ),
    )
    for (const [i, state] of states.entries()) await reportIn(agencies[i].id, state)
    const history = await reportIn(agencies[3].id, 'draft', 'history')
    expect(history.kind).toBe('history')
    const year = history.report.year
    for (const agency of agencies) {
      expect(await publicReport(gov.code, year, agency.code)).toBeNull()
      expect(await publicFile(gov.code, year, agency.code, 1, 'html')).toBeNull()
      const page = await reportAnswer(get('/'), gov.code, String(year), agency.code)
      expect(page.status).toBe(404)
      const file = await fileAnswer(get('/'), gov.code, String(year), agency.code, 'v1', 'report.docx')
      expect(file.status).toBe(404)
    }
    // Another government's address, a wrong year, a version never published, a bad file name.
    const elsewhere = await governmentWithDepartment()
    await reportIn(dept.id, 'published')
    expect(await publicReport(elsewhere.gov.code, year, dept.code)).toBeNull()
    expect(await publicReport(gov.code, year - 1, dept.code)).toBeNull()
    expect(await publicReport(gov.code, year, dept.code, 2)).toBeNull()
    expect(await publicReport(gov.code, year, dept.code, 1)).not.toBeNull()
    for (const [v, f] of [
      ['v2', 'report.html'],
      ['v1', 'report.exe'],
      ['1', 'report.html'],
    ]) {
      expect((await fileAnswer(get('/'), gov.code, String(year), dept.code, v, f)).status).toBe(404)
    }
    expect((await columnAnswer(get('/'), gov.code, 'abcd')).status).toBe(404)
  })

  it('keeps a superseded version, marks it, and shows the differences with the 更正说明', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    await transition(stored.id, 'correct', officer, { baseVersion: stored.version, reason: '更正表三' })
    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 2
    next.sections.applications.granted.natural += 2
    next.explanations = { ...next.explanations, ...explainN1(next, '正文数字以更正后的表三为准。') }
    const saved = await saveReport(stored.id, stored.version, next, officer.id)
    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
    await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
    await transition(stored.id, 'publish', coordinator, {
      baseVersion: saved.version,
      secrecy: secrecyRecord(),
      correctionNote: '更正表三自然人申请数。',
    })
    const year = stored.report.year
    const current = await publicReport(gov.code, year, dept.code)
    expect(current).toMatchObject({ superseded: false, version: { number: 2 } })
    const first = await publicReport(gov.code, year, dept.code, 1)
    expect(first).toMatchObject({ superseded: true, version: { number: 1 } })
    const oldPage = await (await reportAnswer(get('/'), gov.code, String(year), dept.code, 'v1')).text()
    expect(oldPage).toContain('已被更正')
    expect(oldPage).toContain(`href="/gk/${gov.code}/${year}/${dept.code}"`)
    const page = await (await reportAnswer(get('/'), gov.code, String(year), dept.code)).text()
    expect(page).toContain('更正表三自然人申请数。')

    const report = await publicReport(gov.code, Number(year), dept.code)
    const changes = report ? await publicChanges(report) : []
    expect(changes).toHaveLength(1)
    const cells = changes[0].diff.cells.map((c) => c.path)
    expect(cells).toContain('applications.newReceived.natural')
    const cell = changes[0].diff.cells.find((c) => c.path === 'applications.newReceived.natural')
    expect(Number(cell?.after) - Number(cell?.before)).toBe(2)

    // The page is kept under its ETag: a published version's content never changes, so the
    // versions read for the address name the page, and the contents are compared once.
    const built = await changesAnswer(get('/'), gov.code, String(year), dept.code)
    expect(built.status).toBe(200)
    const etag = built.headers.get('etag') ?? ''
    expect(etag).toMatch(/^W\//)
    const body = await built.text()
    expect(body).toContain(`改动的数据（${changes[0].diff.cells.length}处）`)
    expect(body).toContain(`<td class="num diff-after" data-label="第2版">${cell?.after}</td>`)
    expect((await changesAnswer(get('/', { 'if-none-match': etag }), gov.code, String(year), dept.code)).status).toBe(
      304,
    )
    await prisma.reportVersion.update({
      where: { reportId_number: { reportId: stored.id, number: 1 } },
      data: { content: JSON.stringify(next) },
    })
    const kept = await changesAnswer(get('/'), gov.code, String(year), dept.code)
    expect(kept.headers.get('etag')).toBe(etag)
    expect(await kept.text()).toBe(body)
    // A withdrawal of 第2版 changes what the page is built from: a new ETag, no comparison left.
    await prisma.reportVersion.update({
      where: { reportId_number: { reportId: stored.id, number: 2 } },
      data: { withdrawnAt: new Date(), withdrawnReason: '撤回' },
    })
    const after = await changesAnswer(get('/', { 'if-none-match': etag }), gov.code, String(year), dept.code)
    expect(after.status).toBe(200)
    expect(await after.text()).toContain('只发布过一个版本')
  })

  it('shows a withdrawn version as withdrawn and serves none of its files', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    await prisma.reportVersion.update({
      where: { reportId_number: { reportId: stored.id, number: 1 } },
      data: { withdrawnAt: new Date('2026-03-02T02:00:00Z'), withdrawnReason: '数据有误，核实后重新发布。' },
    })
    const year = String(stored.report.year)
    const page = await reportAnswer(get('/'), gov.code, year, dept.code)
    expect(page.status).toBe(200)
    const text = await page.text()
    expect(text).toContain('已撤回')
    expect(text).toContain('数据有误，核实后重新发布。')
    expect(text).toContain('2026年3月2日')
    expect(text).not.toContain('report.docx"')
    for (const f of ['report.html', 'report.docx', 'report.json']) {
      expect((await fileAnswer(get('/'), gov.code, year, dept.code, 'v1', f)).status).toBe(410)
    }
    const column = await (await columnAnswer(get('/'), gov.code)).text()
    expect(column).toContain('已撤回')
  })
})

describe('public answers', () => {
  it('serves the stored bytes with type, UTF-8 file name, ETag and 304, under a script-free policy', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    const year = String(stored.report.year)
    const row = await prisma.publishedFile.findFirstOrThrow({
      where: { kind: 'docx', version: { reportId: stored.id } },
    })
    const docx = await fileAnswer(get('/'), gov.code, year, dept.code, 'v1', 'report.docx')
    expect(docx.status).toBe(200)
    expect(docx.headers.get('content-type')).toBe(row.mediaType)
    expect(docx.headers.get('etag')).toBe(`"${row.sha256}"`)
    expect(docx.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(docx.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
    const csp = docx.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('script-src')
    expect(sha(new Uint8Array(await docx.arrayBuffer()))).toBe(row.sha256)
    const cached = await fileAnswer(
      get('/', { 'if-none-match': `"${row.sha256}"` }),
      gov.code,
      year,
      dept.code,
      'v1',
      'report.docx',
    )
    expect(cached.status).toBe(304)
    expect(await cached.text()).toBe('')

    const page = await reportAnswer(get('/'), gov.code, year, dept.code)
    const etag = page.headers.get('etag') ?? ''
    expect(etag).toMatch(/^W\/"/)
    const html = await page.text()
    // The stored document is kept whole inside the page, and the record prints every file's hash.
    const storedHtml = await prisma.publishedFile.findFirstOrThrow({
      where: { kind: 'html', version: { reportId: stored.id } },
    })
    const storedText = Buffer.from(storedHtml.body).toString('utf8')
    const main = storedText.slice(storedText.indexOf('<main'), storedText.indexOf('</main>'))
    expect(html).toContain(main)
    expect(html).toContain(row.sha256)
    expect(html).toContain(storedHtml.sha256)
    expect(html).toContain('<meta name="description"')
    expect(html).not.toMatch(/<script/i)
    expect((await reportAnswer(get('/', { 'if-none-match': etag }), gov.code, year, dept.code)).status).toBe(304)
    // A new publication state changes the page's ETag.
    await prisma.reportVersion.update({
      where: { reportId_number: { reportId: stored.id, number: 1 } },
      data: { withdrawnAt: new Date(), withdrawnReason: '撤回' },
    })
    expect((await reportAnswer(get('/', { 'if-none-match': etag }), gov.code, year, dept.code)).status).toBe(200)
  })

  it('keeps a built page under its ETag: the same bytes again, a new page as soon as what it shows changes', async () => {
    const { gov, dept } = await governmentWithDepartment()
    const stored = await reportIn(dept.id, 'published')
    const year = String(stored.report.year)
    const first = await reportAnswer(get('/'), gov.code, year, dept.code)
    const body = await first.text()
    const again = await reportAnswer(get('/'), gov.code, year, dept.code)
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(await again.text()).toBe(body)
    const column = await columnAnswer(get('/'), gov.code, year)
    // A rename reaches the page and the column on the next request (the bound is their HTTP cache's minute).
    const renamed = agencyName('更名后的公开测试局')
    await prisma.agency.update({ where: { id: dept.id }, data: { name: renamed } })
    const etag = first.headers.get('etag') ?? ''
    const after = await reportAnswer(get('/', { 'if-none-match': etag }), gov.code, year, dept.code)
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(await after.text()).toContain(renamed)
    const columnAfter = await columnAnswer(
      get('/', { 'if-none-match': column.headers.get('etag') ?? '' }),
      gov.code,
      year,
    )
    expect(columnAfter.status).toBe(200)
    expect(await columnAfter.text()).toContain(renamed)
  })

  it('answers /gk alone and every address deeper than the routes with the column’s 404 and its headers', async () => {
    const { GET: root } = await import('@/app/gk/route')
    const { GET: deeper } = await import('@/app/gk/[gov]/[year]/[agency]/[version]/[file]/[...rest]/route')
    for (const res of [await root(get('/gk')), await deeper(get('/gk/a/2021/b/v1/report.html/c/d'))]) {
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(publicCsp())
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('cache-control')).toBe(MISS_CACHE)
      const text = await res.text()
      expect(text).toContain('<h1>页面不存在</h1>')
      expect(text).not.toMatch(/<script/i)
    }
  })
})
