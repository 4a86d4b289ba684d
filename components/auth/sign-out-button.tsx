'use client'
import { useState } from 'react'

export function SignOutButton() {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="link"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        await fetch('/api/auth/sign-out', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
        window.location.href = '/sign-in'
      }}
    >
      退出登录
    </button>
  )
}
