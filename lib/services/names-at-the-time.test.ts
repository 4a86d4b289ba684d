/**
 * docs/security.md, finding 4: a rename (to 系统管理员, say) does not rewrite who did what.
 */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { workflowActors, secrecyRecord } from '@/test/services'
import { addComment, listComments, resolveComment } from './comments'
import { reportHistory } from './history'
import { saveReport } from './report-save'
import { transition } from './transitions'
import { listVersions } from './versions'

const { officer, reviewer, coordinator, completeDraft } = workflowActors()

describe('names as they were at the time', () => {
  it('history, comments and versions keep the names their actors had then', async () => {
    const stored = await completeDraft()
    const next = structuredClone(stored.report) as any
    next.sections.overview = `${next.sections.overview}\n补充一段。`
    const saved = await saveReport(stored.id, stored.version, next, officer.id)
    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
    const c = await addComment(stored.id, reviewer, { anchor: 'overview', body: '请核对。' })
    await resolveComment(stored.id, c.id, reviewer)
    await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
    await transition(stored.id, 'publish', coordinator, { baseVersion: saved.version, secrecy: secrecyRecord() })

    for (const u of [officer, reviewer, coordinator]) {
      await prisma.user.update({ where: { id: u.id }, data: { name: '系统管理员' } })
    }

    const history = (await reportHistory(stored.id)).events
    const by = (kind: string) => history.find((e) => e.kind === kind)?.actor
    expect(by('save')).toBe('李填报')
    expect(by('submit')).toBe('李填报')
    expect(by('comment')).toBe('王审核')
    expect(by('resolve')).toBe('王审核')
    expect(by('approve')).toBe('王审核')
    expect(by('publish')).toBe('赵统筹')
    expect(history.map((e) => e.actor)).not.toContain('系统管理员')

    const [thread] = await listComments(stored.id)
    expect(thread).toMatchObject({ authorName: '王审核', resolvedByName: '王审核' })
    const [v1] = await listVersions(stored.id)
    expect(v1).toMatchObject({ approvedBy: '王审核', publishedBy: '赵统筹' })

    for (const [u, name] of [
      [officer, '李填报'],
      [reviewer, '王审核'],
      [coordinator, '赵统筹'],
    ] as const) {
      await prisma.user.update({ where: { id: u.id }, data: { name } })
    }
  })
})
