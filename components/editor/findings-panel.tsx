'use client'
import { memo, useLayoutEffect, useRef, useState } from 'react'
import type { FindingsStore } from '@/lib/editor/findings-store'
import { StableFindings } from '@/lib/editor/stable-findings'
import type { FormatDef } from '@/lib/format/types'
import { type Finding, groupFindings } from '@/lib/rules/group-findings'
import { countTexts, type FindingHandlers, FindingsListWriter, SEVERITY_LABELS, SEVERITY_ORDER } from './findings-list'

export { SEVERITY_LABELS }

interface Props extends FindingHandlers {
  format: FormatDef
  /** The published results: the panel follows them outside React (decision 0860). */
  findings: FindingsStore
  explanations: Readonly<Record<string, string>>
  /** Rules whose warning the officer may explain (not the blank-cell ones: those need filling). */
  explainable: ReadonlySet<string>
  readOnly: boolean
}

/** The pending findings' keys and messages: the pending list renders only when these change. */
const pendingSignature = (pending: readonly Finding[]) =>
  pending.map((f) => `${f.key}\u0000${f.message}`).join('\u0001')

/**
 * Every open finding with its message and expected value; choosing one goes to the cell. One
 * discrepancy is one finding (lib/rules/group-findings.ts): the per-column balances of one
 * wrong cell of table 三 are listed together, naming the columns.
 *
 * React renders the frame (heading, counts, empty note, list, pending checks) on mount and when
 * the props change. A publish of the findings store writes the counts, the empty note and the
 * list's items to the DOM (components/editor/findings-list.ts), so a keystroke renders no
 * component here; the pending checks render only when they change (decision 0860).
 */
export const FindingsPanel = memo(function FindingsPanel({
  format,
  findings: store,
  explanations,
  explainable,
  readOnly,
  onChoose,
  onExplain,
  onDropStated,
  onFix,
}: Props) {
  const [showPending, setShowPending] = useState(false)
  const [stable] = useState(() => new StableFindings())
  const [pending, setPending] = useState(() => groupFindings(format, store.results).filter((f) => f.status === 'na'))
  const handlers = useRef<FindingHandlers>({ onChoose, onExplain, onDropStated, onFix })
  handlers.current = { onChoose, onExplain, onDropStated, onFix }
  const list = useRef<HTMLOListElement>(null)
  const empty = useRef<HTMLParagraphElement>(null)
  const counts = useRef<HTMLSpanElement>(null)
  const writer = useRef<FindingsListWriter | null>(null)
  const shownPending = useRef<string | null>(null)
  // The counts and the empty note as of this render (the server's HTML, and a render after a step
  // change); between renders the store's publishes write them.
  const failingNow = groupFindings(format, store.results).filter((f) => f.status === 'fail')
  const textsNow = countTexts(failingNow)

  // Mount and every change of props: the items' context, the current findings written, then
  // each publish written as it comes.
  useLayoutEffect(() => {
    if (!list.current) return
    writer.current ??= new FindingsListWriter(list.current)
    writer.current.setContext({ format, explainable, readOnly, handlers: () => handlers.current })
    let results: unknown = null
    const write = (force: boolean) => {
      if (!force && store.results === results) return
      results = store.results
      const all = stable.take(groupFindings(format, store.results))
      const failing = all.filter((f) => f.status === 'fail')
      const texts = countTexts(failing)
      for (const badge of counts.current?.children ?? []) {
        const severity = SEVERITY_ORDER.find((s) => badge.classList.contains(`badge-${s}`))
        if (severity && badge.textContent !== texts[severity]) badge.textContent = texts[severity]
      }
      if (empty.current) empty.current.hidden = failing.length > 0
      writer.current?.write(failing, explanations)
      const waiting = all.filter((f) => f.status === 'na')
      const signature = pendingSignature(waiting)
      if (signature !== shownPending.current) {
        // The first write takes the findings as mounted: the same pending checks, no render.
        if (shownPending.current !== null) setPending(waiting)
        shownPending.current = signature
      }
    }
    write(true)
    return store.subscribe(() => write(false))
  }, [store, stable, format, explainable, readOnly, explanations])

  return (
    <aside className="findings" aria-label="检查结果">
      {/* The relayout boundary (app/globals.css .findings-body): a keystroke lays out this box only. */}
      <div className="findings-body">
        <h2>
          检查结果
          <span className="findings-counts" ref={counts}>
            {SEVERITY_ORDER.map((s) => (
              <span key={s} className={`badge badge-${s}`} data-testid={`count-${s}`}>
                {textsNow[s]}
              </span>
            ))}
          </span>
        </h2>
        <p className="findings-empty" ref={empty} hidden={failingNow.length > 0}>
          没有发现问题。
        </p>
        {/* Its items are written from the findings store (components/editor/findings-list.ts). */}
        <ol className="findings-list" ref={list} />
        {pending.length > 0 ? (
          <div className="findings-pending">
            <button type="button" className="link" onClick={() => setShowPending((v) => !v)}>
              {pending.length} 项检查因有空白单元格暂不能判断{showPending ? '（收起）' : '（展开）'}
            </button>
            {showPending ? (
              <ul>
                {pending.map((f) => (
                  <li key={f.key}>
                    <button
                      type="button"
                      className="link"
                      title={`规则 ${f.ruleIds.join('、')}`}
                      onClick={() => onChoose({ ...f.results[0], focus: f.focus })}
                    >
                      {f.message}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </aside>
  )
})
