'use client'
/**
 * The pieces every administration form shares (/admin, /admin/users/:id): the answer line under
 * a form, a field's message, the agency and role choices, and the choice of the agency a form
 * changes. One place, so the forms say and lay out the same things the same way.
 */
import type { ApiError } from '@/lib/api-client'
import { MEMBER_ROLES, ROLE_NAMES } from '@/lib/auth/permissions'
import { useHydrated } from '@/components/use-hydrated'

export type Message = { kind: 'ok' | 'error'; text: string } | null

/** What the last submission did: a status when it worked, an alert when it was refused. */
export function Feedback({ message }: { message: Message }) {
  if (!message) return null
  return (
    <p className={message.kind === 'ok' ? 'ok' : 'field-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
      {message.text}
    </p>
  )
}

export const FieldMessage = ({ error }: { error?: { message?: string } | string }) => {
  const text = typeof error === 'string' ? error : error?.message
  return text ? <span className="field-error">{text}</span> : null
}

/** The refusal's summary; field messages the form has no field for are added to it. */
export function refusal(error: ApiError, unplaced: readonly string[]): Message {
  const extra = unplaced.map((path) => error.fields[path]).filter((m) => m && m !== error.message)
  return { kind: 'error', text: [error.message, ...extra].join(' ') }
}

type AgencyOption = { id: string; name: string }

/** The agencies as a select's options; `except` leaves one out (no agency is its own parent or predecessor). */
export function AgencyOptions({ agencies, except }: { agencies: readonly AgencyOption[]; except?: string }) {
  return (
    <>
      {agencies
        .filter((a) => a.id !== except)
        .map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
    </>
  )
}

export function RoleOptions() {
  return (
    <>
      {MEMBER_ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_NAMES[r]}
        </option>
      ))}
    </>
  )
}

/**
 * The agency a maintenance form changes (修改机关, 前身机关). Disabled until React has taken the
 * form over: a choice made earlier would be reset on hydration.
 */
export function AgencyChoice({
  agencies,
  value,
  onChoose,
}: {
  agencies: readonly AgencyOption[]
  value: string
  onChoose: (id: string) => void
}) {
  const hydrated = useHydrated()
  return (
    <label>
      <span>机关</span>
      <select value={value} onChange={(e) => onChoose(e.target.value)} name="agencyId" disabled={!hydrated}>
        <option value="">请选择</option>
        <AgencyOptions agencies={agencies} />
      </select>
    </label>
  )
}
