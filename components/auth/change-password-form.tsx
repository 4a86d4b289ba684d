'use client'
import { useHydrated } from '@/components/use-hydrated'
import { useState } from 'react'
import { changePassword } from '@/lib/api-client'
import { MIN_PASSWORD } from '@/lib/requests/accounts'

export function ChangePasswordForm() {
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
    } else setMessage({ kind: 'error', text: result.error.message })
    setBusy(false)
  }

  return (
    <form method="post" className="card" onSubmit={onSubmit} noValidate aria-label="修改密码">
      <h1>修改密码</h1>
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
    </form>
  )
}
