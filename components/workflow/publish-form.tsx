'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { DialogActions, DialogError } from '@/components/confirm-dialog'
import { DateReading } from '@/components/date-reading'
import { zhErrors } from '@/lib/requests/issues'
import {
  MAX_CORRECTION_NOTE_CHARS,
  MAX_SECRECY_CONCLUSION_CHARS,
  MAX_SECRECY_REVIEWER_CHARS,
  publishForm,
  SECRECY_CONCLUSION_DEFAULT,
} from '@/lib/requests/publication'
import { chinaToday } from '@/lib/workflow/deadlines'

type Input = z.input<typeof publishForm>
type Output = z.output<typeof publishForm>

export const PUBLISH_FIELDS = [
  'secrecy.reviewer',
  'secrecy.reviewedOn',
  'secrecy.conclusion',
  'correctionNote',
] as const

interface Props {
  /** The approval day: the earliest day the review may be dated. */
  approvedOn: string
  /** The drafted 更正说明 when an earlier version was published; null when none is asked for. */
  correctionDraft: string | null
  busy: boolean
  /** The server's refusal not tied to a field. */
  error: string | null
  /** Sends the transition; answers the server's field errors (by path) when it refuses. */
  onPublish: (values: Output) => Promise<Record<string, string> | null>
  onCancel: () => void
  confirmLabel: string
}

/**
 * The 发布 dialog's form (decision 0310): the 保密审查 record (条例第十七条: who reviewed the
 * version for secrets, when, the conclusion) and, for a correction after an earlier publication,
 * the public 更正说明 drafted from what changed. The schema is the route's (lib/requests/publication.ts).
 */
export function PublishForm({ approvedOn, correctionDraft, busy, error, onPublish, onCancel, confirmLabel }: Props) {
  const correcting = correctionDraft !== null
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(publishForm, { error: zhErrors }),
    defaultValues: {
      secrecy: { reviewer: '', reviewedOn: chinaToday(), conclusion: SECRECY_CONCLUSION_DEFAULT },
      ...(correcting ? { correctionNote: correctionDraft } : {}),
    },
  })
  const { errors } = form.formState
  const reviewedOn = form.watch('secrecy.reviewedOn') ?? ''
  const submit = form.handleSubmit(async (values) => {
    if (correcting && !values.correctionNote) {
      form.setError('correctionNote', { type: 'required', message: '请填写更正说明' })
      return
    }
    const fields = await onPublish(values)
    for (const [path, message] of Object.entries(fields ?? {})) {
      if ((PUBLISH_FIELDS as readonly string[]).includes(path))
        form.setError(path as (typeof PUBLISH_FIELDS)[number], { type: 'server', message })
    }
  })
  const fieldError = (message: string | undefined, id: string) =>
    message ? (
      <span className="field-error" id={id} role="alert">
        {message}
      </span>
    ) : null

  return (
    <form onSubmit={submit} noValidate className="publish-form" data-testid="publish-form">
      <fieldset>
        <legend>保密审查（《政府信息公开条例》第十七条）</legend>
        <label>
          审查人
          <input
            {...form.register('secrecy.reviewer')}
            maxLength={MAX_SECRECY_REVIEWER_CHARS}
            autoComplete="off"
            aria-invalid={Boolean(errors.secrecy?.reviewer)}
            aria-describedby={errors.secrecy?.reviewer ? 'secrecy-reviewer-error' : undefined}
            // biome-ignore lint/a11y/noAutofocus: the dialog's first question
            autoFocus
          />
          {fieldError(errors.secrecy?.reviewer?.message, 'secrecy-reviewer-error')}
        </label>
        <label>
          审查日期
          <input
            type="date"
            {...form.register('secrecy.reviewedOn')}
            min={approvedOn}
            max={chinaToday()}
            aria-invalid={Boolean(errors.secrecy?.reviewedOn)}
            aria-describedby={
              errors.secrecy?.reviewedOn ? 'secrecy-date-error secrecy-date-reading' : 'secrecy-date-reading'
            }
          />
          <DateReading id="secrecy-date-reading" value={reviewedOn} lead="即" />
          {fieldError(errors.secrecy?.reviewedOn?.message, 'secrecy-date-error')}
        </label>
        <label>
          审查结论
          <textarea
            {...form.register('secrecy.conclusion')}
            rows={2}
            maxLength={MAX_SECRECY_CONCLUSION_CHARS}
            aria-invalid={Boolean(errors.secrecy?.conclusion)}
            aria-describedby={errors.secrecy?.conclusion ? 'secrecy-conclusion-error' : undefined}
          />
          {fieldError(errors.secrecy?.conclusion?.message, 'secrecy-conclusion-error')}
        </label>
      </fieldset>
      {correcting ? (
        <label>
          更正说明（与年报一起公开；已按与上次发布版本的差异起草，请核对修改）
          <textarea
            {...form.register('correctionNote')}
            rows={7}
            maxLength={MAX_CORRECTION_NOTE_CHARS}
            aria-invalid={Boolean(errors.correctionNote)}
            aria-describedby={errors.correctionNote ? 'correction-note-error' : undefined}
          />
          {fieldError(errors.correctionNote?.message, 'correction-note-error')}
        </label>
      ) : null}
      <DialogError error={error} />
      <DialogActions onCancel={onCancel} confirmLabel={confirmLabel} busy={busy} />
    </form>
  )
}
