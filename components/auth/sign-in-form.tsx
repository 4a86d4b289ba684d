'use client'
import { useState } from 'react'

/** Only same-site paths after sign-in, never another origin. */
function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

export function SignInForm({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const email = String(data.get('email') ?? '').trim()
    const password = String(data.get('password') ?? '')
    if (!email || !password) {
      setError('请填写账号和密码。')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, rememberMe: false }),
      })
      if (res.ok) {
        window.location.href = safeNext(next)
        return
      }
      if (res.status === 429) {
        const wait = Number(res.headers.get('x-retry-after')) || 60
        setError(`登录尝试次数过多，请${wait}秒后再试。`)
      } else if (res.status === 401 || res.status === 400) {
        setError('账号或密码不正确。忘记密码请联系系统管理员重置。')
      } else {
        setError('登录失败，请稍后重试。')
      }
    } catch {
      setError('网络连接失败，请稍后重试。')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card sign-in" onSubmit={onSubmit} noValidate aria-label="登录">
      <h1>登录</h1>
      <label>
        <span>账号</span>
        <input name="email" type="email" autoComplete="username" placeholder="如：officer@zhangdian.demo" />
      </label>
      <label>
        <span>密码</span>
        <input name="password" type="password" autoComplete="current-password" />
      </label>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? '正在登录…' : '登录'}
      </button>
    </form>
  )
}
