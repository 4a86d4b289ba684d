'use client'
import { useEffect, useState } from 'react'
import { takeTransition } from '@/lib/api-client'
import type { WorkflowView } from '@/lib/services/transitions'

type Transition = WorkflowView['transitions'][number]

interface Props {
  reportId: string
  workflow: WorkflowView
  /**
   * Runs before a transition is sent: saves what is pending and, for transitions that need a
   * complete report, checks it in the browser first. Returns the content version to send, or
   * null to stop (the editor shows why).
   */
  prepare: (t: Transition) => Promise<number | null>
  /** The answer of a refused transition, for the editor to show (completeness, conflict). */
  onRefused: (answer: { message?: string; completeness?: unknown; error?: string }) => void
}

/** The state badge and the transitions this user may take now; 退回 asks for the reasons. */
export function WorkflowBar({ reportId, workflow, prepare, onRefused }: Props) {
  const [asking, setAsking] = useState<Transition | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Disabled until hydrated: a click on server-rendered HTML would do nothing and look taken.
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])

  const send = async (t: Transition, why?: string) => {
    setBusy(true)
    setError(null)
    try {
      const baseVersion = await prepare(t)
      if (baseVersion === null) return
      const result = await takeTransition(reportId, {
        transition: t.id,
        baseVersion,
        ...(why !== undefined ? { reason: why } : {}),
      })
      if (result.ok) {
        setAsking(null)
        window.location.reload()
        return
      }
      const { code, message, details } = result.error
      if (asking) setError(message)
      else onRefused({ ...details, error: code, message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <span className={`status status-${workflow.status}`} data-testid="report-status">
        {workflow.statusLabel}
      </span>
      {workflow.edition > 1 ? <span className="format-tag">第{workflow.edition}版</span> : null}
      <div className="workflow-actions" data-testid="workflow-actions">
        {workflow.transitions.map((t) => (
          <button
            key={t.id}
            type="button"
            className={t.id === 'return' || t.id === 'correct' || t.id === 'reopen' ? '' : 'primary'}
            disabled={busy || !ready}
            onClick={() => {
              if (t.needsReason) {
                setReason('')
                setError(null)
                setAsking(t)
              } else void send(t)
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      {asking ? (
        <div className="dialog-backdrop">
          <form
            className="dialog"
            role="dialog"
            aria-modal="true"
            aria-label={asking.label}
            onSubmit={(e) => {
              e.preventDefault()
              void send(asking, reason)
            }}
          >
            <h2>{asking.label}</h2>
            <label>
              {asking.id === 'return' ? '退回理由（填报人将看到）' : '更正原因'}
              <textarea
                value={reason}
                rows={5}
                maxLength={2000}
                required
                onChange={(e) => setReason(e.target.value)}
                // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this text
                autoFocus
              />
            </label>
            {error ? (
              <p className="field-error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="dialog-actions">
              <button type="button" onClick={() => setAsking(null)}>
                取消
              </button>
              <button type="submit" className="primary" disabled={busy || reason.trim() === ''}>
                确定{asking.label}
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </>
  )
}
