'use client'
import { useState } from 'react'
import { decideImportItem } from '@/lib/api-client'

/**
 * After the preview: a draft of the batch's agency, last year's history (read-only), or close
 * (nothing saved; the reading is kept in the audit trail).
 */
export function ImportChoices({
  batchId,
  itemId,
  mayDraft,
  mayHistory,
  preferHistory,
  backTo,
  drafts,
}: {
  batchId: string
  itemId: string
  mayDraft: boolean
  mayHistory: boolean
  preferHistory: boolean
  backTo: string
  /** Drafts of the agency, same format, whose tables 二/三/四 this document may fill. */
  drafts: { id: string; year: number }[]
}) {
  const [into, setInto] = useState(drafts[0]?.id ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notices, setNotices] = useState<{ reportId: string; notices: string[] } | null>(null)

  const choose = async (choice: 'draft' | 'history' | 'close' | 'into') => {
    setBusy(true)
    setError(null)
    const result = await decideImportItem(batchId, itemId, choice, choice === 'into' ? into : undefined)
    if (!result.ok) {
      setError(result.error.message)
      setBusy(false)
      return
    }
    const { reportId, notices: list } = result.data
    if (!reportId) {
      window.location.href = backTo
      return
    }
    if (list.length) {
      setNotices({ reportId, notices: list })
      setBusy(false)
      return
    }
    window.location.href = `/reports/${reportId}`
  }

  if (notices) {
    return (
      <div className="ok import-done" role="status">
        <p>已导入。请核对：</p>
        <ul>
          {notices.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <a href={`/reports/${notices.reportId}`}>打开导入的年报 →</a>
      </div>
    )
  }

  return (
    <div className="import-choices">
      {mayDraft ? (
        <button
          type="button"
          className={preferHistory ? '' : 'primary'}
          disabled={busy}
          onClick={() => choose('draft')}
        >
          新建草稿
        </button>
      ) : null}
      {mayHistory ? (
        <button
          type="button"
          className={preferHistory ? 'primary' : ''}
          disabled={busy}
          onClick={() => choose('history')}
        >
          保存为历史年报（供跨年度核对，不可修改）
        </button>
      ) : null}
      {mayDraft && drafts.length ? (
        <span className="import-into">
          <select aria-label="填入哪份草稿" value={into} onChange={(e) => setInto(e.target.value)} disabled={busy}>
            {drafts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.year}年度草稿
              </option>
            ))}
          </select>
          <button type="button" disabled={busy || !into} onClick={() => choose('into')}>
            填入已有草稿的表二、三、四
          </button>
        </span>
      ) : null}
      <button type="button" disabled={busy} onClick={() => choose('close')}>
        关闭（不保存）
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
