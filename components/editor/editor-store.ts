'use client'
/**
 * The editor's subscriptions: the values live in react-hook-form (each cell watches its own
 * path), what the rules say about them in a FindingsStore (lib/editor/findings-store.ts), which
 * each cell, panel and count reads here through useSyncExternalStore, re-rendering only when its
 * own part changes.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react'
import type { Control } from 'react-hook-form'
import type { ErrorsStore } from '@/lib/editor/errors-store'
import type { CellFinding, FindingsStore } from '@/lib/editor/findings-store'
import type { ValuesStore } from '@/lib/editor/values-store'
import type { ReportData } from '@/lib/report/schema'

export type { CellFinding, CellMark } from '@/lib/editor/findings-store'

/** The form's control and the findings: the same for the editor's whole life. */
export interface EditorContextValue {
  control: Control<ReportData>
  findings: FindingsStore
  /** The table cells' values by path below `sections`, told on every publish (decision 0330). */
  values: ValuesStore
  /** Refused input by path below `sections`, told when the form's errors change (decision 0440). */
  errors: ErrorsStore
  /** Cells carried over from last year's report (report.origins) and the value carried. */
  carried: ReadonlyMap<string, unknown>
}

export const EditorContext = createContext<EditorContextValue | null>(null)

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext)
  if (!value) throw new Error('useEditorContext outside the report editor')
  return value
}

/** This cell's mark and message: re-renders only when they change. */
export function useCellFinding(path: string): CellFinding {
  const { findings } = useEditorContext()
  const subscribe = useCallback((l: () => void) => findings.subscribeCell(path, l), [findings, path])
  const read = () => findings.cell(path)
  return useSyncExternalStore(subscribe, read, read)
}

/**
 * A table cell's stored value (path below `sections`): re-renders only when it changes. Through
 * the values store, not react-hook-form's `useWatch`, so that setting a leaf neither clones the
 * form nor calls every cell's subscription (decision 0330).
 */
export function useCellValue(path: string): unknown {
  const { values } = useEditorContext()
  const subscribe = useCallback((l: () => void) => values.subscribe(path, l), [values, path])
  const read = () => values.get(path)
  return useSyncExternalStore(subscribe, read, read)
}

/**
 * The message of the refused input at this path (`sections.` + path) in the form's errors:
 * re-renders when this path's error changes, not on others'. Through the errors store (one
 * subscription to the form's errors for the whole editor), not a `useFormState` per cell, which
 * react-hook-form would call on every `setValue` (decision 0440).
 */
export function useInputError(path: string | null): string | undefined {
  const { errors } = useEditorContext()
  const subscribe = useCallback(
    (l: () => void) => (path === null ? () => {} : errors.subscribe(path, l)),
    [errors, path],
  )
  const read = () => (path === null ? undefined : errors.get(path))
  return useSyncExternalStore(subscribe, read, read)
}

/** A value computed from the published findings (a count, the statuses): re-renders when it changes. */
export function useFindings<T>(select: (store: FindingsStore) => T): T {
  const { findings } = useEditorContext()
  const read = () => select(findings)
  return useSyncExternalStore(findings.subscribe, read, read)
}

/** Whether nothing changed since `version`: a message about a state that is gone is not shown. */
export function useStillCurrent(version: number | null): boolean {
  return useFindings((s) => version !== null && s.version === version)
}
