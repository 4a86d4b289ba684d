import { describe, expect, it } from 'vitest'
import { refused, workflowActors } from '@/test/services'
import { addComment, listComments, resolveComment } from './comments'
import { reportHistory } from './history'
import { transition } from './transitions'

const { officer, reviewer, submitted } = workflowActors()

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
    // An open thread keeps 审核通过 refused: it could never be resolved once frozen.
    expect((await refused(transition(stored.id, 'approve', reviewer, { baseVersion: stored.version }))).code).toBe(
      'open_comments',
    )
    await resolveComment(stored.id, threads[1].id, reviewer)
    await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })
    expect((await refused(addComment(stored.id, reviewer, { anchor: 'overview', body: '晚了' }))).code).toBe(
      'invalid_state',
    )
    const kinds = (await reportHistory(stored.id)).events.map((e) => e.kind)
    expect(kinds.filter((k) => ['comment', 'reply', 'resolve'].includes(k)).sort()).toEqual([
      'comment',
      'comment',
      'reply',
      'resolve',
      'resolve',
    ])
  })
})
