import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { formatCells } from '@/lib/format/cells'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { explainN1 } from '@/test/complete-report'
import { events, refused, secrecyRecord, workflowActors } from '@/test/services'
import { checkPortalCopy } from './portal-copy'
import { exportDocument } from './report-export'
import { saveReport } from './report-save'
import { transition } from './transitions'
import { listVersions } from './versions'
import { workflowView } from './workflow-view'

const { officer, reviewer, coordinator, completeDraft, approved } = workflowActors()

const version = (reportId: string, number = 1) =>
  prisma.reportVersion.findUniqueOrThrow({ where: { reportId_number: { reportId, number } } })

describe('保密审查 before 发布', () => {
  it('refuses 发布 without the record, keyed by field, and writes nothing', async () => {
    const stored = await approved()
    const none = await refused(transition(stored.id, 'publish', coordinator, { baseVersion: stored.version }))
    expect(none).toMatchObject({ status: 422, code: 'secrecy_required' })
    expect(Object.keys(none.fields ?? {}).sort()).toEqual([
      'secrecy.conclusion',
      'secrecy.reviewedOn',
      'secrecy.reviewer',
    ])
    expect(none.message).toContain('第十七条')

    const blank = await refused(
      transition(stored.id, 'publish', coordinator, {
        baseVersion: stored.version,
        secrecy: { ...secrecyRecord(), reviewer: '  ' },
      }),
    )
    expect(blank.fields).toEqual({ 'secrecy.reviewer': '请填写保密审查人' })

    const future = await refused(
      transition(stored.id, 'publish', coordinator, {
        baseVersion: stored.version,
        secrecy: { ...secrecyRecord(), reviewedOn: '2999-01-01' },
      }),
    )
    expect(future.fields).toEqual({ 'secrecy.reviewedOn': '审查日期不能晚于今天' })

    const early = await refused(
      transition(stored.id, 'publish', coordinator, {
        baseVersion: stored.version,
        secrecy: { ...secrecyRecord(), reviewedOn: '2020-02-03' },
      }),
    )
    expect(early.fields?.['secrecy.reviewedOn']).toMatch(/^审查日期不能早于审核通过的日期/)

    const bad = await refused(
      transition(stored.id, 'publish', coordinator, {
        baseVersion: stored.version,
        secrecy: { ...secrecyRecord(), reviewedOn: '2024-02-30' },
      }),
    )
    expect(bad.fields?.['secrecy.reviewedOn']).toContain('有效的日期')

    expect((await version(stored.id)).publishedAt).toBeNull()
    expect((await events(stored.id)).map((e) => e.kind)).not.toContain('publish')
  })

  it('publishes with the record, kept on the version and in the event of the same transaction', async () => {
    const stored = await approved()
    const record = secrecyRecord()
    const done = await transition(stored.id, 'publish', coordinator, {
      baseVersion: stored.version,
      secrecy: { ...record, reviewer: ` ${record.reviewer} ` },
    })
    expect(done.status).toBe('published')
    const v = await version(stored.id)
    expect(v).toMatchObject({
      secrecyReviewer: record.reviewer,
      secrecyReviewedOn: record.reviewedOn,
      secrecyConclusion: record.conclusion,
      secrecyRecordedById: coordinator.id,
      publishedById: coordinator.id,
      correctionNote: null,
    })
    expect(v.secrecyRecordedAt?.getTime()).toBe(v.publishedAt?.getTime())
    const publish = (await events(stored.id)).find((e) => e.kind === 'publish')!
    expect(JSON.parse(publish.summary).secrecy).toEqual(record)
    expect(publish.createdAt.getTime()).toBe(v.publishedAt?.getTime())
    const [listed] = await listVersions(stored.id)
    expect(listed.secrecy).toEqual(record)
  })
})

/** Publishes the approved report, opens a correction and gets version 2 approved with one cell changed. */
async function correctedAndApproved() {
  const stored = await approved()
  await transition(stored.id, 'publish', coordinator, { baseVersion: stored.version, secrecy: secrecyRecord() })
  await transition(stored.id, 'correct', officer, { baseVersion: stored.version, reason: '更正表三数据' })
  const next = structuredClone(stored.report) as any
  next.sections.applications.newReceived.natural += 2
  next.sections.applications.granted.natural += 2
  next.explanations = { ...next.explanations, ...explainN1(next, '正文数字以更正后的表三为准。') }
  const saved = await saveReport(stored.id, stored.version, next, officer.id)
  await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
  await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
  return { stored, saved, before: stored.report.sections as any }
}

describe('更正说明', () => {
  it('drafts the note from the differences and requires one to publish a correction', async () => {
    const { stored, saved, before } = await correctedAndApproved()
    const view = await workflowView(stored.id, ['coordinator'], coordinator.id)
    const draft = view?.publication?.correctionDraft ?? ''
    expect(draft).toContain('本版对第1版作如下更正')
    const natural = before.applications.newReceived.natural
    expect(draft).toContain(`由${natural}更正为${natural + 2}`)
    expect(draft).toMatch(/本年新收政府信息公开申请数量/)

    const missing = await refused(
      transition(stored.id, 'publish', coordinator, { baseVersion: saved.version, secrecy: secrecyRecord() }),
    )
    expect(missing).toMatchObject({ code: 'correction_note_required', fields: { correctionNote: '请填写更正说明' } })
    await transition(stored.id, 'publish', coordinator, {
      baseVersion: saved.version,
      secrecy: secrecyRecord(),
      correctionNote: draft,
    })
    expect((await version(stored.id, 2)).correctionNote).toBe(draft)
    const versions = await listVersions(stored.id)
    expect(versions.map((v) => v.correctionNote)).toEqual([null, draft])
  })

  it('asks no note of a first publication', async () => {
    const stored = await approved()
    const view = await workflowView(stored.id, ['coordinator'], coordinator.id)
    expect(view?.publication?.correctionDraft).toBeNull()
    expect(view?.publication?.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})

describe('撤回发布', () => {
  it('needs a reason and the coordinator; marks the version withdrawn, audits it and tells the officers', async () => {
    const stored = await approved()
    await transition(stored.id, 'publish', coordinator, { baseVersion: stored.version, secrecy: secrecyRecord() })
    const noReason = await refused(transition(stored.id, 'unpublish', coordinator, { baseVersion: stored.version }))
    expect(noReason).toMatchObject({ code: 'reason_required', message: '请填写撤回发布的理由。' })
    const byOfficer = await refused(
      transition(stored.id, 'unpublish', officer, { baseVersion: stored.version, reason: '有误' }),
    )
    expect(byOfficer.status).toBe(403)
    expect((await version(stored.id)).withdrawnAt).toBeNull()

    // The officer's membership as the notices find it (the test actors carry theirs in memory).
    const { agencyId } = await prisma.report.findUniqueOrThrow({ where: { id: stored.id } })
    await prisma.membership.create({ data: { userId: officer.id, agencyId, role: 'officer' } })
    const reason = '表三数据与台账不符，核实后重新发布。'
    const done = await transition(stored.id, 'unpublish', coordinator, { baseVersion: stored.version, reason })
    expect(done.status).toBe('withdrawn')
    const v = await version(stored.id)
    expect(v).toMatchObject({ withdrawnReason: reason, withdrawnById: coordinator.id, withdrawnByName: '赵统筹' })
    expect(v.publishedAt).not.toBeNull()
    const event = (await events(stored.id)).at(-1)!
    expect(event.kind).toBe('unpublish')
    expect(event.createdAt.getTime()).toBe(v.withdrawnAt?.getTime())
    expect(JSON.parse(event.summary)).toMatchObject({ from: 'published', to: 'withdrawn', reason })
    const notice = await prisma.notice.findFirst({
      where: { userId: officer.id, reportId: stored.id, kind: 'withdrawn' },
    })
    expect(notice?.title).toContain('已撤回发布')
    expect(notice?.body).toContain(reason)
    expect((await listVersions(stored.id))[0]).toMatchObject({ state: '已撤回发布', withdrawn: { reason } })

    // A second click answers the state it is in, writing nothing; putting it back is a correction.
    const count = (await events(stored.id)).length
    const again = await transition(stored.id, 'unpublish', coordinator, { baseVersion: stored.version, reason })
    expect(again.status).toBe('withdrawn')
    expect(await events(stored.id)).toHaveLength(count)
    const opened = await transition(stored.id, 'correct', officer, { baseVersion: stored.version, reason: '重新核实' })
    expect(opened).toMatchObject({ status: 'draft', edition: 2 })
  })
})

/** A count cell whose value is printed once in the HTML (so changing it changes that cell only). */
function uniquelyPrinted(format: FormatDef, report: ReportData, html: string) {
  for (const cell of formatCells(format)) {
    const value = getAt(report.sections, cell.segments)
    if (typeof value !== 'number' || value < 10) continue
    for (const printed of [value.toLocaleString('en-US'), String(value)]) {
      const needle = `>${printed}<`
      if (html.split(needle).length === 2) return { cell, value, needle }
    }
  }
  throw new Error('no uniquely printed value')
}

describe('the portal copy check', () => {
  it('finds the exported HTML of the approved version 一致, and one changed number as that cell', async () => {
    const stored = await approved()
    const html = String((await exportDocument(stored.id, 'html')).body)
    const same = await checkPortalCopy(coordinator, stored.id, '门户.html', new TextEncoder().encode(html))
    expect(same.same).toBe(true)
    expect(same.version.number).toBe(1)
    expect(same.checked.cells).toBeGreaterThan(100)

    const report = stored.report as ReportData
    const format = formatFor(report.formatVersion) as FormatDef
    const { value, needle } = uniquelyPrinted(format, report, html)
    const changed = html.replace(needle, `>${value + 1}<`)
    const differs = await checkPortalCopy(reviewer, stored.id, 'portal.htm', new TextEncoder().encode(changed))
    expect(differs.same).toBe(false)
    expect(differs.cells).toHaveLength(1)
    expect(differs.cells[0].approved.replace(/,/g, '')).toBe(String(value))
    expect(differs.cells[0].portal.replace(/,/g, '')).toBe(String(value + 1))
    expect(differs.paragraphs).toEqual([])
  })

  it('refuses bad files in Chinese, reports without an approved version, and outsiders', async () => {
    const stored = await approved()
    const bytes = (text: string) => new TextEncoder().encode(text)
    const wrongKind = await refused(checkPortalCopy(coordinator, stored.id, 'report.txt', bytes('一')))
    expect(wrongKind).toMatchObject({ status: 415, code: 'unsupported_type' })
    expect(wrongKind.message).toContain('.html')
    const notReport = await refused(
      checkPortalCopy(
        coordinator,
        stored.id,
        'news.html',
        bytes('<html><body><p>今日新闻：天气晴。</p></body></html>'),
      ),
    )
    expect(notReport).toMatchObject({ status: 422, code: 'not_a_report' })
    expect(notReport.message).toContain('不像一份政府信息公开工作年度报告')
    const malformed = await refused(checkPortalCopy(coordinator, stored.id, 'report.pdf', bytes('%PDF-1.4 broken')))
    expect(malformed.status).toBe(422)
    expect(malformed.message).toMatch(/[\u4e00-\u9fff]/)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    const tooBig = await refused(checkPortalCopy(coordinator, stored.id, 'big.html', big))
    expect(tooBig).toMatchObject({ status: 413, code: 'too_large' })
    const empty = await refused(checkPortalCopy(coordinator, stored.id, 'empty.html', new Uint8Array()))
    expect(empty.status).toBe(422)

    const outsider = { ...coordinator, id: 'u-outsider', memberships: [] }
    expect((await refused(checkPortalCopy(outsider, stored.id, 'a.html', bytes('x')))).status).toBe(403)
    const draft = await completeDraft()
    expect((await refused(checkPortalCopy(officer, draft.id, 'a.html', bytes('x')))).code).toBe('not_approved')
  })
})
