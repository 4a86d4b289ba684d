import { describe, expect, it } from 'vitest'
import { toInterchange } from '@/lib/report/interchange'
import { explainN1 } from '@/test/complete-report'
import { fixture } from '@/test/fixtures'
import { agencyName, events, fixtureJson, newDraft, refused, workflowActors, secrecyRecord } from '@/test/services'
import { prisma } from '@/lib/db'
import { addComment, resolveComment } from './comments'
import { deleteDraft } from './report-delete'
import { reportHistory } from './history'
import { importReport } from './report-import'
import { getReport } from './report-read'
import { saveReport } from './report-save'
import { transition } from './transitions'
import { workflowView } from './workflow-view'
import { compareVersions, listSubmissions } from './versions'

const { officer, reviewer, coordinator, grant, completeDraft, submitted } = workflowActors()

/** The officer's 标记为完成 and 继续修改, as the /complete and /reopen routes take them. */
const complete = (id: string, baseVersion: number) => transition(id, 'complete', officer, { baseVersion })
const reopen = (id: string) => transition(id, 'reopen', officer, { baseVersion: 'stored' })

describe('transitions', () => {
  it('follows the whole path with an audit event per step, each with its actor', async () => {
    const stored = await completeDraft()
    const v = stored.version
    expect((await transition(stored.id, 'submit', officer, { baseVersion: v })).status).toBe('submitted')
    const asked = await addComment(stored.id, reviewer, {
      anchor: 'applications.newReceived.natural',
      body: '请核对自然人申请数。',
    })
    expect(
      (await transition(stored.id, 'return', reviewer, { baseVersion: v, reason: '表三自然人数与台账不符。' })).status,
    ).toBe('returned')
    const view = await workflowView(stored.id, ['officer'])
    expect(view?.returnReason).toMatchObject({ reason: '表三自然人数与台账不符。', by: '王审核' })
    expect(view?.transitions.map((t) => t.id)).toEqual(['complete', 'submit'])

    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 1
    next.sections.applications.granted.natural += 1
    // The overview still states last figures: its contradicted counts (N1) are explained.
    next.explanations = { ...next.explanations, ...explainN1(next) }
    const saved = await saveReport(stored.id, v, next, officer.id)
    expect(saved.status).toBe('returned')
    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
    await resolveComment(stored.id, asked.id, reviewer)
    await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
    expect(
      (await transition(stored.id, 'publish', coordinator, { baseVersion: saved.version, secrecy: secrecyRecord() }))
        .status,
    ).toBe('published')

    const { events: history } = await reportHistory(stored.id)
    expect(history.map((e) => e.kind).reverse()).toEqual([
      'import',
      'submit',
      'comment',
      'return',
      'save',
      'submit',
      'resolve',
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
    report.agency = { ...report.agency, name: agencyName('流程测试第') }
    // The fee facts blank, as before the officer states them.
    report.sections.otherMatters = { ...(report.sections.otherMatters as object), infoProcessingFee: {} }
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

describe('complete and reopen', () => {
  async function importedJgsw() {
    const raw = fixtureJson('zhangdian-jgsw-2022.json')
    raw.agency.name = agencyName()
    // Imported with the fee facts blank: the tests' first save states them.
    delete raw.sections.otherMatters.infoProcessingFee
    const { report } = await importReport(raw)
    await grant(report.id)
    return report
  }

  it('refuses an incomplete report with 422 and what is missing', async () => {
    const draft = await newDraft()
    await grant(draft.id)
    const e = await refused(complete(draft.id, 1))
    expect(e.status).toBe(422)
    expect(e.code).toBe('incomplete')
    expect(e.details?.completeness?.complete).toBe(false)
    expect(e.details?.completeness?.blank).toContain('applications.newReceived.natural')
    expect(e.message).toMatch(/尚未填写完整/)
    expect((await getReport(draft.id))?.status).toBe('draft')
  })

  it('marks a complete report complete, and a changing save sets it back to draft', async () => {
    const stored = await importedJgsw()
    const next = structuredClone(stored.report) as any
    next.sections.otherMatters.infoProcessingFee = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }
    const saved = await saveReport(stored.id, 1, next)

    expect((await refused(complete(stored.id, 1))).code).toBe('conflict')
    const done = await complete(stored.id, saved.version)
    expect(done).toMatchObject({ status: 'complete', version: saved.version })

    // Unchanged content keeps it complete; a change reopens it.
    expect((await saveReport(stored.id, saved.version, next)).status).toBe('complete')
    next.sections.overview = `${next.sections.overview}\n补充说明。`
    const changed = await saveReport(stored.id, saved.version, next)
    expect(changed).toMatchObject({ status: 'draft', version: saved.version + 1 })
    const evs = await events(stored.id)
    expect(evs.map((e) => e.kind)).toEqual(['import', 'save', 'complete', 'save'])
    expect(JSON.parse(evs[3].summary)).toEqual({ changed: ['sections.overview'], reopened: true })

    await complete(stored.id, changed.version)
    const reopened = await reopen(stored.id)
    expect(reopened.status).toBe('draft')
    expect((await events(stored.id)).map((e) => e.kind).slice(-2)).toEqual(['complete', 'reopen'])
  })

  it('answers a second click with the state it is in, and refuses whoever may not take it', async () => {
    const stored = await importedJgsw()
    const next = structuredClone(stored.report) as any
    next.sections.otherMatters.infoProcessingFee = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }
    const saved = await saveReport(stored.id, 1, next)
    await complete(stored.id, saved.version)
    expect(await complete(stored.id, saved.version)).toMatchObject({ status: 'complete', version: saved.version })
    expect((await refused(complete(stored.id, saved.version - 1))).code).toBe('conflict')
    const byReviewer = await refused(transition(stored.id, 'reopen', reviewer, { baseVersion: 'stored' }))
    expect([byReviewer.status, byReviewer.code]).toEqual([403, 'forbidden'])
    await reopen(stored.id)
    expect(await reopen(stored.id)).toMatchObject({ status: 'draft', version: saved.version })
    const correct = await refused(
      transition(stored.id, 'correct', officer, { baseVersion: saved.version, reason: '再改' }),
    )
    expect(correct.code).toBe('invalid_state')
    expect((await events(stored.id)).map((e) => e.kind)).toEqual(['import', 'save', 'complete', 'reopen'])
  })
})

describe('four eyes: whoever submitted cannot approve or return', () => {
  it('refuses the submitter who is also a reviewer, hides the buttons from them, and lets another reviewer approve', async () => {
    const stored = await completeDraft()
    const { prisma } = await import('@/lib/db')
    const { agencyId } = await prisma.report.findUniqueOrThrow({ where: { id: stored.id } })
    const both = {
      id: 'u-both',
      name: '钱兼审',
      email: 'u-both@test.demo',
      isAdmin: false,
      memberships: officer.memberships
        .filter((m) => m.agencyId === agencyId)
        .flatMap((m) => [
          { ...m, role: 'officer' as const },
          { ...m, role: 'reviewer' as const },
        ]),
    }
    await prisma.user.create({ data: { id: both.id, name: both.name, email: both.email } })
    await transition(stored.id, 'submit', both, { baseVersion: stored.version })

    for (const [id, extra] of [
      ['approve', {}],
      ['return', { reason: '自己退回自己' }],
    ] as const) {
      const e = await refused(transition(stored.id, id, both, { baseVersion: stored.version, ...extra }))
      expect(e.status).toBe(403)
      expect(e.code).toBe('own_submission')
      expect(e.message).toContain('本人提交')
    }
    expect((await getReport(stored.id))?.status).toBe('submitted')
    expect((await events(stored.id)).map((e) => e.kind)).not.toContain('approve')

    // As the officer who submitted, they may still withdraw it; as a reviewer, take nothing.
    const own = await workflowView(stored.id, ['officer', 'reviewer'], both.id)
    expect(own?.transitions.map((t) => t.id)).toEqual(['withdraw'])
    const other = await workflowView(stored.id, ['reviewer'], reviewer.id)
    expect(other?.transitions.map((t) => t.id)).toEqual(['return', 'approve'])

    expect((await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })).status).toBe('approved')
  })
})

describe('safeguards', () => {
  it('refuses 审核通过 while comment threads are open, listing them, and allows it once resolved', async () => {
    const stored = await submitted()
    const c = await addComment(stored.id, reviewer, {
      anchor: 'applications.newReceived.natural',
      body: '请核对自然人申请数。',
    })
    const view = await workflowView(stored.id, ['reviewer'], reviewer.id)
    expect(view?.refusals.approve).toContain('还有1条审核意见未解决')
    expect(view?.openComments).toEqual([
      { anchorLabel: expect.stringContaining('自然人'), body: '请核对自然人申请数。' },
    ])
    const e = await refused(transition(stored.id, 'approve', reviewer, { baseVersion: stored.version }))
    expect([e.status, e.code]).toEqual([409, 'open_comments'])
    expect(e.message).toContain('1. ')
    expect(e.message).toContain('请核对自然人申请数。')
    expect((await getReport(stored.id))?.status).toBe('submitted')
    await resolveComment(stored.id, c.id, reviewer)
    expect((await workflowView(stored.id, ['reviewer'], reviewer.id))?.refusals).toEqual({})
    expect((await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })).status).toBe('approved')
  })

  it('lets the officer withdraw a submission no reviewer has touched, and refuses after a comment', async () => {
    const stored = await submitted()
    expect((await workflowView(stored.id, ['officer'], officer.id))?.transitions.map((t) => t.id)).toEqual(['withdraw'])
    const back = await transition(stored.id, 'withdraw', officer, { baseVersion: stored.version })
    expect(back.status).toBe('draft')
    expect((await events(stored.id)).map((e) => e.kind).slice(-2)).toEqual(['submit', 'withdraw'])

    await transition(stored.id, 'submit', officer, { baseVersion: stored.version })
    await addComment(stored.id, reviewer, { anchor: 'overview', body: '概述太简略。' })
    const view = await workflowView(stored.id, ['officer'], officer.id)
    expect(view?.refusals.withdraw).toContain('不能撤回')
    const e = await refused(transition(stored.id, 'withdraw', officer, { baseVersion: stored.version }))
    expect([e.status, e.code]).toEqual([409, 'reviewed'])
    expect(e.message).toContain('审核人已就本次提交写了审核意见')
    // A reviewer cannot take the officer's withdrawal.
    expect((await refused(transition(stored.id, 'withdraw', reviewer, { baseVersion: stored.version }))).status).toBe(
      403,
    )
  })

  it('keeps a snapshot at every submission and shows the reviewer what changed on a resubmission', async () => {
    const stored = await submitted()
    expect((await workflowView(stored.id, ['reviewer'], reviewer.id))?.resubmission).toBeNull()
    await transition(stored.id, 'return', reviewer, { baseVersion: stored.version, reason: '请核对。' })
    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 1
    next.sections.applications.granted.natural += 1
    // The overview still states last figures: its contradicted counts (N1) are explained.
    next.explanations = { ...next.explanations, ...explainN1(next) }
    const saved = await saveReport(stored.id, stored.version, next, officer.id)
    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })

    const subs = await listSubmissions(stored.id)
    expect(subs.map((s) => s.key)).toEqual(['s1', 's2'])
    expect(subs[1].label).toMatch(/^第2次提交（\d{4}\/\d{1,2}\/\d{1,2} /)
    const rows = await prisma.reportSubmission.findMany({ where: { reportId: stored.id }, orderBy: { number: 'asc' } })
    expect(rows.map((r) => r.contentVersion)).toEqual([stored.version, saved.version])

    const { diff } = await compareVersions(stored.id, 's1', 's2')
    expect(diff.cells.map((c) => c.path)).toEqual(
      expect.arrayContaining(['applications.newReceived.natural', 'applications.granted.natural']),
    )
    // The two inputs and the totals they feed, nothing else.
    expect(diff.cells.every((c) => /^applications\./.test(c.path))).toBe(true)
    expect(diff.narratives).toEqual([])
    const view = await workflowView(stored.id, ['reviewer'], reviewer.id)
    // The cells, and the officer's explanation of the overview's contradicted counts (N1).
    // One explanation per contradicted sentence (decision 0370).
    expect(diff.explanations.length).toBeGreaterThan(0)
    expect(diff.explanations.every((e) => /^N1@[0-9a-f]{8}$/.test(e.ruleId))).toBe(true)
    expect(view?.resubmission).toEqual({
      previous: 's1',
      current: 's2',
      changes: diff.cells.length + diff.explanations.length,
    })
    const cell = diff.cells.find((c) => c.path === 'applications.newReceived.natural')!
    expect(cell.after).toBe((cell.before as number) + 1)
  })

  it('deletes a never-submitted draft for its officer and keeps the deletion in the audit trail', async () => {
    const stored = await completeDraft()
    expect((await workflowView(stored.id, ['officer'], officer.id))?.deletable).toBe(true)
    expect((await workflowView(stored.id, ['reviewer'], reviewer.id))?.deletable).toBe(false)
    expect((await refused(deleteDraft(stored.id, reviewer, stored.version))).status).toBe(403)
    expect((await refused(deleteDraft(stored.id, officer, stored.version + 1))).code).toBe('conflict')

    const gone = await deleteDraft(stored.id, officer, stored.version)
    expect(gone.id).toBe(stored.id)
    expect(await getReport(stored.id)).toBeNull()
    const tomb = await prisma.reportDeletion.findMany({ where: { reportId: stored.id } })
    expect(tomb).toHaveLength(1)
    expect(tomb[0].deletedById).toBe(officer.id)
    expect(JSON.parse(tomb[0].events).map((e: { kind: string }) => e.kind)).toEqual(['import'])
    expect(JSON.parse(tomb[0].content).year).toBe(stored.report.year)
    expect((await refused(deleteDraft(stored.id, officer, stored.version))).status).toBe(404)
  })

  it('refuses to delete a report that was ever submitted, even after a withdrawal', async () => {
    const stored = await submitted()
    expect((await refused(deleteDraft(stored.id, officer, stored.version))).message).toContain('已提交过审核')
    await transition(stored.id, 'withdraw', officer, { baseVersion: stored.version })
    expect((await workflowView(stored.id, ['officer'], officer.id))?.deletable).toBe(false)
    const e = await refused(deleteDraft(stored.id, officer, stored.version))
    expect([e.status, e.code]).toEqual([409, 'invalid_state'])
    expect(await getReport(stored.id)).not.toBeNull()
  })
})
