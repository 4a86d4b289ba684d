'use client'
import { useHydrated } from '@/components/use-hydrated'
import { useState } from 'react'
import { signIn } from '@/lib/api-client'
import { sameOriginPath } from '@/lib/requests/pages'

export function SignInForm({ next }: { next?: string }) {
  const hydrated = useHydrated()
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
    const result = await signIn(email, password)
    if (result.ok) {
      // The page passed a checked path; checked again against the real origin before leaving.
      window.location.href = sameOriginPath(next, window.location.origin)
      return
    }
    setError(result.error.message)
    setBusy(false)
  }

  return (
    <form method="post" className="card sign-in" onSubmit={onSubmit} noValidate aria-label="登录">
      <h1>登录</h1>
      <label>
        <span>账号</span>
        <input name="email" type="email" autoComplete="username" placeholder="管理员分配的账号" />
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
      <button type="submit" className="primary" disabled={!hydrated || busy}>
        {busy ? '正在登录…' : '登录'}
      </button>
    </form>
  )
}
