import { describe, expect, it } from 'vitest'
import { fixture } from '@/test/fixtures'
import { chinaToday, deadlineOverridesFrom, deadlineStatus, signatureDateDefault, statutoryDeadline } from './deadlines'
import { alignParagraphs, diffReports } from './diff'
import {
  availableTransitions,
  editRefusal,
  isEditable,
  openCommentsRefusal,
  REPORT_STATES,
  STATES,
  TRANSITIONS,
  transitionById,
  transitionRefusal,
  withdrawRefusal,
} from './workflow'

const ids = (state: string, roles: string[]) => availableTransitions(state, roles).map((t) => t.id)

describe('the workflow table', () => {
  it('follows 草稿 → 已提交 → 已退回 / 已审核 → 已发布', () => {
    expect(ids('draft', ['officer'])).toEqual(['complete', 'submit'])
    expect(ids('complete', ['officer'])).toEqual(['reopen', 'submit'])
    expect(ids('submitted', ['reviewer'])).toEqual(['return', 'approve'])
    expect(ids('returned', ['officer'])).toEqual(['complete', 'submit'])
    expect(ids('approved', ['coordinator'])).toEqual(['publish', 'correct'])
    expect(ids('published', ['officer'])).toEqual(['correct'])
    // 撤回发布 (decision 0310): the coordinator takes a published report down, with a reason;
    // putting it back is a correction.
    expect(ids('published', ['coordinator'])).toEqual(['unpublish', 'correct'])
    expect(transitionById('unpublish')).toMatchObject({ to: 'withdrawn', needsReason: true, records: 'unpublish' })
    expect(ids('withdrawn', ['coordinator'])).toEqual(['correct'])
    expect(ids('withdrawn', ['officer'])).toEqual(['correct'])
    expect(transitionById('publish')?.records).toBe('publish')
  })

  it('gives each role only its own transitions', () => {
    expect(ids('draft', ['reviewer', 'coordinator'])).toEqual([])
    expect(ids('submitted', ['officer'])).toEqual(['withdraw'])
    expect(ids('submitted', ['coordinator'])).toEqual([])
    expect(ids('approved', ['reviewer'])).toEqual([])
    expect(ids('approved', ['officer'])).toEqual(['correct'])
    expect(ids('nonsense', ['officer', 'reviewer', 'coordinator'])).toEqual([])
  })

  it('is consistent: every state is reachable, targets are states, labels are Chinese', () => {
    const targets = new Set(TRANSITIONS.map((t) => t.to))
    for (const s of REPORT_STATES) if (s !== 'draft') expect(targets.has(s)).toBe(true)
    for (const t of TRANSITIONS) {
      for (const f of t.from) expect(REPORT_STATES).toContain(f)
      expect(t.label).toMatch(/[\u4e00-\u9fff]/)
      expect(t.roles.length).toBeGreaterThan(0)
    }
    expect(new Set(TRANSITIONS.map((t) => t.id)).size).toBe(TRANSITIONS.length)
  })

  it('requires completeness to submit, a reason to return, and freezes on approval', () => {
    expect(transitionById('submit')?.requires).toBe('completeness')
    expect(transitionById('return')?.needsReason).toBe(true)
    expect(transitionById('approve')?.freezes).toBe(true)
    expect(transitionById('correct')?.opensVersion).toBe(true)
  })

  it('asks for confirmation before submit, withdraw, return, approve, publish, unpublish and correct, saying what happens', () => {
    const asked = TRANSITIONS.filter((t) => t.confirm).map((t) => t.id)
    expect(asked).toEqual(['submit', 'withdraw', 'return', 'approve', 'publish', 'unpublish', 'correct'])
    expect(transitionById('approve')?.confirm).toContain('冻结')
    expect(transitionById('submit')?.confirm).toContain('撤回')
    expect(transitionById('submit')?.snapshots).toBe(true)
  })

  it('guards approval with open comments and withdrawal with a reviewer’s comment', () => {
    expect(transitionById('approve')?.guard).toBe('no-open-comments')
    expect(transitionById('withdraw')).toMatchObject({ from: ['submitted'], to: 'draft', roles: ['officer'] })
    expect(transitionById('withdraw')?.guard).toBe('untouched-since-submit')
    expect(openCommentsRefusal([])).toBeNull()
    const long = '这'.repeat(60)
    const message = openCommentsRefusal([
      { anchorLabel: '概述', body: '请补充。' },
      { anchorLabel: '表三：自然人', body: long },
    ])
    expect(message).toContain('还有2条审核意见未解决，不能审核通过')
    expect(message).toContain('1. 概述：请补充。')
    expect(message).toContain(`2. 表三：自然人：${'这'.repeat(40)}…`)
    expect(withdrawRefusal(0)).toBeNull()
    expect(withdrawRefusal(1)).toContain('不能撤回')
  })

  it('lets the officer edit only draft, complete and returned reports', () => {
    expect(REPORT_STATES.filter(isEditable)).toEqual(['draft', 'complete', 'returned'])
    expect(editRefusal('submitted')).toContain('退回之前不能修改')
    expect(STATES.approved.frozen && STATES.published.frozen).toBe(true)
  })

  it('explains refusals in Chinese', () => {
    expect(transitionRefusal('draft', transitionById('approve')!, ['reviewer'])).toContain('草稿')
    expect(transitionRefusal('submitted', transitionById('approve')!, ['officer'])).toBe('只有审核人可以审核通过。')
    expect(transitionRefusal('submitted', transitionById('approve')!, ['reviewer'])).toBeNull()
  })
})

describe('the 落款 date offered', () => {
  it('is today in Beijing for a draft, also before 08:00 when UTC is still yesterday', () => {
    expect(signatureDateDefault(null, new Date('2026-01-31T23:30:00Z'))).toBe('2026-02-01')
    expect(signatureDateDefault(undefined, new Date('2026-02-01T10:00:00Z'))).toBe('2026-02-01')
  })

  it('is the approval date (in Beijing) for an approved version, whatever day it is now', () => {
    expect(signatureDateDefault('2026-01-20T17:00:00.000Z', new Date('2026-05-01T00:00:00Z'))).toBe('2026-01-21')
  })
})

describe('diffReports', () => {
  it('finds nothing between a report and itself', () => {
    const { format, report } = fixture('zhangdian-gov-2021')
    expect(diffReports(report, structuredClone(report), format).same).toBe(true)
  })

  it('labels changed cells from the format definition, with before and after', () => {
    const { format, report } = fixture('zhangdian-gov-2021')
    const next = structuredClone(report)
    const s = next.sections as any
    const before = s.applications.newReceived.natural
    s.applications.newReceived.natural = before + 5
    s.applications.carriedOver.research = null
    const diff = diffReports(report, next, format)
    expect(diff.cells.map((c) => c.path)).toEqual([
      'applications.newReceived.natural',
      'applications.carriedOver.research',
    ])
    expect(diff.cells[0]).toMatchObject({ before, after: before + 5, sectionKey: 'applications' })
    expect(diff.cells[0].label).toContain('本年新收政府信息公开申请数量')
    expect(diff.cells[1].after).toBeNull()
  })

  it('aligns narrative paragraphs: changed beside its old self, added and removed on their side', () => {
    expect(alignParagraphs(['甲', '乙', '丙'], ['甲', '乙改', '丙', '丁'])).toEqual([
      { kind: 'same', before: '甲', after: '甲' },
      { kind: 'changed', before: '乙', after: '乙改' },
      { kind: 'same', before: '丙', after: '丙' },
      { kind: 'added', before: null, after: '丁' },
    ])
    expect(alignParagraphs(['甲', '乙'], ['乙'])).toEqual([
      { kind: 'removed', before: '甲', after: null },
      { kind: 'same', before: '乙', after: '乙' },
    ])
  })

  it('reports narrative and explanation changes by section', () => {
    const { format, report } = fixture('zhangdian-gov-2021')
    const next = structuredClone(report)
    ;(next.sections as any).overview = `${(report.sections as any).overview}\n新增的一段。`
    next.explanations = { ...(report.explanations ?? {}), X1: '说明' }
    const diff = diffReports(report, next, format)
    expect(diff.cells).toEqual([])
    expect(diff.narratives.map((n) => n.sectionKey)).toEqual(['overview'])
    expect(diff.narratives[0].rows.at(-1)).toEqual({ kind: 'added', before: null, after: '新增的一段。' })
    expect(diff.explanations).toEqual([{ ruleId: 'X1', before: null, after: '说明' }])
  })
})

describe('deadlines', () => {
  it('is 31 January for departments and 31 March for governments, of the following year', () => {
    expect(statutoryDeadline('department', 2025)).toBe('2026-01-31')
    expect(statutoryDeadline('government', 2025)).toBe('2026-03-31')
  })

  it('takes overrides as month-day or full dates, and ignores invalid ones', () => {
    expect(statutoryDeadline('department', 2025, { department: '01-20' })).toBe('2026-01-20')
    expect(statutoryDeadline('government', 2025, { government: '2026-02-28' })).toBe('2026-02-28')
    expect(statutoryDeadline('government', 2025, { government: '02-30' })).toBe('2026-03-31')
    expect(deadlineOverridesFrom('department=01-20, government=2026-03-15,foo=01-01,government2=x')).toEqual({
      department: '01-20',
      government: '2026-03-15',
    })
    expect(deadlineOverridesFrom(undefined)).toEqual({})
  })

  it('marks unpublished reports overdue from the day after, due soon within 14 days', () => {
    expect(deadlineStatus('2026-01-31', 'approved', '2026-01-31')).toMatchObject({ kind: 'dueSoon', daysLeft: 0 })
    expect(deadlineStatus('2026-01-31', 'approved', '2026-02-01')).toMatchObject({ kind: 'overdue', daysOver: 1 })
    expect(deadlineStatus('2026-01-31', 'draft', '2025-12-01')).toMatchObject({ kind: 'open', daysLeft: 61 })
    expect(deadlineStatus('2026-01-31', 'published', '2026-03-01')).toMatchObject({ kind: 'met', label: '已发布' })
    expect(deadlineStatus('2026-01-31', 'published', '2026-03-01', '2026-02-02').label).toBe('已发布（逾期2天）')
  })

  it('counts days in China', () => {
    expect(chinaToday(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02-01')
    expect(chinaToday(new Date('2026-01-31T15:30:00Z'))).toBe('2026-01-31')
  })
})
