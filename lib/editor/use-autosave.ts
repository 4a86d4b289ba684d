'use client'
/**
 * Autosave: every change is sent shortly after it is made, one request at a time, carrying the
 * version it was based on. A stale save is refused by the server (409) and autosave stops, so
 * two tabs never silently overwrite each other. Network failures are retried with backoff.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { saveReport } from '@/lib/api-client'
import type { SaveReportInput } from '@/lib/requests/reports'

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; retryInMs: number | null }
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  | { kind: 'conflict'; message: string; currentVersion: number | null }

interface Options {
  reportId: string
  initialVersion: number
  initialSavedAt: string | null
  /** Reads the current content to send. */
  read: () => unknown
  /** Called after a successful save with the server's answer. */
  onSaved?: (answer: { version: number; status: string; updatedAt: string; notices?: string[] }) => void
  delayMs?: number
}

const RETRY_STEPS_MS = [2000, 5000, 10000, 20000, 30000]
const OFFLINE = '网络连接中断'

export function useAutosave({ reportId, initialVersion, initialSavedAt, read, onSaved, delayMs = 600 }: Options) {
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: initialSavedAt })
  const version = useRef(initialVersion)
  const dirty = useRef(false)
  const inFlight = useRef(false)
  const stopped = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const retries = useRef(0)
  const readRef = useRef(read)
  readRef.current = read
  const onSavedRef = useRef(onSaved)
  onSavedRef.current = onSaved

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (stopped.current) return false
    if (inFlight.current) return false
    if (!dirty.current) return true
    inFlight.current = true
    dirty.current = false
    setState({ kind: 'saving' })
    const input = { baseVersion: version.current, report: readRef.current() as SaveReportInput['report'] }
    try {
      const result = await saveReport(reportId, input)
      if (result.ok) {
        const answer = result.data
        version.current = answer.version
        retries.current = 0
        onSavedRef.current?.(answer)
        if (dirty.current) {
          setState({ kind: 'pending' })
          timer.current = setTimeout(() => void flush(), 50)
        } else {
          setState({ kind: 'saved', at: answer.updatedAt ?? new Date().toISOString() })
        }
        return true
      }
      const { error } = result
      if (error.status === 409) {
        stopped.current = true
        const current = error.details.currentVersion
        setState({
          kind: 'conflict',
          message: error.message,
          currentVersion: typeof current === 'number' ? current : null,
        })
        return false
      }
      if (error.status === 422) {
        // Keep the change marked unsaved; the officer fixes the marked cells and it saves again.
        dirty.current = true
        setState({ kind: 'invalid', message: error.message, fields: error.fields })
        return false
      }
      throw new Error(error.status === 0 ? OFFLINE : error.message)
    } catch (error) {
      dirty.current = true
      const wait = RETRY_STEPS_MS[Math.min(retries.current, RETRY_STEPS_MS.length - 1)]
      retries.current++
      const message = (error as Error).message
      setState({ kind: 'failed', message, retryInMs: wait })
      timer.current = setTimeout(() => void flush(), wait)
      return false
    } finally {
      inFlight.current = false
    }
  }, [reportId])

  /** Call after every change. */
  const markChanged = useCallback(() => {
    if (stopped.current) return
    dirty.current = true
    setState((s) => (s.kind === 'failed' || s.kind === 'invalid' ? s : { kind: 'pending' }))
    if (inFlight.current) return
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void flush(), delayMs)
  }, [delayMs, flush])

  // Save at once when the tab is hidden or closed; warn before leaving with unsaved changes.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden' && dirty.current) void flush()
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current || inFlight.current) {
        void flush()
        e.preventDefault()
      }
    }
    const onOnline = () => {
      if (dirty.current) void flush()
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('online', onOnline)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('beforeunload', onBeforeUnload)
      window.removeEventListener('online', onOnline)
      if (timer.current) clearTimeout(timer.current)
    }
  }, [flush])

  return {
    state,
    markChanged,
    flush,
    version: () => version.current,
    setVersion: (v: number) => {
      version.current = v
    },
    hasUnsaved: () => dirty.current || inFlight.current,
  }
}
