'use client'
import { useEffect, useState } from 'react'
import { type ApiResult, addComment, listComments, resolveComment } from '@/lib/api-client'
import type { CommentView } from '@/lib/services/comments'
import { chinaDateTime } from '@/lib/china-time'
import { MAX_COMMENT_CHARS } from '@/lib/requests/limits'

interface Props {
  reportId: string
  comments: CommentView[]
  onChange: (comments: CommentView[]) => void
  /** The section on screen: its threads come first. */
  sectionKey: string
  sectionHeading: string
  /** The cell or narrative last focused in this section, with its label. */
  focused: { path: string; label: string } | null
  canComment: boolean
  canReply: boolean
  canResolve: boolean
  onChoose: (anchor: string) => void
}

const time = chinaDateTime

/** Review comments anchored on sections and cells: reviewers add and resolve, officers answer. */
export function CommentsPanel({
  reportId,
  comments,
  onChange,
  sectionKey,
  sectionHeading,
  focused,
  canComment,
  canReply,
  canResolve,
  onChoose,
}: Props) {
  const [body, setBody] = useState('')
  const [onCell, setOnCell] = useState(true)
  const [replies, setReplies] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [showResolved, setShowResolved] = useState(false)
  // Disabled until hydrated, so an early click is never a native form submission.
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])

  const reload = async () => {
    const result = await listComments(reportId)
    if (result.ok) onChange(result.data.comments)
  }
  const act = async (call: Promise<ApiResult<unknown>>) => {
    setError(null)
    setNotice(null)
    const result = await call
    if (!result.ok) setError(result.error.message)
    else {
      // The server removed invisible control or direction characters from the text.
      const said = (result.data as { notice?: unknown } | undefined)?.notice
      if (typeof said === 'string') setNotice(said)
      await reload()
    }
    return result.ok
  }

  const open = comments.filter((c) => !c.resolvedAt)
  const resolved = comments.filter((c) => c.resolvedAt)
  const here = (c: CommentView) => c.sectionKey === sectionKey
  const ordered = [...open.filter(here), ...open.filter((c) => !here(c))]
  const anchor = focused && onCell ? focused.path : sectionKey

  const thread = (c: CommentView) => (
    <li key={c.id} className={`comment${c.resolvedAt ? ' comment-resolved' : ''}`} data-comment={c.anchor}>
      <button type="button" className="link comment-anchor" onClick={() => onChoose(c.anchor)}>
        {c.anchorLabel}
      </button>
      <p className="comment-body">{c.body}</p>
      <small className="muted">
        {c.authorName} · {time(c.createdAt)}
        {c.edition > 1 ? ` · 第${c.edition}版` : ''}
      </small>
      {c.replies.length ? (
        <ul className="comment-replies">
          {c.replies.map((r) => (
            <li key={r.id}>
              <p className="comment-body">{r.body}</p>
              <small className="muted">
                {r.authorName} · {time(r.createdAt)}
              </small>
            </li>
          ))}
        </ul>
      ) : null}
      {c.resolvedAt ? (
        <small className="ok">
          ✓ {c.resolvedByName} 于 {time(c.resolvedAt)} 标记为已处理
        </small>
      ) : (
        <div className="comment-actions">
          {canReply ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault()
                if (await act(addComment(reportId, { parentId: c.id, body: replies[c.id] ?? '' }))) {
                  setReplies((prev) => ({ ...prev, [c.id]: '' }))
                }
              }}
            >
              <textarea
                aria-label="回复"
                placeholder="回复这条意见"
                rows={2}
                value={replies[c.id] ?? ''}
                onChange={(e) => setReplies((prev) => ({ ...prev, [c.id]: e.target.value }))}
              />
              <button type="submit" disabled={!ready || !(replies[c.id] ?? '').trim()}>
                回复
              </button>
            </form>
          ) : null}
          {canResolve ? (
            <button type="button" disabled={!ready} onClick={() => act(resolveComment(reportId, c.id))}>
              标记为已处理
            </button>
          ) : null}
        </div>
      )}
    </li>
  )

  return (
    <aside className="comments-panel" aria-label="审核意见">
      <h2>
        审核意见 <span className="step-count">{open.length}</span>
      </h2>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="hint" role="status">
          {notice}
        </p>
      ) : null}
      {canComment ? (
        <form
          className="comment-new"
          onSubmit={async (e) => {
            e.preventDefault()
            if (await act(addComment(reportId, { anchor, body }))) setBody('')
          }}
        >
          <div className="comment-target">
            针对：
            {focused ? (
              <select
                aria-label="意见针对"
                value={onCell ? 'cell' : 'section'}
                onChange={(e) => setOnCell(e.target.value === 'cell')}
              >
                <option value="cell">{focused.label}</option>
                <option value="section">本部分：{sectionHeading}</option>
              </select>
            ) : (
              <span>本部分：{sectionHeading}（点选单元格可针对单元格）</span>
            )}
          </div>
          <textarea
            aria-label="审核意见"
            rows={3}
            maxLength={MAX_COMMENT_CHARS}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <button type="submit" className="primary" disabled={!ready || !body.trim()}>
            提出意见
          </button>
        </form>
      ) : null}
      {ordered.length === 0 ? (
        <p className="hint">没有待处理的审核意见。</p>
      ) : (
        <ul className="comments">{ordered.map(thread)}</ul>
      )}
      {resolved.length ? (
        <>
          <button type="button" className="link" onClick={() => setShowResolved((v) => !v)}>
            {showResolved ? '收起' : '查看'}已处理的意见（{resolved.length}）
          </button>
          {showResolved ? <ul className="comments">{resolved.map(thread)}</ul> : null}
        </>
      ) : null}
    </aside>
  )
}
