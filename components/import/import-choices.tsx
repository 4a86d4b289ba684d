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
  yearKnown,
}: {
  batchId: string
  itemId: string
  mayDraft: boolean
  mayHistory: boolean
  preferHistory: boolean
  backTo: string
  /** Drafts of the agency, same format, whose tables 二/三/四 this document may fill. */
  drafts: { id: string; year: number }[]
  /** Whether the document's title gave the year; if not, the officer names it before saving. */
  yearKnown: boolean
}) {
  const [into, setInto] = useState(drafts[0]?.id ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [year, setYear] = useState('')
  const [yearError, setYearError] = useState<string | null>(null)
  const [notices, setNotices] = useState<{ reportId: string; notices: string[] } | null>(null)

  const choose = async (choice: 'draft' | 'history' | 'close' | 'into') => {
    setError(null)
    setYearError(null)
    // Full-width digits (２０２３) are digits too.
    const named =
      choice === 'draft' || choice === 'history'
        ? year.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
        : ''
    if (!yearKnown && named === '' && (choice === 'draft' || choice === 'history')) {
      setYearError('请填写年报所属年度（四位数字）。')
      return
    }
    if (named !== '' && !/^\d{4}$/.test(named)) {
      setYearError('请填写年报所属年度（四位数字）。')
      return
    }
    setBusy(true)
    const result = await decideImportItem(
      batchId,
      itemId,
      choice,
      choice === 'into' ? into : undefined,
      named ? Number(named) : undefined,
    )
    if (!result.ok) {
      setYearError(result.error.fields?.year ?? null)
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
      {yearKnown ? null : (
        <span className="import-year">
          <label htmlFor="import-year">年报所属年度</label>
          <input
            id="import-year"
            inputMode="numeric"
            maxLength={4}
            placeholder="如：2023"
            value={year}
            onChange={(e) => setYear(e.target.value)}
            aria-invalid={yearError ? true : undefined}
            aria-describedby={yearError ? 'import-year-error' : undefined}
            disabled={busy}
          />
          {yearError ? (
            <span id="import-year-error" className="field-error" role="alert">
              {yearError}
            </span>
          ) : null}
        </span>
      )}
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
