'use client'
import { memo, useState } from 'react'
import { useWatch } from 'react-hook-form'
import type { CellValueType } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { useCellFinding, useCellValue, useEditorContext, useInputError } from './editor-store'

export type { CellMark } from './editor-store'

export interface CellHandlers {
  /** A valid value was typed (null = blank). */
  onCommit: (path: string, value: number | string | null) => void
  /** The typed text is not a value; the stored value stays as it was. */
  onInvalid: (path: string, message: string) => void
  onNavigate: (path: string, direction: 'up' | 'down' | 'left' | 'right') => void
  /** A block of several cells was pasted here (tab-separated text, and the HTML table if any). */
  onPasteBlock: (path: string, block: { text: string; html?: string }) => void
}

interface Props {
  /** The path below `sections` (applications.granted.natural). */
  path: string
  label: string
  valueType: CellValueType
  derived: boolean
  readOnly: boolean
  handlers: CellHandlers
}

export { useInputError } from './editor-store'

/** The stored value at this path: re-renders when it changes, not on other cells' changes. */
export function useSectionValue(path: string): unknown {
  const { control } = useEditorContext()
  return useWatch({ control, name: `sections.${path}`, exact: true })
}

const ARROWS: Record<string, 'up' | 'down' | 'left' | 'right'> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
}

/**
 * One cell of a statutory table: a native input, as fast as a spreadsheet cell. It subscribes to
 * its own value, refused-input error and finding, so a keystroke elsewhere does not render it.
 */
export const CellInput = memo(function CellInput({ path, label, valueType, derived, readOnly, handlers }: Props) {
  const value = useCellValue(path)
  const error = useInputError(path)
  const { mark, message } = useCellFinding(path)
  const { carried } = useEditorContext()
  // 上年结转 taken from last year's report, while the cell still holds that value.
  const isCarried = carried.has(path) && Object.is(carried.get(path), value)
  const type = VALUE_TYPES[valueType]
  /** What the officer typed, while it differs from the stored form (１２, or text that is no value). */
  const [draft, setDraft] = useState<string | null>(null)
  // Follow the stored value (derived totals, a pasted block, zero-fill) but keep what the officer
  // is typing when it already stands for that value (１２ for 12). Adjusted while rendering, not
  // in an effect, so that a changed total is drawn in the same commit as the keystroke.
  const [shownValue, setShownValue] = useState(value)
  if (!Object.is(shownValue, value)) {
    setShownValue(value)
    if (draft !== null) {
      const parsed = type.parse(draft)
      if (!(parsed.ok && parsed.value === value)) setDraft(null)
    }
  }
  // Refused text stays in the cell while its error does (the stored value is unchanged).
  const text = derived || draft === null || (!error && !type.parse(draft).ok) ? type.screenText(value) : draft

  // The rule mark has its own class family (cell-mark-*): it once shared `cell-error` with the
  // absolutely positioned message bubble and the input was drawn one row lower.
  const className = [
    'cell',
    derived ? 'cell-derived' : '',
    mark ? `cell-mark-${mark}` : '',
    error ? 'cell-invalid' : '',
    isCarried ? 'cell-carried' : '',
  ]
    .filter(Boolean)
    .join(' ')

  return (
    <div className="cell-wrap">
      <input
        className={className}
        data-path={path}
        aria-label={label}
        aria-invalid={error || mark === 'error' ? true : undefined}
        title={
          error
            ? `${label}：${error}`
            : (message ?? (derived ? '由各项自动合计' : isCarried ? `${label}（取自上年度年报的结转数）` : label))
        }
        data-origin={isCarried ? 'carried' : undefined}
        aria-describedby={error || message ? `msg-${path}` : undefined}
        data-mark={mark ?? undefined}
        inputMode={type.inputMode}
        autoComplete="off"
        value={text}
        placeholder={derived ? '自动' : ''}
        readOnly={derived || readOnly}
        tabIndex={derived ? -1 : 0}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={() => {
          // Show the stored form (１２ → 12) once the officer leaves a valid cell.
          if (!error) setDraft(null)
        }}
        onChange={(e) => {
          const next = e.target.value
          setDraft(next)
          const parsed = type.parse(next)
          if (parsed.ok) handlers.onCommit(path, parsed.value)
          else handlers.onInvalid(path, parsed.error)
        }}
        onKeyDown={(e) => {
          const direction = ARROWS[e.key] ?? (e.key === 'Enter' ? (e.shiftKey ? 'up' : 'down') : null)
          if (!direction) return
          e.preventDefault()
          handlers.onNavigate(path, direction)
        }}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData('text/plain')
          const html = e.clipboardData.getData('text/html')
          const table = /<table[\s>]/i.test(html)
          if (table || /[\t\n]/.test(pasted.replace(/\r?\n$/, ''))) {
            e.preventDefault()
            handlers.onPasteBlock(path, table ? { text: pasted, html } : { text: pasted })
          }
        }}
      />
      {/* Read by screen readers (aria-describedby reads hidden text); sighted users read the status
          line above the grid. Hidden, so a flagged total adds nothing to layout or paint; always
          there, so a mark coming or going changes its text, not the DOM (decision 0440). */}
      <span id={`msg-${path}`} className="cell-message" hidden>
        {error ?? message ?? ''}
      </span>
    </div>
  )
})
