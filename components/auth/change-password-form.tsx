'use client'
import { useHydrated } from '@/components/use-hydrated'
import { useState } from 'react'
import { changePassword } from '@/lib/api-client'
import { MIN_PASSWORD } from '@/lib/requests/accounts'

/**
 * `forced`: an administrator set the password (new account, reset); the user is sent here until
 * they choose their own, then goes on to `forced.next`.
 */
export function ChangePasswordForm({ forced }: { forced?: { next: string } }) {
  const [done, setDone] = useState(false)
  const hydrated = useHydrated()
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formEl = event.currentTarget
    const data = new FormData(formEl)
    const currentPassword = String(data.get('currentPassword') ?? '')
    const newPassword = String(data.get('newPassword') ?? '')
    if ([...newPassword].length < MIN_PASSWORD) {
      return setMessage({ kind: 'error', text: `新密码至少需要${MIN_PASSWORD}个字符。` })
    }
    if (newPassword !== String(data.get('confirm') ?? '')) {
      return setMessage({ kind: 'error', text: '两次输入的新密码不一致。' })
    }
    setBusy(true)
    setMessage(null)
    const result = await changePassword(currentPassword, newPassword)
    if (result.ok) {
      formEl.reset()
      setMessage({ kind: 'ok', text: '密码已修改。其他设备上的登录已退出。' })
      setDone(true)
    } else setMessage({ kind: 'error', text: result.error.message })
    setBusy(false)
  }

  return (
    <form method="post" className="card" onSubmit={onSubmit} noValidate aria-label="修改密码">
      <h1>修改密码</h1>
      {forced && !done ? (
        <p className="hint forced-change" role="note">
          管理员为您设置了临时密码。请先设置自己的密码，然后继续使用。
        </p>
      ) : null}
      <label>
        <span>当前密码</span>
        <input name="currentPassword" type="password" autoComplete="current-password" />
      </label>
      <label>
        <span>新密码（至少{MIN_PASSWORD}个字符）</span>
        <input name="newPassword" type="password" autoComplete="new-password" />
      </label>
      <label>
        <span>再次输入新密码</span>
        <input name="confirm" type="password" autoComplete="new-password" />
      </label>
      {message ? (
        <p className={message.kind === 'ok' ? 'ok' : 'field-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={!hydrated || busy}>
        {busy ? '正在保存…' : '修改密码'}
      </button>
      {forced && done ? (
        <p>
          <a href={forced.next}>继续使用</a>
        </p>
      ) : null}
    </form>
  )
}
