/**
 * docs/security.md, finding 8: what a save, a comment or an account may carry.
 */
import { describe, expect, it } from 'vitest'
import { MAX_COUNT } from '@/lib/format/value-types'
import { createUser } from '@/lib/services/accounts'
import { newDraft, refused, workflowActors } from '@/test/services'
import { addComment } from './comments'
import { getReport } from './report-read'
import { saveReport } from './report-save'

const { reviewer, completeDraft } = workflowActors()

describe('input hygiene', () => {
  it('refuses an addend that would take a derived total past the largest count, at the addends', async () => {
    const draft = await newDraft()
    const next = structuredClone(draft.report) as any
    const row = next.sections.applications.newReceived
    for (const column of Object.keys(row)) if (column !== 'total') row[column] = 1
    row.natural = MAX_COUNT
    const e = await refused(saveReport(draft.id, 1, next))
    expect(e.status).toBe(422)
    expect(e.code).toBe('total_too_large')
    expect(e.message).toContain(`最大值${MAX_COUNT}`)
    expect(e.fields?.['sections.applications.newReceived.natural']).toContain('将超过最大值')
    expect((await getReport(draft.id))?.version).toBe(1)
    // Within the bound it saves, and later saves still pass.
    row.natural = MAX_COUNT - 10
    const saved = await saveReport(draft.id, 1, next)
    expect(saved.version).toBe(2)
    next.sections.overview = '（一）主动公开'
    expect((await saveReport(draft.id, 2, next)).version).toBe(3)
  })

  it('accepts explanations only for rule ids of the format', async () => {
    const draft = await newDraft()
    const next = structuredClone(draft.report) as any
    next.explanations = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`no-such-rule-${i}`, '说明']))
    const e = await refused(saveReport(draft.id, 1, next))
    expect(e.status).toBe(422)
    expect(Object.values(e.fields ?? {}).join()).toContain('核对规则“no-such-rule-0”不存在')
    expect(e.message).not.toMatch(/Invalid|expected/)
  })

  it('removes controls and bidi overrides from narratives with a notice, and keeps the rest', async () => {
    const draft = await newDraft()
    const next = structuredClone(draft.report) as any
    next.sections.overview = '（一）主动公开\u202e\u0000本年度\u2066主动公开\uffff信息。\n第二段'
    const saved = await saveReport(draft.id, 1, next)
    expect(saved.notices?.[0]).toContain('已删除4个')
    expect((await getReport(draft.id))?.report.sections.overview).toBe('（一）主动公开本年度主动公开信息。\n第二段')
    // Sending the same text again changes nothing and says so again.
    expect((await saveReport(draft.id, 2, next)).notices?.[0]).toContain('已删除4个')
  })

  it('removes them from a comment with a notice', async () => {
    const stored = await completeDraft()
    const c = await addComment(stored.id, reviewer, {
      anchor: 'applications.newReceived.natural',
      body: '请\u202e核对\u0007。',
    })
    expect(c.body).toBe('请核对。')
    expect(c.notice).toContain('已删除2个')
  })

  it('refuses names with them, and says a repeated membership is repeated, not a duplicate account', async () => {
    for (const name of ['张\u202e三', '张\n三', '\u0000']) {
      const e = await refused(createUser({ email: 'n@test.demo', name, password: 'a-long-password-1' }))
      expect(e.status).toBe(422)
      expect(e.fields?.name).toContain('控制字符')
    }
    const { prisma } = await import('@/lib/db')
    const agency = await prisma.agency.create({
      data: { name: '重复角色测试局', type: 'department', code: 'dup-role-1' },
    })
    const e = await refused(
      createUser({
        email: 'dup-role@test.demo',
        name: '重复',
        password: 'a-long-password-1',
        memberships: [
          { agencyId: agency.id, role: 'officer' },
          { agencyId: agency.id, role: 'officer' },
        ],
      }),
    )
    expect(e.status).toBe(422)
    expect(e.message).not.toContain('账号')
    expect(e.fields?.['memberships.1.role']).toContain('重复添加')
  })
})
