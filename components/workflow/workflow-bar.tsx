'use client'
import { useEffect, useId, useState } from 'react'
import { DialogActions, DialogError, ModalDialog } from '@/components/confirm-dialog'
import { deleteReport, takeTransition } from '@/lib/api-client'
import type { PublishFormInput } from '@/lib/requests/publication'
import type { WorkflowView } from '@/lib/services/workflow-view'
import { PublishForm } from './publish-form'

type Transition = WorkflowView['transitions'][number]

/** What the dialog asks about: a transition of the workflow table, or deleting the draft. */
type Asked = { kind: 'transition'; transition: Transition } | { kind: 'delete' }

interface Props {
  reportId: string
  workflow: WorkflowView
  /**
   * Runs before a transition (or a deletion) is sent: saves what is pending and, for transitions
   * that need a complete report, checks it in the browser first. Returns the content version to
   * send, or null to stop (the editor shows why).
   */
  prepare: (t: Pick<Transition, 'requires'>) => Promise<number | null>
  /** The answer of a refused transition, for the editor to show (completeness, conflict). */
  onRefused: (answer: { message?: string; completeness?: unknown; error?: string }) => void
}

/** Refusals the dialog shows where they happened (the reason, the publication record, a guard). */
const IN_DIALOG = new Set([
  'reason_required',
  'open_comments',
  'reviewed',
  'secrecy_required',
  'correction_note_required',
  'invalid',
])

/** What the reason field of a transition is called. */
const REASON_LABELS: Record<string, string> = {
  return: '退回理由（填报人将看到）',
  unpublish: '撤回理由（将在公开栏目中与撤回日期一起显示）',
  correct: '更正原因',
}

const SECONDARY = new Set(['return', 'correct', 'reopen', 'withdraw', 'unpublish'])

const DELETE_TEXT = '删除后这份草稿不再出现在任何列表中，内容不能恢复；删除记录（谁在何时删除）保留在审计记录中。'

/**
 * The state badge and the transitions this user may take now. Every transition with a
 * `confirm` text (提交、撤回、退回、审核通过、发布、更正) asks in a modal dialog first, saying what
 * will happen; 退回 and 更正 take their reasons there. A transition whose guard refuses it now
 * (open comments, a reviewer's comment since the submission) is disabled with the reason beside it.
 */
export function WorkflowBar({ reportId, workflow, prepare, onRefused }: Props) {
  const [asked, setAsked] = useState<Asked | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Disabled until hydrated: a click on server-rendered HTML would do nothing and look taken.
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  const refusalId = useId()

  const close = () => {
    setAsked(null)
    setError(null)
  }

  /** Takes the transition; answers the server's field errors when the dialog should show them. */
  const send = async (
    t: Transition,
    why?: string,
    record?: PublishFormInput,
  ): Promise<Record<string, string> | null> => {
    setBusy(true)
    setError(null)
    try {
      const baseVersion = await prepare(t)
      if (baseVersion === null) {
        close()
        return null
      }
      const result = await takeTransition(reportId, {
        transition: t.id,
        baseVersion,
        ...(why !== undefined ? { reason: why } : {}),
        ...(record ?? {}),
      })
      if (result.ok) {
        window.location.reload()
        return null
      }
      const { code, message, details, fields } = result.error
      if (IN_DIALOG.has(code)) {
        setError(message)
        return fields
      }
      close()
      onRefused({ ...details, error: code, message })
      return null
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      const baseVersion = await prepare({})
      if (baseVersion === null) {
        close()
        return
      }
      const result = await deleteReport(reportId, { baseVersion })
      if (result.ok) {
        window.location.assign('/')
        return
      }
      setError(result.error.message)
    } finally {
      setBusy(false)
    }
  }

  const open = (a: Asked) => {
    setReason('')
    setError(null)
    setAsked(a)
  }

  const t = asked?.kind === 'transition' ? asked.transition : null
  const title = t ? `确认${t.label}` : '删除草稿'
  const text = t ? (t.confirm ?? '') : DELETE_TEXT
  const refusals = Object.entries(workflow.refusals)

  return (
    <>
      <span className={`status status-${workflow.status}`} data-testid="report-status">
        {workflow.statusLabel}
      </span>
      {workflow.edition > 1 ? <span className="format-tag">第{workflow.edition}版</span> : null}
      <div className="workflow-actions" data-testid="workflow-actions">
        {workflow.transitions.map((tr) => {
          const refused = workflow.refusals[tr.id]
          return (
            <button
              key={tr.id}
              type="button"
              className={SECONDARY.has(tr.id) ? '' : 'primary'}
              disabled={busy || !ready || Boolean(refused)}
              aria-describedby={refused ? `${refusalId}-${tr.id}` : undefined}
              onClick={() => {
                if (tr.confirm || tr.needsReason) open({ kind: 'transition', transition: tr })
                else void send(tr)
              }}
            >
              {tr.label}
            </button>
          )
        })}
        {workflow.frozen && ['approved', 'published', 'withdrawn'].includes(workflow.status) ? (
          <a className="workflow-link" href={`/reports/${encodeURIComponent(reportId)}/publication`}>
            发布记录与门户核对
          </a>
        ) : null}
        {workflow.deletable ? (
          <button type="button" className="danger" disabled={busy || !ready} onClick={() => open({ kind: 'delete' })}>
            删除草稿
          </button>
        ) : null}
      </div>
      {refusals.length ? (
        <div className="workflow-refusals" data-testid="workflow-refusals">
          {refusals.map(([id, why]) => (
            <p key={id} id={`${refusalId}-${id}`} className="hint reason">
              {why}
            </p>
          ))}
        </div>
      ) : null}
      {workflow.publicPath ? (
        <a
          className="workflow-public"
          data-testid="public-address"
          href={workflow.publicPath}
          title={`公开地址（无需登录）：${workflow.publicPath}`}
        >
          公开页面
        </a>
      ) : null}
      {workflow.resubmission ? (
        <p className="workflow-resubmission" data-testid="resubmission">
          这是重新提交的年报：与上次提交相比有{workflow.resubmission.changes}处改动。
          <a
            href={`/reports/${encodeURIComponent(reportId)}/versions?a=${workflow.resubmission.previous}&b=${workflow.resubmission.current}#compare`}
          >
            查看改动
          </a>
        </p>
      ) : null}
      <ModalDialog
        open={asked !== null}
        title={title}
        text={text}
        onCancel={() => {
          if (!busy) close()
        }}
        testId="confirm-dialog"
      >
        {t?.records === 'publish' && workflow.publication ? (
          <PublishForm
            approvedOn={workflow.publication.approvedOn}
            correctionDraft={workflow.publication.correctionDraft}
            busy={busy}
            error={error}
            confirmLabel={`确定${t.label}`}
            onCancel={close}
            onPublish={(record) => send(t, undefined, record)}
          />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              if (t) void send(t, t.needsReason ? reason : undefined)
              else void remove()
            }}
          >
            {t?.needsReason ? (
              <label>
                {REASON_LABELS[t.id] ?? '理由'}
                <textarea
                  value={reason}
                  rows={5}
                  maxLength={2000}
                  required
                  onChange={(e) => setReason(e.target.value)}
                  // biome-ignore lint/a11y/noAutofocus: the dialog's one question is this reason
                  autoFocus
                />
              </label>
            ) : null}
            <DialogError error={error} />
            <DialogActions
              onCancel={close}
              confirmLabel={t ? `确定${t.label}` : '确定删除'}
              tone={t && t.id !== 'unpublish' ? 'primary' : 'danger'}
              busy={busy}
              confirmDisabled={Boolean(t?.needsReason) && reason.trim() === ''}
              focusConfirm={!t?.needsReason}
            />
          </form>
        )}
      </ModalDialog>
    </>
  )
}
