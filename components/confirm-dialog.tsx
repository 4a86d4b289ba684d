'use client'
import { useEffect, useId, useRef } from 'react'

interface Props {
  /** Shown while true (a modal dialog in the page, not the browser's confirm()). */
  open: boolean
  title: string
  /** What will happen, in one or two sentences. */
  text: string
  confirmLabel: string
  /** `danger` for a change that cannot be taken back. */
  tone?: 'primary' | 'danger'
  onConfirm: () => void
  onCancel: () => void
}

/**
 * A confirmation in the page, drawn like the transitions' (components/workflow/workflow-bar.tsx):
 * a modal <dialog> that says what will happen, with 取消 and the action; Esc cancels.
 */
export function ConfirmDialog({ open, title, text, confirmLabel, tone = 'primary', onConfirm, onCancel }: Props) {
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
    >
      {open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            onConfirm()
          }}
        >
          <h2 id={titleId}>{title}</h2>
          <p id={textId}>{text}</p>
          <div className="dialog-actions">
            <button type="button" onClick={onCancel}>
              取消
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: a confirmation's one question is this button */}
            <button type="submit" className={tone} autoFocus>
              {confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  )
}
