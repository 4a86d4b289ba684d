'use client'
import { type ReactNode, useEffect, useId, useRef } from 'react'

interface ModalDialogProps {
  /** Shown while true (a modal dialog in the page, not the browser's confirm()). */
  open: boolean
  title: string
  /** What will happen, in one or two sentences. */
  text: string
  /** Escape and 取消; the caller ignores them while its request runs. */
  onCancel: () => void
  /** What the dialog asks (fields) and its DialogActions, inside the caller's own form. */
  children: ReactNode
  testId?: string
}

/**
 * Every question the app asks in the page (decision 0071): a modal <dialog> opened with
 * showModal(), so focus stays inside and Escape cancels, labelled by its title and described by
 * the sentence that says what will happen. The confirmations, the transitions' reasons and the
 * 发布 record are all drawn by it.
 */
export function ModalDialog({ open, title, text, onCancel, children, testId }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const textId = useId()

  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
      data-testid={testId}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <p id={textId}>{text}</p>
          {children}
        </>
      ) : null}
    </dialog>
  )
}

interface DialogActionsProps {
  onCancel: () => void
  confirmLabel: string
  /** `danger` for a change that cannot be taken back. */
  tone?: 'primary' | 'danger'
  /** While a request runs both buttons wait; the action also waits for what it needs (a reason). */
  busy?: boolean
  confirmDisabled?: boolean
  /** Focus the action when it is the dialog's one question (no field to fill first). */
  focusConfirm?: boolean
}

/** 取消 and the action, at the dialog's foot; the action submits the dialog's form. */
export function DialogActions({
  onCancel,
  confirmLabel,
  tone = 'primary',
  busy = false,
  confirmDisabled = false,
  focusConfirm = false,
}: DialogActionsProps) {
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onCancel} disabled={busy}>
        取消
      </button>
      {/* biome-ignore lint/a11y/noAutofocus: a confirmation's one question is this button */}
      <button type="submit" className={tone} disabled={busy || confirmDisabled} autoFocus={focusConfirm}>
        {confirmLabel}
      </button>
    </div>
  )
}

/** The server's refusal not tied to a field, shown in the dialog where the question was asked. */
export function DialogError({ error }: { error: string | null }) {
  return error ? (
    <p className="field-error reason" role="alert">
      {error}
    </p>
  ) : null
}

interface ConfirmDialogProps {
  open: boolean
  title: string
  text: string
  confirmLabel: string
  tone?: 'primary' | 'danger'
  onConfirm: () => void
  onCancel: () => void
}

/** A yes-or-no question in the page: what will happen, with 取消 and the action; Esc cancels. */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  tone = 'primary',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <ModalDialog open={open} title={title} text={text} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onConfirm()
        }}
      >
        <DialogActions onCancel={onCancel} confirmLabel={confirmLabel} tone={tone} focusConfirm />
      </form>
    </ModalDialog>
  )
}
