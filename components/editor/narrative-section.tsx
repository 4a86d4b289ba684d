'use client'
import { useMemo, useRef, useState } from 'react'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import { cleanPastedText, HEADING_LEVEL_NAMES, parseNarrative, type TextRun } from '@/lib/narrative'
import { MAX_NARRATIVE_CHARS } from '@/lib/report/schema'
import { type CellHandlers, CellInput, useInputError, useSectionValue } from './cell-input'
import { useEditorContext, useStillCurrent } from './editor-store'

interface Props {
  format: FormatDef
  section: Extract<SectionDef, { kind: 'narrative' | 'narrativeWithFacts' }>
  readOnly: boolean
  handlers: CellHandlers
  onText: (path: string, text: string) => void
  /** Writes the standard 信息处理费 sentence into the text (section 六). */
  onFeeStatement?: () => string | null
}

function Runs({ runs }: { runs: TextRun[] }) {
  return <>{runs.map((r, i) => (r.bold ? <strong key={i}>{r.text}</strong> : <span key={i}>{r.text}</span>))}</>
}

/** How the text will be typeset: heading levels and bold runs as in the exported report. */
export function NarrativePreview({ text }: { text: string }) {
  const paragraphs = useMemo(() => parseNarrative(text), [text])
  if (paragraphs.length === 0) return <p className="preview-empty">（尚无内容）</p>
  return (
    // Scrolls when long: focusable so that a keyboard user can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="preview-page" aria-label="排版预览" tabIndex={0}>
      {paragraphs.map((p, i) =>
        p.level === 0 ? (
          <p key={i} className="pv-body">
            <Runs runs={p.body} />
          </p>
        ) : (
          <p key={i} className={`pv-body pv-level-${p.level}`} title={HEADING_LEVEL_NAMES[p.level]}>
            <span className={`pv-heading-${p.level}`}>
              <Runs runs={p.heading} />
            </span>
            <Runs runs={p.body} />
          </p>
        ),
      )}
    </section>
  )
}

/** A message about the report as it was at one change: shown until the next change. */
interface Stamped {
  text: string
  version: number
}

export function NarrativeSection({ format, section, readOnly, handlers, onText, onFeeStatement }: Props) {
  const path = narrativePath(section) as string
  const text = (useSectionValue(path) as string | undefined) ?? ''
  const { findings } = useEditorContext()
  const textarea = useRef<HTMLTextAreaElement>(null)
  const [pasteError, setPasteError] = useState<Stamped | null>(null)
  const [feeMessage, setFeeMessage] = useState<Stamped | null>(null)
  const pasteErrorShown = useStillCurrent(pasteError?.version ?? null)
  const feeMessageShown = useStillCurrent(feeMessage?.version ?? null)
  const topics = section.kind === 'narrative' ? (section.topics ?? []) : []
  const error = useInputError(path)

  return (
    <div className="narrative">
      {section.kind === 'narrativeWithFacts' ? (
        <fieldset className="facts">
          <legend>{section.factsTitle}</legend>
          <div className="facts-row">
            {section.facts.map((f) => {
              const factPath = `${section.key}.${section.factsKey}.${f.key}`
              const info = cellByPath(format, factPath)
              return (
                <label key={f.key} className="fact">
                  <span>{f.label}</span>
                  <CellInput
                    path={factPath}
                    label={info?.label ?? f.label}
                    valueType={f.valueType}
                    derived={false}
                    readOnly={readOnly}
                    handlers={handlers}
                  />
                  <span className="fact-unit">{f.unit}</span>
                </label>
              )
            })}
            <button
              type="button"
              disabled={readOnly}
              onClick={() => {
                const written = onFeeStatement?.()
                setFeeMessage({
                  text: written ? '已写入标准表述，可在下方修改。' : '请先填写以上三项（没有的填0）。',
                  version: findings.version,
                })
              }}
            >
              生成标准表述
            </button>
          </div>
          {feeMessage && feeMessageShown ? <p className="hint">{feeMessage.text}</p> : null}
        </fieldset>
      ) : null}
      {topics.length > 0 ? (
        <div className="topics">
          <span>本部分通常包括：</span>
          <ul>
            {topics.map((t) => {
              const met = t.keywords.some((k) => text.includes(k))
              return (
                <li key={t.label} className={met ? 'topic-met' : 'topic-missing'}>
                  {met ? '✓' : '○'} {t.label}
                </li>
              )
            })}
          </ul>
          {text.trim() === '' && !readOnly ? (
            <button type="button" className="link" onClick={() => onText(path, topics.map((t) => t.label).join('\n'))}>
              插入提纲
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="narrative-columns">
        <label className="narrative-edit">
          <span className="label">正文（可从 Word 粘贴；以“一、”“（一）”“1.”“（1）”开头的段落为标题）</span>
          <textarea
            ref={textarea}
            data-path={path}
            value={text}
            readOnly={readOnly}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onText(path, e.target.value)}
            onPaste={(e) => {
              const raw = e.clipboardData.getData('text/plain')
              const cleaned = cleanPastedText(raw)
              e.preventDefault()
              if (text.length + cleaned.length > MAX_NARRATIVE_CHARS) {
                setPasteError({
                  text: `粘贴的内容过长（${cleaned.length}字），本部分最多${MAX_NARRATIVE_CHARS}字，未粘贴。`,
                  version: findings.version,
                })
                return
              }
              setPasteError(null)
              const el = e.currentTarget
              const next = text.slice(0, el.selectionStart) + cleaned + text.slice(el.selectionEnd)
              const caret = el.selectionStart + cleaned.length
              onText(path, next)
              requestAnimationFrame(() => el.setSelectionRange(caret, caret))
            }}
          />
          <span className="counter">{text.length} 字</span>
          {pasteError && pasteErrorShown ? (
            <span className="field-error" role="alert">
              {pasteError.text}
            </span>
          ) : null}
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </label>
        <section className="narrative-preview" aria-label="排版预览">
          <span className="label">排版预览</span>
          <NarrativePreview text={text} />
        </section>
      </div>
    </div>
  )
}
