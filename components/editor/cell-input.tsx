'use client'
import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react'
import { useWatch } from 'react-hook-form'
import type { CellValueType } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { type CellFinding, useEditorContext, useInputError } from './editor-store'

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
  /**
   * Drawn as text, editable only while focused (the spreadsheet pattern, decisions 0670 and 0720):
   * the statutory tables. Without it the cell is always an input (the few facts beside a narrative).
   */
  asText?: boolean
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

/** What a cell's finding and refused input write on its input (besides its value and class). */
interface Annotations {
  label: string
  derived: boolean
  carried: boolean
  error: string | undefined
}

const MARK_CLASSES = ['cell-mark-error', 'cell-mark-warning', 'cell-mark-info'] as const

function setAttribute(el: Element, name: string, value: string | null) {
  if (el.getAttribute(name) === value) return
  if (value === null) el.removeAttribute(name)
  else el.setAttribute(name, value)
}

/**
 * Writes the cell's rule mark (class `cell-mark-*`, `data-mark`), its title, `aria-invalid`,
 * `aria-describedby` and hidden message on the input, each only when it differs. Outside React
 * on purpose (decision 0520): a broken balance flips the marks of ~10 cells per keystroke, and a
 * render of an `<input>` costs React's whole input update (it rewrites `name` twice besides the
 * changed attributes). No cell renders through React on a keystroke (decision 0620).
 */
function annotate(input: HTMLElement, message: HTMLElement, path: string, a: Annotations, f: CellFinding) {
  for (const c of MARK_CLASSES) {
    const on = f.mark !== null && c === `cell-mark-${f.mark}`
    if (input.classList.contains(c) !== on) input.classList.toggle(c, on)
  }
  setAttribute(input, 'data-mark', f.mark)
  setAttribute(
    input,
    'title',
    a.error
      ? `${a.label}：${a.error}`
      : (f.message ?? (a.derived ? '由各项自动合计' : a.carried ? `${a.label}（取自上年度年报的结转数）` : a.label)),
  )
  setAttribute(input, 'aria-invalid', a.error || f.mark === 'error' ? 'true' : null)
  setAttribute(input, 'aria-describedby', a.error || f.message ? `msg-${path}` : null)
  const text = a.error ?? f.message ?? ''
  if (message.textContent !== text) message.textContent = text
}

/**
 * The cell's finding on its input, kept current without rendering it: the findings store tells
 * this cell's listener (lib/editor/findings-store.ts), and every render of the cell writes it
 * again (React may have rewritten the class). Returns the refs for the input and its message.
 */
function useAnnotations(path: string, annotations: Annotations) {
  const { findings } = useEditorContext()
  const input = useRef<HTMLElement>(null)
  const message = useRef<HTMLSpanElement>(null)
  const current = useRef(annotations)
  const write = useCallback(() => {
    if (input.current && message.current)
      annotate(input.current, message.current, path, current.current, findings.cell(path))
  }, [findings, path])
  useLayoutEffect(() => {
    current.current = annotations
    write()
  })
  useLayoutEffect(() => findings.subscribeCell(path, write), [findings, path, write])
  return { input, message }
}

/** Focus selects; arrows and Enter move between cells; a pasted block goes to the grid. */
const moving = (path: string, handlers: CellHandlers) => ({
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
    const direction = ARROWS[e.key] ?? (e.key === 'Enter' ? (e.shiftKey ? 'up' : 'down') : null)
    if (!direction) return
    e.preventDefault()
    handlers.onNavigate(path, direction)
  },
  onPaste: (e: React.ClipboardEvent<HTMLElement>) => {
    const pasted = e.clipboardData.getData('text/plain')
    const html = e.clipboardData.getData('text/html')
    const table = /<table[\s>]/i.test(html)
    if (table || /[\t\n]/.test(pasted.replace(/\r?\n$/, ''))) {
      e.preventDefault()
      handlers.onPasteBlock(path, table ? { text: pasted, html } : { text: pasted })
    }
  },
})

/** Read by screen readers (aria-describedby reads hidden text); its text is written by annotate(). */
const hiddenMessage = (path: string, ref: React.Ref<HTMLSpanElement>) => (
  // Sighted users read it in the status line above the grid, the title and the findings panel.
  // Hidden, so a flagged total adds nothing to layout or paint; always there, so a mark coming or
  // going changes its text, not the DOM (decision 0440).
  <span ref={ref} id={`msg-${path}`} className="cell-message" hidden />
)

/**
 * Writes a cell's text on its element: the editor input's value, or the drawn cell's text. A drawn
 * cell that is not being edited keeps its one text node and has its data replaced (decision 0800):
 * `textContent =` would remove the node and insert a new one, which Chromium treats as a layout
 * object removed and another added (style for the new node, `:empty` invalidated on the way), for
 * each total a keystroke changes. The editing host keeps `textContent` (its caret and undo).
 */
function writeText(el: HTMLElement, text: string) {
  if (el instanceof HTMLInputElement) {
    if (el.value !== text) el.value = text
    return
  }
  const node = el.firstChild
  if (text !== '' && node instanceof Text && node === el.lastChild && !el.isContentEditable) {
    if (node.data !== text) node.data = text
  } else if (el.textContent !== text) el.textContent = text
}

/**
 * Whether the browser has plain-text editing hosts (`contenteditable="plaintext-only"`: Chrome and
 * Safari for years, Firefox from 136). Firefox ESR 115/128, which we support, refuses the value
 * (setting it throws): there the focused table cell is the `<input>` of decision 0670.
 */
let plainTextHosts: boolean | undefined
function hasPlainTextHosts(): boolean {
  if (plainTextHosts === undefined) {
    const probe = document.createElement('div')
    try {
      probe.contentEditable = 'plaintext-only'
      plainTextHosts = probe.contentEditable === 'plaintext-only'
    } catch {
      plainTextHosts = false
    }
  }
  return plainTextHosts
}

/** Selects all of an editing host's text, as `input.select()` does (a focused cell is typed over). */
function selectContents(el: HTMLElement) {
  const selection = window.getSelection()
  if (!selection) return
  const range = document.createRange()
  range.selectNodeContents(el)
  selection.removeAllRanges()
  selection.addRange(range)
}

/**
 * One cell of a statutory table. In a table (`asText`) the cell is drawn as text in its `<td>`
 * and becomes the one `<input>` of the grid only while it has the focus (decision 0670: Chromium's
 * autofill pays on every key for each form control of the document). Neither an entered cell
 * (EnteredCell, decision 0620) nor a derived total (DerivedCell, decision 0520) renders on a
 * keystroke: values, refused-input classes and rule marks are written on the element.
 */
export const CellInput = memo(function CellInput(props: Props) {
  return props.derived ? <DerivedCell {...props} /> : <EnteredCell {...props} />
})

/**
 * A total the format derives: read-only, its text written from the values store when the total
 * changes (no React render per keystroke: the totals a typed cell feeds change on every key).
 * In a table it is text (never a form control); arrows and a pasted block still work from it.
 */
function DerivedCell({ path, label, valueType, handlers, asText }: Props) {
  const { values } = useEditorContext()
  const type = VALUE_TYPES[valueType]
  const error = useInputError(path)
  const { input, message } = useAnnotations(path, { label, derived: true, carried: false, error })
  // The text when the page opened; later values are written on the element (below), not rendered.
  const [initial] = useState(() => type.screenText(values.get(path)))
  useLayoutEffect(() => {
    const show = () => {
      if (input.current) writeText(input.current, type.screenText(values.get(path)))
    }
    show()
    return values.subscribe(path, show)
  }, [values, path, type, input])
  const className = error ? 'cell cell-derived cell-invalid' : 'cell cell-derived'
  return (
    <div className="cell-wrap">
      {asText ? (
        // biome-ignore lint/a11y/useSemanticElements: a total drawn as text, not a form control (decision 0670)
        <div
          ref={input as React.Ref<HTMLDivElement>}
          className={className}
          data-path={path}
          role="textbox"
          aria-label={label}
          aria-readonly="true"
          tabIndex={-1}
          {...moving(path, handlers)}
        >
          {initial}
        </div>
      ) : (
        <input
          ref={input as React.Ref<HTMLInputElement>}
          className={className}
          data-path={path}
          aria-label={label}
          inputMode={type.inputMode}
          autoComplete="off"
          defaultValue={initial}
          placeholder="自动"
          readOnly
          tabIndex={-1}
          onFocus={(e) => e.currentTarget.select()}
          {...moving(path, handlers)}
        />
      )}
      {hiddenMessage(path, message)}
    </div>
  )
}

/**
 * A cell the officer fills in: an uncontrolled input (decision 0620), or in a table its text,
 * which becomes a plain-text editing host while focused (decisions 0670, 0720: no form control,
 * so no autofill task on each edit). Its text,
 * its refused-input class, its carried-over mark and its rule mark are written on the element by
 * `show()`, told by the values store (its stored value changed: a paste, zero-fill, another tab's
 * save), the errors store (its refused input came or went) and the findings store (its mark
 * changed). A keystroke renders nothing through React: the typed text is already in the element,
 * and `onChange`/`onInput` hands the parsed value to react-hook-form (validated by its resolver) and the
 * values store as before. Focusing or leaving a table cell renders that cell alone.
 */
function EnteredCell({ path, label, valueType, readOnly, handlers, asText }: Props) {
  const { values, errors, findings, carried } = useEditorContext()
  const type = VALUE_TYPES[valueType]
  const input = useRef<HTMLElement>(null)
  const message = useRef<HTMLSpanElement>(null)
  /** A table cell has its input only while focused (decision 0670). */
  const [editing, setEditing] = useState(!asText)
  /** What the officer typed, while it differs from the stored form (１２, or text that is no value). */
  const draft = useRef<string | null>(null)
  /** The table cell's editor was just focused: a click's mouseup must not undo its select-all. */
  const selectOnMouseUp = useRef(false)
  // The text and marks when the page opened; later ones are written by show(), not rendered.
  const [initial] = useState(() => {
    const value = values.get(path)
    return { value, text: type.screenText(value), carried: carried.has(path) && Object.is(carried.get(path), value) }
  })
  /** The stored value the element last showed. */
  const shownValue = useRef(initial.value)
  const show = useCallback(() => {
    const el = input.current
    const msg = message.current
    if (!el || !msg) return
    const value = values.get(path)
    const error = errors.get(path)
    // Follow the stored value but keep what the officer is typing when it already stands for that
    // value (１２ for 12).
    if (!Object.is(shownValue.current, value)) {
      shownValue.current = value
      if (draft.current !== null) {
        const parsed = type.parse(draft.current)
        if (!(parsed.ok && parsed.value === value)) draft.current = null
      }
    }
    // Refused text stays in the cell while its error does (the stored value is unchanged).
    const d = draft.current
    writeText(el, d === null || (!error && !type.parse(d).ok) ? type.screenText(value) : d)
    // 上年结转 taken from last year's report, while the cell still holds that value.
    const isCarried = carried.has(path) && Object.is(carried.get(path), value)
    if (el.classList.contains('cell-invalid') !== Boolean(error)) el.classList.toggle('cell-invalid', Boolean(error))
    if (el.classList.contains('cell-carried') !== isCarried) el.classList.toggle('cell-carried', isCarried)
    setAttribute(el, 'data-origin', isCarried ? 'carried' : null)
    annotate(el, msg, path, { label, derived: false, carried: isCarried, error }, findings.cell(path))
  }, [values, errors, findings, carried, path, label, type])
  useLayoutEffect(() => {
    show()
    const off = [values.subscribe(path, show), errors.subscribe(path, show), findings.subscribeCell(path, show)]
    return () => {
      for (const f of off) f()
    }
  }, [values, errors, findings, path, show])
  // The element changed (text ↔ input): write the current text and marks on the new one, and
  // give the input the focus its text had.
  const shownEditing = useRef(editing)
  // Focused before the page's script ran (a fast click or a test's focus()): the input now.
  useLayoutEffect(() => {
    if (input.current && document.activeElement === input.current && !shownEditing.current) setEditing(true)
  }, [])
  useLayoutEffect(() => {
    if (shownEditing.current === editing) return
    shownEditing.current = editing
    show()
    const el = input.current
    if (!editing || !el) return
    // In a table the text's element stays (React keeps the div and makes it editable): it has the
    // focus already, and its text is selected, as the input's select() did (typed over).
    if (document.activeElement !== el) el.focus()
    if (asText && !(el instanceof HTMLInputElement)) {
      selectContents(el)
      selectOnMouseUp.current = true
    }
  }, [editing, show, asText])

  /** The officer's text: a value goes to the form (and the rules), anything else is refused input. */
  const edited = (next: string) => {
    draft.current = next
    const parsed = type.parse(next)
    if (parsed.ok) handlers.onCommit(path, parsed.value)
    else handlers.onInvalid(path, parsed.error)
  }

  // The rule mark (cell-mark-*, written by annotate()) has its own class family: it once shared
  // `cell-error` with the absolutely positioned message bubble and the input was drawn one row lower.
  // The class as the page opened: React never changes it, show() toggles cell-invalid and cell-carried.
  const className = initial.carried ? 'cell cell-carried' : 'cell'
  /** Leaving the cell: a valid entry shows its stored form (１２ → 12); a table cell is text again. */
  const left = () => {
    if (!errors.get(path) && draft.current !== null) {
      draft.current = null
      show()
    }
    if (asText) setEditing(false)
  }
  /**
   * A table cell drawn as text, and the same element while it is the editing host (decision 0720):
   * a div with the textbox role, since the grid has no form control until one is needed (0670).
   */
  const textCell = {
    ref: input as React.Ref<HTMLDivElement>,
    className,
    'data-path': path,
    role: 'textbox',
    'aria-label': label,
    'aria-readonly': readOnly ? ('true' as const) : undefined,
    'data-origin': initial.carried ? 'carried' : undefined,
    tabIndex: 0,
  }
  return (
    <div className="cell-wrap">
      {editing && asText && hasPlainTextHosts() ? (
        // The focused table cell is a plain-text editing host, not an `<input>` (decision 0720):
        // Chromium's autofill posts a task on every edit of a text field (form_submission_tracker
        // FormControlDidChange), which lays the page out again after the frame, in front of the
        // next task; an editing host is no form control and is not tracked.
        <div
          {...textCell}
          contentEditable={readOnly ? 'false' : 'plaintext-only'}
          inputMode={type.inputMode}
          spellCheck={false}
          // A click's mouseup places the caret after the focus selected the text: select it again,
          // so that a clicked cell, like a tabbed-to one, is typed over (as the input's select()).
          onMouseUp={(e) => {
            if (!selectOnMouseUp.current) return
            selectOnMouseUp.current = false
            if (window.getSelection()?.isCollapsed) selectContents(e.currentTarget)
          }}
          onKeyUp={() => {
            selectOnMouseUp.current = false
          }}
          onBlur={left}
          onInput={(e) => edited(e.currentTarget.textContent ?? '')}
          {...moving(path, handlers)}
        />
      ) : editing ? (
        <input
          ref={input as React.Ref<HTMLInputElement>}
          className={className}
          data-path={path}
          aria-label={label}
          data-origin={initial.carried ? 'carried' : undefined}
          inputMode={type.inputMode}
          autoComplete="off"
          defaultValue={initial.text}
          readOnly={readOnly}
          tabIndex={0}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={left}
          onChange={(e) => edited(e.target.value)}
          {...moving(path, handlers)}
        />
      ) : (
        // Drawn as text until focused: focus (a click, Tab, an arrow, 转到) puts the input here.
        <div
          {...textCell}
          onFocus={() => setEditing(true)}
          // A block pasted, or an arrow pressed, before the input took its place (focused before
          // the page's script ran) is handled here as in the input.
          {...moving(path, handlers)}
        >
          {initial.text}
        </div>
      )}
      {hiddenMessage(path, message)}
    </div>
  )
}
