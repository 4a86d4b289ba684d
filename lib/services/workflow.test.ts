import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { toInterchange } from '@/lib/report/interchange'
import { completeFixture } from '@/test/complete-report'
import { fixture } from '@/test/fixtures'
import { exportDocument, getReport, importReport, ServiceError, saveReport } from './reports'
import {
  type Actor,
  addComment,
  agencyTree,
  compareVersions,
  listComments,
  listReportsFor,
  listVersions,
  reportHistory,
  resolveComment,
  transition,
  workflowView,
} from './workflow'

let seq = 0
const agencyName = () => `流程测试第${++seq}${Date.now() % 100000}局`

type Grants = Actor['memberships'][number][]
const user = (id: string, name: string): Actor & { memberships: Grants } => ({
  id,
  name,
  email: `${id}@test.demo`,
  isAdmin: false,
  memberships: [],
})
const officer = user('u-officer', '李填报')
const reviewer = user('u-reviewer', '王审核')
const coordinator = user('u-coord', '赵统筹')

/** Each test report's agency gets the three roles (as part A's memberships would give). */
async function grant(reportId: string) {
  const { agencyId } = await prisma.report.findUniqueOrThrow({ where: { id: reportId } })
  for (const [u, role] of [
    [officer, 'officer'],
    [reviewer, 'reviewer'],
    [coordinator, 'coordinator'],
  ] as const) {
    u.memberships.push({ agencyId, agencyName: '', role, subtree: [agencyId] })
  }
}

beforeAll(async () => {
  for (const u of [officer, reviewer, coordinator]) {
    await prisma.user.create({ data: { id: u.id, name: u.name, email: `${u.id}@test.demo` } })
  }
})

async function refused(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p
  } catch (e) {
    if (e instanceof ServiceError) return e
    throw e
  }
  throw new Error('expected a ServiceError')
}

/** A complete report, imported under a fresh agency name. */
async function completeDraft() {
  const { report } = completeFixture('zhangdian-gov-2021')
  report.agency = { ...report.agency, name: agencyName() }
  const { report: stored } = await importReport(toInterchange(report))
  await grant(stored.id)
  return stored
}

async function submitted() {
  const stored = await completeDraft()
  await transition(stored.id, 'submit', officer, { baseVersion: stored.version })
  return stored
}

async function approved() {
  const stored = await submitted()
  await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })
  return stored
}

const headerXml = async (docx: Buffer | string) => {
  const zip = await JSZip.loadAsync(docx)
  return (await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')))).join('')
}

describe('transitions', () => {
  it('follows the whole path with an audit event per step, each with its actor', async () => {
    const stored = await completeDraft()
    const v = stored.version
    expect((await transition(stored.id, 'submit', officer, { baseVersion: v })).status).toBe('submitted')
    await addComment(stored.id, reviewer, { anchor: 'applications.newReceived.natural', body: '请核对自然人申请数。' })
    expect(
      (await transition(stored.id, 'return', reviewer, { baseVersion: v, reason: '表三自然人数与台账不符。' })).status,
    ).toBe('returned')
    const view = await workflowView(stored.id, ['officer'])
    expect(view?.returnReason).toMatchObject({ reason: '表三自然人数与台账不符。', by: '王审核' })
    expect(view?.transitions.map((t) => t.id)).toEqual(['complete', 'submit'])

    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 1
    next.sections.applications.granted.natural += 1
    const saved = await saveReport(stored.id, v, next, officer.id)
    expect(saved.status).toBe('returned')
    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
    await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
    expect((await transition(stored.id, 'publish', coordinator, { baseVersion: saved.version })).status).toBe(
      'published',
    )

    const history = await reportHistory(stored.id)
    expect(history.map((e) => e.kind).reverse()).toEqual([
      'import',
      'submit',
      'comment',
      'return',
      'save',
      'submit',
      'approve',
      'publish',
    ])
    for (const e of history.filter((h) => h.kind !== 'import')) {
      expect(e.actor).toMatch(/^(李填报|王审核|赵统筹)$/)
      expect(Date.parse(e.at)).not.toBeNaN()
    }
    const save = history.find((e) => e.kind === 'save')!
    expect(save.changes.map((c) => c.label)).toContain('一、本年新收政府信息公开申请数量·自然人')
    expect(history.find((e) => e.kind === 'return')?.reason).toBe('表三自然人数与台账不符。')
  })

  it('refuses the wrong role (403), the wrong state (409), a stale version and a missing reason', async () => {
    const stored = await completeDraft()
    expect((await refused(transition(stored.id, 'submit', reviewer, { baseVersion: stored.version }))).status).toBe(403)
    expect((await refused(transition(stored.id, 'approve', reviewer, { baseVersion: stored.version }))).status).toBe(
      409,
    )
    expect((await refused(transition(stored.id, 'submit', officer, { baseVersion: stored.version + 1 }))).code).toBe(
      'conflict',
    )
    await transition(stored.id, 'submit', officer, { baseVersion: stored.version })
    const e = await refused(transition(stored.id, 'return', reviewer, { baseVersion: stored.version, reason: '  ' }))
    expect(e.code).toBe('reason_required')
    expect(e.message).toContain('退回的理由')
  })

  it('refuses to submit an incomplete report, with what is missing', async () => {
    const { report } = fixture('zhangdian-jgsw-2022')
    report.agency = { ...report.agency, name: agencyName() }
    const { report: stored } = await importReport(toInterchange(report))
    await grant(stored.id)
    const e = await refused(transition(stored.id, 'submit', officer, { baseVersion: stored.version }))
    expect(e.status).toBe(422)
    expect(e.code).toBe('incomplete')
    expect(e.message).toContain('不能提交审核')
    expect(e.details?.completeness?.blank.length).toBeGreaterThan(0)
    expect((await getReport(stored.id))?.status).toBe('draft')
  })

  it('refuses the officer’s saves while submitted or approved, in Chinese', async () => {
    const stored = await submitted()
    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 1
    const e = await refused(saveReport(stored.id, stored.version, next, officer.id))
    expect(e.status).toBe(409)
    expect(e.code).toBe('not_editable')
    expect(e.message).toContain('退回之前不能修改')
    await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })
    expect((await refused(saveReport(stored.id, stored.version, next, officer.id))).message).toContain('已冻结')
  })
})

describe('frozen versions', () => {
  it('exports the approved snapshot, byte for byte, whatever happens to the stored draft row', async () => {
    const stored = await approved()
    const docx1 = await exportDocument(stored.id, 'docx')
    const html1 = await exportDocument(stored.id, 'html')
    expect(docx1.draft).toBe(false)
    expect(docx1.versionNumber).toBe(1)
    expect(await headerXml(docx1.body)).not.toContain('草稿')

    // Tamper with the working row directly in the database.
    const row = await prisma.report.findUniqueOrThrow({ where: { id: stored.id } })
    const tampered = JSON.parse(row.content)
    tampered.sections.applications.newReceived.natural = 99999
    tampered.sections.overview = '被篡改的正文。'
    await prisma.report.update({
      where: { id: stored.id },
      data: { content: JSON.stringify(tampered), status: 'draft' },
    })

    await new Promise((r) => setTimeout(r, 2100))
    const docx2 = await exportDocument(stored.id, 'docx')
    const html2 = await exportDocument(stored.id, 'html')
    expect(Buffer.compare(docx1.body as Buffer, docx2.body as Buffer)).toBe(0)
    expect(html2.body).toBe(html1.body)
    expect(String(html2.body)).not.toContain('被篡改')
    // The working copy is still reachable, and marked as a draft.
    const working = await exportDocument(stored.id, 'html', {}, 'working')
    expect(String(working.body)).toContain('被篡改')
    expect(String(working.body)).toContain('草稿')
  })

  it('a draft never approved exports with the 草稿 mark', async () => {
    const stored = await completeDraft()
    const doc = await exportDocument(stored.id, 'docx')
    expect(doc.draft).toBe(true)
    expect(await headerXml(doc.body)).toContain('草稿')
  })

  it('a correction opens version 2; the versions are listed and compared', async () => {
    const stored = await approved()
    await transition(stored.id, 'publish', coordinator, { baseVersion: stored.version })
    const e = await refused(transition(stored.id, 'correct', officer, { baseVersion: stored.version }))
    expect(e.code).toBe('reason_required')
    const opened = await transition(stored.id, 'correct', officer, {
      baseVersion: stored.version,
      reason: '更正表三数据',
    })
    expect(opened).toMatchObject({ status: 'draft', edition: 2 })

    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 2
    next.sections.applications.granted.natural += 2
    next.sections.problemsImprovements = `${next.sections.problemsImprovements}\n补充一段说明。`
    const saved = await saveReport(stored.id, stored.version, next, officer.id)
    // Until version 2 is approved, the published version 1 is what downloads.
    expect((await exportDocument(stored.id, 'docx')).versionNumber).toBe(1)

    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
    await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
    const versions = await listVersions(stored.id)
    expect(versions.map((v) => [v.key, v.state, v.approvedBy])).toEqual([
      ['1', '已发布', '王审核'],
      ['2', '已审核', '王审核'],
    ])
    expect(versions[0].publishedBy).toBe('赵统筹')
    expect((await exportDocument(stored.id, 'docx')).versionNumber).toBe(2)

    const { diff } = await compareVersions(stored.id, '1', '2')
    expect(diff.cells.map((c) => c.path)).toEqual(
      expect.arrayContaining(['applications.newReceived.natural', 'applications.granted.natural']),
    )
    const natural = diff.cells.find((c) => c.path === 'applications.newReceived.natural')!
    expect(Number(natural.after) - Number(natural.before)).toBe(2)
    expect(diff.narratives.map((n) => n.sectionKey)).toEqual(['problemsImprovements'])
    expect(diff.narratives[0].rows.at(-1)).toEqual({ kind: 'added', before: null, after: '补充一段说明。' })
  })
})

describe('comments', () => {
  it('reviewers comment on cells and sections, officers answer, reviewers resolve; resolved ones stay', async () => {
    const stored = await submitted()
    const onCell = await addComment(stored.id, reviewer, { anchor: 'applications.newReceived.natural', body: '核对' })
    expect(onCell.anchorLabel).toContain('自然人')
    await addComment(stored.id, reviewer, { anchor: 'overview', body: '总体情况太简略。' })
    expect((await refused(addComment(stored.id, officer, { anchor: 'overview', body: '我也提' }))).status).toBe(403)
    expect((await refused(addComment(stored.id, reviewer, { anchor: 'nowhere.at.all', body: 'x' }))).status).toBe(422)
    await addComment(stored.id, officer, { parentId: onCell.id, body: '已核对台账，数字无误。' })
    expect((await refused(resolveComment(stored.id, onCell.id, officer))).status).toBe(403)
    await resolveComment(stored.id, onCell.id, reviewer)

    const threads = await listComments(stored.id)
    expect(threads).toHaveLength(2)
    expect(threads[0]).toMatchObject({ authorName: '王审核', resolvedByName: '王审核' })
    expect(threads[0].replies.map((r) => [r.authorName, r.body])).toEqual([['李填报', '已核对台账，数字无误。']])
    expect(threads[1].resolvedAt).toBeNull()
    expect((await refused(addComment(stored.id, officer, { parentId: onCell.id, body: '再说一句' }))).code).toBe(
      'resolved',
    )
    await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })
    expect((await refused(addComment(stored.id, reviewer, { anchor: 'overview', body: '晚了' }))).code).toBe(
      'invalid_state',
    )
    const kinds = (await reportHistory(stored.id)).map((e) => e.kind)
    expect(kinds.filter((k) => ['comment', 'reply', 'resolve'].includes(k)).sort()).toEqual([
      'comment',
      'comment',
      'reply',
      'resolve',
    ])
  })
})

describe('lists', () => {
  it('gives state, open comments and the deadline, overdue marked', async () => {
    const a = await submitted()
    await addComment(a.id, reviewer, { anchor: 'overview', body: '请补充。' })
    const b = await completeDraft()
    const rows = await listReportsFor({
      agencyIds: [(await prisma.report.findUniqueOrThrow({ where: { id: a.id } })).agencyId],
      today: '2022-04-01',
    })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      openComments: 1,
      deadline: '2022-03-31',
      finished: false,
    })
    expect(rows[0].deadlineStatus).toMatchObject({ kind: 'overdue', daysOver: 1 })
    expect(rows[0].submittedAt).not.toBeNull()
    const waiting = await listReportsFor({
      agencyIds: (await prisma.agency.findMany({ select: { id: true } })).map((x) => x.id),
      states: ['submitted'],
    })
    expect(waiting.map((r) => r.id)).toContain(a.id)
    expect(waiting.map((r) => r.id)).not.toContain(b.id)
  })

  it('finds every agency under a government', async () => {
    const gov = await prisma.agency.create({ data: { name: agencyName(), type: 'government' } })
    const dept = await prisma.agency.create({ data: { name: agencyName(), type: 'department', parentId: gov.id } })
    const sub = await prisma.agency.create({ data: { name: agencyName(), type: 'department', parentId: dept.id } })
    expect((await agencyTree([gov.id])).map((x) => x.id).sort()).toEqual([gov.id, dept.id, sub.id].sort())
  })
})
