'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { warnBeforeMs } from '@/lib/auth/idle'
import { keepAlive, signOut } from '@/lib/api-client'
import { lastServerContact, onServerContact, runIdleSavers } from '@/lib/idle-clock'

/** Test-only (demo and e2e servers): a shorter idle time for this browser, in ms. */
const OVERRIDE_KEY = 'nianbao.idle-ms'

/**
 * Idle sign-out in the browser: a warning before the session's idle time is up (继续工作 keeps
 * it), then the unsaved draft is saved and the user goes to the sign-in page, which brings them
 * back here. The server ends the session on its own as well (lib/auth/idle.ts).
 */
export function IdleGuard({ idleMs, allowOverride }: { idleMs: number; allowOverride: boolean }) {
  const [idle, setIdle] = useState(idleMs)
  const [left, setLeft] = useState<number | null>(null)
  const [leaving, setLeaving] = useState(false)
  const leavingRef = useRef(false)

  useEffect(() => {
    if (!allowOverride) return
    const value = Number(window.localStorage.getItem(OVERRIDE_KEY))
    if (Number.isFinite(value) && value > 0) setIdle(value)
  }, [allowOverride])

  const leave = useCallback(async () => {
    if (leavingRef.current) return
    leavingRef.current = true
    setLeaving(true)
    await runIdleSavers()
    await signOut()
    const here = `${window.location.pathname}${window.location.search}`
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}&idle=1`)
  }, [])

  useEffect(() => {
    const warn = warnBeforeMs(idle)
    const tick = () => {
      const remaining = lastServerContact() + idle - Date.now()
      if (remaining <= 0) void leave()
      setLeft(remaining <= warn ? Math.max(0, Math.ceil(remaining / 1000)) : null)
    }
    tick()
    const timer = window.setInterval(tick, 1000)
    const stop = onServerContact(tick)
    return () => {
      window.clearInterval(timer)
      stop()
    }
  }, [idle, leave])

  if (left === null && !leaving) return null
  return (
    <div className="idle-backdrop">
      <div className="idle-dialog card" role="alertdialog" aria-modal="true" aria-labelledby="idle-title">
        <h2 id="idle-title">即将退出登录</h2>
        {leaving ? (
          <p role="status">正在保存未保存的内容并退出登录…</p>
        ) : (
          <>
            <p>
              长时间没有操作，将在 <strong data-idle-seconds>{left}</strong> 秒后退出登录。未保存的内容会先保存。
            </p>
            <div className="idle-actions">
              <button type="button" className="primary" onClick={() => void keepAlive()}>
                继续工作
              </button>
              <button type="button" onClick={() => void leave()}>
                退出登录
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  )
}
