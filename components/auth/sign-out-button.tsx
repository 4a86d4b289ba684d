'use client'
import { useState } from 'react'
import { signOut } from '@/lib/api-client'

export function SignOutButton() {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="link"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        await signOut()
        window.location.href = '/sign-in'
      }}
    >
      退出登录
    </button>
  )
}
