'use client'
/**
 * Autosave: shortly after a change, the changed leaves (cells, fee facts, explanations,
 * paragraphs) are sent as a PATCH, each with the value it was based on: the last content the
 * server acknowledged. One request at a time; network failures are retried with backoff.
 * Others' saves merge on the server. When the answer shows that they landed in between (or that
 * a leaf conflicts), the current report is fetched and the unsaved local edits are rebased on
 * it, so the officer sees the other person's values; a conflict waits at its place for the
 * officer's choice (docs/decisions/0050-cell-level-patch.md). A flush during a save (an idle
 * sign-out, leaving, a transition) waits for it and then sends what changed since
 * (lib/editor/serial-saves.ts): never two saves at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { patchReport, readReport } from '@/lib/api-client'
import type { FormatDef } from '@/lib/format/types'
import { type Conflict, diffReports, type LeafValue, mergeChanges, paragraphsOf } from '@/lib/report/patch'
import type { ReportData } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { blockingOf, type ValueStore, valueStore } from './save-state-store'
import { serialSaves } from './serial-saves'

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; retryInMs: number | null }
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  | { kind: 'conflict'; message: string; currentVersion: number | null }

/** A leaf both this tab and someone else changed: the officer chooses. */
export interface LeafConflict {
  path: string
  mine: LeafValue
  theirs: LeafValue
}

interface Options {
  reportId: string
  format: FormatDef
  initialVersion: number
  initialSavedAt: string | null
  /** The content the page was loaded with (the first base). */
  initialReport: ReportData
  /** Reads the current content. */
  read: () => ReportData
  /** Shows this content instead (others' saves merged with this tab's unsaved edits). */
  replace: (report: ReportData) => void
  /** Sets one leaf by its path from the root (sections.…, explanations.…) and marks it changed. */
  setLeaf: (path: string, value: LeafValue) => void
  /** Called after a successful save with the server's answer. */
  onSaved?: (answer: { version: number; status: string; updatedAt: string; notices?: string[] }) => void
  delayMs?: number
}

const RETRY_STEPS_MS = [2000, 5000, 10000, 20000, 30000]
const OFFLINE = '网络连接中断'

const PARAGRAPH = /^(.+)#(\d+)$/

export function useAutosave({
  reportId,
  format,
  initialVersion,
  initialSavedAt,
  initialReport,
  read,
  replace,
  setLeaf,
  onSaved,
  delayMs = 600,
}: Options) {
  /**
   * The save state, outside React: the header's indicator subscribes to it, so "有未保存的修改",
   * "保存中…" and "✓ 已保存" render the indicator alone (decision 0890). The editor renders only
   * when the state becomes or stops being a conflict or refused fields (`blocking`).
   */
  const [store] = useState(() => valueStore<SaveState>({ kind: 'saved', at: initialSavedAt }))
  const [blocking, setBlocking] = useState<SaveState | null>(null)
  const shownBlocking = useRef<SaveState | null>(null)
  const setState = useCallback(
    (next: SaveState) => {
      store.set(next)
      const b = blockingOf(next)
      if (b !== shownBlocking.current) {
        shownBlocking.current = b
        setBlocking(b)
      }
    },
    [store],
  )
  const [conflicts, setConflicts] = useState<LeafConflict[]>([])
  const version = useRef(initialVersion)
  /** The content the server acknowledged last: the base of every change sent. */
  const base = useRef<ReportData>(structuredClone(initialReport))
  const dirty = useRef(false)
  const stopped = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const retries = useRef(0)
  const callbacks = useRef({ read, replace, setLeaf, onSaved })
  callbacks.current = { read, replace, setLeaf, onSaved }

  /**
   * Others' saves landed: take the stored report as the new base and replay on it what this tab
   * changed since `sent` (edits made while the request was in flight). A replayed edit of a leaf
   * someone else changed too becomes a conflict.
   */
  const rebase = useCallback(
    async (sent: ReportData, answered: Conflict[]): Promise<boolean> => {
      const current = await readReport(reportId)
      if (!current.ok) return false
      const stored = current.data.report
      const local = callbacks.current.read()
      const unsent = diffReports(format, sent, local)
      const next = structuredClone(stored)
      const merged = mergeChanges(format, next, unsent)
      deriveTotals(format, next.sections)
      base.current = structuredClone(stored)
      version.current = current.data.version
      callbacks.current.replace(merged.ok ? next : stored)
      const found: LeafConflict[] = [
        ...answered.map((c) => ({ path: c.path, mine: c.mine, theirs: c.theirs })),
        ...(merged.ok ? merged.conflicts.map((c) => ({ path: c.path, mine: c.mine, theirs: c.theirs })) : []),
      ]
      if (found.length > 0) {
        setConflicts((prev) => [...prev.filter((p) => !found.some((f) => f.path === p.path)), ...found])
      }
      if (merged.ok && merged.applied.length > 0) dirty.current = true
      return true
    },
    [format, reportId],
  )

  const flushRef = useRef<() => Promise<boolean>>(async () => false)
  /**
   * When the next save is due, and when the one timer fires. A keystroke only moves `due` on:
   * the timer, when it fires early, waits for the rest (decision 0440), so typing does not clear
   * and set a timer per key.
   */
  const due = useRef(0)
  const firesAt = useRef(0)
  const arm = useCallback((ms: number) => {
    firesAt.current = performance.now() + ms
    timer.current = setTimeout(() => {
      timer.current = null
      const rest = due.current - performance.now()
      if (rest > 1) arm(rest)
      else void flushRef.current()
    }, ms)
  }, [])
  /** The next save, after this delay (replacing one already scheduled). */
  const schedule = useCallback(
    (ms: number) => {
      due.current = performance.now() + ms
      if (timer.current !== null) {
        if (firesAt.current <= due.current) return
        clearTimeout(timer.current)
      }
      arm(ms)
    },
    [arm],
  )

  /** One save: run only through `saves` (one at a time). */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    if (stopped.current) return false
    if (!dirty.current) return true
    dirty.current = false
    setState({ kind: 'saving' })
    const sent = structuredClone(callbacks.current.read())
    const changes = diffReports(format, base.current, sent)
    try {
      if (changes.length === 0) {
        setState({ kind: 'saved', at: new Date().toISOString() })
        return true
      }
      const result = await patchReport(reportId, { changes })
      if (result.ok) {
        const answer = result.data
        retries.current = 0
        const expected = version.current + (answer.applied > 0 ? 1 : 0)
        if (answer.version === expected && answer.conflicts.length === 0) {
          base.current = sent
          version.current = answer.version
        } else if (!(await rebase(sent, answer.conflicts))) {
          // The merge is saved; only showing it failed. Base on what was sent and fetch later.
          base.current = sent
          version.current = answer.version
        }
        callbacks.current.onSaved?.(answer)
        if (dirty.current) {
          setState({ kind: 'pending' })
          schedule(50)
        } else {
          setState({ kind: 'saved', at: answer.updatedAt ?? new Date().toISOString() })
        }
        return true
      }
      const { error } = result
      if (error.status === 409) {
        // Not editable any more (submitted meanwhile): stop and say so.
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
      schedule(wait)
      return false
    }
  }, [reportId, format, rebase, schedule, setState])

  const saveRef = useRef(saveOnce)
  saveRef.current = saveOnce
  const [saves] = useState(() => serialSaves(() => saveRef.current()))
  /** Saves what is unsaved; while a save is in flight, waits for it first (never two at once). */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (stopped.current) return false
    return saves.flush()
  }, [saves])
  flushRef.current = flush

  /** Call after every change. */
  const markChanged = useCallback(() => {
    if (stopped.current) return
    dirty.current = true
    // Unchanged when already pending: a keystroke must not render the whole editor again (not
    // even to bail out: the state is not set at all).
    const kind = store.get().kind
    if (kind !== 'failed' && kind !== 'invalid' && kind !== 'pending') setState({ kind: 'pending' })
    // The save in flight schedules the next when it ends.
    if (saves.busy) return
    schedule(delayMs)
  }, [delayMs, saves, schedule, setState, store])

  /**
   * The officer's choice at a conflict. The page already shows theirs (the stored value is the
   * base): 采用对方的 only closes it; 保留我的 puts mine back, which the next save sends with
   * theirs as its base.
   */
  const resolve = useCallback(
    (path: string, choice: 'mine' | 'theirs') => {
      const conflict = conflicts.find((c) => c.path === path)
      setConflicts((prev) => prev.filter((c) => c.path !== path))
      if (!conflict || choice === 'theirs') return
      const paragraph = PARAGRAPH.exec(path)
      if (!paragraph) {
        callbacks.current.setLeaf(path, conflict.mine)
        return
      }
      const narrative = paragraph[1]
      const lines = paragraphsOf(getAt(callbacks.current.read(), narrative.split('.')))
      const mine = conflict.mine === null ? [] : String(conflict.mine).split('\n')
      const at = Number(paragraph[2]) - 1
      if (conflict.theirs !== null && lines[at] === conflict.theirs) lines.splice(at, 1, ...mine)
      else lines.push(...mine)
      callbacks.current.setLeaf(narrative, lines.join('\n'))
    },
    [conflicts],
  )

  // Save at once when the tab is hidden or closed; warn before leaving with unsaved changes.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden' && dirty.current) void flush()
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current || saves.busy) {
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
  }, [flush, saves])

  return {
    /** The save state as a store (the header subscribes): reading it here renders nothing. */
    stateStore: store as Pick<ValueStore<SaveState>, 'get' | 'subscribe'>,
    /** The state while it is a conflict (read-only) or refused fields (`invalid`), else null. */
    blocking,
    conflicts,
    resolve,
    markChanged,
    flush,
    version: () => version.current,
    setVersion: (v: number) => {
      version.current = v
    },
    hasUnsaved: () => dirty.current || saves.busy,
  }
}
